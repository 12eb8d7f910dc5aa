package security

import (
	"bytes"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"epicevents/model"
)

// TestSessionKeyOfSixteenBytes: 16 bytes is the shortest key that signs
// and verifies a session; 15 is refused by both.
func TestSessionKeyOfSixteenBytes(t *testing.T) {
	key := testKey[:16]
	now := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	s := Session{CollaboratorID: 1, Username: "alice", Department: "support", Database: "db-one", IssuedAt: now, ExpiresAt: now.Add(time.Hour)}
	token, err := SignSession(key, s)
	if err != nil {
		t.Fatalf("SignSession with 16 bytes: %v", err)
	}
	if got, err := VerifySession(key, token, now); err != nil || got.Username != "alice" {
		t.Fatalf("VerifySession with 16 bytes = %+v, %v", got, err)
	}
	// A token signed with a 15-byte key, which SignSession refuses to make,
	// is refused too.
	short := hs256Token(t, map[string]any{"alg": "HS256", "typ": "JWT"},
		map[string]any{"sub": "1", "usr": "alice", "dep": "support", "iat": now.Unix(), "exp": now.Add(time.Hour).Unix()}, key[:15])
	if _, err := VerifySession(key[:15], short, now); model.ErrorCode(err) != model.EUNAUTHENTICATED {
		t.Fatalf("VerifySession with 15 bytes: %v", err)
	}
}

// TestLoadSecretKeyWaitsForWriter: a key file still being written (short,
// as another process just created it) is read again until it is whole.
func TestLoadSecretKeyWaitsForWriter(t *testing.T) {
	home := t.TempDir()
	path := filepath.Join(home, "secret.key")
	key := bytes.Repeat([]byte{0xab}, 32)
	if err := os.WriteFile(path, []byte(hex.EncodeToString(key)[:10]), 0o600); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		time.Sleep(120 * time.Millisecond)
		done <- os.WriteFile(path, []byte(hex.EncodeToString(key)+"\n"), 0o600)
	}()
	got, err := LoadSecretKey("", home)
	if werr := <-done; werr != nil {
		t.Fatal(werr)
	}
	if err != nil || !bytes.Equal(got, key) {
		t.Fatalf("LoadSecretKey = %x, %v; want the key the writer finished", got, err)
	}
}

// TestSecretFileRelativePath: a path without a folder is written in the
// working directory, its temporary file beside it.
func TestSecretFileRelativePath(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := WriteSecretFile("session", []byte("token")); err != nil {
		t.Fatal(err)
	}
	mustContent(t, filepath.Join(dir, "session"), "token")
	mustMode(t, filepath.Join(dir, "session"), 0o600)
	mustOnlyFiles(t, dir, "session")
	if err := (SessionFile{Path: "session"}).Remove(); err != nil {
		t.Fatal(err)
	}
	mustOnlyFiles(t, dir)
}

// TestSecretKeyModes: a secret.key readable by others is set back to 0600,
// and SECRET_KEY of exactly 16 bytes is a key.
func TestSecretKeyModes(t *testing.T) {
	home := t.TempDir()
	path := filepath.Join(home, "secret.key")
	if err := os.WriteFile(path, []byte(strings.Repeat("cd", 16)), 0o644); err != nil {
		t.Fatal(err)
	}
	key, err := LoadSecretKey("", home)
	if err != nil || len(key) != 16 {
		t.Fatalf("LoadSecretKey = %x, %v", key, err)
	}
	mustMode(t, path, 0o600)
	if key, err := LoadSecretKey(strings.Repeat("k", 16), home); err != nil || string(key) != strings.Repeat("k", 16) {
		t.Fatalf("SECRET_KEY of 16 bytes: %q, %v", key, err)
	}
	if _, err := LoadSecretKey(strings.Repeat("k", 15), home); model.ErrorCode(err) != model.EINVALID {
		t.Fatalf("SECRET_KEY of 15 bytes: %v", err)
	}
}

// TestSecretFileSizeLimit: a secret file of exactly maxSecretFileBytes is
// read; one byte more is refused.
func TestSecretFileSizeLimit(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "session")
	if err := os.WriteFile(path, bytes.Repeat([]byte("a"), maxSecretFileBytes), 0o600); err != nil {
		t.Fatal(err)
	}
	if b, err := readSecretFile(path); err != nil || len(b) != maxSecretFileBytes {
		t.Fatalf("readSecretFile of %d bytes = %d bytes, %v", maxSecretFileBytes, len(b), err)
	}
	if err := os.WriteFile(path, bytes.Repeat([]byte("a"), maxSecretFileBytes+1), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := readSecretFile(path); model.ErrorCode(err) != model.EENV || !strings.Contains(err.Error(), "is larger than") {
		t.Fatalf("readSecretFile of %d bytes: %v", maxSecretFileBytes+1, err)
	}
	// The session file the same: its size is checked before it is opened.
	session := SessionFile{Path: path}
	if tok, err := session.Load(); model.ErrorCode(err) != model.EUNAUTHENTICATED || tok != "" {
		t.Fatalf("a session file of %d bytes: %q, %v", maxSecretFileBytes+1, tok, err)
	}
	if err := os.WriteFile(path, bytes.Repeat([]byte("a"), maxSecretFileBytes), 0o600); err != nil {
		t.Fatal(err)
	}
	if tok, err := session.Load(); err != nil || len(tok) != maxSecretFileBytes {
		t.Fatalf("a session file of %d bytes: %d bytes, %v", maxSecretFileBytes, len(tok), err)
	}
}

// TestFileKind: what an error says a secret file that is not a regular
// file is.
func TestFileKind(t *testing.T) {
	for m, want := range map[fs.FileMode]string{
		fs.ModeDir | 0o700: "a folder", fs.ModeNamedPipe: "a FIFO", fs.ModeDevice: "a device",
		fs.ModeDevice | fs.ModeCharDevice: "a device", fs.ModeSocket: "a socket", fs.ModeIrregular: "not a regular file",
	} {
		if got := fileKind(m); got != want {
			t.Errorf("fileKind(%v) = %q, want %q", m, got, want)
		}
	}
	if _, err := readSecretFile(t.TempDir()); model.ErrorCode(err) != model.EENV || !strings.Contains(err.Error(), "is a folder, not a file") {
		t.Errorf("readSecretFile(folder): %v", err)
	}
}
