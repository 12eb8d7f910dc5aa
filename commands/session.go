package commands

import (
	"fmt"
	"strings"
	"time"

	"epicevents/model"
	"epicevents/query"
	"epicevents/security"
)

var setupCommand = &Command{
	Name:    "setup",
	Short:   "create the first collaborator, in management (first run only)",
	Flags:   append(required(userFlags[:4]...), userFlags[5]),
	Public:  true,
	Write:   true,
	Prepare: prepareNewPassword,
	Run:     setup,
}

type setupOptions struct{ Username, Email, FirstName, LastName, Phone string }

func setup(c *Ctx, o *setupOptions) (Result, error) {
	n, err := c.Tx.CountCollaborators()
	if err != nil {
		return Result{}, err
	}
	if n > 0 {
		return Result{}, model.Errorf(model.ECONFLICT, "setup is already done: log in and use user create")
	}
	u := model.Collaborator{Username: o.Username, Email: o.Email, FirstName: o.FirstName, LastName: o.LastName,
		Phone: o.Phone, Department: model.Management, PasswordHash: c.Asked["hash"]}
	// The first collaborator creates themself: they are the actor of the
	// audit entry.
	c.Actor = &u
	res, err := c.saveNewUser(&u, 0)
	res.Note = fmt.Sprintf("Created %s (management). Log in with: login %s", u.Username, u.Username)
	return res, err
}

var loginCommand = &Command{
	Name:   "login",
	Short:  "log in (the password is asked, or read from EPICEVENTS_PASSWORD in batch)",
	Args:   []Arg{{Name: "USERNAME", Optional: true, Complete: CompleteUser}},
	Public: true,
	Write:  true,
	Prepare: func(c *Ctx) error {
		if len(c.Args) == 0 {
			if c.App.Prompter == nil {
				return usagef("missing USERNAME: usage: login USERNAME")
			}
			u, err := c.App.Prompter.ReadLine("Username: ")
			if err != nil {
				return err
			}
			c.Asked["username"] = u
		}
		// A blank name names no account: a mistake of the command line
		// (an unset variable, say), not a failed login to record.
		if strings.TrimSpace(c.loginName()) == "" {
			return usagef("username must not be empty: usage: login USERNAME")
		}
		pw, err := c.readPassword("Password: ", "EPICEVENTS_PASSWORD")
		c.Asked["password"] = pw
		return err
	},
	Check: checkLogin,
	Run:   login,
}

// loginName is the name login was given: its argument, or what the
// operator typed when asked.
func (c *Ctx) loginName() string {
	if len(c.Args) > 0 {
		return c.Args[0]
	}
	return c.Asked["username"]
}

// loginCheck is what checkLogin found, before the login's transaction.
type loginCheck struct {
	key  string              // the account's key for failed logins (query.LoginKey)
	user *model.Collaborator // nil for an unknown name
	ok   bool                // the password matched
}

// checkLogin looks the account up and checks the password, with no
// transaction open: bcrypt takes a quarter of a second, and a flood of
// failed logins holding the write lock that long would block every
// writer. The outcome is recorded by login, in a short transaction.
func checkLogin(c *Ctx) error {
	a, typed, pw := c.App, c.loginName(), c.Asked["password"]
	var u *model.Collaborator
	var key string
	err := a.DB.View(c, func(tx *query.Tx) (err error) {
		if u, err = lookupAccount(tx, typed); err != nil {
			return err
		}
		key = query.LoginKey(u, typed)
		return a.checkLock(tx, key, typed)
	})
	if err != nil {
		return err
	}
	// An unknown user is compared against a dummy hash: same message, the
	// same one bcrypt comparison.
	hash := ""
	if u != nil {
		hash = u.PasswordHash
	}
	c.login = &loginCheck{key: key, user: u, ok: a.verify(hash, pw)}
	return nil
}

// lookupAccount returns the collaborator typed names, by id (1, 0001, +1)
// or username (whose case and surrounding blanks do not matter, usernames
// being lower-case), or nil when there is none.
func lookupAccount(tx *query.Tx, typed string) (*model.Collaborator, error) {
	u, err := tx.Collaborator(model.FoldUsername(typed))
	if model.ErrorCode(err) == model.ENOTFOUND {
		return nil, nil
	}
	return u, err
}

// checkLock refuses the login while the account key names is locked: from
// the failure that made LockAfter failures within LockWindow, for
// LockWindow, saying for how long. Attempts refused so are not failures:
// the lock does not grow while someone keeps trying.
func (a *App) checkLock(tx *query.Tx, key, typed string) error {
	now := tx.Now()
	times, err := tx.LoginFailureTimes(key, now.Add(-2*a.LockWindow))
	if err != nil {
		return err
	}
	until := lockedUntil(times, a.LockAfter, a.LockWindow)
	if !now.Before(until) {
		return nil
	}
	wait := until.Sub(now)
	return model.Errorf(model.EUNAUTHENTICATED, "too many failed logins for %s: try again in %d minutes",
		typed, max(1, int((wait+time.Minute-1)/time.Minute)))
}

// lockedUntil returns when the lock that the failures at times (oldest
// first) put on an account ends: window after the latest failure that was
// the after-th within window; the zero time when there is none.
func lockedUntil(times []time.Time, after int, window time.Duration) time.Time {
	for i := len(times) - 1; i >= after-1 && after > 0; i-- {
		if times[i].Sub(times[i-after+1]) < window {
			return times[i].Add(window)
		}
	}
	return time.Time{}
}

// login records the outcome checkLogin found, in the command's short
// transaction: a failure, or the login and its session.
func login(c *Ctx) (Result, error) {
	a, l, typed := c.App, c.login, c.loginName()
	// Other processes may have failed meanwhile, while bcrypt ran.
	if err := a.checkLock(c.Tx, l.key, typed); err != nil {
		return Result{}, err
	}
	u := l.user
	if u != nil {
		var err error
		// The account may have changed while the password was checked: a
		// new password, a deletion, another department.
		if u, err = c.Tx.CollaboratorByID(u.ID); model.ErrorCode(err) == model.ENOTFOUND {
			u = nil
		} else if err != nil {
			return Result{}, err
		}
	}
	if !l.ok || u == nil || u.PasswordHash != l.user.PasswordHash {
		return loginFailed(c, u)
	}
	if err := c.Tx.ClearLoginFailures(l.key); err != nil {
		return Result{}, err
	}
	c.Actor = u
	if err := c.audit("login", "user", u.ID, nil); err != nil {
		return Result{}, err
	}
	// A commit that fails removes the session again.
	if err := c.openSession(u); err != nil {
		return Result{}, err
	}
	c.OnFailure(func() { a.Session.Remove() })
	return Result{Note: fmt.Sprintf("Logged in as %s (%s)", u.Username, u.Department)}, nil
}

// renewSession follows a new password of the actor's own, which ends
// every session of theirs, on every machine (query.SetPassword), but this
// one: it goes on with a new session of the new stamp. A commit that fails
// puts the one it had back.
func (c *Ctx) renewSession(stamp int64) error {
	old, err := c.App.Session.Load()
	if err != nil {
		return err
	}
	u := *c.Actor
	u.SessionStamp = stamp
	if err := c.openSession(&u); err != nil {
		return err
	}
	c.OnFailure(func() {
		if old == "" {
			c.App.Session.Remove()
		} else {
			c.App.Session.Save(old)
		}
	})
	return nil
}

// openSession signs a session of u and saves it. It is saved before the
// commit: a session that cannot be saved (a full disk, a folder in its
// place) fails the command, and nothing of it is recorded.
func (c *Ctx) openSession(u *model.Collaborator) error {
	dbID, err := c.Tx.DatabaseID()
	if err != nil {
		return err
	}
	token, err := security.SignSession(c.App.Key, security.SessionFor(u, dbID, c.Tx.Now(), c.App.TTL))
	if err != nil {
		return err
	}
	return c.App.Session.Save(token)
}

// loginFailed records a failed login of the account checkLogin found (u,
// nil for an unknown name) and refuses it, after the commit.
func loginFailed(c *Ctx, u *model.Collaborator) (Result, error) {
	typed := c.loginName()
	if err := c.Tx.RecordLoginFailure(c.login.key); err != nil {
		return Result{}, err
	}
	// The trail names the account as login looked it up: lower case, so
	// that audit --actor finds it however it was typed.
	e := model.AuditEntry{Action: "login_failed", Entity: "user", Actor: model.FoldUsername(typed)}
	if u != nil {
		e.ActorID, e.EntityID = &u.ID, &u.ID
	}
	if err := c.Tx.Audit(e); err != nil {
		return Result{}, err
	}
	if c.App.checkLock(c.Tx, c.login.key, typed) != nil {
		c.report(func(r Reporter) { r.LoginLocked(typed) })
	}
	return c.FailAfterCommit(model.Errorf(model.EUNAUTHENTICATED, "invalid username or password"))
}

var logoutCommand = &Command{
	Name:   "logout",
	Short:  "log out (harmless when nobody is logged in)",
	Public: true,
	Run: func(c *Ctx) (Result, error) {
		if err := c.App.Session.Remove(); err != nil {
			return Result{}, err
		}
		return Result{Note: "Logged out"}, nil
	},
}

var whoamiCommand = &Command{
	Name:  "whoami",
	Short: "show the logged-in collaborator",
	Keys:  query.UserKeys,
	Run:   func(c *Ctx) (Result, error) { return c.show(users, c.Actor.ID) },
}

var passwdCommand = &Command{
	Name:  "passwd",
	Short: "change your own password (current, then new)",
	Write: true,
	Prepare: func(c *Ctx) error {
		pw, err := c.readPassword("Current password: ", "EPICEVENTS_PASSWORD")
		if err != nil {
			return err
		}
		c.Asked["password"] = pw
		return prepareNewPassword(c)
	},
	Run: func(c *Ctx) (Result, error) {
		if !security.VerifyPassword(c.Actor.PasswordHash, c.Asked["password"]) {
			return Result{}, model.Errorf(model.EUNAUTHENTICATED, "the current password is wrong")
		}
		stamp, err := c.Tx.SetPassword(c.Actor.ID, c.Asked["hash"])
		if err != nil {
			return Result{}, err
		}
		if err := c.audit("password", "user", c.Actor.ID, nil); err != nil {
			return Result{}, err
		}
		if err := c.renewSession(stamp); err != nil {
			return Result{}, err
		}
		// An update of a collaborator, as user password reports it.
		c.report(func(r Reporter) {
			r.CollaboratorChanged("update", c.Actor.ID, c.Actor.ID, string(c.Actor.Department), []string{"password"})
		})
		return Result{Note: "Password changed"}, nil
	},
}
