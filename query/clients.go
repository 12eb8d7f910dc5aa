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
// last contact.
func (tx *Tx) UpdateClient(c *model.Client) error {
	c.UpdatedAt = tx.now
	res, err := tx.exec(tx.db.sb.Update("clients").SetMap(map[string]any{
		"first_name": c.FirstName, "last_name": c.LastName, "email": c.Email, "phone": c.Phone,
		"company_name": c.CompanyName, "sales_contact_id": c.SalesContactID, "updated_at": ts(tx.now),
	}).Where(sq.Eq{"id": c.ID}))
	return oneRow(res, err, "client", c.ID)
}

// ShowClient returns the client with the given id as an output record.
func (tx *Tx) ShowClient(id int64) ([]any, error) { return tx.show(clientByID, id) }

// ListClients streams the clients matching f and opts.
func (tx *Tx) ListClients(f model.ClientFilter, opts model.ListOptions, yield func([]any) error) error {
	where := eqIf(nil, "c.sales_contact_id", f.SalesContactID)
	if f.SupportContactID != nil {
		// From the support contact's events, by their index, to the
		// clients: EXISTS would look at every client.
		where = append(where, sq.Expr("c.id IN (SELECT k.client_id FROM events e JOIN contracts k ON k.id = e.contract_id "+
			"WHERE e.support_contact_id = ?)", *f.SupportContactID))
	}
	if err := model.CheckFilters(nil, f.Search); err != nil {
		return err
	}
	if f.Search != "" {
		where = append(where, clients.searchCond(f.Search))
	}
	return tx.list(clients, where, opts, yield)
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
