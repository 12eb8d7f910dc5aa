package commands

import (
	"context"

	"epicevents/model"
	"epicevents/query"
	"epicevents/security"
)

// Execute parses one command line, already split into words, and runs it
// (see Run).
func (a *App) Execute(ctx context.Context, words []string, emit func(Result) error) error {
	inv, err := Parse(a.Table, words)
	if err != nil {
		return err
	}
	return a.Run(ctx, inv, emit)
}

// Run runs one parsed command and hands its result to emit: inside the
// transaction for reads, so that long lists stream, and after the commit
// for writes, so that nothing is shown of a change that did not happen.
func (a *App) Run(ctx context.Context, inv *Invocation, emit func(Result) error) error {
	return a.run(ctx, inv, nil, emit)
}

// Relogin logs username in again with a password the shell asked for,
// after a command failed with ErrSessionExpired: the one step of login
// that the shell takes itself, since it asked already.
func (a *App) Relogin(ctx context.Context, username, password string, emit func(Result) error) error {
	inv, err := Parse(a.Table, []string{loginCommand.Name, username})
	if err != nil {
		return err
	}
	return a.run(ctx, inv, map[string]string{"password": password}, emit)
}

// run runs inv; asked, when not nil, is what its Prepare would ask for.
func (a *App) run(ctx context.Context, inv *Invocation, asked map[string]string, emit func(Result) error) error {
	if inv.Help {
		return emit(Result{Text: Help(inv.Cmd)})
	}
	if err := inv.checkFormat(); err != nil { // the shell's format may be ics
		return err
	}
	c := &Ctx{Context: ctx, Invocation: inv, App: a, Asked: asked}
	if inv.Format != "" || inv.Columns != nil || inv.Expanded {
		next := emit
		emit = func(r Result) error {
			r.Format, r.Show, r.Expanded = inv.Format, inv.Columns, inv.Expanded
			return next(r)
		}
	}
	cmd := inv.Cmd
	if cmd.Local {
		res, err := call(c)
		if err != nil {
			return err
		}
		return emit(res)
	}
	s, err := a.prepare(c, asked == nil)
	if err != nil {
		return err
	}
	var res Result
	do := a.DB.View
	if cmd.Write {
		do = a.DB.Update
	}
	err = do(ctx, func(tx *query.Tx) error {
		// On PostgreSQL a write transaction that lost a race runs again:
		// only the last run's reports may follow the commit.
		c.Tx, c.afterCommit, c.failure = tx, nil, nil
		c.undo()
		if !cmd.Public {
			if err := a.authenticate(c, s); err != nil {
				return err
			}
		}
		var err error
		if res, err = call(c); err != nil {
			return err
		}
		if inv.Format == "ics" {
			// The UIDs of a calendar name the database of their events.
			if res.DatabaseID, err = tx.DatabaseID(); err != nil {
				return err
			}
		}
		if !cmd.Write {
			return emit(res)
		}
		return nil
	})
	if err != nil {
		c.undo()
		return err
	}
	c.onFailure = nil
	for _, fn := range c.afterCommit {
		fn()
	}
	if c.failure != nil {
		return c.failure
	}
	if cmd.Write {
		return emit(res)
	}
	return nil
}

// prepare checks the session and the permission from the signed session
// alone, then runs the command's Prepare (when ask is set): nobody is
// asked for a password only to be refused. The session read and verified
// here is the one authenticate checks against the database, in the
// transaction.
func (a *App) prepare(c *Ctx, ask bool) (security.Session, error) {
	cmd := c.Cmd
	var s security.Session
	var err error
	if !cmd.Public {
		if s, err = a.session(); err != nil {
			return s, err
		}
		if cmd.Action != "" {
			if err := security.Allow(model.Department(s.Department), cmd.Action); err != nil {
				return s, err
			}
		}
	}
	if cmd.Prepare != nil && ask {
		c.Asked = map[string]string{}
		if err := cmd.Prepare(c); err != nil {
			return s, err
		}
		// The operator may have typed for a while: the session may have
		// expired, or been ended by another shell, meanwhile.
		if !cmd.Public {
			s, err = a.session()
		}
		if err != nil {
			return s, err
		}
	}
	if cmd.Check != nil {
		if err := cmd.Check(c); err != nil {
			return s, err
		}
	}
	return s, nil
}

// authenticate checks the session s, verified at the start of the
// command, against the database, inside the command's transaction and
// before anything else is read: the collaborator must still exist, with
// the department the session was issued for. Then it checks the command's
// permission.
func (a *App) authenticate(c *Ctx, s security.Session) error {
	actor, err := sessionActor(c.Tx, s)
	if err != nil {
		if model.ErrorCode(err) == model.EUNAUTHENTICATED {
			a.Session.Remove()
		}
		return err
	}
	c.Actor = actor
	if c.Cmd.Action != "" {
		return security.Allow(actor.Department, c.Cmd.Action)
	}
	return nil
}

// sessionActor returns the collaborator of session s, who must still
// exist, with the department the session was issued for.
func sessionActor(tx *query.Tx, s security.Session) (*model.Collaborator, error) {
	// A session opens only the database it was opened on: databases on
	// one machine share the key, and their ids all start at 1.
	dbID, err := tx.DatabaseID()
	if err != nil {
		return nil, err
	}
	if s.Database != dbID {
		return nil, model.Errorf(model.EUNAUTHENTICATED, "invalid session: it was opened on another database: please log in again")
	}
	actor, err := tx.CollaboratorByID(s.CollaboratorID)
	switch {
	case model.ErrorCode(err) == model.ENOTFOUND:
		return nil, model.Errorf(model.EUNAUTHENTICATED, "your account no longer exists: you have been logged out")
	case err != nil:
		return nil, err
	case actor.CreatedAt.Unix() != s.Since.Unix() || actor.Username != s.Username:
		// A username given to another record, or a record made again
		// with the same id: not this collaborator.
		return nil, model.Errorf(model.EUNAUTHENTICATED, "invalid session: please log in again")
	case string(actor.Department) != s.Department:
		return nil, model.Errorf(model.EUNAUTHENTICATED, "your department changed: please log in again")
	case actor.SessionStamp != s.Stamp:
		// A password set since, or a department or username changed and
		// changed back: each gives a new session stamp.
		return nil, model.Errorf(model.EUNAUTHENTICATED, "your account changed since you logged in (password, username or department): please log in again")
	}
	return actor, nil
}

// loggedIn reports whether a collaborator is logged in: a session that
// verifies and has not expired, whose collaborator still exists as the
// session knew them (sessionActor). It changes nothing, not even a session
// that fails: the next command removes it, saying why.
func (a *App) loggedIn(ctx context.Context) bool {
	if a.DB == nil {
		return false
	}
	s, err := a.verifiedSession()
	if err != nil {
		return false
	}
	return a.DB.View(ctx, func(tx *query.Tx) error { _, err := sessionActor(tx, s); return err }) == nil
}

// audit records an entry of the audit trail by the current actor.
func (c *Ctx) audit(action, entity string, id int64, changes map[string][2]any) error {
	e := model.AuditEntry{Action: action, Entity: entity, EntityID: &id, Changes: changes}
	if c.Actor != nil {
		e.ActorID, e.Actor = &c.Actor.ID, c.Actor.Username
	}
	return c.Tx.Audit(e)
}

func (c *Ctx) report(fn func(Reporter)) {
	if c.App.Reporter != nil {
		c.AfterCommit(func() { fn(c.App.Reporter) })
	}
}

// undo runs, once, what OnFailure registered.
func (c *Ctx) undo() {
	for _, fn := range c.onFailure {
		fn()
	}
	c.onFailure = nil
}
