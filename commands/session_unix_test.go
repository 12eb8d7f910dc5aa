//go:build unix

package commands

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"epicevents/model"
)

// TestSessionFileNotAFile: a session file that is a link or a FIFO fails
// the command as a session that fails its checks (not authenticated),
// and is removed, the link itself, never what it points to; a folder is
// left with what it holds, and the operator told to remove it. Then a
// login works again where the link or FIFO was.
func TestSessionFileNotAFile(t *testing.T) {
	target := filepath.Join(t.TempDir(), "target")
	os.WriteFile(target, []byte("keep me"), 0o644)
	for name, tc := range map[string]struct {
		plant   func(path string) error
		removed bool
	}{
		"Link":   {func(p string) error { return os.Symlink(target, p) }, true},
		"FIFO":   {func(p string) error { return syscall.Mkfifo(p, 0o600) }, true},
		"Folder": {func(p string) error { return os.MkdirAll(filepath.Join(p, "inside"), 0o700) }, false},
	} {
		t.Run(name, func(t *testing.T) {
			e := newEnv(t).as("carl")
			path := e.App.Session.Path
			os.Remove(path)
			if err := tc.plant(path); err != nil {
				t.Skip(err)
			}
			e.fails("client list", model.EUNAUTHENTICATED, "the session file "+path+" is ")
			_, err := os.Lstat(path)
			if tc.removed != os.IsNotExist(err) {
				t.Fatalf("removed: %v, want %v", err, tc.removed)
			}
			if !tc.removed {
				if _, err := os.Stat(filepath.Join(path, "inside")); err != nil {
					t.Fatalf("the folder's content went: %v", err)
				}
				e.fails("client list", model.EUNAUTHENTICATED, "remove it, then log in again")
				return
			}
			if b, err := os.ReadFile(target); err != nil || string(b) != "keep me" {
				t.Fatalf("the link's target changed: %q, %v", b, err)
			}
			e.fails("client list", model.EUNAUTHENTICATED, "not logged in")
			e.must("login carl")
			e.must("client list")
		})
	}
}
