package query

import (
	"errors"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"syscall"

	"github.com/mattn/go-sqlite3"

	"epicevents/model"
)

// dbFileMode is the mode of the SQLite database and of its -wal and -shm
// files: they hold password hashes, only their owner may read them.
const dbFileMode fs.FileMode = 0o600

// secureDBFiles creates the database file at path if it is missing, with
// mode 0600, and sets the file and its -wal and -shm files back to 0600
// when a restore or a copy left them readable by others. A symbolic link
// is not followed (O_NOFOLLOW): epicevents would chmod and write through
// it, possibly into a file it was never meant to touch. A folder, a FIFO
// or a device where the file should be is refused. A file this process
// may read but not write (its mode, a read-only mount, an immutable file)
// is left as it is, and readOnly is set: reading commands work on it.
func secureDBFiles(path string) (readOnly bool, err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, dbFileMode)
	if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
		if g, rerr := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0); rerr == nil {
			f, err, readOnly = g, nil, true
		}
	}
	switch {
	case errors.Is(err, syscall.ELOOP):
		return false, envf(err, "the database %s is a symbolic link, which epicevents does not follow", path)
	case errors.Is(err, syscall.EISDIR):
		return false, envf(err, "the database %s is a folder, not a file", path)
	case err != nil:
		return false, envf(err, "cannot open the database %s", path)
	}
	defer f.Close()
	if err := checkHeader(f, path); err != nil {
		return false, err
	}
	if err := tightenFile(f, path, readOnly, false); err != nil {
		return false, err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		// Read-only opens: a -wal or -shm file left by a read-only
		// session has the mode of the read-only database (0400), and is
		// given back 0600 (tightenFile) once the database is writable.
		g, err := os.OpenFile(path+suffix, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return false, envf(err, "cannot open %s", path+suffix)
		}
		err = tightenFile(g, path+suffix, readOnly, true)
		g.Close()
		if err != nil {
			return false, err
		}
	}
	return readOnly, nil
}

// tightenFile checks that f, opened from path, is a regular file, and
// sets its mode to 0600 when group or others have access, or, with rw,
// when its owner cannot both read and write it (a -wal or -shm file left
// with the mode of a read-only database). With readOnly (the database
// opens for reading only), group and others lose their access if they
// can, and the owner keeps theirs: the file stays read-only, and a mode
// that cannot be changed (a read-only mount) is no reason not to read.
func tightenFile(f *os.File, path string, readOnly, rw bool) error {
	fi, err := f.Stat()
	if err != nil {
		return envf(err, "cannot read %s", path)
	}
	if !fi.Mode().IsRegular() {
		return envf(errors.New("not a regular file"), "the database %s is not a file", path)
	}
	perm := fi.Mode().Perm()
	switch {
	case readOnly:
		if perm&^dbFileMode != 0 {
			f.Chmod(perm & dbFileMode)
		}
	case perm&^dbFileMode != 0 || rw && perm != dbFileMode:
		if err := f.Chmod(dbFileMode); err != nil {
			return envf(err, "cannot set the mode of %s to 0600", path)
		}
	}
	return nil
}

// sqliteHeader starts every SQLite database file.
const sqliteHeader = "SQLite format 3\x00"

// checkHeader refuses the file f, opened from path, when it holds
// something but not a SQLite database: a text file given as --db or as
// db copy's target is said to be no database before anything of it
// changes (its mode, a -wal or -shm file beside it). An empty file is a
// new database.
func checkHeader(f *os.File, path string) error {
	fi, err := f.Stat()
	if err != nil {
		return envf(err, "cannot read %s", path)
	}
	if !fi.Mode().IsRegular() || fi.Size() == 0 {
		return nil // tightenFile refuses what is no file
	}
	head := make([]byte, len(sqliteHeader))
	if _, err := f.ReadAt(head, 0); err != nil && !errors.Is(err, io.EOF) {
		return envf(err, "cannot read the database %s", path)
	}
	if string(head) != sqliteHeader {
		return model.Errorf(model.EENV, "the database %s %s", path, fileReasons[sqlite3.ErrNotADB])
	}
	return nil
}

// readOnlyDSN sets the options of a database file that this process can
// only read: SQLite opens it read-only (mode=ro), and leaves its journal
// mode alone, which only a writer may change. A WAL database is read
// through its -shm file, which SQLite makes beside it if it must; in a
// folder where it cannot, and with no -wal file holding commits yet to be
// copied into the database, the file is read as it is, with no lock and
// nothing made beside it (immutable): all of it is there.
func readOnlyDSN(q url.Values, path string) {
	q.Set("mode", "ro")
	if wal, err := os.Stat(path + "-wal"); err == nil && wal.Size() > 0 {
		return
	}
	if _, err := os.Stat(path + "-shm"); err == nil {
		return
	}
	if syscall.Access(filepath.Dir(path), 2 /* W_OK */) != nil {
		q.Set("immutable", "1")
	}
}
