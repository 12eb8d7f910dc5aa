package shell

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"epicevents/model"
)

// TestPrintable: characters a terminal acts on are written as escapes,
// everything else (accents, CJK, emoji, line breaks, tabs) as it is.
func TestPrintable(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain text", "plain text"},
		{"Émile 東京 🎉", "Émile 東京 🎉"},
		{"one\ntwo\tthree", "one\ntwo\tthree"},
		{"\x1b]0;pwned\x07\x1b[2J", `\x1b]0;pwned\x07\x1b[2J`},
		{"ok\rforged", `ok\x0dforged`},
		{"del\x7f", `del\x7f`},
		{"c1\u0085\u009b", `c1\x85\x9b`},
		{"bidi\u202eevil\u2066", `bidi\u202eevil\u2066`},
		{"bad\xffutf8", `bad\xffutf8`},
		{"nul\x00", `nul\x00`},
	} {
		if got := Printable(c.in); got != c.want {
			t.Errorf("Printable(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestPrintErrorEscapesControls: a message quoting a name given by the
// operator or a file cannot send an escape sequence to the terminal.
func TestPrintErrorEscapesControls(t *testing.T) {
	sh, _, errs, _ := newTestShell(t, nil)
	sh.PrintError("line 1: ", model.Errorf(model.ENOTFOUND, "collaborator %s not found", "\x1b[2J\x1b]0;x\x07"))
	sh.PrintError("", model.Errorf(model.EINVALID, "f.csv: line 2: a\nerror: f.csv: line 3: \x1b[31mb"))
	sh.PrintError("", errors.New("\x1b[2J internal"))
	got := errs.String()
	if strings.ContainsAny(got, "\x1b\x07") {
		t.Fatalf("a control character reached the terminal: %q", got)
	}
	want := "error: line 1: collaborator \\x1b[2J\\x1b]0;x\\x07 not found\n" +
		"error: f.csv: line 2: a\nerror: f.csv: line 3: \\x1b[31mb\n" +
		"error: internal error\n"
	if got != want {
		t.Fatalf("stderr %q, want %q", got, want)
	}
}

// TestPrintErrorClipsLongLines: a message quoting megabytes (an unknown
// command of 100 kB) prints at most maxErrorLine bytes a line, cut at a
// character; shorter lines, and the other lines of the message, are whole.
func TestPrintErrorClipsLongLines(t *testing.T) {
	sh, _, errs, _ := newTestShell(t, nil)
	long := strings.Repeat("é", 100_000)
	sh.PrintError("", model.Errorf(model.EUSAGE, "unknown command %q\nerror: short", long))
	lines := strings.Split(strings.TrimSuffix(errs.String(), "\n"), "\n")
	if len(lines) != 2 || lines[1] != "error: short" {
		t.Fatalf("lines %q", lines)
	}
	first := lines[0]
	if !strings.HasPrefix(first, `error: unknown command "éé`) || !strings.HasSuffix(first, `é"`) || !strings.Contains(first, "é…é") ||
		len(first) > len("error: ")+maxErrorLine+len("…") || !utf8.ValidString(first) {
		t.Errorf("first line %d bytes: %q…", len(first), first[:40])
	}
	if got := clipLines("exactly", len("exactly")); got != "exactly" {
		t.Errorf("a line of the limit was cut: %q", got)
	}
}
