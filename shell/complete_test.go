package shell_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/c-bata/go-prompt"

	"epicevents/commands"
	"epicevents/model"
	"epicevents/query"
	"epicevents/shell"
)

// mustOpenDB opens a new database in a temporary folder.
func mustOpenDB(tb testing.TB) *query.DB {
	tb.Helper()
	db, err := query.Open(context.Background(), filepath.Join(tb.TempDir(), "epicevents.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// mustUpdate runs fn in a write transaction.
func mustUpdate(tb testing.TB, db *query.DB, fn func(tx *query.Tx) error) {
	tb.Helper()
	if err := db.Update(context.Background(), fn); err != nil {
		tb.Fatal(err)
	}
}

// mustCreateCollaborators creates one collaborator per username, in dept.
func mustCreateCollaborators(tb testing.TB, db *query.DB, dept model.Department, usernames ...string) {
	tb.Helper()
	mustUpdate(tb, db, func(tx *query.Tx) error {
		for _, u := range usernames {
			c := model.Collaborator{Username: u, Email: u + "@x.io", PasswordHash: "x", FirstName: "F" + u,
				LastName: "L" + u, Department: dept}
			if err := tx.CreateCollaborator(&c); err != nil {
				return err
			}
		}
		return nil
	})
}

// complete returns the suggestions for text typed with the cursor at its
// end.
func complete(c *shell.Completer, text string) []prompt.Suggest {
	b := prompt.NewBuffer()
	b.InsertText(text, false, true)
	return c.Complete(*b.Document())
}

func texts(list []prompt.Suggest) []string {
	out := []string{}
	for _, s := range list {
		out = append(out, s.Text)
	}
	return out
}

// TestComplete checks what the shell adds to the commands layer's
// completer (commands/complete_test.go holds the rules of completion): the
// line is split by the lexer, quotes included; the list of commands waits
// for Tab; a suggestion that would need quotes is left out; and a panic
// never leaves Complete.
func TestComplete(t *testing.T) {
	db := mustOpenDB(t)
	mustCreateCollaborators(t, db, model.Support, "sam", "sue")
	// A generous timeout: a loaded test machine must not fail the test.
	c := &shell.Completer{Completer: commands.Completer{Table: commands.Table(), DB: db, Timeout: time.Minute}}

	tests := []struct {
		name, text string
		want       []string
	}{
		{"EmptyLineWithoutTab", "", []string{}},
		{"Command", "cli", []string{"client"}},
		{"Values", "event update 1 --support ", []string{"none", "sam", "sue"}},
		{"InsideQuotes", `event list location~"Saint`, []string{}},
		{"AfterQuotedWord", `event list location~"Saint Malo" --no-s`, []string{"--no-support"}},
		{"AfterEscapedSpace", `event list location~Saint\ Malo --no-s`, []string{"--no-support"}},
		{"LastLineOfAPaste", "client list\nuser sh", []string{"show"}},
		{"UnclosedQuote", `client show "Ja`, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := texts(complete(c, tt.text)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("%q: got %q, want %q", tt.text, got, tt.want)
			}
		})
	}

	t.Run("Descriptions", func(t *testing.T) {
		got := complete(c, "event update 1 --sup")
		if len(got) != 1 || got[0].Description != "the support contact, or none (management)" {
			t.Errorf("got %+v", got)
		}
	})

	t.Run("NeedsQuotesLeftOut", func(t *testing.T) {
		mustCreateCollaborators(t, db, model.Support, "su e")
		got := texts(complete(c, "event update 1 --support s"))
		if !reflect.DeepEqual(got, []string{"sam", "sue"}) {
			t.Errorf("got %q", got)
		}
	})

	t.Run("ClosedDatabaseDoesNotPanic", func(t *testing.T) {
		closed := mustOpenDB(t)
		closed.Close()
		broken := &shell.Completer{Completer: commands.Completer{Table: commands.Table(), DB: closed}}
		complete(broken, "client show 1")
		complete(&shell.Completer{Completer: commands.Completer{}}, "client show 1")
	})
}

// BenchmarkComplete measures one completion of a client id among 100,000
// clients, as the prompt asks after every key.
func BenchmarkComplete(b *testing.B) {
	db := mustOpenDB(b)
	mustCreateCollaborators(b, db, model.Commercial, "carl")
	raw, err := sql.Open("sqlite3", db.Path)
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(manyClients(100000, 1)); err != nil {
		b.Fatal(err)
	}
	c := &shell.Completer{Completer: commands.Completer{Table: commands.Table(), DB: db, Timeout: time.Minute}}
	for _, text := range []string{"client show ", "client show 4242", "client show Last4242", "client show comp",
		"event list --client 9", "client list --sales c"} {
		b.Run(text, func(b *testing.B) {
			b.Helper()
			for b.Loop() {
				if len(complete(c, text)) == 0 {
					b.Fatalf("%q: no suggestion", text)
				}
			}
		})
	}
}
