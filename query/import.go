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
	for lo := 0; lo < len(clients); lo += importChunk {
		chunk := clients[lo:min(lo+importChunk, len(clients))]
		if err := tx.insertClients(chunk); err != nil {
			return err
		}
		entries := make([]model.AuditEntry, len(chunk))
		for i, c := range chunk {
			entries[i] = entry(c)
		}
		if err := tx.auditMany(entries); err != nil {
			return err
		}
	}
	return nil
}

// insertClients inserts up to importChunk clients in one statement. The
// ids come back with the e-mails, which are unique: the order of the rows
// of RETURNING is not promised.
func (tx *Tx) insertClients(chunk []*model.Client) error {
	now := ts(tx.now)
	values := make([]any, 0, 8*len(chunk))
	byEmail := make(map[string]*model.Client, len(chunk))
	for _, c := range chunk {
		c.CreatedAt, c.UpdatedAt = tx.now, tx.now
		values = append(values, c.FirstName, c.LastName, c.Email, c.Phone, c.CompanyName, c.SalesContactID, now, now)
		byEmail[c.Email] = c
	}
	q, err := tx.manyRowsSQL("insert clients", len(chunk), func(b sq.StatementBuilderType) sq.Sqlizer {
		ins := b.Insert("clients").Columns("first_name", "last_name", "email", "phone", "company_name",
			"sales_contact_id", "created_at", "updated_at")
		for i := range chunk {
			ins = ins.Values(values[8*i : 8*i+8]...)
		}
		return ins.Suffix("RETURNING id, email")
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

// auditMany records entries in one statement, at the transaction's time;
// like Audit, callers never put a password or hash in their changes.
func (tx *Tx) auditMany(entries []model.AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	values := make([]any, 0, 7*len(entries))
	for _, e := range entries {
		row, err := tx.auditRow(e)
		if err != nil {
			return err
		}
		values = append(values, row...)
	}
	q, err := tx.manyRowsSQL("audit", len(entries), func(b sq.StatementBuilderType) sq.Sqlizer {
		ins := b.Insert("audit").Columns("at", "actor_id", "actor", "action", "entity", "entity_id", "changes")
		for i := range entries {
			ins = ins.Values(values[7*i : 7*i+7]...)
		}
		return ins
	})
	if err != nil {
		return err
	}
	_, err = tx.exec(sq.Expr(q, values...))
	return err
}

// manyRowsSQL returns the text of the statement of n rows that build
// makes. Only full chunks are kept (cachedSQL): the last chunk of each
// import has a size of its own, which would fill the cache.
func (tx *Tx) manyRowsSQL(name string, n int, build func(sq.StatementBuilderType) sq.Sqlizer) (string, error) {
	if n == importChunk {
		return tx.db.cachedSQL(manyRows{name, n}, build)
	}
	q, _, err := build(tx.db.sb).ToSql()
	return q, err
}

// manyRows keys the cached text of a statement of n rows.
type manyRows struct {
	name string
	n    int
}
