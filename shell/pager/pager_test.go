package pager

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

func TestCommand(t *testing.T) {
	hasLess := func(string) (string, error) { return "/usr/bin/less", nil }
	noLess := func(string) (string, error) { return "", errors.New("not found") }
	for _, tc := range []struct {
		name string
		env  map[string]string
		look func(string) (string, error)
		want string
	}{
		{"Own", map[string]string{"EPICEVENTS_PAGER": "most", "PAGER": "more"}, hasLess, "most"},
		{"OwnEmptyTurnsOff", map[string]string{"EPICEVENTS_PAGER": "", "PAGER": "more"}, hasLess, ""},
		{"Pager", map[string]string{"PAGER": "more"}, hasLess, "more"},
		{"PagerEmptyTurnsOff", map[string]string{"PAGER": ""}, hasLess, ""},
		{"BlankTurnsOff", map[string]string{"PAGER": "  "}, hasLess, ""},
		{"Less", nil, hasLess, "less -FRSX"},
		{"None", nil, noLess, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lookup := func(k string) (string, bool) { v, ok := tc.env[k]; return v, ok }
			if got := Command(lookup, tc.look); got != tc.want {
				t.Fatalf("Command = %q, want %q", got, tc.want)
			}
		})
	}
}

// fakePager is a pager script that copies what it gets to a file.
func fakePager(t *testing.T) (command, record string) {
	dir := t.TempDir()
	record = filepath.Join(dir, "got")
	script := filepath.Join(dir, "pager")
	if err := os.WriteFile(script, []byte("#!/bin/sh\ncat > '"+record+"'\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	return script, record
}

// screen is a file standing for the terminal.
func screen(t *testing.T) *os.File {
	f, err := os.Create(filepath.Join(t.TempDir(), "screen"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func read(t *testing.T, path string) string {
	b, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return string(b)
}

func write(t *testing.T, w *Writer, text string) {
	// In pieces, as a renderer writes.
	for len(text) > 0 {
		n := min(len(text), 7)
		if _, err := w.Write([]byte(text[:n])); err != nil {
			t.Fatal(err)
		}
		text = text[n:]
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestWriter(t *testing.T) {
	lines := func(n int) string { return strings.Repeat("a line\n", n) }
	for _, tc := range []struct {
		name  string
		text  string
		paged bool
	}{
		{"Short", lines(3), false},
		{"OneLineLeftForThePrompt", lines(23), false},
		{"Tall", lines(24), true},
		{"VeryTall", lines(500), true},
		// 12 lines of 200 columns take 36 lines of an 80-column screen.
		{"WrappedLines", strings.Repeat(strings.Repeat("x", 200)+"\n", 12), true},
		{"WideCharacters", strings.Repeat(strings.Repeat("東", 50)+"\n", 12), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			command, record := fakePager(t)
			tty := screen(t)
			write(t, New(command, tty, os.Stderr, 24, 80), tc.text)
			onScreen, paged := read(t, tty.Name()), read(t, record)
			if tc.paged && (paged != tc.text || onScreen != "") {
				t.Fatalf("want all through the pager: pager got %d bytes, screen %d", len(paged), len(onScreen))
			}
			if !tc.paged && (paged != "" || onScreen != tc.text) {
				t.Fatalf("want all on the screen: pager got %d bytes, screen %d", len(paged), len(onScreen))
			}
		})
	}
	t.Run("NoPager", func(t *testing.T) {
		tty := screen(t)
		write(t, New("", tty, os.Stderr, 24, 80), lines(100))
		if got := read(t, tty.Name()); got != lines(100) {
			t.Fatalf("screen got %d bytes", len(got))
		}
	})
	t.Run("MissingPager", func(t *testing.T) {
		tty := screen(t)
		var errs bytes.Buffer
		write(t, New("no-such-pager-here -x", tty, &errs, 24, 80), lines(100))
		if got := read(t, tty.Name()); got != lines(100) || !strings.Contains(errs.String(), "no-such-pager-here") {
			t.Fatalf("screen got %d bytes; errors %q", len(got), errs.String())
		}
	})
}

// TestQuit checks that a pager left early stops the writer with ErrQuit,
// and that Close returns without error.
func TestQuit(t *testing.T) {
	tty := screen(t)
	w := New("head -n 1 >/dev/null", tty, os.Stderr, 24, 80)
	var err error
	for i := 0; i < 100_000 && err == nil; i++ {
		_, err = w.Write([]byte("a line of the output\n"))
	}
	if !errors.Is(err, ErrQuit) {
		t.Fatalf("Write = %v, want ErrQuit", err)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("Close = %v", err)
	}
}

// TestTerminalRestored runs a pager that leaves the terminal raw, as one
// killed in the middle would: Close puts the terminal back as it was.
func TestTerminalRestored(t *testing.T) {
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skip("no pseudo-terminal:", err)
	}
	defer ptmx.Close()
	defer tty.Close()
	go io.Copy(io.Discard, ptmx)
	before, err := unix.IoctlGetTermios(int(tty.Fd()), ioctlGetTermios)
	if err != nil {
		t.Fatal(err)
	}
	w := New("cat >/dev/null; stty raw -echo <&1", tty, os.Stderr, 24, 80)
	write(t, w, strings.Repeat("a line\n", 100))
	after, err := unix.IoctlGetTermios(int(tty.Fd()), ioctlGetTermios)
	if err != nil {
		t.Fatal(err)
	}
	if *before != *after {
		t.Fatalf("terminal mode changed:\nbefore %+v\nafter  %+v", before, after)
	}
}
