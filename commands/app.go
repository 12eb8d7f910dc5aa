package commands

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"strings"
	"sync"
	"time"

	"epicevents/model"
	"epicevents/query"
	"epicevents/security"
)

// Prompter asks the operator for input on a terminal. It is nil in batch
// and one-shot modes, where passwords come from the environment.
type Prompter interface {
	// ReadLine asks for a visible line.
	ReadLine(prompt string) (string, error)
	// ReadPassword asks for a hidden line, never echoed.
	ReadPassword(prompt string) (string, error)
}

// Reporter receives the business events that monitoring reports. Calls
// happen only after the command's transaction has committed.
type Reporter interface {
	CollaboratorChanged(action string, actorID, collaboratorID int64, department string, fields []string)
	ContractSigned(actorID, contractID, clientID int64)
	LoginLocked(username string)
}

// App is everything the handlers need: the database, the session, the
// configuration.
type App struct {
	DB         *query.DB
	Session    security.SessionFile
	Key        []byte        // signs sessions
	TTL        time.Duration // session lifetime
	Getenv     func(string) string
	Prompter   Prompter // nil when not on a terminal
	Reporter   Reporter // nil when monitoring is off
	Location   *time.Location
	Table      []*Command
	LockWindow time.Duration // failed logins counted over this window
	LockAfter  int           // failures that lock a username

	verified verifiedSession
}

// verifiedSession is what App.session remembers from one command to the
// next: the session file last read, and the last token whose signature
// was verified, with its claims.
type verifiedSession struct {
	sync.Mutex
	file      os.FileInfo // nil: read the file
	fileToken string
	key       []byte
	token     string
	session   security.Session
}

// NewApp returns an App with the command table and the SPEC's defaults.
func NewApp(db *query.DB, home string, key []byte) *App {
	return &App{
		DB: db, Session: security.SessionFile{Path: home + "/session"}, Key: key, TTL: 8 * time.Hour,
		Getenv: func(string) string { return "" }, Location: time.Local, Table: Table(),
		LockWindow: 15 * time.Minute, LockAfter: 5,
	}
}

// Ctx is what a handler sees: the invocation, the logged-in collaborator and
// the command's one transaction.
type Ctx struct {
	context.Context
	*Invocation
	App   *App
	Tx    *query.Tx
	Actor *model.Collaborator // nil for public commands
	// Secret holds what Prepare asked for: passwords, already hashed when new.
	Secret map[string]string

	afterCommit []func()
	failure     error
}

// AfterCommit registers fn to run once the transaction has committed:
// reports to monitoring, which must not tell of changes that did not happen.
func (c *Ctx) AfterCommit(fn func()) { c.afterCommit = append(c.afterCommit, fn) }

// FailAfterCommit makes the command fail with err while keeping what it
// wrote: a failed login is recorded, and still refused.
func (c *Ctx) FailAfterCommit(err error) (Result, error) {
	c.failure = err
	return Result{}, nil
}

// Session returns the verified session, without reading the database.
func (a *App) session() (security.Session, error) {
	a.verified.Lock()
	defer a.verified.Unlock()
	v := &a.verified
	token, err := v.load(a.Session)
	if err != nil {
		return security.Session{}, err
	}
	if token == "" {
		return security.Session{}, model.Errorf(model.EUNAUTHENTICATED, "not logged in: use login USERNAME")
	}
	now := a.DB.Now()
	// The same token under the same key verifies the same way, so a batch
	// of thousands of commands checks its signature once; its expiry is
	// checked every time.
	if v.token == token && bytes.Equal(v.key, a.Key) && now.Before(v.session.ExpiresAt) {
		return v.session, nil
	}
	s, err := security.VerifySession(a.Key, token, now)
	if err != nil {
		v.token, v.file = "", nil
		a.Session.Remove()
		return s, err
	}
	v.key, v.token, v.session = a.Key, token, s
	return s, nil
}

// load returns the token saved in f. The file is looked at for every
// command, since another shell may log in or out meanwhile; it is read
// again only when it is another file than the one last read: every save
// writes a new file (security.WriteSecretFile) and renames it into place.
func (v *verifiedSession) load(f security.SessionFile) (string, error) {
	fi, err := os.Stat(f.Path)
	if errors.Is(err, fs.ErrNotExist) {
		v.file = nil
		return "", nil
	}
	if err == nil && v.file != nil && os.SameFile(fi, v.file) && fi.Size() == v.file.Size() &&
		fi.ModTime().Equal(v.file.ModTime()) {
		return v.fileToken, nil
	}
	token, err := f.Load()
	if err != nil {
		v.file = nil
		return "", err
	}
	v.file, v.fileToken = fi, token
	return token, nil
}

// SessionExpired reports whether err says that the session expired, so
// that the shell can ask for the password again instead of failing.
func SessionExpired(err error) bool {
	return model.ErrorCode(err) == model.EUNAUTHENTICATED && strings.HasPrefix(err.Error(), "session expired")
}
