package commands

import (
	"fmt"
	"time"

	"epicevents/model"
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
		pw, err := c.readPassword("Password: ", "EPICEVENTS_PASSWORD")
		c.Asked["password"] = pw
		return err
	},
	Run: login,
}

func login(c *Ctx) (Result, error) {
	a, username := c.App, c.Asked["username"]
	if len(c.Args) > 0 {
		username = c.Args[0]
	}
	bad := model.Errorf(model.EUNAUTHENTICATED, "invalid username or password")
	failures, last, err := c.Tx.LoginFailures(username, c.Tx.Now().Add(-a.LockWindow))
	if err != nil {
		return Result{}, err
	}
	if failures >= a.LockAfter {
		wait := last.Add(a.LockWindow).Sub(c.Tx.Now()).Round(time.Minute)
		return Result{}, model.Errorf(model.EUNAUTHENTICATED,
			"too many failed logins for %s: try again in %d minutes", username, max(1, int(wait.Minutes())))
	}
	u, err := c.Tx.Collaborator(username)
	hash := ""
	switch {
	case err == nil:
		hash = u.PasswordHash
	case model.ErrorCode(err) != model.ENOTFOUND:
		return Result{}, err
	}
	// An unknown user is compared against a dummy hash: same message,
	// about the same time.
	if !security.VerifyPassword(hash, c.Asked["password"]) {
		if err := c.Tx.RecordLoginFailure(username); err != nil {
			return Result{}, err
		}
		e := model.AuditEntry{Action: "login_failed", Entity: "user", Actor: username}
		if u != nil {
			e.ActorID, e.EntityID = &u.ID, &u.ID
		}
		if err := c.Tx.Audit(e); err != nil {
			return Result{}, err
		}
		if failures+1 >= a.LockAfter {
			c.report(func(r Reporter) { r.LoginLocked(username) })
		}
		return c.FailAfterCommit(bad)
	}
	if err := c.Tx.ClearLoginFailures(username); err != nil {
		return Result{}, err
	}
	now := c.Tx.Now()
	token, err := security.SignSession(a.Key, security.SessionFor(u, now, a.TTL))
	if err != nil {
		return Result{}, err
	}
	c.Actor = u
	if err := c.audit("login", "user", u.ID, nil); err != nil {
		return Result{}, err
	}
	// The file is written only once the login is recorded: a failed
	// commit leaves no session behind.
	c.AfterCommit(func() {
		if err := a.Session.Save(token); err != nil {
			c.failure = err
		}
	})
	return Result{Note: fmt.Sprintf("Logged in as %s (%s)", u.Username, u.Department)}, nil
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
		if err := c.Tx.SetPassword(c.Actor.ID, c.Asked["hash"]); err != nil {
			return Result{}, err
		}
		if err := c.audit("password", "user", c.Actor.ID, nil); err != nil {
			return Result{}, err
		}
		return Result{Note: "Password changed"}, nil
	},
}
