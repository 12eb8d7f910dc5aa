//go:build unix

package security

import (
	"bytes"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"epicevents/model"
)

func TestLoadSecretKeyEnv(t *testing.T) {
	home := t.TempDir()
	t.Run("EnvWins", func(t *testing.T) {
		if _, err := LoadSecretKey("", home); err != nil {
			t.Fatal(err)
		}
		env := "an environment key of some length"
		key, err := LoadSecretKey(env, home)
		if err != nil {
			t.Fatal(err)
		}
		if string(key) != env {
			t.Errorf("key = %q, want the SECRET_KEY bytes", key)
		}
	})
	t.Run("16Bytes", func(t *testing.T) {
		if _, err := LoadSecretKey(strings.Repeat("k", 16), home); err != nil {
			t.Errorf("16-byte SECRET_KEY refused: %v", err)
		}
	})
	t.Run("TooShort", func(t *testing.T) {
		// Counted in bytes: 5 runes of 3 bytes make 15.
		for _, env := range []string{"k", strings.Repeat("k", 15), strings.Repeat("€", 5)} {
			key, err := LoadSecretKey(env, home)
			if model.ErrorCode(err) != model.EINVALID || key != nil {
				t.Fatalf("LoadSecretKey(%d bytes) = %q, %v; want an %s error", len(env), key, err, model.EINVALID)
			}
			if got, want := err.Error(), "SECRET_KEY must be at least 16 bytes"; got != want {
				t.Errorf("message = %q, want %q", got, want)
			}
		}
	})
	t.Run("EnvDoesNotTouchHome", func(t *testing.T) {
		home := filepath.Join(t.TempDir(), "absent")
		if _, err := LoadSecretKey(strings.Repeat("k", 32), home); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(home); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("home was created although SECRET_KEY is set: %v", err)
		}
	})
}

func TestLoadSecretKeyFile(t *testing.T) {
	home := filepath.Join(t.TempDir(), "epicevents")
	key, err := LoadSecretKey("", home)
	if err != nil {
		t.Fatal(err)
	}
	if len(key) != 32 {
		t.Errorf("key is %d bytes, want 32", len(key))
	}
	path := filepath.Join(home, "secret.key")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) != 64 {
		t.Errorf("secret.key holds %d characters, want 64", len(b))
	}
	if decoded, err := hex.DecodeString(string(b)); err != nil || !bytes.Equal(decoded, key) {
		t.Errorf("secret.key = %q, want the key hex-encoded", b)
	}
	mustMode(t, path, 0o600)
	mustMode(t, home, 0o700)

	t.Run("SameKeyAgain", func(t *testing.T) {
		again, err := LoadSecretKey("", home)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again, key) {
			t.Error("second call made another key")
		}
	})
	t.Run("NewHomeNewKey", func(t *testing.T) {
		other, err := LoadSecretKey("", t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(other, key) {
			t.Error("two homes got the same key")
		}
	})
	t.Run("LooseModeFixed", func(t *testing.T) {
		if err := os.Chmod(path, 0o644); err != nil {
			t.Fatal(err)
		}
		again, err := LoadSecretKey("", home)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again, key) {
			t.Error("key changed")
		}
		mustMode(t, path, 0o600)
	})
	t.Run("OwnKeyWithNewline", func(t *testing.T) {
		home := t.TempDir()
		own := strings.Repeat("ab", 16)
		if err := os.WriteFile(filepath.Join(home, "secret.key"), []byte(own+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		got, err := LoadSecretKey("", home)
		if err != nil {
			t.Fatal(err)
		}
		if hex.EncodeToString(got) != own {
			t.Errorf("key = %x, want %s", got, own)
		}
	})
}

func TestLoadSecretKeyBadFile(t *testing.T) {
	t.Parallel()
	for name, content := range map[string]string{
		"Empty":    "",
		"NotHex":   strings.Repeat("zz", 32),
		"TooShort": strings.Repeat("ab", 15),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			home := t.TempDir()
			path := filepath.Join(home, "secret.key")
			if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			key, err := LoadSecretKey("", home)
			if model.ErrorCode(err) != model.EINVALID || key != nil {
				t.Fatalf("LoadSecretKey = %x, %v; want an %s error", key, err, model.EINVALID)
			}
			// A bad key is reported, never silently replaced: that would
			// log everyone out and hide whatever damaged it.
			mustContent(t, path, content)
		})
	}
}

func TestLoadSecretKeyConcurrentFirstStart(t *testing.T) {
	home := t.TempDir()
	keys := racingKeys(t, 8, func() ([]byte, error) { return LoadSecretKey("", home) })
	mustAllEqual(t, keys)
	mustOnlyFiles(t, home, "secret.key")
	mustMode(t, filepath.Join(home, "secret.key"), 0o600)
}

// TestCreateSecretKeyWithoutLinks takes the O_EXCL path used on file
// systems that have no hard links.
func TestCreateSecretKeyWithoutLinks(t *testing.T) {
	noLink := func(oldname, newname string) error {
		return &os.LinkError{Op: "link", Old: oldname, New: newname, Err: errors.ErrUnsupported}
	}
	home := t.TempDir()
	path := filepath.Join(home, "secret.key")
	keys := racingKeys(t, 8, func() ([]byte, error) {
		key, err := readSecretKey(path)
		if errors.Is(err, fs.ErrNotExist) {
			return createSecretKey(path, noLink)
		}
		return key, err
	})
	mustAllEqual(t, keys)
	mustOnlyFiles(t, home, "secret.key")
	mustMode(t, path, 0o600)
	if key, err := LoadSecretKey("", home); err != nil || !bytes.Equal(key, keys[0]) {
		t.Errorf("LoadSecretKey after = %x, %v; want %x", key, err, keys[0])
	}
}

// racingKeys calls load from n goroutines released at once.
func racingKeys(t *testing.T, n int, load func() ([]byte, error)) [][]byte {
	t.Helper()
	keys := make([][]byte, n)
	errs := make([]error, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			<-start
			keys[i], errs[i] = load()
		})
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	return keys
}

func mustAllEqual(t *testing.T, keys [][]byte) {
	t.Helper()
	for i, k := range keys {
		if len(k) != 32 || !bytes.Equal(k, keys[0]) {
			t.Fatalf("call %d got key %x, call 0 got %x", i, k, keys[0])
		}
	}
}
