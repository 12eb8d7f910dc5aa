//go:build unix

package security

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"epicevents/model"
)

// TestSessionFileRefusesWhatIsNotAFile: a FIFO would hang the read,
// /dev/zero would take all the memory, a link would be followed, a huge
// file read whole. Each is refused at once with one line naming the file.
func TestSessionFileRefusesWhatIsNotAFile(t *testing.T) {
	for name, plant := range map[string]func(t *testing.T, path string){
		"FIFO": func(t *testing.T, path string) {
			if err := syscall.Mkfifo(path, 0o600); err != nil {
				t.Skip("no FIFOs here:", err)
			}
		},
		"LinkToDevZero": func(t *testing.T, path string) { mustSymlink(t, "/dev/zero", path) },
		"LinkToFile": func(t *testing.T, path string) {
			target := filepath.Join(filepath.Dir(path), "elsewhere")
			os.WriteFile(target, []byte("aaa.bbb.ccc\n"), 0o600)
			mustSymlink(t, target, path)
		},
		"Folder": func(t *testing.T, path string) { os.Mkdir(path, 0o700) },
		"Huge": func(t *testing.T, path string) {
			os.WriteFile(path, []byte(strings.Repeat("a", maxSecretFileBytes+1)), 0o600)
		},
	} {
		t.Run(name, func(t *testing.T) {
			f := SessionFile{Path: filepath.Join(t.TempDir(), "session")}
			plant(t, f.Path)
			tok, err := f.Load()
			if err == nil || model.ErrorCode(err) != model.EENV || tok != "" {
				t.Fatalf("Load = %q, %v; want an environment error", tok, err)
			}
			if msg := model.ErrorMessage(err); !strings.Contains(msg, f.Path) || strings.Contains(msg, "\n") {
				t.Errorf("message %q: want one line naming %s", msg, f.Path)
			}
		})
	}
}

func mustSymlink(t *testing.T, target, path string) {
	t.Helper()
	if err := os.Symlink(target, path); err != nil {
		t.Fatal(err)
	}
}

// TestSecretKeyLinkNotFollowed: a secret.key that is a link to another
// file is refused, and the target's mode and content are left alone (as
// root, following it would chmod a file under /etc).
func TestSecretKeyLinkNotFollowed(t *testing.T) {
	home := t.TempDir()
	target := filepath.Join(t.TempDir(), "passwd")
	content := []byte(strings.Repeat("ab", 32))
	if err := os.WriteFile(target, content, 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(target, 0o644)
	mustSymlink(t, target, filepath.Join(home, "secret.key"))
	_, err := LoadSecretKey("", home)
	if model.ErrorCode(err) != model.EENV || !strings.Contains(err.Error(), "symbolic link") {
		t.Fatalf("LoadSecretKey through a link = %v; want it refused", err)
	}
	mustMode(t, target, 0o644)
	if b, _ := os.ReadFile(target); string(b) != string(content) {
		t.Fatalf("target changed: %q", b)
	}
}

// TestSecretKeyDanglingLinkNotFollowed: a dangling link is not written
// through (O_EXCL and O_NOFOLLOW), and the target is not created.
func TestSecretKeyDanglingLinkNotFollowed(t *testing.T) {
	home := t.TempDir()
	target := filepath.Join(t.TempDir(), "created-by-us")
	mustSymlink(t, target, filepath.Join(home, "secret.key"))
	if _, err := LoadSecretKey("", home); err == nil {
		t.Fatal("secret key made through a dangling link")
	}
	if _, err := os.Lstat(target); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the link's target was created: %v", err)
	}
}

// TestFailedSecretWriteLeavesNoTempFile: a write that fails, as on a full
// disk, leaves neither the temporary file nor a partial session, and says
// which file could not be written.
func TestFailedSecretWriteLeavesNoTempFile(t *testing.T) {
	dir := t.TempDir()
	writeFile = func(*os.File, []byte) (int, error) { return 0, syscall.ENOSPC }
	defer func() { writeFile = (*os.File).Write }()
	f := SessionFile{Path: filepath.Join(dir, "session")}
	err := f.Save("aaa.bbb.ccc")
	if model.ErrorCode(err) != model.EENV || !strings.Contains(err.Error(), f.Path) ||
		!strings.Contains(err.Error(), "no space left on device") {
		t.Fatalf("Save on a full disk = %v", err)
	}
	mustOnlyFiles(t, dir)
}

// TestEnsureHomeErrors: a home that is a file or a dangling link gets one
// line naming it and saying what is wrong.
func TestEnsureHomeErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	os.WriteFile(file, nil, 0o600)
	dangling := filepath.Join(dir, "dangling")
	mustSymlink(t, filepath.Join(dir, "missing"), dangling)
	for path, want := range map[string]string{
		file:                         "is a file, not a folder",
		filepath.Join(file, "below"): "cannot create the home folder",
		dangling:                     "is a link to a folder that does not exist",
	} {
		err := EnsureHome(path)
		if model.ErrorCode(err) != model.EENV || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), want) {
			t.Errorf("EnsureHome(%s) = %v; want %q", path, err, want)
		}
	}
}
