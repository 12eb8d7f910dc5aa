package commands

import (
	"context"
	"strings"
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
	token, err := a.Session.Load()
	if err != nil {
		return security.Session{}, err
	}
	if token == "" {
		return security.Session{}, model.Errorf(model.EUNAUTHENTICATED, "not logged in: use login USERNAME")
	}
	s, err := security.VerifySession(a.Key, token, a.DB.Now())
	if err != nil {
		a.Session.Remove()
		return s, err
	}
	return s, nil
}

// SessionExpired reports whether err says that the session expired, so
// that the shell can ask for the password again instead of failing.
func SessionExpired(err error) bool {
	return model.ErrorCode(err) == model.EUNAUTHENTICATED && strings.HasPrefix(err.Error(), "session expired")
}
