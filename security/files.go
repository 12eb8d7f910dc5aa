package security

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Modes of the home folder and of the files in it that hold secrets
// (session token, secret key, history): readable by their owner only.
const (
	homeMode   fs.FileMode = 0o700
	secretMode fs.FileMode = 0o600
)

// EnsureHome creates dir, and its missing parents, with mode 0700. When dir
// already exists with any other mode it is set to 0700, since it holds the
// session token and the key that signs sessions.
func EnsureHome(dir string) error {
	if err := os.MkdirAll(dir, homeMode); err != nil {
		return fmt.Errorf("security: create home: %w", err)
	}
	info, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("security: home: %w", err)
	}
	if !info.IsDir() {
		return fmt.Errorf("security: home %s is not a directory", dir)
	}
	// MkdirAll leaves an existing folder as it is, and the umask may have
	// trimmed a new one: set the mode either way.
	if info.Mode().Perm() != homeMode {
		if err := os.Chmod(dir, homeMode); err != nil {
			return fmt.Errorf("security: home: %w", err)
		}
	}
	return nil
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
		return fmt.Errorf("security: write %s: %w", filepath.Base(path), err)
	}
	syncDir(filepath.Dir(path))
	return nil
}

// writeTempSecret writes data, synced, to a new file of mode 0600 next to
// path, and returns its name. Being in the same folder keeps the rename or
// link that follows on one file system, where it is atomic.
func writeTempSecret(path string, data []byte) (name string, err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	// CreateTemp opens with O_EXCL and mode 0600, so no one else can
	// have the file open before we write the secret into it.
	f, err := os.CreateTemp(dir, "."+base+".tmp*")
	if err != nil {
		return "", fmt.Errorf("security: write %s: %w", base, err)
	}
	name = f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(name)
		}
	}()
	// The umask may have left fewer bits than 0600: set them exactly.
	if err := f.Chmod(secretMode); err != nil {
		return "", fmt.Errorf("security: write %s: %w", base, err)
	}
	if _, err := f.Write(data); err != nil {
		return "", fmt.Errorf("security: write %s: %w", base, err)
	}
	// Without a sync, a crash after the rename can leave an empty file
	// under the final name.
	if err := f.Sync(); err != nil {
		return "", fmt.Errorf("security: write %s: %w", base, err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("security: write %s: %w", base, err)
	}
	return name, nil
}

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
func (f SessionFile) Load() (string, error) {
	b, err := os.ReadFile(f.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("security: read session: %w", err)
	}
	return strings.TrimSpace(string(b)), nil
}

// Save replaces the saved token with token, in a file of mode 0600.
func (f SessionFile) Save(token string) error {
	return WriteSecretFile(f.Path, []byte(token+"\n"))
}

// Remove deletes the saved token. Removing a session that is not there is
// not an error, so that logout is harmless when nobody is logged in.
func (f SessionFile) Remove() error {
	err := os.Remove(f.Path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("security: remove session: %w", err)
	}
	return nil
}
