package query

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
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
