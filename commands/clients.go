package commands

import (
	"fmt"
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
			Run: func(c *Ctx) (Result, error) { return c.showArg(clients) },
		},
		{
			Name: "create", Short: "create a client; you become its sales contact", Flags: required(clientFlags...),
			Action: security.ClientCreate, Write: true, Run: createClient,
		},
		{
			Name: "update", Short: "change one of your clients", Args: clientArg, Flags: clientFlags,
			Action: security.ClientUpdate, Write: true, Run: updateClient,
		},
	},
}

type clientListOptions struct {
	Mine   bool
	Sales  *string
	Search string
}

func listClients(c *Ctx, o *clientListOptions) (Result, error) {
	f := model.ClientFilter{Search: o.Search}
	if o.Mine {
		sales, support, err := c.mine()
		if err != nil {
			return Result{}, err
		}
		f.SalesContactID, f.SupportContactID = sales, support
	}
	if o.Sales != nil {
		u, err := c.collaboratorIn(*o.Sales, model.Commercial, "sales contact")
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

type clientCreateOptions struct{ FirstName, LastName, Email, Phone, Company string }

func createClient(c *Ctx, o *clientCreateOptions) (Result, error) {
	cl := model.Client{FirstName: o.FirstName, LastName: o.LastName, Email: o.Email, Phone: o.Phone,
		CompanyName: o.Company, SalesContactID: &c.Actor.ID, SalesContactName: c.Actor.Username}
	return c.save(change{
		entity: clients, action: "create", record: &cl,
		fields: func() map[string]any { return clientFields(&cl) },
		write:  func() (int64, error) { return cl.ID, c.Tx.CreateClient(&cl) },
	})
}

type clientUpdateOptions struct{ FirstName, LastName, Email, Phone, Company *string }

func updateClient(c *Ctx, o *clientUpdateOptions) (Result, error) {
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
	model.ClientUpdate{FirstName: o.FirstName, LastName: o.LastName, Email: o.Email, Phone: o.Phone,
		CompanyName: o.Company}.Apply(cl)
	return c.save(change{
		entity: clients, action: "update", record: cl, before: before, id: id,
		fields: func() map[string]any { return clientFields(cl) },
		write:  func() (int64, error) { return id, c.Tx.UpdateClient(cl) },
	})
}

// clientFields are the audited fields of a client.
func clientFields(cl *model.Client) map[string]any {
	return map[string]any{"first_name": cl.FirstName, "last_name": cl.LastName, "email": cl.Email,
		"phone": cl.Phone, "company_name": cl.CompanyName, "sales_contact_id": idValue(cl.SalesContactID)}
}

// The helpers below are shared by the client, contract, event and audit
// commands.

// showArg shows the record of e whose id is the first argument.
func (c *Ctx) showArg(e entity) (Result, error) {
	id, err := parseID(e.name, c.Args[0])
	if err != nil {
		return Result{}, err
	}
	return c.show(e, id)
}

// parseID reads the id of a record of kind what: a positive integer.
func parseID(what, s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 || strings.HasPrefix(s, "+") {
		return 0, usagef("invalid %s id %q: use its number", what, s)
	}
	return id, nil
}

// optionalID reads the id given to an optional flag, nil when it is absent.
func optionalID(v *string, what string) (*int64, error) {
	if v == nil {
		return nil, nil
	}
	id, err := parseID(what, *v)
	return &id, err
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

// idValue is an optional id as an audited value: nil or the id.
func idValue(id *int64) any {
	if id == nil {
		return nil
	}
	return *id
}
