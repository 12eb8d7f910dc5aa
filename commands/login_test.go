package commands

import (
	"context"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"epicevents/model"
	"epicevents/query"
	"epicevents/security"
)

// loggedIn returns the username of the saved session, "" when there is none.
func (e *testEnv) loggedIn() string {
	e.t.Helper()
	token, err := e.App.Session.Load()
	if err != nil {
		e.t.Fatal(err)
	}
	if token == "" {
		return ""
	}
	s, err := security.VerifySession(e.App.Key, token, e.now)
	if err != nil {
		e.t.Fatalf("saved session: %v", err)
	}
	return s.Username
}

// failLogin makes n failed logins of username, with a wrong password, at
// the current time.
func (e *testEnv) failLogin(username string, n int) {
	e.t.Helper()
	e.password = "a-wrong-password"
	defer func() { e.password = testPassword }()
	for range n {
		e.fails("login "+username, model.EUNAUTHENTICATED, "invalid username or password")
	}
}

func TestLogin(t *testing.T) {
	e := newEnv(t)
	n := len(e.auditLines(0))
	out := e.must("login carl")
	if out.Note != "Logged in as carl (commercial)" || e.loggedIn() != "carl" {
		t.Fatalf("note %q, session of %q", out.Note, e.loggedIn())
	}
	// The session lasts TTL from the login.
	token, _ := e.App.Session.Load()
	s, err := security.VerifySession(e.App.Key, token, e.now)
	if err != nil || !s.ExpiresAt.Equal(e.now.Add(e.App.TTL)) || s.CollaboratorID != e.IDs["carl"] || s.Department != "commercial" {
		t.Fatalf("session %+v, %v", s, err)
	}
	e.wantAudit(n, "login user 2 by carl(2) {}")

	// A wrong password and an unknown user: the same message, recorded,
	// and the session of carl stays.
	e.failLogin("mia", 1)
	e.failLogin("ghost", 1)
	e.wantAudit(n+1, "login_failed user 1 by mia(1) {}", "login_failed user - by ghost(-) {}")
	if e.loggedIn() != "carl" {
		t.Fatal("a failed login ended the session")
	}
	if len(e.sent) != 0 {
		t.Fatalf("reported %v", e.sent)
	}
}

func TestLoginNeedsUsernameAndPassword(t *testing.T) {
	e := newEnv(t)
	e.fails("login", model.EUSAGE, "missing USERNAME")
	e.password = ""
	e.fails("login carl", model.EUSAGE, "EPICEVENTS_PASSWORD")
	if e.loggedIn() != "" || len(e.auditLines(0)) != 0 {
		t.Fatal("a login without password did something")
	}
}

// TestLoginLockout: after 5 failed logins of one account within 15
// minutes, the account is refused, even with the right password, for 15
// minutes; then it logs in again. The clock is the test's.
func TestLoginLockout(t *testing.T) {
	e := newEnv(t)
	t0 := e.now
	e.failLogin("carl", 4)
	if len(e.sent) != 0 {
		t.Fatalf("reported after 4 failures: %v", e.sent)
	}
	e.failLogin("carl", 1)
	if want := []string{"login locked carl"}; !reflect.DeepEqual(e.sent, want) {
		t.Fatalf("reported %v, want %v", e.sent, want)
	}
	failures := len(e.auditLines(0))

	// Locked, with the right password, until the window ends.
	for _, tc := range []struct {
		after time.Duration
		msg   string
	}{
		{0, "try again in 15 minutes"},
		{5 * time.Minute, "try again in 10 minutes"},
		{10*time.Minute + 20*time.Second, "try again in 5 minutes"},
		{15*time.Minute - time.Second, "too many failed logins for carl"},
	} {
		e.now = t0.Add(tc.after)
		e.fails("login carl", model.EUNAUTHENTICATED, tc.msg)
	}
	if e.loggedIn() != "" {
		t.Fatal("a locked account got a session")
	}
	// Other accounts are not locked.
	e.must("login cora")
	if len(e.sent) != 1 {
		t.Fatalf("a refused login was reported again: %v", e.sent)
	}

	// The lock ends 15 minutes after it began.
	e.now = t0.Add(15*time.Minute + time.Second)
	e.must("login carl")
	if e.loggedIn() != "carl" {
		t.Fatal("no session after the lock ended")
	}
	// The refused attempts were not recorded as failures; the logins were.
	e.wantAudit(failures, "login user 3 by cora(3) {}", "login user 2 by carl(2) {}")
}

// TestLoginFailuresWindow: failures count for 15 minutes only, and a
// successful login forgets them.
func TestLoginFailuresWindow(t *testing.T) {
	e := newEnv(t)
	e.failLogin("carl", 4)
	e.now = e.now.Add(15*time.Minute + time.Second)
	e.failLogin("carl", 4) // 4 within the window: not locked
	e.must("login carl")
	e.failLogin("carl", 4) // the success forgot the 4 before
	e.must("login carl")
	if len(e.sent) != 0 {
		t.Fatalf("reported %v", e.sent)
	}
}

// TestNewPasswordsAtFullCost: the tests' fixture lowers the bcrypt cost of
// new passwords; an App as NewApp makes it hashes them at
// security.PasswordCost.
func TestNewPasswordsAtFullCost(t *testing.T) {
	e := newEnv(t).as("mia")
	e.App.PasswordCost = NewApp(e.DB, t.TempDir(), e.App.Key).PasswordCost
	e.must("user password sue")
	var hash string
	err := e.DB.View(context.Background(), func(tx *query.Tx) error {
		u, err := tx.Collaborator("sue")
		if u != nil {
			hash = u.PasswordHash
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if cost, err := bcrypt.Cost([]byte(hash)); err != nil || cost != security.PasswordCost || !security.VerifyPassword(hash, testPassword) {
		t.Fatalf("cost %d, %v; want %d", cost, err, security.PasswordCost)
	}
}

// TestSessionChecks: a session is checked against the database at every
// command: a collaborator deleted or moved to another department loses it
// at once, and an expired one asks to log in again.
func TestSessionChecks(t *testing.T) {
	e := newEnv(t)
	e.must("login carl")
	carl, err := e.App.Session.Load()
	if err != nil {
		t.Fatal(err)
	}
	relogin := func() {
		t.Helper()
		if err := e.App.Session.Save(carl); err != nil {
			t.Fatal(err)
		}
	}
	if out := e.must("whoami"); out.Record["username"] != "carl" {
		t.Fatalf("whoami %v", out.Record)
	}

	// Moved to management: the session says commercial.
	e.as("mia").must("user update carl --department management --reassign-to cora")
	relogin()
	e.fails("whoami", model.EUNAUTHENTICATED, "your department changed: please log in again")
	if _, err := os.Stat(e.App.Session.Path); !os.IsNotExist(err) {
		t.Fatal("the session of a moved collaborator is kept")
	}
	// Back in commercial, the old session stays ended: each change of
	// department gives a new session stamp: not only the department counts.
	e.as("mia").must("user update carl --department commercial")
	relogin()
	e.fails("whoami", model.EUNAUTHENTICATED, "your account changed since you logged in")
	if _, err := os.Stat(e.App.Session.Path); !os.IsNotExist(err) {
		t.Fatal("the session of a collaborator moved and moved back is kept")
	}
	// Renamed and renamed back: the same.
	e.must("login carl")
	carl, _ = e.App.Session.Load()
	e.as("mia").must("user update carl --username carlo")
	e.as("mia").must("user update carlo --username carl")
	relogin()
	e.fails("whoami", model.EUNAUTHENTICATED, "your account changed since you logged in")
	// A password set by management ends it too; a new login works.
	e.must("login carl")
	carl, _ = e.App.Session.Load()
	e.as("mia").must("user password carl")
	relogin()
	e.fails("whoami", model.EUNAUTHENTICATED, "your account changed since you logged in")
	e.must("login carl")
	carl, _ = e.App.Session.Load()
	e.must("whoami")

	// Expired: TTL after the login.
	e.now = e.now.Add(e.App.TTL)
	e.fails("whoami", model.EUNAUTHENTICATED, "session expired")
	e.now = e.now.Add(-e.App.TTL - time.Hour)

	// Deleted.
	e.as("mia").must("user delete carl --reassign-to cora")
	relogin()
	e.fails("whoami", model.EUNAUTHENTICATED, "your account no longer exists")
	if _, err := os.Stat(e.App.Session.Path); !os.IsNotExist(err) {
		t.Fatal("the session of a deleted collaborator is kept")
	}
}

func TestLogoutAndPasswd(t *testing.T) {
	e := newEnv(t)
	if out := e.must("logout"); out.Note != "Logged out" {
		t.Fatalf("logout without a session: %q", out.Note)
	}
	e.must("login sam")
	n := len(e.auditLines(0))
	e.password = "not-the-password"
	e.fails("passwd", model.EUNAUTHENTICATED, "the current password is wrong")
	e.password = testPassword
	before, _ := e.App.Session.Load()
	if out := e.must("passwd"); out.Note != "Password changed" {
		t.Fatalf("passwd: %q", out.Note)
	}
	e.wantAudit(n, "password user 4 by sam(4) {}")
	if want := []string{"collaborator update 4 by 4 in support [password]"}; !reflect.DeepEqual(e.sent, want) {
		t.Errorf("reported %v, want %v", e.sent, want)
	}
	// The shell that changed the password goes on; a session opened before
	// (another machine, a copy of the file) has ended.
	after, _ := e.App.Session.Load()
	if after == before || after == "" {
		t.Fatal("passwd kept the session it had")
	}
	if out := e.must("whoami"); out.Record["username"] != "sam" {
		t.Fatalf("whoami after passwd: %v", out.Record)
	}
	e.App.Session.Save(before)
	e.fails("whoami", model.EUNAUTHENTICATED, "your account changed since you logged in")
	e.App.Session.Save(after)
	// Management setting their own password keeps their session too.
	e.must("login mia")
	if out := e.must("user password mia"); out.Note != "Password set for mia" {
		t.Errorf("user password mia: %q", out.Note)
	}
	if out := e.must("whoami"); out.Record["username"] != "mia" {
		t.Fatalf("whoami after user password mia: %v", out.Record)
	}
	e.must("logout")
	if e.loggedIn() != "" {
		t.Fatal("logout kept the session")
	}
	e.fails("whoami", model.EUNAUTHENTICATED, "not logged in")
}

func TestSetup(t *testing.T) {
	e := newEnv(t)
	e.refuses("setup --username neo --email neo@epic.test --first-name Neo --last-name N", model.ECONFLICT, "setup is already done")

	// On an empty database, setup makes the first collaborator, in
	// management, without a login.
	db, err := query.Open(context.Background(), t.TempDir()+"/empty.db")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Now = func() time.Time { return e.now }
	e.App.DB, e.DB = db, db
	e.fails("setup --username neo --email neo@epic.test --first-name Neo", model.EUSAGE, "missing --last-name")
	e.fails("setup --username Neo --email neo@epic.test --first-name Neo --last-name N", model.EINVALID, "invalid username")
	out := e.must("setup --username neo --email NEO@Epic.Test --first-name Neo --last-name N --phone 123456")
	if !strings.HasPrefix(out.Note, "Created neo (management)") || out.Record["department"] != "management" ||
		out.Record["email"] != "neo@epic.test" || out.Record["phone"] != "123456" {
		t.Fatalf("setup: %q %v", out.Note, out.Record)
	}
	e.wantAudit(0, `create user 1 by neo(1) {"department":[null,"management"],"email":[null,"neo@epic.test"],"first_name":[null,"Neo"],"last_name":[null,"N"],"phone":[null,"123456"],"username":[null,"neo"]}`)
	if want := []string{"collaborator create 1 by 1 in management [department email first_name last_name phone username]"}; !reflect.DeepEqual(e.sent, want) {
		t.Fatalf("reported %v", e.sent)
	}
	e.must("login neo")
}

// TestSessionFileChangedInPlace: another shell may log in meanwhile; a
// session file rewritten in place, even with its old modification time,
// is read again when its size changed, and a session signed with another
// key is refused even though its token verified before.
func TestSessionFileChangedInPlace(t *testing.T) {
	e := newEnv(t).as("carl")
	carlToken, _ := e.App.Session.Load()
	if r := e.must("whoami").Record; r["username"] != "carl" {
		t.Fatalf("whoami %v", r)
	}
	fi, err := os.Stat(e.App.Session.Path)
	if err != nil {
		t.Fatal(err)
	}
	var u *model.Collaborator
	var dbID string
	err = e.DB.View(context.Background(), func(tx *query.Tx) (err error) {
		if u, err = tx.Collaborator("sue"); err != nil {
			return err
		}
		dbID, err = tx.DatabaseID()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sue, err := security.SignSession(e.App.Key, security.SessionFor(u, dbID, e.now, 2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(sue)+1 == int(fi.Size()) {
		t.Fatal("the two tokens have the same size: the test needs them to differ")
	}
	if err := os.WriteFile(e.App.Session.Path, []byte(sue+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(e.App.Session.Path, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	if r := e.must("whoami").Record; r["username"] != "sue" {
		t.Fatalf("after sue's login in another shell, whoami is %v", r["username"])
	}
	if err := e.App.Session.Save(carlToken); err != nil {
		t.Fatal(err)
	}
	e.must("whoami")
	e.App.Key = []byte("another key of at least 32 bytes!")
	e.fails("whoami", model.EUNAUTHENTICATED, "invalid session")
}

// TestLockedUntil checks the window rule on its boundaries: after failures
// within less than window lock the account for window after the last of
// them; failures exactly window apart do not.
func TestLockedUntil(t *testing.T) {
	t0 := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)
	at := func(minutes ...int) []time.Time {
		var out []time.Time
		for _, m := range minutes {
			out = append(out, t0.Add(time.Duration(m)*time.Minute))
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		times []time.Time
		after int
		want  time.Time
	}{
		{"Five", at(0, 1, 2, 3, 4), 5, t0.Add(19 * time.Minute)},
		{"Four", at(0, 1, 2, 3), 5, time.Time{}},
		{"WithinJustUnder", append(at(0, 1, 2, 3), t0.Add(15*time.Minute-time.Nanosecond)), 5, t0.Add(30*time.Minute - time.Nanosecond)},
		{"ExactlyWindowApart", at(0, 1, 2, 3, 15), 5, time.Time{}},
		{"LaterFiveWithin", at(0, 20, 21, 22, 23, 24), 5, t0.Add(39 * time.Minute)},
		{"EarlierFiveWithin", at(0, 1, 2, 3, 4, 40), 5, t0.Add(19 * time.Minute)},
		{"One", at(0), 1, t0.Add(15 * time.Minute)},
		{"Off", at(0, 1, 2, 3, 4), 0, time.Time{}},
		{"None", nil, 5, time.Time{}},
	} {
		if got := lockedUntil(tc.times, tc.after, 15*time.Minute); !got.Equal(tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestLoginEmptyUsername: an empty or blank username, as an argument or
// typed when asked, is a usage error (2), refused before the password is
// asked, and no failed login is recorded: it names no account.
func TestLoginEmptyUsername(t *testing.T) {
	e := newEnv(t)
	n := len(e.auditLines(0))
	for _, line := range []string{"login ''", "login '   '", "login '\t'"} {
		e.fails(line, model.EUSAGE, "username must not be empty")
	}
	p := &fakePrompter{answers: []string{"  ", testPassword}}
	e.App.Prompter = p
	e.fails("login", model.EUSAGE, "username must not be empty")
	if !reflect.DeepEqual(p.asked, []string{"Username: "}) {
		t.Fatalf("asked %q: the password is asked for no username", p.asked)
	}
	if got := e.auditLines(n); len(got) != 0 || e.loggedIn() != "" {
		t.Fatalf("an empty username was recorded: %v", got)
	}
}

// TestPasswdNeedsItsSession: passwd whose new session cannot be saved (an
// immutable session file) fails as a whole: the password stays, and so
// does the session it had.
func TestPasswdNeedsItsSession(t *testing.T) {
	e := newEnv(t)
	e.must("login sam")
	before, _ := e.App.Session.Load()
	if out, err := exec.Command("chattr", "+i", e.App.Session.Path).CombinedOutput(); err != nil {
		t.Skipf("no immutable attribute here: %v %s", err, out)
	}
	defer exec.Command("chattr", "-i", e.App.Session.Path).Run()
	n := len(e.auditLines(0))
	e.password = testPassword
	_, err := e.run("passwd")
	if model.ErrorCode(err) != model.EENV {
		t.Fatalf("passwd with a session that cannot be saved: %v, want an environment error", err)
	}
	if got := len(e.auditLines(0)); got != n {
		t.Errorf("%d audit entries after a failed passwd, want %d", got, n)
	}
	exec.Command("chattr", "-i", e.App.Session.Path).Run()
	if after, _ := e.App.Session.Load(); after != before {
		t.Error("the session changed")
	}
	e.must("whoami") // the password, and so the stamp, are as they were
}
