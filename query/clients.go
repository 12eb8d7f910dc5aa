package query

import (
	"database/sql"

	sq "github.com/Masterminds/squirrel"

	"epicevents/model"
)

// CreateClient inserts c, which must be valid, and sets its id and times:
// created_at is the date of first contact.
func (tx *Tx) CreateClient(c *model.Client) error {
	c.CreatedAt, c.UpdatedAt = tx.now, tx.now
	values := []any{c.FirstName, c.LastName, c.Email, c.Phone, c.CompanyName, c.SalesContactID, ts(tx.now), ts(tx.now)}
	q, err := tx.db.cachedSQL("create client", func(b sq.StatementBuilderType) sq.Sqlizer {
		return b.Insert("clients").
			Columns("first_name", "last_name", "email", "phone", "company_name", "sales_contact_id", "created_at", "updated_at").
			Values(values...).Suffix("RETURNING id")
	})
	if err != nil {
		return err
	}
	return tx.queryRow(sq.Expr(q, values...), &c.ID)
}

// UpdateClient writes every field of c; updated_at becomes the date of the
// last contact. The client's sales contact is also its contracts' and its
// events' (migration 0004): they change with it.
func (tx *Tx) UpdateClient(c *model.Client) error {
	c.UpdatedAt = tx.now
	res, err := tx.exec(tx.db.sb.Update("clients").SetMap(map[string]any{
		"first_name": c.FirstName, "last_name": c.LastName, "email": c.Email, "phone": c.Phone,
		"company_name": c.CompanyName, "sales_contact_id": c.SalesContactID, "updated_at": ts(tx.now),
	}).Where(sq.Eq{"id": c.ID}))
	if err := oneRow(res, err, "client", c.ID); err != nil {
		return err
	}
	for _, table := range []string{"contracts", "events"} {
		if _, err := tx.exec(tx.db.sb.Update(table).Set("sales_contact_id", c.SalesContactID).
			Where(sq.Eq{"client_id": c.ID})); err != nil {
			return err
		}
	}
	return nil
}

// ShowClient returns the client with the given id as an output record.
func (tx *Tx) ShowClient(id int64) ([]any, error) { return tx.show(clientByID, id) }

// ListClients streams the clients matching f and opts.
func (tx *Tx) ListClients(f model.ClientFilter, opts model.ListOptions, yield func([]any) error) error {
	where := eqIf(nil, "c.sales_contact_id", f.SalesContactID)
	if f.SupportContactID != nil {
		if opts.Count && len(opts.Terms) == 0 && f == (model.ClientFilter{SupportContactID: f.SupportContactID}) {
			return tx.countSupported("client_id", *f.SupportContactID, yield)
		}
		where = append(where, supportedBy("c.id", "client_id", *f.SupportContactID, opts))
	}
	if err := model.CheckFilters(nil, f.Search); err != nil {
		return err
	}
	if f.Search != "" {
		where = append(where, clients.searchCond(tx.db.Dialect, f.Search))
	}
	return tx.list(clients, where, opts, yield)
}

// supportedBy selects the records (clients by client_id, contracts by
// contract_id) of the events that a support contact supports. A count
// reads the contact's entries of the index events_support_contact_records
// once; a page walks the records by id and looks each one up in the index
// of its events, stopping at the page's last row, rather than first
// collecting the tens of thousands of records a support contact has.
func supportedBy(id, column string, support int64, opts model.ListOptions) sq.Sqlizer {
	if opts.Count || opts.Limit <= 0 {
		return sq.Expr(id+" IN (SELECT e."+column+" FROM events e WHERE e.support_contact_id = ?)", support)
	}
	return sq.Expr("EXISTS (SELECT 1 FROM events e WHERE e."+column+" = "+id+" AND e.support_contact_id = ?)", support)
}

// countSupported counts the distinct records (column: client_id or
// contract_id) of the events a support contact supports, from the index
// entries of that contact alone: the count of --mine for support with no
// other filter, which needs neither the clients nor the contracts.
func (tx *Tx) countSupported(column string, support int64, yield func([]any) error) error {
	var n int64
	if err := tx.queryRow(tx.db.sb.Select("COUNT(DISTINCT e."+column+")").From("events e").
		Where(sq.Eq{"e.support_contact_id": support}), &n); err != nil {
		return err
	}
	return yield([]any{n})
}

// oneRow checks that an UPDATE changed exactly one row: none means the
// record is gone.
func oneRow(res sql.Result, err error, entity string, id int64) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return notFound(entity, id)
	}
	return nil
}
