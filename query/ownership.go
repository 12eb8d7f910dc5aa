package query

import (
	sq "github.com/Masterminds/squirrel"
)

// Ownership counts the records a collaborator is responsible for.
type Ownership struct {
	Clients   int64 // as sales contact
	Contracts int64 // as sales contact
	Events    int64 // as support contact
}

// Any reports whether the collaborator owns anything.
func (o Ownership) Any() bool { return o.Clients+o.Contracts+o.Events > 0 }

// owners lists every place a collaborator owns records: a new kind of
// ownership is one more line here, and deletion, department changes and
// reassignment follow.
var owners = []struct {
	table, column string
	count         func(*Ownership) *int64
}{
	{"clients", "sales_contact_id", func(o *Ownership) *int64 { return &o.Clients }},
	{"contracts", "sales_contact_id", func(o *Ownership) *int64 { return &o.Contracts }},
	{"events", "support_contact_id", func(o *Ownership) *int64 { return &o.Events }},
}

// follows lists the copies of a client's sales contact kept on its contracts
// and events (migration 0004), so that a commercial's records are found by
// their own indexes: they change with the client's, and are not ownership
// of their own.
var follows = []struct{ table, column string }{
	{"events", "sales_contact_id"},
}

// Owned returns what the collaborator owns.
func (tx *Tx) Owned(id int64) (Ownership, error) {
	var o Ownership
	for _, w := range owners {
		if err := tx.queryRow(tx.db.sb.Select("COUNT(*)").From(w.table).Where(sq.Eq{w.column: id}), w.count(&o)); err != nil {
			return o, err
		}
	}
	return o, nil
}

// Reassign hands everything the collaborator from owns to the collaborator to.
func (tx *Tx) Reassign(from, to int64) error {
	var updates []sq.UpdateBuilder
	for _, w := range owners {
		updates = append(updates, tx.db.sb.Update(w.table).
			SetMap(map[string]any{w.column: to, "updated_at": ts(tx.now)}).Where(sq.Eq{w.column: from}))
	}
	for _, w := range follows {
		updates = append(updates, tx.db.sb.Update(w.table).Set(w.column, to).Where(sq.Eq{w.column: from}))
	}
	for _, u := range updates {
		if _, err := tx.exec(u); err != nil {
			return err
		}
	}
	return nil
}
