package query

import (
	"errors"
	"io"
	"io/fs"
	"os"
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
// or a device where the file should be is refused.
func secureDBFiles(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, dbFileMode)
	switch {
	case errors.Is(err, syscall.ELOOP):
		return envf(err, "the database %s is a symbolic link, which epicevents does not follow", path)
	case errors.Is(err, syscall.EISDIR):
		return envf(err, "the database %s is a folder, not a file", path)
	case err != nil:
		return envf(err, "cannot open the database %s", path)
	}
	defer f.Close()
	if err := checkHeader(f, path); err != nil {
		return err
	}
	if err := tightenFile(f, path); err != nil {
		return err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		g, err := os.OpenFile(path+suffix, os.O_RDWR|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return envf(err, "cannot open %s", path+suffix)
		}
		err = tightenFile(g, path+suffix)
		g.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// tightenFile checks that f, opened from path, is a regular file and sets
// its mode to 0600 when group or others have access.
func tightenFile(f *os.File, path string) error {
	fi, err := f.Stat()
	if err != nil {
		return envf(err, "cannot read %s", path)
	}
	if !fi.Mode().IsRegular() {
		return envf(errors.New("not a regular file"), "the database %s is not a file", path)
	}
	if fi.Mode().Perm()&^dbFileMode != 0 {
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
