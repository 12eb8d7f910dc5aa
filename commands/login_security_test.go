package commands

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"epicevents/model"
	"epicevents/query"
	"epicevents/security"
)

// withPassword makes the logins of e read pw.
func (e *testEnv) withPassword(pw string) *testEnv {
	e.App.Getenv = func(k string) string {
		if k == "EPICEVENTS_PASSWORD" || k == "EPICEVENTS_NEW_PASSWORD" {
			return pw
		}
		return ""
	}
	return e
}

func (e *testEnv) mustFailLogin(line, want string) {
	e.t.Helper()
	_, err := e.run(line)
	if model.ErrorCode(err) != model.EUNAUTHENTICATED || !strings.Contains(err.Error(), want) {
		e.t.Fatalf("%s: %v; want %q", line, err, want)
	}
}

// TestLoginLockoutPerAccount (issue 11 finding 1): failures count per
// account whatever form names it, username or id (1, 0001, +1), and per
// normalised name for unknown ones.
func TestLoginLockoutPerAccount(t *testing.T) {
	e := newEnv(t).as("")
	e.withPassword("wrong-password")
	forms := []string{"mia", "1", "01", "+1", "0001"}
	for _, f := range forms {
		e.mustFailLogin("login "+f, "invalid username or password")
	}
	e.withPassword(testPassword)
	for _, f := range append(forms, "MIA", "001") {
		e.mustFailLogin("login "+f, "too many failed logins for "+f)
	}
	if _, err := e.run("login carl"); err != nil {
		t.Fatalf("another account locked too: %v", err)
	}
	e.withPassword("wrong-password")
	for _, f := range []string{"ghost", "Ghost", " ghost", "GHOST", "ghost"} {
		e.mustFailLogin("login "+f, "invalid username or password")
	}
	e.mustFailLogin("login ghost", "too many failed logins for ghost")
	for _, f := range []string{"99", "099", "+99", "0099", "99"} {
		e.mustFailLogin("login "+f, "invalid username or password")
	}
	e.mustFailLogin("login 00099", "too many failed logins")
}

// TestLoginLockoutWindow (issue 16 point 2): with a clock the test moves,
// a lock ends 15 minutes after the last failure, and failures older than
// the window do not count.
func TestLoginLockoutWindow(t *testing.T) {
	e := newEnv(t).as("")
	start := e.now
	e.withPassword("wrong-password")
	for i := range 5 {
		e.now = start.Add(time.Duration(i) * time.Minute)
		e.mustFailLogin("login sam", "invalid username or password")
	}
	last := e.now
	e.withPassword(testPassword)
	e.now = last.Add(15*time.Minute - time.Second)
	e.mustFailLogin("login sam", "too many failed logins for sam: try again in 1 minutes")
	e.now = last.Add(15 * time.Minute)
	if _, err := e.run("login sam"); err != nil {
		t.Fatalf("still locked 15 minutes after the last failure: %v", err)
	}

	// Four failures, then 16 minutes later four more: never five within
	// the window, never locked.
	e.withPassword("wrong-password")
	for round := range 2 {
		base := last.Add(time.Duration(round+1) * 16 * time.Minute)
		for i := range 4 {
			e.now = base.Add(time.Duration(i) * time.Second)
			e.mustFailLogin("login sue", "invalid username or password")
		}
	}
	e.withPassword(testPassword)
	if _, err := e.run("login sue"); err != nil {
		t.Fatalf("failures older than the window counted: %v", err)
	}
}

// TestLoginChecksPasswordOutsideTransactions (issue 11 findings 2 and 3):
// while bcrypt runs, another process can write (no lock is held), and an
// unknown user and a wrong password each cost exactly one comparison at
// the cost of real hashes.
func TestLoginChecksPasswordOutsideTransactions(t *testing.T) {
	e := newEnv(t).as("")
	other := reopen(t, e.DB)
	var calls []string
	e.App.verify = func(hash, pw string) bool {
		calls = append(calls, hash)
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if err := other.Update(ctx, func(tx *query.Tx) error { return tx.RecordLoginFailure("writer") }); err != nil {
			t.Errorf("a writer waited for the password check: %v", err)
		}
		return security.VerifyPassword(hash, pw)
	}
	e.withPassword("wrong-password")
	for _, who := range []string{"mia", "nobody"} {
		calls = nil
		e.mustFailLogin("login "+who, "invalid username or password")
		if len(calls) != 1 {
			t.Fatalf("login %s compared %d times, want once", who, len(calls))
		}
	}
}

func reopen(t *testing.T, db *query.DB) *query.DB {
	t.Helper()
	o, err := query.Open(context.Background(), db.Path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { o.Close() })
	return o
}

// TestLoginNotRecordedWithoutSession (issue 11 finding 10): a login whose
// session cannot be saved fails, says why, and is not recorded.
func TestLoginNotRecordedWithoutSession(t *testing.T) {
	e := newEnv(t).as("")
	if err := os.Mkdir(e.App.Session.Path, 0o700); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(e.App.Session.Path, "x"), nil, 0o600)
	_, err := e.run("login mia")
	if model.ErrorCode(err) != model.EENV || !strings.Contains(err.Error(), e.App.Session.Path) {
		t.Fatalf("login = %v; want an environment error naming the session file", err)
	}
	os.RemoveAll(e.App.Session.Path)
	e.as("mia")
	out, err := e.run("audit --entity user")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range out.Rows {
		if r["action"] == "login" {
			t.Fatalf("the login was recorded: %v", r)
		}
	}
}

// TestSessionBoundToDatabase (issue 11 finding 4): two databases set up
// in the same second, sharing the key, give their first collaborators the
// same id and creation time; a session of one never opens the other. A
// session is bound to the username too.
func TestSessionBoundToDatabase(t *testing.T) {
	a, b := newEnv(t), newEnv(t)
	b.App.Key = a.App.Key
	a.as("mia")
	tok, err := a.App.Session.Load()
	if err != nil {
		t.Fatal(err)
	}
	if err := b.App.Session.Save(tok); err != nil {
		t.Fatal(err)
	}
	if _, err := b.run("whoami"); model.ErrorCode(err) != model.EUNAUTHENTICATED ||
		!strings.Contains(err.Error(), "another database") {
		t.Fatalf("a session of another database opened this one: %v", err)
	}
	if _, err := a.run("whoami"); err != nil {
		t.Fatalf("the session does not open its own database: %v", err)
	}
	// A session of carl, id 2, after carl is renamed: its username names
	// no one, refused.
	a.as("carl")
	carlSession, _ := a.App.Session.Load()
	a.as("mia")
	if _, err := a.run("user update 2 --username carlos"); err != nil {
		t.Fatal(err)
	}
	if err := a.App.Session.Save(carlSession); err != nil {
		t.Fatal(err)
	}
	if _, err := a.run("whoami"); model.ErrorCode(err) != model.EUNAUTHENTICATED {
		t.Fatalf("a session of username carl opened carlos's account: %v", err)
	}
}
