package security

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"epicevents/model"
)

// secretKeyFile is the name, in the home folder, of the key made when
// SECRET_KEY is not set.
const secretKeyFile = "secret.key"

// newKeyBytes is the size of a generated key: 256 bits, as much as HS256
// can use.
const newKeyBytes = 32

// LoadSecretKey returns the key that signs sessions. A non-empty envValue
// (SECRET_KEY) is the key, and must be at least 16 bytes. Otherwise the key
// is read from secret.key in home, hex-encoded; when that file does not
// exist, 32 random bytes are made and saved there with mode 0600. There is
// never a built-in key: anyone could forge sessions with it.
//
// Processes racing to make the file all end up with the one key that was
// saved first. A secret.key readable by others is set back to 0600.
func LoadSecretKey(envValue, home string) ([]byte, error) {
	if envValue != "" {
		if len(envValue) < minKeyBytes {
			return nil, model.Errorf(model.EINVALID, "SECRET_KEY must be at least %d bytes", minKeyBytes)
		}
		return []byte(envValue), nil
	}
	if home == "" {
		return nil, errors.New("security: no home folder for the secret key")
	}
	if err := EnsureHome(home); err != nil {
		return nil, err
	}
	path := filepath.Join(home, secretKeyFile)
	key, err := readSecretKey(path)
	if !errors.Is(err, fs.ErrNotExist) {
		return key, err
	}
	return createSecretKey(path, os.Link)
}

// createSecretKey makes a new key and saves it at path unless a key is
// already there, and returns the key saved at path. link is os.Link; tests
// pass one that fails as on a file system without hard links.
func createSecretKey(path string, link func(oldname, newname string) error) ([]byte, error) {
	key := make([]byte, newKeyBytes)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("security: new secret key: %w", err)
	}
	data := []byte(hex.EncodeToString(key))
	tmp, err := writeTempSecret(path, data)
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp)
	// A hard link publishes the complete, synced file under its name in one
	// step and fails if the name is taken, so that the process that loses
	// the race reads the winner's key and never a half-written one.
	err = link(tmp, path)
	switch {
	case err == nil:
		syncDir(filepath.Dir(path))
		return key, nil
	case errors.Is(err, fs.ErrExist):
		return readSecretKey(path)
	}
	// Without hard links, O_EXCL still elects one writer; readers that come
	// while it writes see a short file and try again (readSecretKey).
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, secretMode)
	if errors.Is(err, fs.ErrExist) {
		return readSecretKey(path)
	}
	if err != nil {
		return nil, fmt.Errorf("security: new secret key: %w", err)
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		// A partial file would lock every later start out; a missing one is
		// made again next time.
		os.Remove(path)
		return nil, fmt.Errorf("security: new secret key: %w", err)
	}
	syncDir(filepath.Dir(path))
	return key, nil
}

// readSecretKey returns the key saved at path, with an error wrapping
// fs.ErrNotExist when there is none. Content that is not a key is read
// again for a short while, as it may be a key still being written.
func readSecretKey(path string) ([]byte, error) {
	const tries, pause = 20, 50 * time.Millisecond
	for i := 0; ; i++ {
		b, err := readSecretFile(path)
		if err != nil {
			return nil, err
		}
		key, err := hex.DecodeString(strings.TrimSpace(string(b)))
		if err == nil && len(key) >= minKeyBytes {
			return key, nil
		}
		if i+1 == tries {
			return nil, model.Errorf(model.EINVALID,
				"%s does not hold a key of at least %d hex-encoded bytes: fix it, or remove it to make a new one (everyone will have to log in again)",
				path, minKeyBytes)
		}
		time.Sleep(pause)
	}
}
