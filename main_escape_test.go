package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// TestErrorsEscapeTerminalControls: names quoted by error messages (a
// flag, a collaborator, a file, a global flag) come from the operator, a
// batch file or a CSV file from elsewhere; none of them reaches the
// terminal as an escape sequence, a carriage return or a bidirectional
// override, in a batch or for a one-shot command.
func TestErrorsEscapeTerminalControls(t *testing.T) {
	t.Chdir(t.TempDir())
	home := t.TempDir()
	t.Setenv("EPICEVENTS_HOME", home)
	t.Setenv("DATABASE_URL", filepath.Join(home, "t.db"))
	t.Setenv("EPICEVENTS_NEW_PASSWORD", "correct-horse")
	t.Setenv("EPICEVENTS_PASSWORD", "correct-horse")
	for _, args := range [][]string{
		{"setup", "--username", "alice", "--email", "alice@example.com", "--first-name", "A", "--last-name", "M"},
		{"login", "alice"},
	} {
		var out, errOut bytes.Buffer
		if code := run(args, strings.NewReader(""), &out, &errOut); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut.String())
		}
	}
	batch := "user show \x1b]0;pwned\x07\n" +
		"client list --\x1b[2J\n" +
		"source \x1b[31mred.txt\n" +
		"user show bob\rforged\n" +
		"user show \u202eevil\n"
	for _, c := range []struct {
		name  string
		args  []string
		stdin string
		code  int
	}{
		{"Batch", []string{"--keep-going"}, batch, 5},
		{"OneShot", []string{"user", "show", "\x1b[2J"}, "", 5},
		{"GlobalFlag", []string{"--\x1b[2J"}, "", 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(c.args, strings.NewReader(c.stdin), &out, &errOut)
			got := errOut.String()
			if code != c.code || !strings.Contains(got, `\x1b`+map[bool]string{true: "]0;pwned", false: "[2J"}[c.name == "Batch"]) {
				t.Fatalf("exit %d (want %d), stderr %q", code, c.code, got)
			}
			if i := strings.IndexAny(got, "\x1b\x07\r\u202e"); i >= 0 {
				t.Fatalf("a control character reached the terminal at %d: %q", i, got)
			}
		})
	}
}
