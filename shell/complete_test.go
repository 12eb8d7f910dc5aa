package shell_test

import (
	"context"
	"database/sql"
	"os"
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

// completionDB holds admin and zoe (management), sam and sue (support), carl
// (commercial); carl's clients Kevin Casey (1, Cool Startup LLC) and Jane
// Doe (2, Acme) with one contract each, and the event Launch.
func completionDB(tb testing.TB) *query.DB {
	db := mustOpenDB(tb)
	mustCreateCollaborators(tb, db, model.Management, "admin", "zoe")
	mustCreateCollaborators(tb, db, model.Support, "sam", "sue")
	mustCreateCollaborators(tb, db, model.Commercial, "carl")
	carl := int64(5)
	mustUpdate(tb, db, func(tx *query.Tx) error {
		for _, c := range []model.Client{
			{FirstName: "Kevin", LastName: "Casey", Email: "kevin@x.io", Phone: "0102030405", CompanyName: "Cool Startup LLC", SalesContactID: &carl},
			{FirstName: "Jane", LastName: "Doe", Email: "jane@x.io", Phone: "0102030405", CompanyName: "Acme", SalesContactID: &carl},
		} {
			if err := tx.CreateClient(&c); err != nil {
				return err
			}
			k := model.Contract{ClientID: c.ID, SalesContactID: &carl, TotalAmount: 1000, AmountDue: 1000, Signed: true}
			if err := tx.CreateContract(&k); err != nil {
				return err
			}
		}
		start := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
		return tx.CreateEvent(&model.Event{Name: "Launch", ContractID: 1, Start: start, End: start.Add(time.Hour),
			Location: "Paris", Attendees: 10})
	})
	return db
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

func TestComplete(t *testing.T) {
	db := completionDB(t)
	// A generous timeout: a loaded test machine must not fail the test.
	c := &shell.Completer{Completer: commands.Completer{Table: commands.Table(), DB: db, Timeout: time.Minute}}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "cmds.txt"), nil, 0o600)
	os.Mkdir(filepath.Join(dir, "more"), 0o700)
	os.WriteFile(filepath.Join(dir, ".hidden"), nil, 0o600)

	tests := []struct {
		name, text string
		want       []string
	}{
		{"EmptyLine", "", []string{}},
		{"Command", "cli", []string{"client"}},
		{"CommandAnyCase", "Us", []string{"user"}},
		{"UnknownCommand", "bogus ", []string{}},
		{"SubCommands", "client ", []string{"list", "show", "create", "update", "import"}},
		{"SubCommand", "contract s", []string{"show", "sign"}},
		{"Flag", "event update 1 --sup", []string{"--support"}},
		{"FlagsNotAgain", "contract create --client 1 --total 5 --", []string{"--due", "--signed", "--format", "--help"}},
		{"SupportUsernames", "event update 1 --support ", []string{"none", "sam", "sue"}},
		{"SupportPrefix", "event update 1 --support su", []string{"sue"}},
		{"SupportAssignArg", "event assign 1 ", []string{"none", "sam", "sue", "--format", "--help"}},
		{"SalesUsernames", "client list --sales ", []string{"carl"}},
		{"AnyUsername", "user delete carl --reassign-to ", []string{"admin", "carl", "sam", "sue", "zoe"}},
		{"UserArg", "user show z", []string{"zoe"}},
		{"Departments", "user create --department ", []string{"commercial", "support", "management"}},
		{"Formats", "user list --format j", []string{"json"}},
		{"FlagEquals", "client list --sort=comp", []string{"--sort=company_name"}},
		{"SortFields", "user list --sort first", []string{"first_name"}},
		{"Entities", "audit --entity c", []string{"client", "contract"}},
		{"ClientIDByPrefix", "client show 1", []string{"1"}},
		{"ClientIDByName", "client show cas", []string{"1"}},
		{"ClientIDByCompany", "client show Acm", []string{"2"}},
		{"ClientFlagID", "contract list --client 2", []string{"2"}},
		{"ContractID", "contract sign 2", []string{"2"}},
		{"EventIDByName", "event show lau", []string{"1"}},
		{"TermField", "contract list amount", []string{"amount_due"}},
		{"TermFieldAndLonger", "client list sales_contact", []string{"sales_contact=", "sales_contact<",
			"sales_contact>", "sales_contact~", "sales_contact!=", "sales_contact<=", "sales_contact>=", "sales_contact_id"}},
		{"TermOperator", "contract list amount_due>", []string{"amount_due>", "amount_due>="}},
		{"TermBang", "contract list amount_due!", []string{"amount_due!="}},
		{"TermValue", "contract list amount_due=", []string{}},
		{"TermSupportValues", "event list support_contact=", []string{"support_contact=none", "support_contact=sam", "support_contact=sue"}},
		{"TermSupportPrefix", "event list support_contact!=su", []string{"support_contact!=sue"}},
		{"TermSalesValues", "client list sales_contact=", []string{"sales_contact=carl"}},
		{"TermBoolValues", "contract list signed=f", []string{"signed=false"}},
		{"TermDepartments", "user list department=s", []string{"department=support"}},
		{"TermClientIDs", "contract list client_id=2", []string{"client_id=2"}},
		{"TermContainsNoValues", "event list support_contact~s", []string{}},
		{"TermUnknownField", "contract list nothing=", []string{}},
		{"NoTermsForShow", "client show 1 company", []string{}},
		{"InsideQuotes", `event list location~"Saint`, []string{}},
		{"AfterQuotedWord", `event list location~"Saint Malo" --no-s`, []string{"--no-support"}},
		{"Help", "help cl", []string{"client"}},
		{"HelpSub", "help contract p", []string{"pay"}},
		{"SourceFiles", "source " + dir + "/", []string{dir + "/cmds.txt", dir + "/more/"}},
		{"ImportFiles", "client import " + dir + "/", []string{dir + "/cmds.txt", dir + "/more/"}},
		{"ImportFlags", "client import x.csv --", []string{"--sales", "--dry-run", "--format", "--help"}},
		{"ImportSales", "client import x.csv --sales ", []string{"carl"}},
		{"AfterDashDash", "client show -- 2", []string{"2"}},
		{"NotAfterArgs", "client show 1 ", []string{"--columns", "--expanded", "--format", "--help"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := texts(complete(c, tt.text)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("%q: got %q, want %q", tt.text, got, tt.want)
			}
		})
	}

	t.Run("Descriptions", func(t *testing.T) {
		got := complete(c, "client show 1")
		if len(got) == 0 || got[0].Description != "Kevin Casey — Cool Startup LLC" {
			t.Errorf("got %+v", got)
		}
		got = complete(c, "event update 1 --sup")
		if len(got) != 1 || got[0].Description != "the support contact, or none (management)" {
			t.Errorf("got %+v", got)
		}
	})

	t.Run("NoLookupsLoggedOut", func(t *testing.T) {
		off := &shell.Completer{Completer: commands.Completer{Table: commands.Table(), DB: db, Lookups: func() bool { return false }}}
		if got := texts(complete(off, "login a")); len(got) != 0 {
			t.Errorf("usernames offered without a session: %q", got)
		}
		if got := texts(complete(off, "user create --department s")); !reflect.DeepEqual(got, []string{"support"}) {
			t.Errorf("got %q", got)
		}
	})

	t.Run("NoDatabase", func(t *testing.T) {
		off := &shell.Completer{Completer: commands.Completer{Table: commands.Table()}}
		if got := texts(complete(off, "client show ")); !reflect.DeepEqual(got, []string{"--columns", "--expanded", "--format", "--help"}) {
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
