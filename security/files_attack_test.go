//go:build unix

package security

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"epicevents/model"
)

// TestSessionFileRefusesWhatIsNotAFile: a FIFO would hang the read,
// /dev/zero would take all the memory, a link would be followed, a huge
// file read whole. Each is a session that fails its checks: refused at
// once (not authenticated, 3) with one line naming the file and saying to
// log in again. Remove then takes away a link, a FIFO or a file, never
// what a link points to; a folder stays, with what it holds: the operator
// is told to remove it.
func TestSessionFileRefusesWhatIsNotAFile(t *testing.T) {
	target := filepath.Join(t.TempDir(), "elsewhere")
	os.WriteFile(target, []byte("aaa.bbb.ccc\n"), 0o644)
	os.Chmod(target, 0o644)
	for name, tc := range map[string]struct {
		plant   func(t *testing.T, path string)
		say     string
		removed bool
	}{
		"FIFO": {func(t *testing.T, path string) {
			if err := syscall.Mkfifo(path, 0o600); err != nil {
				t.Skip("no FIFOs here:", err)
			}
		}, "is a FIFO, not a regular file: log in again", true},
		"LinkToDevZero": {func(t *testing.T, path string) { mustSymlink(t, "/dev/zero", path) },
			"is a symbolic link, not a regular file: log in again", true},
		"LinkToFile": {func(t *testing.T, path string) { mustSymlink(t, target, path) },
			"is a symbolic link, not a regular file: log in again", true},
		"DanglingLink": {func(t *testing.T, path string) { mustSymlink(t, target+".missing", path) },
			"is a symbolic link, not a regular file: log in again", true},
		"Folder": {func(t *testing.T, path string) {
			os.Mkdir(path, 0o700)
			os.WriteFile(filepath.Join(path, "keep"), []byte("x"), 0o600)
		}, "is a folder, not a regular file: remove it, then log in again", false},
		"Huge": {func(t *testing.T, path string) {
			os.WriteFile(path, []byte(strings.Repeat("a", maxSecretFileBytes+1)), 0o600)
		}, "is larger than 16384 bytes, not a session: log in again", true},
	} {
		t.Run(name, func(t *testing.T) {
			f := SessionFile{Path: filepath.Join(t.TempDir(), "session")}
			tc.plant(t, f.Path)
			done := make(chan struct{})
			var tok string
			var err error
			go func() { tok, err = f.Load(); close(done) }()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("Load blocked")
			}
			msg := model.ErrorMessage(err)
			if model.ErrorCode(err) != model.EUNAUTHENTICATED || tok != "" ||
				msg != "the session file "+f.Path+" "+tc.say {
				t.Fatalf("Load = %q, %v (%s); want not authenticated: %q", tok, err, model.ErrorCode(err), tc.say)
			}
			err = f.Remove()
			_, lerr := os.Lstat(f.Path)
			switch {
			case tc.removed && (err != nil || !errors.Is(lerr, os.ErrNotExist)):
				t.Fatalf("Remove = %v; still there: %v", err, lerr)
			case !tc.removed && (model.ErrorCode(err) != model.EENV || lerr != nil):
				t.Fatalf("Remove = %v, Lstat = %v: want it refused and left", err, lerr)
			case !tc.removed:
				if _, err := os.Stat(filepath.Join(f.Path, "keep")); err != nil {
					t.Fatalf("the folder's content went: %v", err)
				}
			}
			mustMode(t, target, 0o644)
			if b, _ := os.ReadFile(target); string(b) != "aaa.bbb.ccc\n" {
				t.Fatalf("the link's target changed: %q", b)
			}
		})
	}
}

// TestSecretKeyNotAFile: a secret.key that is a FIFO, a folder or a link
// stays an environment error, one line naming it, read without blocking
// or following.
func TestSecretKeyNotAFile(t *testing.T) {
	for name, tc := range map[string]struct {
		plant func(t *testing.T, path string)
		want  string
	}{
		"FIFO": {func(t *testing.T, path string) {
			if err := syscall.Mkfifo(path, 0o600); err != nil {
				t.Skip("no FIFOs here:", err)
			}
		}, "is a FIFO, not a file: remove it"},
		"Folder": {func(t *testing.T, path string) { os.Mkdir(path, 0o700) }, "is a folder, not a file: remove it"},
		"Link": {func(t *testing.T, path string) { mustSymlink(t, "/dev/zero", path) },
			"is a symbolic link, which epicevents does not follow: remove it"},
	} {
		t.Run(name, func(t *testing.T) {
			home := t.TempDir()
			path := filepath.Join(home, "secret.key")
			tc.plant(t, path)
			_, err := LoadSecretKey("", home)
			if model.ErrorCode(err) != model.EENV || model.ErrorMessage(err) != path+" "+tc.want {
				t.Fatalf("LoadSecretKey = %v; want %q", err, path+" "+tc.want)
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
