package query

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mattn/go-sqlite3"

	"epicevents/model"
)

// mustEnvError checks that err is one line for the operator, of code EENV,
// naming what and saying want.
func mustEnvError(t *testing.T, err error, what, want string) {
	t.Helper()
	msg := model.ErrorMessage(err)
	if model.ErrorCode(err) != model.EENV || !strings.Contains(msg, what) || !strings.Contains(msg, want) ||
		strings.Contains(msg, "\n") {
		t.Fatalf("error = %v (code %s); want one line naming %s and saying %q", err, model.ErrorCode(err), what, want)
	}
}

// TestOpenEnvironmentErrors: a database that cannot be opened gets one
// line naming the file and the cause (issue 11 finding 9, issue 10 point 5).
func TestOpenEnvironmentErrors(t *testing.T) {
	ctx := context.Background()
	t.Run("Folder", func(t *testing.T) {
		path := t.TempDir()
		_, err := Open(ctx, path)
		mustEnvError(t, err, path, "is a folder")
	})
	t.Run("NotADatabase", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "x.db")
		os.WriteFile(path, []byte(strings.Repeat("this is not SQLite\n", 400)), 0o600)
		_, err := Open(ctx, path)
		mustEnvError(t, err, path, "is not a database")
	})
	t.Run("ParentIsAFile", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "file")
		os.WriteFile(file, nil, 0o600)
		path := filepath.Join(file, "x.db")
		_, err := Open(ctx, path)
		mustEnvError(t, err, path, "is not a folder")
	})
	t.Run("MissingFolder", func(t *testing.T) {
		// A mistyped --db is said, not created as a new tree of folders.
		dir := filepath.Join(t.TempDir(), "no", "such")
		path := filepath.Join(dir, "x.db")
		_, err := Open(ctx, path)
		mustEnvError(t, err, path, "does not exist")
		if _, serr := os.Stat(dir); !os.IsNotExist(serr) {
			t.Fatalf("the folder %s was created", dir)
		}
	})
	t.Run("Link", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "x.db")
		os.Symlink(filepath.Join(dir, "elsewhere.db"), path)
		_, err := Open(ctx, path)
		mustEnvError(t, err, path, "symbolic link")
		if _, err := os.Stat(filepath.Join(dir, "elsewhere.db")); err == nil {
			t.Fatal("the link was followed")
		}
	})
	t.Run("InvalidURL", func(t *testing.T) {
		_, err := Open(ctx, "mysql://x")
		if model.ErrorCode(err) != model.EINVALID {
			t.Fatalf("error = %v; want invalid input", err)
		}
	})
}

// TestTranslateFileErrors: the SQLite errors of a read-only, full or
// damaged file (which a test cannot always cause, as root or on any file
// system) become one line naming the file.
func TestTranslateFileErrors(t *testing.T) {
	db := &DB{Dialect: SQLite, Path: "/srv/crm/epicevents.db"}
	for code, want := range map[sqlite3.ErrNo]string{
		sqlite3.ErrReadonly: "is read-only", sqlite3.ErrFull: "the disk is full",
		sqlite3.ErrNotADB: "is not a database", sqlite3.ErrCorrupt: "is damaged",
		sqlite3.ErrIoErr: "input/output error", sqlite3.ErrCantOpen: "cannot be opened",
	} {
		err := db.named(translate(fmt.Errorf("exec: %w", sqlite3.Error{Code: code})))
		mustEnvError(t, err, db.Path, want)
	}
	// An error named already (db copy's target, full) keeps its name when
	// it goes up through the source's transaction.
	target := &DB{Dialect: SQLite, Path: "/mnt/copy.db"}
	err := db.named(target.named(translate(sqlite3.Error{Code: sqlite3.ErrFull})))
	mustEnvError(t, err, target.Path, "the disk is full")
	if strings.Contains(err.Error(), db.Path) {
		t.Errorf("the target's error names the source: %v", err)
	}
	// Other errors pass as they are.
	for _, e := range []error{nil, notFound("client", 3), sql.ErrNoRows} {
		if got := db.named(e); got != e {
			t.Errorf("named(%v) = %v", e, got)
		}
	}
}

// TestReadOnlyDatabase: a write to a database SQLite can only read is
// refused with one line naming the file (query_only stands for a
// read-only file, which root could write all the same).
func TestReadOnlyDatabase(t *testing.T) {
	db := MustOpenEngine(t, SQLite)
	db.write.SetMaxOpenConns(1)
	if _, err := db.write.Exec("PRAGMA query_only = ON"); err != nil {
		t.Fatal(err)
	}
	err := db.Update(context.Background(), func(tx *Tx) error { return tx.RecordLoginFailure("x") })
	mustEnvError(t, err, db.Path, "is read-only")
}

// TestFullDisk fills a tiny tmpfs (as root only: mounting needs it) and
// checks that the write that does not fit says so, naming the file, and
// that the database is still whole.
func TestFullDisk(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a tmpfs needs root; TestTranslateFileErrors covers the translation")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	path := filepath.Join(dir, "x.db")
	db := MustOpenURL(t, path)
	var err error
	for i := 0; i < 10000 && err == nil; i++ {
		err = db.Update(context.Background(), func(tx *Tx) error {
			return tx.RecordLoginFailure(strings.Repeat("x", 4000) + fmt.Sprint(i))
		})
	}
	mustEnvError(t, err, path, "the disk is full")
	var ok string
	if err := db.read.QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check = %q, %v", ok, err)
	}
}

// TestOpenTightensModes: a database file and its -wal and -shm files left
// readable by others (a restore, a copy) are set back to 0600 on open.
func TestOpenTightensModes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db")
	db := MustOpenURL(t, path)
	if err := db.Update(context.Background(), func(tx *Tx) error { return tx.RecordLoginFailure("x") }); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Chmod(f, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	MustOpenURL(t, path)
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("mode of %s = %#o, want 0600", filepath.Base(f), fi.Mode().Perm())
		}
	}
}

// TestOpenRefusesNewerSchema: a database migrated by a newer epicevents is
// refused, on both engines, saying so.
func TestOpenRefusesNewerSchema(t *testing.T) {
	forEachEngineURL(t, func(t *testing.T, url string) {
		db := MustOpenURL(t, url)
		err := db.Update(context.Background(), func(tx *Tx) error {
			_, err := tx.exec(tx.db.sb.Insert("schema_migrations").Columns("version", "applied_at").Values(9999, ts(tx.now)))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		_, err = Open(context.Background(), url)
		if model.ErrorCode(err) != model.EENV || !strings.Contains(err.Error(), "made by a newer epicevents (schema version 9999") {
			t.Fatalf("Open = %v; want the newer schema refused", err)
		}
	})
}

// TestNamedKeepsTheOtherDatabase: a database that fails to open while
// another is in use (db copy's target) is named in the error, not the
// database in use: the operator must not be told that their own
// database is damaged.
func TestNamedKeepsTheOtherDatabase(t *testing.T) {
	ctx := context.Background()
	src, err := Open(ctx, filepath.Join(t.TempDir(), "src.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	target := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(target, []byte(strings.Repeat("this is not SQLite\n", 400)), 0o600)
	err = src.View(ctx, func(*Tx) error {
		dst, err := Open(ctx, target)
		if err == nil {
			dst.Close()
		}
		return err
	})
	mustEnvError(t, err, target, "is not a database")
	if msg := model.ErrorMessage(err); strings.Contains(msg, src.Path) {
		t.Fatalf("the error names the database in use: %s", msg)
	}
}
