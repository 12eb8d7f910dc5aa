package commands

import (
	"fmt"
	"strings"

	"epicevents/model"
	"epicevents/query"
	"epicevents/security"
)

var userFlags = []Flag{{Name: "username", Value: "U", Usage: "login name"}, emailFlag, firstNameFlag, lastNameFlag,
	{Name: "department", Value: "D", Usage: "commercial, support or management", Complete: CompleteDept}, phoneFlag}

var reassignFlag = Flag{Name: "reassign-to", Value: "USER2", Complete: CompleteUser}

var userArg = []Arg{{Name: "USER", Complete: CompleteUser}}

var userCommand = records(users, "collaborator", "collaborators: list, show, create, update, password, delete", userArg[0],
	[]Flag{
		{Name: "department", Value: "D", Usage: "only this department", Complete: CompleteDept},
		{Name: "search", Value: "TEXT", Usage: "username, email or name contains TEXT"},
	}, listUsers,
	&Command{
		Name: "create", Short: "create a collaborator (the password is asked)",
		Flags:  append(required(userFlags[:5]...), userFlags[5]),
		Action: security.UserWrite, Write: true, Prepare: prepareNewPassword, Run: createUser,
	},
	&Command{
		Name: "update", Short: "change a collaborator", Args: userArg, Action: security.UserWrite, Write: true,
		Flags: append(append([]Flag(nil), userFlags...),
			withUsage(reassignFlag, "hand their records to USER2 (department change)")),
		Run: updateUser,
	},
	&Command{
		Name: "password", Short: "set a collaborator's password", Args: userArg,
		Action: security.UserWrite, Write: true, Prepare: prepareNewPassword, Run: setPassword,
	},
	&Command{
		Name: "delete", Short: "delete a collaborator", Args: userArg, Action: security.UserWrite, Write: true,
		Flags: []Flag{withUsage(reassignFlag, "hand their records to USER2 first")},
		Run:   deleteUser,
	},
)

func withUsage(f Flag, usage string) Flag {
	f.Usage = usage
	return f
}

type userListOptions struct{ Department, Search string }

func listUsers(c *Ctx, o *userListOptions) (Result, error) {
	f := model.UserFilter{Department: o.Department, Search: o.Search}
	if f.Department != "" {
		if _, err := model.ParseDepartment(f.Department); err != nil {
			return Result{}, err
		}
	}
	return c.list(query.UserKeys, func(yield func([]any) error) error {
		return c.Tx.ListUsers(f, c.List, yield)
	})
}

type userCreateOptions struct{ Username, Email, FirstName, LastName, Department, Phone string }

func createUser(c *Ctx, o *userCreateOptions) (Result, error) {
	u := model.Collaborator{Username: o.Username, Email: o.Email, FirstName: o.FirstName, LastName: o.LastName,
		Phone: o.Phone, Department: model.Department(o.Department), PasswordHash: c.Asked["hash"]}
	return c.saveNewUser(&u, c.Actor.ID)
}

// saveNewUser creates u, recording actor (0: u) as its creator.
func (c *Ctx) saveNewUser(u *model.Collaborator, actor int64) (Result, error) {
	return c.save(change{
		entity: users, action: "create", record: u,
		fields: func() map[string]any { return userFields(u) },
		write:  func() (int64, error) { return u.ID, c.Tx.CreateCollaborator(u) },
		done: func(id int64, changed []string) {
			if actor == 0 {
				actor = id
			}
			c.report(func(r Reporter) { r.CollaboratorChanged("create", actor, id, string(u.Department), changed) })
		},
	})
}

type userUpdateOptions struct {
	Username, Email, FirstName, LastName, Department, Phone, ReassignTo *string
}

func updateUser(c *Ctx, o *userUpdateOptions) (Result, error) {
	u, err := c.Tx.Collaborator(c.Args[0])
	if err != nil {
		return Result{}, err
	}
	before := userFields(u)
	upd := model.CollaboratorUpdate{Username: o.Username, Email: o.Email, FirstName: o.FirstName,
		LastName: o.LastName, Phone: o.Phone}
	if o.Department != nil {
		d, err := model.ParseDepartment(*o.Department)
		if err != nil {
			return Result{}, err
		}
		upd.Department = &d
	}
	oldDept := u.Department
	upd.Apply(u)
	return c.save(change{
		entity: users, action: "update", record: u, before: before, id: u.ID,
		fields: func() map[string]any { return userFields(u) },
		check: func() error {
			switch {
			case u.Department == oldDept && o.ReassignTo != nil:
				return usagef("--reassign-to goes with a change of --department")
			case u.Department == oldDept:
				return nil
			case u.ID == c.Actor.ID:
				return model.Errorf(model.ECONFLICT, "you cannot change your own department")
			}
			return c.handOver(u, oldDept, o.ReassignTo, "change the department of")
		},
		write: func() (int64, error) { return u.ID, c.Tx.UpdateCollaborator(u) },
		done: func(id int64, changed []string) {
			c.report(func(r Reporter) { r.CollaboratorChanged("update", c.Actor.ID, id, string(u.Department), changed) })
		},
	})
}

func setPassword(c *Ctx) (Result, error) {
	u, err := c.Tx.Collaborator(c.Args[0])
	if err != nil {
		return Result{}, err
	}
	// The collaborator's sessions end (query.SetPassword); the actor's
	// own, when they set their own password this way, is renewed.
	stamp, err := c.Tx.SetPassword(u.ID, c.Asked["hash"])
	if err != nil {
		return Result{}, err
	}
	if u.ID == c.Actor.ID {
		if err := c.renewSession(stamp); err != nil {
			return Result{}, err
		}
	}
	if err := c.audit("password", "user", u.ID, nil); err != nil {
		return Result{}, err
	}
	c.report(func(r Reporter) {
		r.CollaboratorChanged("update", c.Actor.ID, u.ID, string(u.Department), []string{"password"})
	})
	return Result{Note: "Password set for " + u.Username}, nil
}

// handOver checks what u owns in department dept before u leaves it
// (deletion or department change), and hands it to to, who must be in
// dept, or refuses while u owns anything and to is nil.
func (c *Ctx) handOver(u *model.Collaborator, dept model.Department, to *string, doing string) error {
	owned, err := c.Tx.Owned(u.ID)
	if err != nil {
		return err
	}
	if to == nil {
		if owned.Any() {
			return model.Errorf(model.ECONFLICT, "cannot %s %s: they own %s; use --reassign-to USER2", doing, u.Username, describe(owned))
		}
		return nil
	}
	heir, err := c.Tx.Collaborator(*to)
	if err != nil {
		return err
	}
	switch {
	case heir.ID == u.ID:
		return model.Errorf(model.EINVALID, "cannot reassign %s's records to themself", u.Username)
	case heir.Department != dept:
		return model.Errorf(model.EINVALID, "%s is in %s: records go to a collaborator in %s", heir.Username, heir.Department, dept)
	}
	if err := c.Tx.Reassign(u.ID, heir.ID); err != nil {
		return err
	}
	return c.audit("reassign", "user", u.ID, map[string][2]any{"owner": {u.Username, heir.Username}})
}

func describe(o query.Ownership) string {
	var parts []string
	for _, p := range []struct {
		n    int64
		what string
	}{{o.Clients, "client"}, {o.Contracts, "contract"}, {o.Events, "event"}} {
		if p.n == 0 {
			continue
		}
		if p.n > 1 {
			p.what += "s"
		}
		parts = append(parts, fmt.Sprintf("%d %s", p.n, p.what))
	}
	return strings.Join(parts, ", ")
}

type userDeleteOptions struct{ ReassignTo *string }

func deleteUser(c *Ctx, o *userDeleteOptions) (Result, error) {
	u, err := c.Tx.Collaborator(c.Args[0])
	if err != nil {
		return Result{}, err
	}
	if u.ID == c.Actor.ID {
		return Result{}, model.Errorf(model.ECONFLICT, "you cannot delete yourself")
	}
	rec, err := c.Tx.ShowUser(u.ID)
	if err != nil {
		return Result{}, err
	}
	if err := c.handOver(u, u.Department, o.ReassignTo, "delete"); err != nil {
		return Result{}, err
	}
	if err := c.Tx.DeleteCollaborator(u.ID); err != nil {
		return Result{}, err
	}
	changes := map[string][2]any{}
	for k, v := range userFields(u) {
		changes[k] = [2]any{v, nil}
	}
	if err := c.audit("delete", "user", u.ID, changes); err != nil {
		return Result{}, err
	}
	c.report(func(r Reporter) {
		r.CollaboratorChanged("delete", c.Actor.ID, u.ID, string(u.Department), nil)
	})
	return Result{Columns: query.UserKeys, Record: rec, Note: "Deleted " + u.Username}, nil
}

// userFields are the audited fields of a collaborator: never its password.
func userFields(u *model.Collaborator) map[string]any {
	return map[string]any{"username": u.Username, "email": u.Email, "first_name": u.FirstName,
		"last_name": u.LastName, "phone": u.Phone, "department": string(u.Department)}
}
