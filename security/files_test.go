//go:build unix

package security

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// withUmask runs the rest of the test under umask mask. The umask belongs
// to the process, so tests that use it do not run in parallel.
func withUmask(t *testing.T, mask int) {
	t.Helper()
	old := syscall.Umask(mask)
	t.Cleanup(func() { syscall.Umask(old) })
}

func mustMode(t *testing.T, path string, want fs.FileMode) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != want {
		t.Errorf("mode of %s = %#o, want %#o", filepath.Base(path), got, want)
	}
}

// mustOnlyFiles checks that dir holds exactly names: no temporary file is
// left behind.
func mustOnlyFiles(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if len(got) != len(names) {
		t.Fatalf("files in dir = %q, want %q", got, names)
	}
	for i := range names {
		if got[i] != names[i] {
			t.Fatalf("files in dir = %q, want %q", got, names)
		}
	}
}

func TestEnsureHome(t *testing.T) {
	t.Run("Creates", func(t *testing.T) {
		withUmask(t, 0o022)
		dir := filepath.Join(t.TempDir(), "config", "epicevents")
		if err := EnsureHome(dir); err != nil {
			t.Fatal(err)
		}
		mustMode(t, dir, 0o700)
	})
	t.Run("TightensLooseMode", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "home")
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dir, 0o777); err != nil {
			t.Fatal(err)
		}
		if err := EnsureHome(dir); err != nil {
			t.Fatal(err)
		}
		mustMode(t, dir, 0o700)
	})
	t.Run("Again", func(t *testing.T) {
		dir := t.TempDir()
		for range 2 {
			if err := EnsureHome(dir); err != nil {
				t.Fatal(err)
			}
		}
		mustMode(t, dir, 0o700)
	})
	t.Run("NotADirectory", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "file")
		if err := os.WriteFile(path, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := EnsureHome(path); err == nil {
			t.Error("EnsureHome on a file: no error")
		}
	})
}

func TestWriteSecretFile(t *testing.T) {
	t.Run("New", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "secret")
		if err := WriteSecretFile(path, []byte("s3cret")); err != nil {
			t.Fatal(err)
		}
		mustContent(t, path, "s3cret")
		mustMode(t, path, 0o600)
		mustOnlyFiles(t, dir, "secret")
	})
	t.Run("ReplacesLooseFile", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "secret")
		if err := os.WriteFile(path, []byte("old and longer content"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(path, 0o666); err != nil {
			t.Fatal(err)
		}
		if err := WriteSecretFile(path, []byte("new")); err != nil {
			t.Fatal(err)
		}
		mustContent(t, path, "new")
		mustMode(t, path, 0o600)
		mustOnlyFiles(t, dir, "secret")
	})
	for _, mask := range []int{0, 0o022, 0o277} {
		t.Run("Umask"+fs.FileMode(mask).String(), func(t *testing.T) {
			withUmask(t, mask)
			path := filepath.Join(t.TempDir(), "secret")
			if err := WriteSecretFile(path, []byte("x")); err != nil {
				t.Fatal(err)
			}
			mustMode(t, path, 0o600)
		})
	}
	t.Run("MissingFolder", func(t *testing.T) {
		dir := t.TempDir()
		if err := WriteSecretFile(filepath.Join(dir, "no", "secret"), []byte("x")); err == nil {
			t.Error("WriteSecretFile in a missing folder: no error")
		}
		mustOnlyFiles(t, dir)
	})
	t.Run("PathIsAFolder", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.Mkdir(filepath.Join(dir, "secret"), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := WriteSecretFile(filepath.Join(dir, "secret"), []byte("x")); err == nil {
			t.Error("WriteSecretFile over a folder: no error")
		}
		mustOnlyFiles(t, dir, "secret")
	})
}

func mustContent(t *testing.T, path, want string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != want {
		t.Errorf("content of %s = %q, want %q", filepath.Base(path), b, want)
	}
}

func TestSessionFile(t *testing.T) {
	dir := t.TempDir()
	f := SessionFile{Path: filepath.Join(dir, "session")}

	if tok, err := f.Load(); tok != "" || err != nil {
		t.Fatalf("Load with no file = %q, %v; want \"\", nil", tok, err)
	}
	if err := f.Remove(); err != nil {
		t.Fatalf("Remove with no file: %v", err)
	}
	for _, tok := range []string{"aaa.bbb.ccc", "ddd.eee.fff"} {
		if err := f.Save(tok); err != nil {
			t.Fatal(err)
		}
		mustMode(t, f.Path, 0o600)
		if got, err := f.Load(); got != tok || err != nil {
			t.Fatalf("Load = %q, %v; want %q", got, err, tok)
		}
	}
	mustOnlyFiles(t, dir, "session")
	if err := f.Remove(); err != nil {
		t.Fatal(err)
	}
	if tok, err := f.Load(); tok != "" || err != nil {
		t.Fatalf("Load after Remove = %q, %v; want \"\", nil", tok, err)
	}
	if err := f.Remove(); err != nil {
		t.Fatalf("Remove twice: %v", err)
	}
	mustOnlyFiles(t, dir)
}
