//go:build linux

package query

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"epicevents/model"
)

// makeReadOnly makes the file or folder at path one that this process
// cannot write: mode 0400 (0500 for a folder) for a user, and the
// immutable attribute for root, whom modes do not stop. It skips the test
// where neither works (root on a file system without attributes).
func makeReadOnly(t *testing.T, path string) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	mode := os.FileMode(0o400)
	if fi.IsDir() {
		mode = 0o500
	}
	os.Chmod(path, mode)
	t.Cleanup(func() { os.Chmod(path, fi.Mode().Perm()) })
	if os.Geteuid() == 0 {
		if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
			t.Skipf("root, and no immutable attribute here: %v %s", err, out)
		}
		t.Cleanup(func() { exec.Command("chattr", "-i", path).Run() })
	}
	probe := path
	if fi.IsDir() {
		probe = filepath.Join(path, "probe")
		if f, err := os.Create(probe); err == nil {
			f.Close()
			os.Remove(probe)
			t.Skip("cannot make a folder read-only here")
		}
		return
	}
	if f, err := os.OpenFile(probe, os.O_RDWR, 0); err == nil {
		f.Close()
		t.Skip("cannot make a file read-only here")
	}
}

// TestReadOnlyDatabaseFile: a database file this process can read but not
// write (mode 0400, a read-only mount, an immutable file) opens for
// reading: lists and shows work, and a write fails with one line naming
// the file. In a folder it cannot write either, where SQLite could not
// make the -shm file that WAL needs, it is read as it is (immutable),
// leaving nothing beside it.
func TestReadOnlyDatabaseFile(t *testing.T) {
	for _, folderToo := range []bool{false, true} {
		name := "File"
		if folderToo {
			name = "FileAndFolder"
		}
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			path := filepath.Join(dir, "crm.db")
			db, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			pgCollaborator(t, db, "mia", "M", model.Management)
			db.Close()
			makeReadOnly(t, path)
			if folderToo {
				makeReadOnly(t, dir)
			}
			ro, err := Open(ctx, path)
			if err != nil {
				t.Fatalf("Open of a read-only database: %v", err)
			}
			defer ro.Close()
			err = ro.View(ctx, func(tx *Tx) error {
				u, err := tx.Collaborator("mia")
				if err == nil && u.LastName != "M" {
					t.Errorf("read %+v", u)
				}
				return err
			})
			if err != nil {
				t.Fatalf("read: %v", err)
			}
			err = ro.Update(ctx, func(tx *Tx) error { return tx.RecordLoginFailure("x") })
			mustEnvError(t, err, path, "is read-only: this process may read the file, not write it")
			if folderToo {
				entries, _ := os.ReadDir(dir)
				if len(entries) != 1 {
					t.Fatalf("files beside the database: %v", entries)
				}
			}
		})
	}
}

// TestReadOnlyDatabaseNeedsUpgrade: a read-only database of an older
// schema cannot be upgraded: one line says so, naming it.
func TestReadOnlyDatabaseNeedsUpgrade(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	mustSQL(t, path, "DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)")
	makeReadOnly(t, path)
	_, err = Open(context.Background(), path)
	mustEnvError(t, err, path, "is read-only and needs an upgrade")
}

// TestReadOnlyEmptyFile: an empty file this process cannot write is no
// database to upgrade: one line says that it holds nothing and cannot be
// set up, not that it "needs an upgrade".
func TestReadOnlyEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	makeReadOnly(t, path)
	_, err := Open(context.Background(), path)
	mustEnvError(t, err, path, "is read-only and holds no epicevents data: epicevents cannot set it up without write access")
}
