package history

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func mustOpen(t *testing.T, path string, limit int) *History {
	t.Helper()
	h, err := Open(path, limit)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	return h
}

func mustAdd(t *testing.T, h *History, lines ...string) {
	t.Helper()
	for _, l := range lines {
		if err := h.Add(l); err != nil {
			t.Fatalf("add %q: %v", l, err)
		}
	}
}

func fileLines(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
}

func TestLoadMissingFile(t *testing.T) {
	got, err := Load(filepath.Join(t.TempDir(), "history"), 10)
	if err != nil || len(got) != 0 {
		t.Fatalf("Load = %q, %v; want empty, nil", got, err)
	}
}

func TestPersistsAcrossOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	h := mustOpen(t, path, 10)
	mustAdd(t, h, "client list", "event show 3")

	// Nothing is closed: each Add is on disk at once.
	h2 := mustOpen(t, path, 10)
	want := []string{"client list", "event show 3"}
	if got := h2.Entries(); !reflect.DeepEqual(got, want) {
		t.Fatalf("Entries after reopen = %q, want %q", got, want)
	}
	if got, _ := Load(path, 10); !reflect.DeepEqual(got, want) {
		t.Fatalf("Load = %q, want %q", got, want)
	}
}

func TestCreatesDirectory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "home", "history")
	mustAdd(t, mustOpen(t, path, 10), "whoami")
	fi, err := os.Stat(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o700 {
		t.Fatalf("directory mode %v, want 0700", perm)
	}
}

func TestDropsBlankAndRepeatedLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	h := mustOpen(t, path, 10)
	mustAdd(t, h, "a", "a", "", "   ", "b", "a", "a")
	want := []string{"a", "b", "a"}
	if got := h.Entries(); !reflect.DeepEqual(got, want) {
		t.Fatalf("Entries = %q, want %q", got, want)
	}
	if got := fileLines(t, path); !reflect.DeepEqual(got, want) {
		t.Fatalf("file = %q, want %q", got, want)
	}

	// The last line of the previous session counts as the previous one.
	h2 := mustOpen(t, path, 10)
	mustAdd(t, h2, "a")
	if got := fileLines(t, path); !reflect.DeepEqual(got, want) {
		t.Fatalf("file after repeat in new session = %q, want %q", got, want)
	}
}

func TestCap(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	h := mustOpen(t, path, 3)
	mustAdd(t, h, "1", "2", "3", "4", "5", "6")
	if got, want := h.Entries(), []string{"4", "5", "6"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("Entries = %q, want %q", got, want)
	}
	// Up to 2*limit lines the file only grows.
	if got := fileLines(t, path); len(got) != 6 {
		t.Fatalf("file has %d lines, want 6: %q", len(got), got)
	}
	if got, want := mustOpen(t, path, 3).Entries(), []string{"4", "5", "6"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("Entries after reopen = %q, want %q", got, want)
	}

	// The 7th line makes it rewrite the file with the last 3.
	mustAdd(t, h, "7")
	if got, want := fileLines(t, path), []string{"5", "6", "7"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("file after compaction = %q, want %q", got, want)
	}
	assertMode(t, path)
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".history-*"))
	if len(leftovers) != 0 {
		t.Fatalf("temporary files left: %q", leftovers)
	}
	mustAdd(t, h, "8")
	if got, want := fileLines(t, path), []string{"5", "6", "7", "8"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("file after compaction and add = %q, want %q", got, want)
	}
}

// TestCompactionKeepsOtherSessions checks that a shell compacting the file
// keeps what another shell appended since it opened it.
func TestCompactionKeepsOtherSessions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	h1 := mustOpen(t, path, 2)
	h2 := mustOpen(t, path, 2)
	mustAdd(t, h1, "a1", "a2", "a3")
	mustAdd(t, h2, "b1")
	mustAdd(t, h1, "a4", "a5") // h1 has seen 5 lines: compacts
	if got, want := fileLines(t, path), []string{"a4", "a5"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("file = %q, want %q", got, want)
	}
	h3 := mustOpen(t, path, 2)
	mustAdd(t, h2, "b2")
	mustAdd(t, h3, "c1")
	if got, want := mustOpen(t, path, 2).Entries(), []string{"b2", "c1"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("Entries = %q, want %q", got, want)
	}
}

func assertMode(t *testing.T, path string) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o600 {
		t.Fatalf("%s has mode %v, want 0600", path, perm)
	}
}

func TestMode(t *testing.T) {
	t.Run("Created", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "history")
		mustAdd(t, mustOpen(t, path, 10), "whoami")
		assertMode(t, path)
	})
	t.Run("TightenedAtOpen", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "history")
		if err := os.WriteFile(path, []byte("old\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		os.Chmod(path, 0o644) // beyond the umask
		mustOpen(t, path, 10)
		assertMode(t, path)
	})
	t.Run("TightenedAtAdd", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "history")
		h := mustOpen(t, path, 10)
		if err := os.WriteFile(path, nil, 0o666); err != nil {
			t.Fatal(err)
		}
		os.Chmod(path, 0o666)
		mustAdd(t, h, "whoami")
		assertMode(t, path)
	})
}

func TestEscaping(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	h := mustOpen(t, path, 10)
	entries := []string{
		"client create \\\n  --name Acme",
		`contract list --where "note = 'a\nb'"`,
		`ends with a backslash \`,
		"carriage\r\nreturn",
		"plain",
	}
	mustAdd(t, h, entries...)
	if got := fileLines(t, path); len(got) != len(entries) {
		t.Fatalf("file has %d lines for %d entries: %q", len(got), len(entries), got)
	}
	if got := mustOpen(t, path, 10).Entries(); !reflect.DeepEqual(got, entries) {
		t.Fatalf("Entries after reopen = %q, want %q", got, entries)
	}
}

func TestEscapeRoundTrip(t *testing.T) {
	for _, s := range []string{"", "a", `\`, `\\`, `\n`, "\n", "a\\\nb", "\\n\n\\", "é\nà", `\x`} {
		e := escape(s)
		if strings.ContainsAny(e, "\n\r") {
			t.Errorf("escape(%q) = %q holds a line end", s, e)
		}
		if got := unescape(e); got != s {
			t.Errorf("unescape(escape(%q)) = %q", s, got)
		}
	}
	// Lines written by hand keep stray backslashes.
	for in, want := range map[string]string{`a\x`: `a\x`, `end\`: `end\`, `C:\dir`: `C:\dir`} {
		if got := unescape(in); got != want {
			t.Errorf("unescape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDefaultLimit(t *testing.T) {
	h := mustOpen(t, filepath.Join(t.TempDir(), "history"), 0)
	if h.max != DefaultMax {
		t.Fatalf("limit 0 gives %d, want DefaultMax", h.max)
	}
}
