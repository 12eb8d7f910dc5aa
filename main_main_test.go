package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"epicevents/query"
)

// newTestMain returns a Main on buffers, whose environment is env alone,
// run in an empty working directory (no .env).
func newTestMain(t *testing.T, stdin string, env map[string]string) (*Main, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	t.Chdir(t.TempDir())
	var out, errOut bytes.Buffer
	m := NewMain(strings.NewReader(stdin), &out, &errOut)
	m.Getenv = func(k string) string { return env[k] }
	return m, &out, &errOut
}

// TestMainType drives the program through Main, as main does, but with
// buffers and an environment of its own: flags, configuration, the
// database and the closing of all it opened.
func TestMainType(t *testing.T) {
	t.Run("Version", func(t *testing.T) {
		m, out, _ := newTestMain(t, "", nil)
		if err := m.ParseFlags([]string{"--version"}); err != nil {
			t.Fatal(err)
		}
		if code := m.Run(context.Background()); code != 0 || out.String() != "epicevents "+Version+"\n" {
			t.Fatalf("code %d, stdout %q", code, out)
		}
		if err := m.Close(); err != nil {
			t.Fatalf("Close of a Main that opened nothing: %v", err)
		}
	})

	t.Run("UnknownFlag", func(t *testing.T) {
		m, _, _ := newTestMain(t, "", nil)
		err := m.ParseFlags([]string{"--colour", "red"})
		if err == nil || !strings.Contains(err.Error(), "unknown flag --colour") {
			t.Fatalf("ParseFlags: %v", err)
		}
	})

	t.Run("OneShotThenBatch", func(t *testing.T) {
		home := t.TempDir()
		dbPath := filepath.Join(t.TempDir(), "crm.db")
		env := map[string]string{"EPICEVENTS_HOME": home, "DATABASE_URL": dbPath,
			"EPICEVENTS_NEW_PASSWORD": "correct-horse", "NO_COLOR": "1", "TZ": "UTC"}

		m, out, errOut := newTestMain(t, "", env)
		if err := m.ParseFlags([]string{"--format", "csv", "setup", "--username", "alice", "--email", "alice@example.com",
			"--first-name", "Alice", "--last-name", "Martin"}); err != nil {
			t.Fatal(err)
		}
		if code := m.Run(context.Background()); code != 0 {
			t.Fatalf("setup: exit %d, stderr %q", code, errOut)
		}
		if !strings.Contains(out.String(), "alice,alice@example.com") || !strings.Contains(errOut.String(), "Created alice") {
			t.Fatalf("setup: stdout %q, stderr %q", out, errOut)
		}
		if err := m.Close(); err != nil {
			t.Fatal(err)
		}
		// Getenv, not the process's environment, named the database and
		// the home folder.
		if _, err := os.Stat(dbPath); err != nil {
			t.Fatalf("DATABASE_URL from Getenv: %v", err)
		}
		if _, err := os.Stat(filepath.Join(home, "secret.key")); err != nil {
			t.Fatalf("EPICEVENTS_HOME from Getenv: %v", err)
		}
		// Close closed the database: the store refuses to run.
		if err := m.db.View(context.Background(), func(*query.Tx) error { return nil }); err == nil {
			t.Fatal("the database is still open after Close")
		}

		// Standard input that is not a terminal is a batch.
		env["EPICEVENTS_PASSWORD"] = "correct-horse"
		m, out, errOut = newTestMain(t, "login alice\nuser list --count\nnosuchcommand\n", env)
		if err := m.ParseFlags([]string{"--keep-going"}); err != nil {
			t.Fatal(err)
		}
		code := m.Run(context.Background())
		m.Close()
		if code != 2 || out.String() != "1\n" || !strings.Contains(errOut.String(), "nosuchcommand") {
			t.Fatalf("batch: exit %d, stdout %q, stderr %q", code, out, errOut)
		}
	})

	t.Run("BadConfiguration", func(t *testing.T) {
		m, _, errOut := newTestMain(t, "", map[string]string{"EPICEVENTS_HOME": t.TempDir(), "EPICEVENTS_SESSION_TTL": "soon"})
		if err := m.ParseFlags([]string{"-c", "whoami"}); err != nil {
			t.Fatal(err)
		}
		if code := m.Run(context.Background()); code == 0 || !strings.HasPrefix(errOut.String(), `error: EPICEVENTS_SESSION_TTL="soon"`) {
			t.Fatalf("exit %d, stderr %q", code, errOut)
		}
		if err := m.Close(); err != nil || m.db != nil {
			t.Fatalf("Close: %v; database opened: %v", err, m.db != nil)
		}
	})
}
