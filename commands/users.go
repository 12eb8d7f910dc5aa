package commands

import (
	"fmt"
	"strings"

	"epicevents/model"
	"epicevents/query"
	"epicevents/security"
)

var userFlags = []Flag{
	{Name: "username", Value: "U", Usage: "login name"},
	{Name: "email", Value: "E", Usage: "e-mail address"},
	{Name: "first-name", Value: "F", Usage: "first name"},
	{Name: "last-name", Value: "L", Usage: "last name"},
	{Name: "department", Value: "D", Usage: "commercial, support or management", Complete: CompleteDept},
	{Name: "phone", Value: "P", Usage: "phone number"},
}

var userArg = []Arg{{Name: "USER", Complete: CompleteUser}}

var userCommand = &Command{
	Name:  "user",
	Short: "collaborators: list, show, create, update, password, delete",
	Sub: []*Command{
		{
			Name: "list", Short: "list collaborators", List: true, Fields: query.UserKeys,
			Flags: []Flag{
				{Name: "department", Value: "D", Usage: "only this department", Complete: CompleteDept},
				{Name: "search", Value: "TEXT", Usage: "username, email or name contains TEXT"},
			},
			Run: func(c *Ctx) (Result, error) {
				f := model.UserFilter{Department: c.Flags["department"], Search: c.Flags["search"]}
				if f.Department != "" {
					if _, err := model.ParseDepartment(f.Department); err != nil {
						return Result{}, err
					}
				}
				return c.list(query.UserKeys, func(yield func([]any) error) error {
					return c.Tx.ListUsers(f, c.List, yield)
				})
			},
		},
		{
			Name: "show", Short: "show one collaborator", Args: userArg,
			Run: func(c *Ctx) (Result, error) {
				u, err := c.Tx.Collaborator(c.Args[0])
				if err != nil {
					return Result{}, err
				}
				return c.showUser(u.ID, "")
			},
		},
		{
			Name: "create", Short: "create a collaborator (the password is asked)", Flags: userFlags,
			Action: security.UserWrite, Write: true, Prepare: prepareNewPassword, Run: createUser,
		},
		{
			Name: "update", Short: "change a collaborator", Args: userArg, Action: security.UserWrite, Write: true,
			Flags: append(append([]Flag(nil), userFlags...),
				Flag{Name: "reassign-to", Value: "USER2", Usage: "hand their records to USER2 (department change)", Complete: CompleteUser}),
			Run: updateUser,
		},
		{
			Name: "password", Short: "set a collaborator's password", Args: userArg,
			Action: security.UserWrite, Write: true, Prepare: prepareNewPassword,
			Run: func(c *Ctx) (Result, error) {
				u, err := c.Tx.Collaborator(c.Args[0])
				if err != nil {
					return Result{}, err
				}
				if err := c.Tx.SetPassword(u.ID, c.Secret["hash"]); err != nil {
					return Result{}, err
				}
				if err := c.audit("password", "user", u.ID, nil); err != nil {
					return Result{}, err
				}
				c.report(func(r Reporter) {
					r.CollaboratorChanged("update", c.Actor.ID, u.ID, string(u.Department), []string{"password"})
				})
				return Result{Note: "Password set for " + u.Username}, nil
			},
		},
		{
			Name: "delete", Short: "delete a collaborator", Args: userArg, Action: security.UserWrite, Write: true,
			Flags: []Flag{{Name: "reassign-to", Value: "USER2", Usage: "hand their records to USER2 first", Complete: CompleteUser}},
			Run:   deleteUser,
		},
	},
}

func createUser(c *Ctx) (Result, error) {
	u := model.Collaborator{PasswordHash: c.Secret["hash"]}
	var dept string
	if err := c.requireFlags(map[string]*string{"username": &u.Username, "email": &u.Email,
		"first-name": &u.FirstName, "last-name": &u.LastName, "department": &dept}); err != nil {
		return Result{}, err
	}
	u.Phone, u.Department = c.Flags["phone"], model.Department(dept)
	if err := u.Validate(); err != nil {
		return Result{}, err
	}
	if err := c.Tx.CreateCollaborator(&u); err != nil {
		return Result{}, err
	}
	if err := c.audit("create", "user", u.ID, created(userFields(&u))); err != nil {
		return Result{}, err
	}
	c.report(func(r Reporter) {
		r.CollaboratorChanged("create", c.Actor.ID, u.ID, string(u.Department), fieldNames(userFields(&u)))
	})
	return c.showUser(u.ID, "")
}

func updateUser(c *Ctx) (Result, error) {
	u, err := c.Tx.Collaborator(c.Args[0])
	if err != nil {
		return Result{}, err
	}
	before := userFields(u)
	var upd model.CollaboratorUpdate
	for name, dst := range map[string]**string{"username": &upd.Username, "email": &upd.Email,
		"first-name": &upd.FirstName, "last-name": &upd.LastName, "phone": &upd.Phone} {
		if v, ok := c.Flags[name]; ok {
			*dst = &v
		}
	}
	if v, ok := c.Flags["department"]; ok {
		d, err := model.ParseDepartment(v)
		if err != nil {
			return Result{}, err
		}
		upd.Department = &d
	}
	oldDept := u.Department
	changed := upd.Apply(u)
	if err := u.Validate(); err != nil {
		return Result{}, err
	}
	if u.Department != oldDept {
		if u.ID == c.Actor.ID {
			return Result{}, model.Errorf(model.ECONFLICT, "you cannot change your own department")
		}
		if err := c.handOver(u, oldDept, "change the department of"); err != nil {
			return Result{}, err
		}
	} else if _, ok := c.Flags["reassign-to"]; ok {
		return Result{}, usagef("--reassign-to goes with a change of --department")
	}
	if len(changed) > 0 {
		if err := c.Tx.UpdateCollaborator(u); err != nil {
			return Result{}, err
		}
		if err := c.audit("update", "user", u.ID, diff(before, userFields(u), changed)); err != nil {
			return Result{}, err
		}
		c.report(func(r Reporter) {
			r.CollaboratorChanged("update", c.Actor.ID, u.ID, string(u.Department), changed)
		})
	}
	return c.showUser(u.ID, "")
}

// handOver checks what u owns in department dept before u leaves it
// (deletion or department change), and hands it to --reassign-to, who must
// be in dept, or refuses while u owns anything.
func (c *Ctx) handOver(u *model.Collaborator, dept model.Department, doing string) error {
	owned, err := c.Tx.Owned(u.ID)
	if err != nil {
		return err
	}
	to, ok := c.Flags["reassign-to"]
	if !ok {
		if owned.Any() {
			return model.Errorf(model.ECONFLICT, "cannot %s %s: they own %s; use --reassign-to USER2", doing, u.Username, describe(owned))
		}
		return nil
	}
	heir, err := c.Tx.Collaborator(to)
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
		if p.n == 1 {
			parts = append(parts, "1 "+p.what)
		} else if p.n > 1 {
			parts = append(parts, fmt.Sprintf("%d %ss", p.n, p.what))
		}
	}
	return strings.Join(parts, ", ")
}

func deleteUser(c *Ctx) (Result, error) {
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
	if err := c.handOver(u, u.Department, "delete"); err != nil {
		return Result{}, err
	}
	if err := c.Tx.DeleteCollaborator(u.ID); err != nil {
		return Result{}, err
	}
	fields := userFields(u)
	changes := map[string][2]any{}
	for k, v := range fields {
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

func (c *Ctx) showUser(id int64, note string) (Result, error) {
	rec, err := c.Tx.ShowUser(id)
	return Result{Columns: query.UserKeys, Record: rec, Note: note}, err
}
