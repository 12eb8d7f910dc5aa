package commands

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"syscall"

	"epicevents/commands/clientcsv"
	"epicevents/model"
	"epicevents/query"
)

// clientImport is one `client import`: the file, its name as the operator
// typed it (for messages), the clients' future sales contact and the actor.
type clientImport struct {
	tx     *query.Tx
	name   string
	owner  *model.Collaborator
	actor  *model.Collaborator
	dryRun bool
}

// run reads, checks and (unless dryRun) writes the clients of r. Every
// problem of the file is reported at once, one a line, and then nothing is
// written: the file is fixed and imported again, whole.
func (im clientImport) run(r io.Reader) ([]*model.Client, error) {
	rows, probs, err := clientcsv.Read(r)
	if err != nil {
		return nil, im.fileError(err)
	}
	probs = append(probs, clientcsv.Check(rows)...)
	taken, err := im.taken(rows, probs)
	if err != nil {
		return nil, err
	}
	probs = append(probs, taken...)
	if len(probs) > 0 {
		clientcsv.Sort(probs)
		return nil, im.problems(probs)
	}
	clients := make([]*model.Client, len(rows))
	for i := range rows {
		c := &rows[i].Client
		c.SalesContactID, c.SalesContactName = &im.owner.ID, im.owner.Username
		clients[i] = c
	}
	if im.dryRun {
		return clients, nil
	}
	err = im.tx.CreateClients(clients, func(c *model.Client) model.AuditEntry {
		id := c.ID
		return model.AuditEntry{ActorID: &im.actor.ID, Actor: im.actor.Username, Action: "import", Entity: "client",
			EntityID: &id, Changes: created(clientFields(c))}
	})
	return clients, err
}

// taken reports the rows whose e-mail is a client's already, in one
// lookup per 500 e-mails. Rows whose e-mail has a problem of its own (bad,
// or already on an earlier line) are not looked up: one problem a field.
func (im clientImport) taken(rows []clientcsv.Row, probs []clientcsv.Problem) ([]clientcsv.Problem, error) {
	skip := map[int]bool{}
	for _, p := range probs {
		if p.Field == "email" {
			skip[p.Line] = true
		}
	}
	var emails []string
	for _, r := range rows {
		if !skip[r.Line] {
			emails = append(emails, r.Client.Email)
		}
	}
	ids, err := im.tx.ClientsByEmail(emails)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	var taken []clientcsv.Problem
	for _, r := range rows {
		if id, ok := ids[r.Client.Email]; ok && !skip[r.Line] {
			taken = append(taken, clientcsv.Problem{Line: r.Line, Field: "email",
				Err: model.Errorf(model.ECONFLICT, "a client with this e-mail already exists (client %d)", id)})
		}
	}
	return taken, nil
}

// problems is the error of a file with problems: one line each, "FILE:
// line N: FIELD: MESSAGE", a conflict when every problem is a taken
// e-mail, invalid input otherwise.
func (im clientImport) problems(probs []clientcsv.Problem) error {
	lines := make([]string, len(probs))
	for i, p := range probs {
		lines[i] = im.name + ": " + p.String()
	}
	// The shell prints "error: " before the message: each line gets it too.
	return &model.Error{Code: clientcsv.Code(probs), Message: strings.Join(lines, "\nerror: ")}
}

func (im clientImport) fileError(err error) error {
	var me *model.Error
	if errors.As(err, &me) {
		return model.Errorf(me.Code, "%s: %s", im.name, me.Message)
	}
	return model.Errorf(model.EINVALID, "%s: cannot read the file: %v", im.name, err)
}

// openImport opens the file of an import: a regular file, so that a FIFO
// or a device cannot hang or flood the command. It opens without blocking:
// a plain open of a FIFO waits for a writer before the type can be checked.
func openImport(name string) (*os.File, error) {
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		// A missing file is not found (5); one that is there but cannot
		// be read (its mode, a dangling link's target aside) is the
		// environment's (1). Both say why.
		code := model.EENV
		if errors.Is(err, fs.ErrNotExist) {
			code = model.ENOTFOUND
		}
		return nil, model.Errorf(code, "cannot open %s: %v", name, model.SystemCause(err))
	}
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		f.Close()
		return nil, model.Errorf(model.EINVALID, "%s is not a regular file", name)
	}
	return f, nil
}

// importedRecords are the records of imported clients as `client show`
// prints them, for JSON and CSV: they are known without reading them back.
func importedRecords(clients []*model.Client) [][]any {
	recs := make([][]any, len(clients))
	for i, c := range clients {
		var id, created, updated any
		if c.ID != 0 { // a dry run writes nothing: no id, no times
			id, created, updated = c.ID, c.CreatedAt, c.UpdatedAt
		}
		recs[i] = []any{id, c.FirstName, c.LastName, c.Email, c.Phone, c.CompanyName,
			*c.SalesContactID, c.SalesContactName, created, updated}
	}
	return recs
}

const importHelp = `FILE is a CSV file as spreadsheets save it: a first line naming the columns
first_name,last_name,email,phone,company_name (any order, any case), then
one client a line. Commas or semicolons, UTF-8 with or without a byte
order mark, quoted fields, CRLF, LF or CR line ends; columns without a
name must be empty (the trailing separators spreadsheets write). A file
in UTF-16 ("Unicode text") or holding NUL bytes is refused: save it as
CSV UTF-8.

Every row is checked as client create checks it, e-mails included (taken
by a client already, or twice in the file). Every problem is reported,
one a line ("error: FILE: line N: FIELD: MESSAGE"), and then nothing is
imported (exit 6, or 7 when the only problems are taken e-mails). A good
file is imported whole, in one transaction, one audit entry per client.

Commercials import clients that become theirs; management names their
commercial with --sales.`

type clientImportOptions struct {
	Sales  *string
	DryRun bool
}

func importClients(c *Ctx, o *clientImportOptions) (Result, error) {
	owner, err := c.importOwner(o.Sales)
	if err != nil {
		return Result{}, err
	}
	name := c.Args[0]
	f, err := openImport(name)
	if err != nil {
		return Result{}, err
	}
	defer f.Close()
	clients, err := clientImport{tx: c.Tx, name: name, owner: owner, actor: c.Actor, dryRun: o.DryRun}.run(f)
	if err != nil {
		return Result{}, err
	}
	switch c.Format {
	case "json", "csv":
		recs := importedRecords(clients)
		return Result{Columns: query.ClientKeys, List: true, Rows: func(yield func([]any) error) error {
			for _, r := range recs {
				if err := yield(r); err != nil {
					return err
				}
			}
			return nil
		}}, nil
	}
	noun := "clients"
	if len(clients) == 1 {
		noun = "client"
	}
	text := fmt.Sprintf("%d %s imported\n", len(clients), noun)
	if o.DryRun {
		text = fmt.Sprintf("%d %s checked, none imported (dry run)\n", len(clients), noun)
	}
	return Result{Text: text}, nil
}

// importOwner returns the sales contact of the imported clients: the
// commercial who imports, or the commercial management names with --sales.
func (c *Ctx) importOwner(sales *string) (*model.Collaborator, error) {
	switch {
	case c.Actor.Department == model.Management && sales == nil:
		return nil, usagef("management imports clients for a commercial: give --sales USER")
	case c.Actor.Department == model.Management:
		return c.collaboratorIn(*sales, model.Commercial, "sales contact")
	case sales != nil:
		u, err := c.Tx.Collaborator(*sales)
		if err != nil {
			return nil, err
		}
		if u.ID != c.Actor.ID {
			return nil, model.Errorf(model.EFORBIDDEN, "permission denied: a commercial imports clients for themself")
		}
	}
	return c.Actor, nil
}
