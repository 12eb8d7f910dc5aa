package commands

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"epicevents/model"
	"epicevents/query"
	"epicevents/security"
)

var clientFlags = []Flag{
	{Name: "first-name", Value: "F", Usage: "first name"},
	{Name: "last-name", Value: "L", Usage: "last name"},
	{Name: "email", Value: "E", Usage: "e-mail address (unique among clients)"},
	{Name: "phone", Value: "P", Usage: "phone number"},
	{Name: "company", Value: "C", Usage: "company name"},
}

var clientArg = []Arg{{Name: "ID", Complete: CompleteClient}}

var clientCommand = &Command{
	Name:  "client",
	Short: "clients: list, show, create, update",
	Sub: []*Command{
		{
			Name: "list", Short: "list clients", List: true, Fields: query.ClientKeys,
			Flags: []Flag{
				{Name: "mine", Usage: "only my clients (commercial), or the clients of my events (support)"},
				{Name: "sales", Value: "USER", Usage: "only the clients of this commercial", Complete: CompleteSales},
				{Name: "search", Value: "TEXT", Usage: "name, email or company contains TEXT"},
			},
			Run: listClients,
		},
		{
			Name: "show", Short: "show one client", Args: clientArg,
			Run: func(c *Ctx) (Result, error) {
				id, err := parseID("client", c.Args[0])
				if err != nil {
					return Result{}, err
				}
				return c.showClient(id)
			},
		},
		{
			Name: "create", Short: "create a client; you become its sales contact", Flags: clientFlags,
			Action: security.ClientCreate, Write: true, Run: createClient,
		},
		{
			Name: "update", Short: "change one of your clients", Args: clientArg, Flags: clientFlags,
			Action: security.ClientUpdate, Write: true, Run: updateClient,
		},
	},
}

func listClients(c *Ctx) (Result, error) {
	f := model.ClientFilter{Search: c.Flags["search"]}
	if c.Flags["mine"] != "" {
		sales, support, err := c.mine()
		if err != nil {
			return Result{}, err
		}
		f.SalesContactID, f.SupportContactID = sales, support
	}
	if ref, ok := c.Flags["sales"]; ok {
		u, err := c.collaboratorIn(ref, model.Commercial, "sales contact")
		if err != nil {
			return Result{}, err
		}
		if f.SalesContactID != nil && *f.SalesContactID != u.ID {
			return Result{}, usagef("--mine and --sales name two different sales contacts: use one")
		}
		f.SalesContactID = &u.ID
	}
	return c.list(query.ClientKeys, func(yield func([]any) error) error {
		return c.Tx.ListClients(f, c.List, yield)
	})
}

func createClient(c *Ctx) (Result, error) {
	var cl model.Client
	if err := c.requireFlags(map[string]*string{"first-name": &cl.FirstName, "last-name": &cl.LastName,
		"email": &cl.Email, "phone": &cl.Phone, "company": &cl.CompanyName}); err != nil {
		return Result{}, err
	}
	cl.SalesContactID, cl.SalesContactName = &c.Actor.ID, c.Actor.Username
	if err := cl.Validate(); err != nil {
		return Result{}, err
	}
	if err := c.Tx.CreateClient(&cl); err != nil {
		return Result{}, err
	}
	if err := c.audit("create", "client", cl.ID, created(clientFields(&cl))); err != nil {
		return Result{}, err
	}
	return c.showClient(cl.ID)
}

func updateClient(c *Ctx) (Result, error) {
	id, err := parseID("client", c.Args[0])
	if err != nil {
		return Result{}, err
	}
	cl, err := c.Tx.ClientByID(id)
	if err != nil {
		return Result{}, err
	}
	if err := security.Owns(c.Actor, cl.SalesContactID, fmt.Sprintf("client %d", id)); err != nil {
		return Result{}, err
	}
	before := clientFields(cl)
	var upd model.ClientUpdate
	c.optional(map[string]**string{"first-name": &upd.FirstName, "last-name": &upd.LastName,
		"email": &upd.Email, "phone": &upd.Phone, "company": &upd.CompanyName})
	upd.Apply(cl)
	if err := cl.Validate(); err != nil {
		return Result{}, err
	}
	after := clientFields(cl)
	if changed := changedKeys(before, after); len(changed) > 0 {
		if err := c.Tx.UpdateClient(cl); err != nil {
			return Result{}, err
		}
		if err := c.audit("update", "client", id, diff(before, after, changed)); err != nil {
			return Result{}, err
		}
	}
	return c.showClient(id)
}

// clientFields are the audited fields of a client.
func clientFields(cl *model.Client) map[string]any {
	return map[string]any{"first_name": cl.FirstName, "last_name": cl.LastName, "email": cl.Email,
		"phone": cl.Phone, "company_name": cl.CompanyName, "sales_contact_id": idValue(cl.SalesContactID)}
}

func (c *Ctx) showClient(id int64) (Result, error) {
	rec, err := c.Tx.ShowClient(id)
	return Result{Columns: query.ClientKeys, Record: rec}, err
}

// The helpers below are shared by the client, contract, event and audit
// commands.

// parseID reads the id of a record of kind what: a positive integer.
func parseID(what, s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 || strings.HasPrefix(s, "+") {
		return 0, usagef("invalid %s id %q: use its number", what, s)
	}
	return id, nil
}

// flagID reads the id given to an optional flag, nil when it is absent.
func (c *Ctx) flagID(flag, what string) (*int64, error) {
	v, ok := c.Flags[flag]
	if !ok {
		return nil, nil
	}
	id, err := parseID(what, v)
	return &id, err
}

// optional points the fields of an update at the values of the flags that
// were given.
func (c *Ctx) optional(dst map[string]**string) {
	for name, p := range dst {
		if v, ok := c.Flags[name]; ok {
			*p = &v
		}
	}
}

// mine returns what --mine selects for the actor: their clients' records
// for a commercial (sales), the records of the events they support for
// support. Management owns no records.
func (c *Ctx) mine() (sales, support *int64, err error) {
	id := c.Actor.ID
	switch c.Actor.Department {
	case model.Commercial:
		return &id, nil, nil
	case model.Support:
		return nil, &id, nil
	}
	return nil, nil, usagef("--mine: %s owns no clients, contracts or events; use --sales or --support", c.Actor.Department)
}

// collaboratorIn returns the collaborator that ref names, who must be in
// dept to serve as role.
func (c *Ctx) collaboratorIn(ref string, dept model.Department, role string) (*model.Collaborator, error) {
	u, err := c.Tx.Collaborator(ref)
	if err != nil {
		return nil, err
	}
	if u.Department != dept {
		return nil, model.Errorf(model.EINVALID, "%s is in %s: a %s must be in %s", u.Username, u.Department, role, dept)
	}
	return u, nil
}

// changedKeys returns, sorted, the keys whose values differ between before
// and after.
func changedKeys(before, after map[string]any) []string {
	var keys []string
	for k, v := range after {
		if before[k] != v {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// idValue is an optional id as an audited value: nil or the id.
func idValue(id *int64) any {
	if id == nil {
		return nil
	}
	return *id
}
