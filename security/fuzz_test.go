package security

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"epicevents/model"
)

// FuzzSessionFile: whatever the session file holds, reading and verifying
// it either gives a session signed with the key or an error that asks to
// log in again (or names the file); never a panic, never another session.
func FuzzSessionFile(f *testing.F) {
	good, _ := SignSession(testKey, testValid)
	for _, s := range []string{good, good + "\n", "", "garbage", "a.b.c", "eyJhbGciOiJub25lIn0.e30.", "\x00\xff"} {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, content []byte) {
		path := filepath.Join(dir, "session")
		if err := os.WriteFile(path, content, 0o600); err != nil {
			t.Fatal(err)
		}
		tok, err := SessionFile{Path: path}.Load()
		if err != nil {
			if model.ErrorCode(err) != model.EENV {
				t.Fatalf("Load: %v", err)
			}
			return
		}
		s, err := VerifySession(testKey, tok, testNow)
		if err != nil {
			if model.ErrorCode(err) != model.EUNAUTHENTICATED {
				t.Fatalf("VerifySession: %v", err)
			}
			return
		}
		if s.CollaboratorID != testValid.CollaboratorID || s.Database != testValid.Database || !s.ExpiresAt.After(testNow.Add(-time.Second)) {
			t.Fatalf("a session that was never signed: %+v", s)
		}
	})
}
