package shell

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"epicevents/commands"
	"epicevents/internal/monitor"
	"epicevents/internal/sentrytest"
	"epicevents/model"
	"epicevents/query"
	"epicevents/shell/lex"
	"epicevents/shell/render"
)

// newTestShell returns a Shell on a fresh database whose command table is
// table, reporting to a fake Sentry.
func newTestShell(t *testing.T, table []*commands.Command) (*Shell, *bytes.Buffer, *bytes.Buffer, *sentrytest.FakeSentry) {
	t.Helper()
	db, err := query.Open(context.Background(), filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	fake := sentrytest.NewFakeSentry()
	t.Cleanup(fake.Close)
	mon, err := monitor.New(monitor.Options{DSN: fake.DSN()})
	if err != nil {
		t.Fatal(err)
	}
	app := commands.NewApp(db, t.TempDir(), []byte("0123456789abcdef0123456789abcdef"))
	app.Table = table
	var out, errs bytes.Buffer
	return &Shell{App: app, Out: &out, Err: &errs, Format: render.Table, Monitor: mon}, &out, &errs, fake
}

// TestPanicInsideCommand: a panic inside a command is reported to Sentry as
// an exception tagged with the command's name, the operator sees only
// "internal error", and the shell goes on with the next command.
func TestPanicInsideCommand(t *testing.T) {
	boom := &commands.Command{Name: "boom", Short: "panics", Public: true,
		Run: func(*commands.Ctx) (commands.Result, error) { panic("boom for alice@example.com") }}
	ok := &commands.Command{Name: "ok", Short: "works", Public: true,
		Run: func(*commands.Ctx) (commands.Result, error) { return commands.Result{Note: "fine"}, nil }}
	sh, _, errs, fake := newTestShell(t, []*commands.Command{boom, ok})

	err := sh.Batch(context.Background(), strings.NewReader("boom --format json\nok\n"), "", true)
	if model.ExitCode(err) != 1 {
		t.Fatalf("batch error %v, want an internal error (exit 1)", err)
	}
	if got := errs.String(); !strings.Contains(got, "error: line 1: internal error\n") || !strings.Contains(got, "fine") {
		t.Fatalf("stderr:\n%s", got)
	}
	if strings.Contains(errs.String(), "alice") {
		t.Fatal("the panic's text reached the operator")
	}
	sh.Monitor.Flush()
	var events []map[string]any
	for deadline := time.Now().Add(5 * time.Second); len(events) == 0 && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		events = fake.Events()
	}
	if len(events) != 1 {
		t.Fatalf("%d events, want 1", len(events))
	}
	tags, _ := events[0]["tags"].(map[string]any)
	if tags["command"] != "boom" {
		t.Fatalf("tags %v", tags)
	}
	// The tag holds the command's name only; the e-mail in the panic
	// value is scrubbed everywhere.
	if strings.Contains(fake.Raw(), "alice@example.com") {
		t.Fatal("personal data was sent")
	}
}

// TestHistoryKeepsNoSecret: the lines kept in history are commands, and
// never a line that may hold a password: a bare word (a password typed at
// the prompt) or a flag that would carry one.
func TestHistoryKeepsNoSecret(t *testing.T) {
	s := &Shell{App: &commands.App{Table: commands.Table()}}
	for line, keep := range map[string]bool{
		"client list --mine": true,
		"login alice":        true,
		"user update bob --phone '06 12 34 56 78'": true,
		"hunter2-correct-horse":                    false,
		"":                                         false,
		"login alice --password hunter2":           false,
		"user create --username x --pass=hunter2":      false,
		"user update bob --Secret-key s3cret":          false,
		"login alice --token eyJhbGciOiJIUzI1NiJ9.x.y": false,
		"client list 'unterminated":                    false,
		"user list --nope":                             false,
		"quit":                                         true,
		// Issue 11 finding 5: a password typed as an argument, after the
		// arguments a command declares, is refused and never kept.
		"login mgr hunter2secret":            false,
		"passwd myNewPassw0rd":               false,
		"user password sales Sales-Passw0rd": false,
		"logout hunter2secret":               false,
		"whoami hunter2secret":               false,
		"client show 1 hunter2secret":        false,
		"event assign 1 sam hunter2secret":   false,
		"user password sales":                true,
		// A database URL may carry the password of its server: the
		// line is not kept then (db copy says the URL with it hidden).
		"db copy --to postgres://crm:s3cret@db.example/crm":                           false,
		"db copy --to 'postgres://crm@db.example/crm?password=s3cret'":                false,
		"db copy --to 'postgres://db.example/crm?sslmode=require&sslpassword=s3cret'": false,
		"db copy --to postgres://crm:s3cret@db.example:nope/crm":                      false,
		"db copy --to postgres://crm@db.example/crm":                                  true,
		"db copy --to sqlite:///copy.db":                                              true,
		"db copy --to copy.db":                                                        true,
	} {
		if got := keepInHistory(s.parse(lex.NewLine(line))); got != keep {
			t.Errorf("keepInHistory(%q) = %v, want %v", line, got, keep)
		}
	}
}
