package security

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"epicevents/model"
)

// Modes of the home folder and of the files in it that hold secrets
// (session token, secret key, history): readable by their owner only.
const (
	homeMode   fs.FileMode = 0o700
	secretMode fs.FileMode = 0o600
)

// EnsureHome creates dir, and its missing parents, with mode 0700. When dir
// already exists with any other mode it is set to 0700, since it holds the
// session token and the key that signs sessions. A home that cannot be
// made or used is an environment error (EENV) naming it and the cause.
func EnsureHome(dir string) error {
	if fi, err := os.Lstat(dir); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		if _, err := os.Stat(dir); err != nil {
			return envError(err, "the home folder %s is a link to a folder that does not exist", dir)
		}
	}
	if err := os.MkdirAll(dir, homeMode); err != nil {
		if fi, serr := os.Stat(dir); serr == nil && !fi.IsDir() {
			return envError(syscall.ENOTDIR, "the home folder %s is a file, not a folder", dir)
		}
		return envError(err, "cannot create the home folder %s", dir)
	}
	info, err := os.Stat(dir)
	if err != nil {
		return envError(err, "cannot use the home folder %s", dir)
	}
	if !info.IsDir() {
		return envError(syscall.ENOTDIR, "the home folder %s is a file, not a folder", dir)
	}
	// MkdirAll leaves an existing folder as it is, and the umask may have
	// trimmed a new one: set the mode either way.
	if info.Mode().Perm() != homeMode {
		if err := os.Chmod(dir, homeMode); err != nil {
			return envError(err, "cannot set the mode of the home folder %s to 0700", dir)
		}
	}
	return nil
}

// envError is an environment error (EENV): what went wrong with a file,
// then the system's reason, without Go's "open PATH:" prefix.
func envError(err error, format string, args ...any) error {
	return model.Errorf(model.EENV, format+": %v", append(args, model.SystemCause(err))...)
}

// maxSecretFileBytes bounds what is read of a session or key file: a token
// is well under 1 KiB. Reading /dev/zero or a huge file put there would
// otherwise take all the memory.
const maxSecretFileBytes = 16 << 10

// readSecretFile returns the content of the regular file at path, at most
// maxSecretFileBytes, with its mode set back to 0600 when others could
// read it. It does not follow a symbolic link (O_NOFOLLOW): as root, a link
// put there would have epicevents chmod or read a file under /etc. It opens
// without blocking, so that a FIFO is refused rather than waited on.
func readSecretFile(path string) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, openError(err, path)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, envError(err, "cannot read %s", path)
	}
	if !fi.Mode().IsRegular() {
		return nil, model.Errorf(model.EENV, "%s is %s, not a file: remove it", path, fileKind(fi.Mode()))
	}
	if fi.Mode().Perm()&^secretMode != 0 {
		if err := f.Chmod(secretMode); err != nil {
			return nil, envError(err, "cannot set the mode of %s to 0600", path)
		}
	}
	b, err := io.ReadAll(io.LimitReader(f, maxSecretFileBytes+1))
	if err != nil {
		return nil, envError(err, "cannot read %s", path)
	}
	if len(b) > maxSecretFileBytes {
		return nil, model.Errorf(model.EENV, "%s is larger than %d bytes: it is not an epicevents file, remove it", path, maxSecretFileBytes)
	}
	return b, nil
}

// fileKind names what a file that is not a regular file is.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "not a regular file"
}

// openError explains why a secret file could not be opened; a missing file
// keeps wrapping fs.ErrNotExist.
func openError(err error, path string) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return err
	case errors.Is(err, syscall.ELOOP):
		// The system's "too many levels of symbolic links" would only
		// confuse: there is one link, which O_NOFOLLOW refused.
		return model.Errorf(model.EENV, "%s is a symbolic link, which epicevents does not follow: remove it", path)
	case errors.Is(err, syscall.EISDIR):
		return envError(err, "%s is a folder, not a file: remove it", path)
	}
	return envError(err, "cannot read %s", path)
}

// WriteSecretFile replaces the file at path with data, mode 0600. Readers
// see either the old content or the new one, never a part: data goes to a
// temporary file in the same folder, which is synced and then renamed over
// path. The mode is 0600 whatever the umask or the mode of the file it
// replaces.
func WriteSecretFile(path string, data []byte) error {
	tmp, err := writeTempSecret(path, data)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		if errors.Is(err, syscall.EISDIR) || errors.Is(err, syscall.EEXIST) || errors.Is(err, syscall.ENOTEMPTY) {
			return envError(err, "cannot write %s: a folder is in its place", path)
		}
		return envError(err, "cannot write %s", path)
	}
	syncDir(filepath.Dir(path))
	return nil
}

// writeTempSecret writes data, synced, to a new file of mode 0600 next to
// path, and returns its name. Being in the same folder keeps the rename or
// link that follows on one file system, where it is atomic.
func writeTempSecret(path string, data []byte) (name string, err error) {
	dir, base := filepath.Dir(path), filepath.Base(path)
	// CreateTemp opens with O_EXCL and mode 0600, so no one else can
	// have the file open before we write the secret into it.
	f, err := os.CreateTemp(dir, "."+base+".tmp*")
	if err != nil {
		return "", envError(err, "cannot write %s", path)
	}
	// Not the named result, which every failing return sets to "".
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	// The umask may have left fewer bits than 0600: set them exactly.
	if err := f.Chmod(secretMode); err != nil {
		return "", envError(err, "cannot write %s", path)
	}
	if _, err := writeFile(f, data); err != nil {
		return "", envError(err, "cannot write %s", path)
	}
	// Without a sync, a crash after the rename can leave an empty file
	// under the final name.
	if err := f.Sync(); err != nil {
		return "", envError(err, "cannot write %s", path)
	}
	if err := f.Close(); err != nil {
		return "", envError(err, "cannot write %s", path)
	}
	return tmp, nil
}

// writeFile is (*os.File).Write; tests make it fail as on a full disk.
var writeFile = (*os.File).Write

// syncDir makes a rename or link in dir survive a crash. It is best effort:
// some systems cannot sync a folder, and the file itself is already safe.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// SessionFile is the file that keeps the session token between commands,
// $EPICEVENTS_HOME/session.
type SessionFile struct {
	Path string
}

// Load returns the saved token, or "" with no error when there is none.
// The file must be a regular file, not a link, and is read with a size
// limit (readSecretFile). Anything else in its place (a link, a FIFO, a
// folder, a file too large to be a session) is a session that fails its
// checks: an error of code EUNAUTHENTICATED that says to log in again,
// found without following a link or opening a FIFO; Remove takes a link,
// a FIFO or a file away, a folder is for the operator to remove.
func (f SessionFile) Load() (string, error) {
	fi, err := os.Lstat(f.Path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", nil
	case err != nil:
		return "", envError(err, "cannot read %s", f.Path)
	case !fi.Mode().IsRegular() && !removable(fi.Mode()):
		return "", model.Errorf(model.EUNAUTHENTICATED, "the session file %s is %s, not a regular file: "+
			"remove it, then log in again", f.Path, fileKind(fi.Mode()))
	case !fi.Mode().IsRegular():
		return "", model.Errorf(model.EUNAUTHENTICATED, "the session file %s is %s, not a regular file: log in again",
			f.Path, fileKind(fi.Mode()))
	case fi.Size() > maxSecretFileBytes:
		return "", model.Errorf(model.EUNAUTHENTICATED, "the session file %s is larger than %d bytes, not a session: "+
			"log in again", f.Path, maxSecretFileBytes)
	}
	b, err := readSecretFile(f.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(b)), nil
}

// Save replaces the saved token with token, in a file of mode 0600.
func (f SessionFile) Save(token string) error {
	return WriteSecretFile(f.Path, []byte(token+"\n"))
}

// Remove deletes the saved token. Removing a session that is not there is
// not an error, so that logout is harmless when nobody is logged in. A
// link or a FIFO in its place is removed itself (a link is never followed);
// a folder, a device or a socket is left for the operator, with an error
// saying so: what they hold is none of epicevents' business.
func (f SessionFile) Remove() error {
	if fi, err := os.Lstat(f.Path); err == nil && !fi.Mode().IsRegular() && !removable(fi.Mode()) {
		return model.Errorf(model.EENV, "cannot remove the session file %s: it is %s, not a file: remove it",
			f.Path, fileKind(fi.Mode()))
	}
	err := os.Remove(f.Path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return envError(err, "cannot remove %s", f.Path)
	}
	return nil
}

// removable reports whether a session file of mode m that is not a regular
// file may be removed in its stead: a symbolic link (unlinked, never
// followed) or a FIFO.
func removable(m fs.FileMode) bool {
	return m&(fs.ModeSymlink|fs.ModeNamedPipe) != 0
}
