package history

import (
	"os"
	"path/filepath"
	"testing"
)

// TestLinkNotFollowed: a history file that is a symbolic link is neither
// appended to nor chmod-ed through (as root, a link to a file under /etc
// would otherwise have the operator's commands written into it).
func TestLinkNotFollowed(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	if err := os.WriteFile(target, []byte("root:x:0:0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(target, 0o644)
	path := filepath.Join(dir, "history")
	if err := os.Symlink(target, path); err != nil {
		t.Fatal(err)
	}
	h, err := Open(path, 10)
	if err == nil {
		err = h.Add("client list")
	}
	if err == nil {
		t.Fatal("the history was used through a link")
	}
	b, _ := os.ReadFile(target)
	fi, _ := os.Stat(target)
	if string(b) != "root:x:0:0\n" || fi.Mode().Perm() != 0o644 {
		t.Fatalf("the link's target changed: %q, mode %#o", b, fi.Mode().Perm())
	}
}
