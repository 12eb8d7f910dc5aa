//go:build linux

package query

import (
	"context"
	"net/url"
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

// TestTightenReadOnlyFile: a database opened for reading only loses the
// access of group and others and keeps its owner's; a file that gives them
// none is left alone.
func TestTightenReadOnlyFile(t *testing.T) {
	for _, tc := range []struct{ mode, want os.FileMode }{
		{0o444, 0o400}, {0o644, 0o600}, {0o400, 0o400}, {0o600, 0o600}, {0o604, 0o600},
	} {
		path := filepath.Join(t.TempDir(), "crm.db")
		if err := os.WriteFile(path, nil, tc.mode); err != nil {
			t.Fatal(err)
		}
		os.Chmod(path, tc.mode) // past the umask
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		err = tightenFile(f, path, true, false)
		f.Close()
		fi, _ := os.Stat(path)
		if err != nil || fi.Mode().Perm() != tc.want {
			t.Errorf("%04o read-only: %04o, %v; want %04o", tc.mode, fi.Mode().Perm(), err, tc.want)
		}
	}
	// A -wal or -shm file of a writable database (rw) is given 0600
	// whatever its mode: one left 0400 by a read-only session could not be
	// written; others lose their access.
	for _, mode := range []os.FileMode{0o400, 0o644, 0o600, 0o200} {
		path := filepath.Join(t.TempDir(), "crm.db-wal")
		if err := os.WriteFile(path, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		os.Chmod(path, mode)
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		err = tightenFile(f, path, false, true)
		f.Close()
		if fi, _ := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%04o -wal file: %04o, %v; want 0600", mode, fi.Mode().Perm(), err)
		}
	}
}

// TestReadOnlyDSN: a read-only database in a folder this process cannot
// write is read as it is (immutable) unless a -wal file holds commits (an
// empty one holds none) or a -shm file is there to read them through.
func TestReadOnlyDSN(t *testing.T) {
	for _, tc := range []struct {
		name      string
		wal, shm  string // contents; "-" for no file
		immutable bool
	}{
		{"Alone", "-", "-", true},
		{"EmptyWAL", "", "-", true},
		{"WAL", "commits", "-", false},
		{"SHM", "-", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "crm.db")
			for suffix, body := range map[string]string{"": "", "-wal": tc.wal, "-shm": tc.shm} {
				if body != "-" {
					if err := os.WriteFile(path+suffix, []byte(body), 0o600); err != nil {
						t.Fatal(err)
					}
				}
			}
			makeReadOnly(t, dir)
			q := url.Values{}
			readOnlyDSN(q, path)
			if q.Get("mode") != "ro" || (q.Get("immutable") == "1") != tc.immutable {
				t.Errorf("options %v, want mode=ro and immutable %v", q, tc.immutable)
			}
		})
	}
	// In a folder it can write, SQLite makes the -shm file it needs.
	q := url.Values{}
	readOnlyDSN(q, filepath.Join(t.TempDir(), "crm.db"))
	if q.Get("mode") != "ro" || q.Has("immutable") {
		t.Errorf("writable folder: options %v", q)
	}
}
