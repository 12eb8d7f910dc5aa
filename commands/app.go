package commands

import (
	"context"
	"errors"
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
	// PasswordCost is the bcrypt cost of new passwords; 0 is
	// security.PasswordCost, which only tests lower.
	PasswordCost int

	sessions sessionReader
	// verify is security.VerifyPassword; tests watch it.
	verify func(hash, pw string) bool
}

// NewApp returns an App with the command table and the SPEC's defaults.
func NewApp(db *query.DB, home string, key []byte) *App {
	return &App{
		DB: db, Session: security.SessionFile{Path: home + "/session"}, Key: key, TTL: 8 * time.Hour,
		Getenv: func(string) string { return "" }, Location: time.Local, Table: Table(),
		LockWindow: 15 * time.Minute, LockAfter: 5, verify: security.VerifyPassword,
	}
}

// Ctx is what a handler sees: the invocation, the logged-in collaborator and
// the command's one transaction. Handlers read it and never change it.
type Ctx struct {
	context.Context
	*Invocation
	App   *App
	Tx    *query.Tx           // nil for Local commands
	Actor *model.Collaborator // nil for public commands
	// Asked holds what Prepare asked the operator for: a username, and
	// passwords, already hashed when new.
	Asked map[string]string

	afterCommit []func()
	onFailure   []func()
	failure     error
	login       *loginCheck // what login's Prepare found
}

// OnFailure registers fn to run when the command fails after fn was
// registered: its transaction rolled back, or did not commit. A file
// written inside the transaction, like the session, is removed so.
func (c *Ctx) OnFailure(fn func()) { c.onFailure = append(c.onFailure, fn) }

// AfterCommit registers fn to run once the transaction has committed:
// reports to monitoring, which must not tell of changes that did not happen.
func (c *Ctx) AfterCommit(fn func()) { c.afterCommit = append(c.afterCommit, fn) }

// FailAfterCommit makes the command fail with err while keeping what it
// wrote: a failed login is recorded, and still refused.
func (c *Ctx) FailAfterCommit(err error) (Result, error) {
	c.failure = err
	return Result{}, nil
}

// ErrSessionExpired is the error of a command whose session expired; the
// interactive shell tells it with errors.Is and asks for the password
// again (Relogin).
var ErrSessionExpired = security.ErrSessionExpired

// session returns the verified session, without reading the database. A
// session that fails verification, or has expired, is removed.
func (a *App) session() (security.Session, error) {
	s, err := a.verifiedSession()
	if model.ErrorCode(err) == model.EUNAUTHENTICATED && !errors.Is(err, errNotLoggedIn) {
		// Not a session file (a link, a FIFO, a huge file), or a session
		// that fails its checks: removed; a folder stays (Remove).
		a.sessions.forget()
		a.Session.Remove()
	}
	return s, err
}

var errNotLoggedIn = model.Errorf(model.EUNAUTHENTICATED, "not logged in: use login USERNAME")

// verifiedSession returns the session of the session file, verified and
// not expired, without reading the database. It changes nothing.
func (a *App) verifiedSession() (security.Session, error) {
	token, err := a.sessions.load(a.Session)
	if err != nil {
		return security.Session{}, err
	}
	if token == "" {
		return security.Session{}, errNotLoggedIn
	}
	s, err := a.sessions.verify(a.Key, token)
	if err == nil && !a.DB.Now().Before(s.ExpiresAt) {
		err = ErrSessionExpired
	}
	if err != nil {
		return security.Session{}, err
	}
	return s, nil
}

// Who is who the session file names, for the shell's prompt.
type Who struct {
	Username   string
	Department string
	// Active is false once the session has expired: the next command asks
	// for the password again.
	Active bool
}

// Who returns who is logged in, expired or not, and false when nobody is
// (no session, or one we did not sign). It reads no database, and the
// session file only when it changed: the prompt asks on every key.
func (a *App) Who() (Who, bool) {
	token, err := a.sessions.load(a.Session)
	if err != nil || token == "" {
		return Who{}, false
	}
	s, err := a.sessions.verify(a.Key, token)
	if err != nil {
		return Who{}, false
	}
	now := time.Now()
	if a.DB != nil && a.DB.Now != nil {
		now = a.DB.Now()
	}
	return Who{Username: s.Username, Department: s.Department, Active: now.Before(s.ExpiresAt)}, true
}
