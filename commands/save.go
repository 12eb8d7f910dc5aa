package commands

import (
	"sort"

	"epicevents/query"
)

// entity is a kind of record as the handlers show it and the audit trail
// names it.
type entity struct {
	name string   // in the audit trail: user, client, contract, event
	keys []string // the columns of list and show
	show func(*query.Tx, int64) ([]any, error)
	// id finds the record an argument names; nil: its id.
	id func(*Ctx, string) (int64, error)
}

var (
	users     = entity{"user", query.UserKeys, (*query.Tx).ShowUser, collaboratorID}
	clients   = entity{"client", query.ClientKeys, (*query.Tx).ShowClient, nil}
	contracts = entity{"contract", query.ContractKeys, (*query.Tx).ShowContract, nil}
	events    = entity{"event", query.EventKeys, (*query.Tx).ShowEvent, nil}
)

// collaboratorID finds a collaborator by id or username.
func collaboratorID(c *Ctx, ref string) (int64, error) {
	u, err := c.Tx.Collaborator(ref)
	if err != nil {
		return 0, err
	}
	return u.ID, nil
}

// records declares the command of one kind of record e, called what: its
// list and show sub-commands, then those that change it.
func records(e entity, what, short string, arg Arg, list []Flag, run any, changes ...*Command) *Command {
	return &Command{Name: e.name, Short: short, Sub: append([]*Command{
		{Name: "list", Short: "list " + what + "s", List: true, Fields: e.keys, Flags: list, Run: run},
		{Name: "show", Short: "show one " + what, Args: []Arg{arg}, Keys: e.keys, Run: func(c *Ctx) (Result, error) { return c.showArg(e) }},
	}, changes...)}
}

// showArg shows the record of e that the first argument names.
func (c *Ctx) showArg(e entity) (Result, error) {
	find := e.id
	if find == nil {
		find = func(_ *Ctx, ref string) (int64, error) { return parseID(e.name, ref) }
	}
	id, err := find(c, c.Args[0])
	if err != nil {
		return Result{}, err
	}
	return c.show(e, id)
}

// show returns the record of e with that id, as it is now.
func (c *Ctx) show(e entity, id int64) (Result, error) {
	rec, err := e.show(c.Tx, id)
	return Result{Columns: e.keys, Record: rec}, err
}

// change is what a create or update handler writes: one record.
type change struct {
	entity entity
	action string // create, update, assign
	record interface{ Validate() error }
	// fields returns the audited fields of the record.
	fields func() map[string]any
	// before holds the audited fields before an update; nil for a creation.
	before map[string]any
	// id is the record's id, for an update.
	id int64
	// check runs once the record is valid, before anything is written.
	check func() error
	// write creates or updates the record and returns its id.
	write func() (int64, error)
	// done runs once the change is recorded, with the changed fields:
	// reports to monitoring.
	done func(id int64, changed []string)
}

// save is the one sequence of every create and update: validate, check,
// write (an update only when something changed), record the change in the
// audit trail, report it, and show the record as it is after.
func (c *Ctx) save(ch change) (Result, error) {
	if err := ch.record.Validate(); err != nil {
		return Result{}, err
	}
	if ch.check != nil {
		if err := ch.check(); err != nil {
			return Result{}, err
		}
	}
	id := ch.id
	var changes map[string][2]any
	var changed []string
	if ch.before != nil {
		after := ch.fields()
		if changed = changedKeys(ch.before, after); len(changed) == 0 {
			return c.show(ch.entity, id)
		}
		if _, err := ch.write(); err != nil {
			return Result{}, err
		}
		changes = diff(ch.before, after, changed)
	} else {
		var err error
		if id, err = ch.write(); err != nil {
			return Result{}, err
		}
		fields := ch.fields()
		changes, changed = created(fields), fieldNames(fields)
	}
	if err := c.audit(ch.action, ch.entity.name, id, changes); err != nil {
		return Result{}, err
	}
	if ch.done != nil {
		ch.done(id, changed)
	}
	return c.show(ch.entity, id)
}

// created turns the fields of a new record into audit changes: nil -> value.
func created(fields map[string]any) map[string][2]any {
	ch := make(map[string][2]any, len(fields))
	for k, v := range fields {
		ch[k] = [2]any{nil, v}
	}
	return ch
}

// diff returns the audit changes of the changed fields: old -> new.
func diff(before, after map[string]any, changed []string) map[string][2]any {
	ch := make(map[string][2]any, len(changed))
	for _, k := range changed {
		ch[k] = [2]any{before[k], after[k]}
	}
	return ch
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

// fieldNames returns the sorted names of fields.
func fieldNames(fields map[string]any) []string {
	names := make([]string, 0, len(fields))
	for k := range fields {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// list returns a list result streaming the rows that each produces, or the
// count when --count was given.
func (c *Ctx) list(keys []string, each func(yield func([]any) error) error) (Result, error) {
	if c.List.Count {
		var n int64
		err := each(func(r []any) error { n = r[0].(int64); return nil })
		return Result{Count: &n}, err
	}
	return Result{Columns: keys, List: true, Rows: RowIter(each)}, nil
}
