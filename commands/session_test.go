package commands

import (
	"errors"
	"os"
	"testing"
	"time"
)

// TestSessionExpiry: an expired session fails a command with the one
// sentinel error, which errors.Is tells apart; Who still names its
// collaborator (inactive) until the file is removed; Relogin, the explicit
// step the shell takes with the password it asked for, opens a new one.
func TestSessionExpiry(t *testing.T) {
	e := newEnv(t).as("carl")
	if w, ok := e.App.Who(); !ok || w.Username != "carl" || w.Department != "commercial" || !w.Active {
		t.Fatalf("Who = %+v, %v", w, ok)
	}
	e.now = e.now.Add(25 * time.Hour) // as() signs for 24 hours
	if w, ok := e.App.Who(); !ok || w.Username != "carl" || w.Active {
		t.Fatalf("Who after expiry = %+v, %v; want carl, inactive", w, ok)
	}
	_, err := e.run("client list")
	if !errors.Is(err, ErrSessionExpired) {
		t.Fatalf("err = %v, want ErrSessionExpired", err)
	}
	if _, err := os.Stat(e.App.Session.Path); !os.IsNotExist(err) {
		t.Fatalf("the expired session is still there: %v", err)
	}
	if _, ok := e.App.Who(); ok {
		t.Fatal("Who names a collaborator once the session is removed")
	}
	if err := e.App.Relogin(t.Context(), "carl", "wrong password", func(Result) error { return nil }); errors.Is(err, ErrSessionExpired) || err == nil {
		t.Fatalf("relogin with a wrong password: %v", err)
	}
	var note string
	if err := e.App.Relogin(t.Context(), "carl", testPassword, func(r Result) error { note = r.Note; return nil }); err != nil {
		t.Fatal(err)
	}
	if note != "Logged in as carl (commercial)" {
		t.Fatalf("note %q", note)
	}
	e.must("client list")
}

// TestHandlersDoNotChangeTheirInput: the invocation a handler ran with is
// the same after it ran (event assign, audit --actor used to write into
// theirs).
func TestHandlersDoNotChangeTheirInput(t *testing.T) {
	e := newEnv(t).as("mia")
	for _, line := range []string{"event assign 3 sam", "audit --actor ghost", "contract update 1 --signed"} {
		inv, err := Parse(e.App.Table, split(line))
		if err != nil {
			t.Fatal(err)
		}
		given := len(inv.given)
		terms := len(inv.List.Terms)
		args := append([]string(nil), inv.Args...)
		if err := e.App.Run(t.Context(), inv, func(r Result) error {
			if r.Rows != nil {
				return r.Rows(func([]any) error { return nil })
			}
			return nil
		}); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		if len(inv.given) != given || len(inv.List.Terms) != terms || len(inv.Args) != len(args) {
			t.Fatalf("%s: the invocation changed", line)
		}
	}
}
