package commands

import (
	"fmt"
	"strconv"
	"strings"

	"epicevents/model"
	"epicevents/query"
	"epicevents/security"
)

// The flags of a person's fields, shared by clients and collaborators.
var (
	firstNameFlag = Flag{Name: "first-name", Value: "F", Usage: "first name"}
	lastNameFlag  = Flag{Name: "last-name", Value: "L", Usage: "last name"}
	emailFlag     = Flag{Name: "email", Value: "E", Usage: "e-mail address"}
	phoneFlag     = Flag{Name: "phone", Value: "P", Usage: "phone number"}
)

var clientFlags = []Flag{firstNameFlag, lastNameFlag, withUsage(emailFlag, "e-mail address (unique among clients)"),
	phoneFlag, {Name: "company", Value: "C", Usage: "company name"}}

var clientArg = []Arg{{Name: "ID", Complete: CompleteClient}}

var clientCommand = records(clients, "client", "clients: list, show, create, update, import", clientArg[0],
	[]Flag{
		{Name: "mine", Usage: "only my clients (commercial), or the clients of my events (support)"},
		{Name: "sales", Value: "USER", Usage: "only the clients of this commercial", Complete: CompleteSales},
		{Name: "search", Value: "TEXT", Usage: "name, email or company contains TEXT"},
	}, listClients,
	&Command{
		Name: "create", Short: "create a client; you become its sales contact", Flags: required(clientFlags...),
		Action: security.ClientCreate, Write: true, Run: createClient,
	},
	&Command{
		Name: "update", Short: "change one of your clients", Args: clientArg, Flags: clientFlags,
		Action: security.ClientUpdate, Write: true, Run: updateClient,
	},
	&Command{
		Name: "import", Short: "import clients from a spreadsheet's CSV file; all or nothing",
		Long: importHelp, Args: []Arg{{Name: "FILE", Complete: CompleteFile}},
		Flags: []Flag{
			{Name: "sales", Value: "USER", Usage: "their commercial (management: required)", Complete: CompleteSales},
			{Name: "dry-run", Usage: "check the file and report, import nothing"},
		},
		Action: security.ClientImport, Write: true, Run: importClients,
	},
)

type clientListOptions struct {
	Mine   bool
	Sales  *string
	Search string
}

func listClients(c *Ctx, o *clientListOptions) (Result, error) {
	f := model.ClientFilter{Search: o.Search}
	var err error
	if f.SalesContactID, f.SupportContactID, err = c.mine(o.Mine); err != nil {
		return Result{}, err
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
	cl, id, err := load(c, "client", c.Tx.ClientByID)
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

// parseID reads the id of a record of kind what: a positive integer.
func parseID(what, s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 || strings.HasPrefix(s, "+") {
		return 0, usagef("invalid %s id %q: use its number", what, s)
	}
	return id, nil
}

// load reads the record of kind what whose id is the first argument.
func load[T any](c *Ctx, what string, byID func(int64) (*T, error)) (*T, int64, error) {
	id, err := parseID(what, c.Args[0])
	if err != nil {
		return nil, 0, err
	}
	r, err := byID(id)
	return r, id, err
}

// optionalID reads the id given to an optional flag, nil when it is absent.
func optionalID(v *string, what string) (*int64, error) {
	if v == nil {
		return nil, nil
	}
	id, err := parseID(what, *v)
	return &id, err
}

// mine returns what --mine selects for the actor, when on: their clients'
// records for a commercial (sales), the records of the events they support
// for support. Management owns no records.
func (c *Ctx) mine(on bool) (sales, support *int64, err error) {
	if !on {
		return nil, nil, nil
	}
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
