package commands

import (
	"context"
	"testing"

	"epicevents/model"
)

// TestICSOnlyEvents: --format ics is refused, before anything runs, by
// every command whose records are not events, and for a count; the shell's
// own format (set on the invocation) is checked the same way.
func TestICSOnlyEvents(t *testing.T) {
	e := newEnv(t).as("carl")
	for _, line := range []string{"client list --format ics", "user show carl --format ics", "whoami --format ics",
		"contract list --count --format ics", "audit --format ics"} {
		e.fails(line, model.EUSAGE, "--format ics is for events only (event list, event show)")
	}
	e.fails("event list --count --format ics", model.EUSAGE, "--format ics lists events: it cannot print a count")
	for _, line := range []string{"event list --columns id,name --format ics", "event show 1 --columns all --format ics"} {
		e.fails(line, model.EUSAGE, "--format ics prints whole events: --columns does not apply")
	}

	before := e.fingerprint()
	inv, err := Parse(e.App.Table, split("client create --first-name A --last-name B --email a@b.test --phone 0102030405 --company C"))
	if err != nil {
		t.Fatal(err)
	}
	inv.Format = "ics" // as the shell sets its format
	err = e.App.Run(context.Background(), inv, func(Result) error { return nil })
	if model.ErrorCode(err) != model.EUSAGE || e.fingerprint() != before {
		t.Fatalf("client create in ics: %v; the database changed: %v", err, e.fingerprint() != before)
	}
	inv, _ = Parse(e.App.Table, split("logout"))
	inv.Format = "ics"
	if err := e.App.Run(context.Background(), inv, func(Result) error { return nil }); err != nil {
		t.Errorf("logout with the shell's format ics: %v", err)
	}
}

// TestICSDatabaseID: an ics result names its database, the same at every
// run, for the UIDs of its events; other formats need no such thing.
func TestICSDatabaseID(t *testing.T) {
	e := newEnv(t).as("sam")
	ids := map[string]bool{}
	for _, line := range []string{"event list --format ics", "event show 1 --format ics", "event list --mine --upcoming --format ics"} {
		err := e.App.Execute(context.Background(), split(line), func(r Result) error {
			if r.DatabaseID == "" {
				t.Errorf("%s: no database id", line)
			}
			ids[r.DatabaseID] = true
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(ids) != 1 {
		t.Errorf("database ids %v, want one", ids)
	}
	e.App.Execute(context.Background(), split("event list --format json"), func(r Result) error {
		if r.DatabaseID != "" {
			t.Errorf("a JSON list carries a database id")
		}
		return nil
	})
}
