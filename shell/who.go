package shell

import (
	"os"
	"sync"
	"time"

	"epicevents/commands"
	"epicevents/security"
)

// sessionView tells the interactive shell who is logged in, for the prompt
// and for completion, without asking the database: it reads the claims of
// the signed session token, and reads the session file again only when it
// changed. The prompt asks on every key, so this must cost no more than a
// stat(2). The commands still check the session against the database.
type sessionView struct {
	app *commands.App

	mu      sync.Mutex
	stamp   fileStamp
	session security.Session
	valid   bool // the token is ours (its signature verified), expired or not
}

// fileStamp tells whether a file changed.
type fileStamp struct {
	exists  bool
	size    int64
	modTime time.Time
}

// current returns the session in the file, which may have expired, and
// whether there is one that we signed.
func (v *sessionView) current() (security.Session, bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	var stamp fileStamp
	if fi, err := os.Stat(v.app.Session.Path); err == nil {
		stamp = fileStamp{exists: true, size: fi.Size(), modTime: fi.ModTime()}
	}
	if stamp == v.stamp {
		return v.session, v.valid
	}
	v.stamp, v.session, v.valid = stamp, security.Session{}, false
	if !stamp.exists {
		return v.session, false
	}
	token, err := v.app.Session.Load()
	if err != nil || token == "" {
		return v.session, false
	}
	s, err := security.VerifySession(v.app.Key, token, v.now())
	if commands.SessionExpired(err) {
		// Still the operator's own session: the prompt keeps their name,
		// and the next command asks for their password again. Verified at
		// the epoch, a token passes every check but its expiry.
		s, err = security.VerifySession(v.app.Key, token, time.Unix(0, 0))
	}
	if err != nil {
		return v.session, false
	}
	v.session, v.valid = s, true
	return s, true
}

// active reports whether a collaborator is logged in with a session that
// has not expired.
func (v *sessionView) active() bool {
	s, ok := v.current()
	return ok && v.now().Before(s.ExpiresAt)
}

// user returns the username of the session in the file, expired or not, or
// "" when nobody is logged in.
func (v *sessionView) user() string {
	s, ok := v.current()
	if !ok {
		return ""
	}
	return s.Username
}

// prompt is the prompt text: "alice (commercial)> ", or "epicevents> " when
// nobody is logged in.
func (v *sessionView) prompt() string {
	s, ok := v.current()
	if !ok {
		return "epicevents> "
	}
	return s.Username + " (" + s.Department + ")> "
}

func (v *sessionView) now() time.Time {
	if v.app.DB != nil && v.app.DB.Now != nil {
		return v.app.DB.Now()
	}
	return time.Now()
}
