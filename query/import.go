package query

import (
	"database/sql"
	"fmt"

	sq "github.com/Masterminds/squirrel"

	"epicevents/model"
)

// Many clients at once, for `client import`: a spreadsheet of thousands
// of contacts is checked against the database and written in a few
// statements of many rows each, not one round trip a client.

// importChunk is how many rows one statement reads or writes. A statement
// binds at most importChunk*8 values: SQLite allows 32766 (999 before
// 3.32, which mattn/go-sqlite3 has long left behind), PostgreSQL 65535.
const importChunk = 500

// ClientsByEmail returns, of emails (normalised), those that are the
// e-mail of a client already, with that client's id. It asks importChunk
// e-mails at a time, each looked up by the unique index on the e-mail.
func (tx *Tx) ClientsByEmail(emails []string) (map[string]int64, error) {
	taken := map[string]int64{}
	for lo := 0; lo < len(emails); lo += importChunk {
		chunk := emails[lo:min(lo+importChunk, len(emails))]
		err := tx.query(tx.db.sb.Select("c.email", "c.id").From("clients c").Where(sq.Eq{"c.email": chunk}),
			func(rows *sql.Rows) error {
				var email string
				var id int64
				if err := rows.Scan(&email, &id); err != nil {
					return err
				}
				taken[email] = id
				return nil
			})
		if err != nil {
			return nil, err
		}
	}
	return taken, nil
}

// CreateClients inserts clients, which must be valid and of distinct
// e-mails, with the audit entry that entry makes for each once its id is
// known; it sets their ids and times. Rows go importChunk a statement.
func (tx *Tx) CreateClients(clients []*model.Client, entry func(*model.Client) model.AuditEntry) error {
	clientID, auditID, err := tx.reserveIDs(len(clients))
	if err != nil {
		return err
	}
	for lo := 0; lo < len(clients); lo += importChunk {
		chunk := clients[lo:min(lo+importChunk, len(clients))]
		if err := tx.insertClients(chunk, clientID); err != nil {
			return err
		}
		entries := make([]model.AuditEntry, len(chunk))
		for i, c := range chunk {
			entries[i] = entry(c)
		}
		if err := tx.auditMany(entries, auditID); err != nil {
			return err
		}
		if clientID != 0 {
			clientID, auditID = clientID+int64(len(chunk)), auditID+int64(len(chunk))
		}
	}
	return nil
}

// reserveIDs returns the first of n new ids of clients and of audit
// entries on PostgreSQL, 0 elsewhere (the database numbers the rows).
// There, a trigger numbers each new row by updating the table's counter
// row: thousands of updates of one row in one transaction grow
// quadratically (10,000 clients took 11 s). The ids are taken at once
// instead, and the rows given them, with epicevents.copying on for the
// transaction so that the trigger leaves the counters alone
// (migrations/postgres/0003, as db copy does).
func (tx *Tx) reserveIDs(n int) (clientID, auditID int64, err error) {
	if tx.db.Dialect != Postgres || n == 0 {
		return 0, 0, nil
	}
	if err := tx.queryRow(sq.Expr("SELECT set_config('epicevents.copying', 'on', true)"), new(string)); err != nil {
		return 0, 0, err
	}
	reserve := func(table string) (int64, error) {
		var last int64
		err := tx.queryRow(tx.db.sb.Insert("id_sequences AS s").Columns("name", "seq").Values(table, n).
			Suffix("ON CONFLICT (name) DO UPDATE SET seq = s.seq + EXCLUDED.seq RETURNING seq"), &last)
		return last - int64(n) + 1, err
	}
	if clientID, err = reserve("clients"); err != nil {
		return 0, 0, err
	}
	auditID, err = reserve("audit")
	return clientID, auditID, err
}

// withIDs puts the column id first when ids are given (first != 0).
func withIDs(first int64, cols ...string) []string {
	if first == 0 {
		return cols
	}
	return append([]string{"id"}, cols...)
}

// insertClients inserts up to importChunk clients in one statement,
// numbered from first when it is not 0. The ids come back with the
// e-mails, which are unique: the order of the rows of RETURNING is not
// promised.
func (tx *Tx) insertClients(chunk []*model.Client, first int64) error {
	now := ts(tx.now)
	cols := withIDs(first, "first_name", "last_name", "email", "phone", "company_name", "sales_contact_id",
		"created_at", "updated_at")
	values := make([]any, 0, len(cols)*len(chunk))
	byEmail := make(map[string]*model.Client, len(chunk))
	for i, c := range chunk {
		c.CreatedAt, c.UpdatedAt = tx.now, tx.now
		if first != 0 {
			values = append(values, first+int64(i))
		}
		values = append(values, c.FirstName, c.LastName, c.Email, c.Phone, c.CompanyName, c.SalesContactID, now, now)
		byEmail[c.Email] = c
	}
	q, err := tx.manyRowsSQL(manyRows{"clients", len(chunk), first != 0}, func(b sq.StatementBuilderType) sq.Sqlizer {
		return rowsOf(b.Insert("clients").Columns(cols...), len(cols), values).Suffix("RETURNING id, email")
	})
	if err != nil {
		return err
	}
	n := 0
	err = tx.query(sq.Expr(q, values...), func(rows *sql.Rows) error {
		var id int64
		var email string
		if err := rows.Scan(&id, &email); err != nil {
			return err
		}
		if c := byEmail[email]; c != nil {
			c.ID, n = id, n+1
		}
		return nil
	})
	if err == nil && n != len(chunk) {
		return fmt.Errorf("import: %d ids for %d clients", n, len(chunk))
	}
	return err
}

// auditMany records entries in one statement, at the transaction's time,
// numbered from first when it is not 0; like Audit, callers never put a
// password or hash in their changes.
func (tx *Tx) auditMany(entries []model.AuditEntry, first int64) error {
	if len(entries) == 0 {
		return nil
	}
	cols := withIDs(first, "at", "actor_id", "actor", "action", "entity", "entity_id", "changes")
	values := make([]any, 0, len(cols)*len(entries))
	for i, e := range entries {
		row, err := tx.auditRow(e)
		if err != nil {
			return err
		}
		if first != 0 {
			values = append(values, first+int64(i))
		}
		values = append(values, row...)
	}
	q, err := tx.manyRowsSQL(manyRows{"audit", len(entries), first != 0}, func(b sq.StatementBuilderType) sq.Sqlizer {
		return rowsOf(b.Insert("audit").Columns(cols...), len(cols), values)
	})
	if err != nil {
		return err
	}
	_, err = tx.exec(sq.Expr(q, values...))
	return err
}

// rowsOf adds the rows of values, width values a row, to an INSERT.
func rowsOf(ins sq.InsertBuilder, width int, values []any) sq.InsertBuilder {
	for i := 0; i < len(values); i += width {
		ins = ins.Values(values[i : i+width]...)
	}
	return ins
}

// manyRowsSQL returns the text of the statement of n rows that build
// makes. Only full chunks are kept (cachedSQL): the last chunk of each
// import has a size of its own, which would fill the cache.
func (tx *Tx) manyRowsSQL(key manyRows, build func(sq.StatementBuilderType) sq.Sqlizer) (string, error) {
	if key.n == importChunk {
		return tx.db.cachedSQL(key, build)
	}
	q, _, err := build(tx.db.sb).ToSql()
	return q, err
}

// manyRows keys the cached text of a statement of n rows into table, with
// their ids or without.
type manyRows struct {
	table string
	n     int
	ids   bool
}
