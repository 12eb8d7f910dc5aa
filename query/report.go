package query

import (
	"database/sql"

	sq "github.com/Masterminds/squirrel"

	"epicevents/model"
)

// The figures of the sales report, over the contracts k of one group. The
// sums are cast to BIGINT because PostgreSQL's SUM of a bigint is a
// numeric; an empty group sums to 0, not NULL.
const (
	sumSigned      = "CAST(COALESCE(SUM(CASE WHEN k.signed THEN 1 ELSE 0 END), 0) AS BIGINT)"
	sumUnsigned    = "CAST(COALESCE(SUM(CASE WHEN k.signed THEN 0 ELSE 1 END), 0) AS BIGINT)"
	sumTotalSigned = "CAST(COALESCE(SUM(CASE WHEN k.signed THEN k.total_amount ELSE 0 END), 0) AS BIGINT)"
	sumPaid        = "CAST(COALESCE(SUM(k.total_amount - k.amount_due), 0) AS BIGINT)"
	sumDueSigned   = "CAST(COALESCE(SUM(CASE WHEN k.signed THEN k.amount_due ELSE 0 END), 0) AS BIGINT)"
)

// nested builds the statements that go inside another one: with "?"
// placeholders, which the outer statement numbers for PostgreSQL with its
// own (a nested statement numbered on its own would start again at $1).
var nested = sq.StatementBuilder

// period bounds the expression expr (a time column) by f.From <= expr < f.To.
func period(b sq.SelectBuilder, expr string, f model.ReportFilter) sq.SelectBuilder {
	if f.From != nil {
		b = b.Where(sq.GtOrEq{expr: ts(*f.From)})
	}
	if f.To != nil {
		b = b.Where(before(expr, *f.To))
	}
	return b
}

// total sums column col of the groups g without a contact, as a BIGINT.
func total(g, col string) string {
	return "CAST(COALESCE(SUM(" + g + "." + col + "), 0) AS BIGINT)"
}

// SalesReport returns the figures of each sales contact, in the order of
// their usernames: every commercial, even with nothing yet, any other
// collaborator still named as the sales contact of a client or of a
// contract of the period (one who moved to another department), and last,
// if there are any, the records without a sales contact. Contracts count
// when f's period holds their created_at; clients count whatever the
// period, as the commercial's book. With f.SalesContactID only that
// collaborator's row is computed, from the indexes of their records. The
// database does the sums in one statement: one pass over an index of the
// contracts that holds every column summed (migration 0005).
func (tx *Tx) SalesReport(f model.ReportFilter) ([]model.SalesFigures, error) {
	clients := nested.Select("c.sales_contact_id AS id", "COUNT(*) AS n").From("clients c").GroupBy("c.sales_contact_id")
	contracts := period(nested.Select("k.sales_contact_id AS id", sumSigned+" AS signed_n", sumUnsigned+" AS unsigned_n",
		sumTotalSigned+" AS total_signed", sumPaid+" AS paid", sumDueSigned+" AS due").
		From("contracts k").GroupBy("k.sales_contact_id"), "k.created_at", f)
	q := tx.db.sb.Select("u.id", "u.username", "COALESCE(cl.n, 0)", "COALESCE(ks.signed_n, 0)",
		"COALESCE(ks.unsigned_n, 0)", "COALESCE(ks.total_signed, 0)", "COALESCE(ks.paid, 0)", "COALESCE(ks.due, 0)", "0").
		From("collaborators u").LeftJoin("cl ON cl.id = u.id").LeftJoin("ks ON ks.id = u.id")
	if f.SalesContactID != nil {
		clients = clients.Where(sq.Eq{"c.sales_contact_id": *f.SalesContactID})
		contracts = contracts.Where(sq.Eq{"k.sales_contact_id": *f.SalesContactID})
		q = q.Where(sq.Eq{"u.id": *f.SalesContactID})
	} else {
		q = q.Where(sq.Or{sq.Expr("u.department_id = ?", departmentID(model.Commercial)),
			sq.NotEq{"cl.id": nil}, sq.NotEq{"ks.id": nil}}).
			Suffix("UNION ALL SELECT NULL, NULL, (SELECT " + total("cl", "n") + " FROM cl WHERE cl.id IS NULL), " +
				total("ks", "signed_n") + ", " + total("ks", "unsigned_n") + ", " + total("ks", "total_signed") + ", " +
				total("ks", "paid") + ", " + total("ks", "due") + ", 1 FROM ks WHERE ks.id IS NULL")
	}
	q = q.Prefix("WITH cl AS (?), ks AS (?)", clients, contracts).Suffix("ORDER BY 9, 2")
	return reportRows(tx, q, func(r *model.SalesFigures) []any {
		return []any{&r.Clients, &r.ContractsSigned, &r.ContractsUnsigned,
			(*int64)(&r.TotalSigned), (*int64)(&r.Paid), (*int64)(&r.AmountDue)}
	}, func(r *model.SalesFigures, id *int64, name string) bool {
		if id == nil && r.Clients+r.ContractsSigned+r.ContractsUnsigned == 0 {
			return false // nothing without a sales contact: no such row
		}
		r.SalesContactID, r.SalesContact = id, name
		return true
	})
}

// EventsReport returns, for each support collaborator in the order of
// their usernames, the number of events of f's period (on event_start)
// they support and their attendees, then one row (nil SupportContactID)
// for the events of the period without support. With f.SupportContactID
// only that collaborator's row; with f.SalesContactID only the events of
// that commercial's clients count. The events are found by the index of
// event_start, and grouped once.
func (tx *Tx) EventsReport(f model.ReportFilter) ([]model.EventFigures, error) {
	events := period(nested.Select("e.support_contact_id AS id", "COUNT(*) AS n",
		"CAST(COALESCE(SUM(e.attendees), 0) AS BIGINT) AS attendees").
		From("events e").GroupBy("e.support_contact_id"), "e.event_start", f)
	if f.SalesContactID != nil {
		// Checked for each event of the period, by primary keys: a join
		// would start from the commercial's clients and read all their
		// events, of every year.
		events = events.Where(sq.Expr("EXISTS (SELECT 1 FROM contracts k JOIN clients c ON c.id = k.client_id "+
			"WHERE k.id = e.contract_id AND c.sales_contact_id = ?)", *f.SalesContactID))
	}
	q := tx.db.sb.Select("p.id", "p.username", "COALESCE(g.n, 0)", "COALESCE(g.attendees, 0)", "0").
		From("collaborators p").LeftJoin("g ON g.id = p.id")
	if f.SupportContactID != nil {
		events = events.Where(sq.Eq{"e.support_contact_id": *f.SupportContactID})
		q = q.Where(sq.Eq{"p.id": *f.SupportContactID})
	} else {
		q = q.Where(sq.Or{sq.Expr("p.department_id = ?", departmentID(model.Support)), sq.NotEq{"g.id": nil}}).
			Suffix("UNION ALL SELECT NULL, NULL, " + total("g", "n") + ", " + total("g", "attendees") +
				", 1 FROM g WHERE g.id IS NULL")
	}
	q = q.Prefix("WITH g AS (?)", events).Suffix("ORDER BY 5, 2")
	return reportRows(tx, q, func(r *model.EventFigures) []any { return []any{&r.Events, &r.Attendees} },
		func(r *model.EventFigures, id *int64, name string) bool {
			r.SupportContactID, r.SupportContact = id, name
			return true
		})
}

// reportRows runs a report's statement q, whose rows are a collaborator's
// id and username (NULL for the row of the records without one), the
// figures that fields points into, and the sort key; keep sets the
// collaborator of a row and says whether it belongs in the report.
func reportRows[T any](tx *Tx, q sq.Sqlizer, fields func(*T) []any, keep func(r *T, id *int64, name string) bool) ([]T, error) {
	var out []T
	err := tx.query(q, func(rows *sql.Rows) error {
		var r T
		var id sql.NullInt64
		var name sql.NullString
		var last int
		if err := rows.Scan(append(append([]any{&id, &name}, fields(&r)...), &last)...); err != nil {
			return err
		}
		if keep(&r, nullID(id), name.String) {
			out = append(out, r)
		}
		return nil
	})
	return out, err
}
