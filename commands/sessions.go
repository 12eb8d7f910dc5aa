package commands

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"sync"
	"time"

	"epicevents/security"
)

// sessionReader is the one reader of the session file, for the commands,
// which verify the session, and for the shell's prompt, which shows who is
// logged in. It remembers the file last read and the last token whose
// signature it verified: a batch of thousands of commands, and a prompt
// drawn on every key, cost a stat(2) each.
type sessionReader struct {
	mu        sync.Mutex
	file      os.FileInfo // nil: read the file
	fileToken string
	key       []byte
	token     string
	session   security.Session
	err       error
}

// load returns the token saved in f, "" when there is none. The file is
// looked at every time, since another shell may log in or out meanwhile;
// it is read again only when it is another file than the one last read:
// every save writes a new file (security.WriteSecretFile) and renames it
// into place.
func (r *sessionReader) load(f security.SessionFile) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	fi, err := os.Lstat(f.Path) // a link is not followed, even to look
	if errors.Is(err, fs.ErrNotExist) {
		r.file = nil
		return "", nil
	}
	if err == nil && r.file != nil && os.SameFile(fi, r.file) && fi.Size() == r.file.Size() &&
		fi.ModTime().Equal(r.file.ModTime()) {
		return r.fileToken, nil
	}
	token, err := f.Load()
	if err != nil {
		r.file = nil
		return "", err
	}
	r.file, r.fileToken = fi, token
	return token, nil
}

// verify returns the claims of token, signed with key, whatever its
// expiry: the caller compares ExpiresAt with its clock. The same token
// under the same key verifies the same way, so its signature is checked
// once.
func (r *sessionReader) verify(key []byte, token string) (security.Session, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.token == token && bytes.Equal(r.key, key) {
		return r.session, r.err
	}
	// Verified at the epoch, a token passes every check but its expiry.
	s, err := security.VerifySession(key, token, time.Unix(0, 0))
	r.key, r.token, r.session, r.err = bytes.Clone(key), token, s, err
	return s, err
}

// forget drops what the reader remembers, once the file is removed.
func (r *sessionReader) forget() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.file, r.token = nil, ""
}
