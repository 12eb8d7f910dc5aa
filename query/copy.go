package query

import (
	"database/sql"
	"strings"
	"time"

	sq "github.com/Masterminds/squirrel"

	"epicevents/model"
)

// copyTable is one table that db copy carries.
type copyTable struct {
	name   string
	order  string // the ORDER BY of its rows: ids are inserted in order
	serial bool   // its ids come from a sequence (AUTOINCREMENT)
	data   bool   // a row in it means the database is in use
	quiet  bool   // not counted in what the copy reports
}

// copyTables are every table of the schema but schema_migrations, which
// the target has of its own, and the sequences of ids (set afterwards to
// continue the source's, setNextID), parents before children so that the foreign
// keys hold as rows arrive. A table added by a migration must be added
// here: TestCopyTablesCoverSchema fails until it is.
var copyTables = []copyTable{
	{name: "database_info", order: "id", quiet: true},
	{name: "departments", order: "id"},
	{name: "collaborators", order: "id", serial: true, data: true},
	{name: "clients", order: "id", serial: true, data: true},
	{name: "contracts", order: "id", serial: true, data: true},
	{name: "events", order: "id", serial: true, data: true},
	{name: "audit", order: "id", serial: true, data: true},
	{name: "login_failures", order: "username, at"},
}

// copyBatch is about how many values one INSERT of a copy binds: well
// under the limits of both engines (32766 for SQLite, 65535 for PostgreSQL).
const copyBatch = 1000

// CopyCount is how many rows of one table a copy carried.
type CopyCount struct {
	Table string
	Rows  int64
}

// CopyTo copies the whole database that tx reads (its snapshot), ids and
// audit trail included, into dst, in one transaction of dst, and calls then
// in that transaction before it commits. dst must hold no data: a
// collaborator, client, contract, event or audit entry there is a
// conflict, and nothing is written. Rows stream from one database to the
// other, a batch at a time, whatever the engines. Afterwards dst gives new
// records the ids the source would have given: an id once used, by a
// deleted record say, is never given again, so that the audit trail never
// names two records with one id.
func (tx *Tx) CopyTo(dst *DB, then func(*Tx) error) ([]CopyCount, error) {
	var counts []CopyCount
	err := dst.Update(tx.ctx, func(out *Tx) error {
		counts = counts[:0] // Update may run this again on PostgreSQL
		if err := checkCopyTarget(tx, out); err != nil {
			return err
		}
		// The target's migrations filled departments and gave it an
		// identifier: the source's replace them. Carrying the identifier
		// keeps the sessions of the source valid on its copy, which holds
		// the same collaborators with the same ids: the copy is the move of
		// one database, not another one.
		for _, table := range []string{"departments", "database_info"} {
			if _, err := out.exec(out.db.sb.Delete(table)); err != nil {
				return err
			}
		}
		if out.db.Dialect == Postgres {
			// Explicit ids are not recorded row after row (see
			// migrations/postgres/0003): setNextID sets each counter once.
			if _, err := out.exec(sq.Expr("SELECT set_config('epicevents.copying', 'on', true)")); err != nil {
				return err
			}
		}
		for _, t := range copyTables {
			n, err := copyRows(tx, out, t)
			if err != nil {
				return err
			}
			if !t.quiet {
				counts = append(counts, CopyCount{t.name, n})
			}
		}
		for _, t := range copyTables {
			if !t.serial {
				continue
			}
			next, err := tx.nextID(t.name)
			if err != nil {
				return err
			}
			if err := out.setNextID(t.name, next); err != nil {
				return err
			}
		}
		if then != nil {
			return then(out)
		}
		return nil
	})
	return counts, err
}

// checkCopyTarget refuses a target that holds data or whose schema is not
// the source's.
func checkCopyTarget(in, out *Tx) error {
	var from, to int
	version := func(tx *Tx, v *int) error {
		return tx.queryRow(tx.db.sb.Select("COALESCE(MAX(version), 0)").From("schema_migrations"), v)
	}
	if err := version(in, &from); err != nil {
		return err
	}
	if err := version(out, &to); err != nil {
		return err
	}
	if from != to {
		return versionConflict(to, from)
	}
	for _, t := range copyTables {
		if !t.data {
			continue
		}
		var n int64
		if err := out.queryRow(out.db.sb.Select("COUNT(*)").From(t.name), &n); err != nil {
			return err
		}
		if n > 0 {
			return notEmptyTarget(t.name)
		}
	}
	return nil
}

// copyRows streams the rows of table t from in to out and returns how many
// it copied. The columns are the source's, which must all exist in the
// target: both databases were migrated to the same version.
func copyRows(in, out *Tx, t copyTable) (int64, error) {
	types, err := out.columnTypes(t.name)
	if err != nil {
		return 0, err
	}
	q, args, err := in.db.sb.Select("*").From(t.name).OrderBy(t.order).ToSql()
	if err != nil {
		return 0, err
	}
	rows, err := in.tx.QueryContext(in.stmtCtx, q, args...)
	if err != nil {
		return 0, translate(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, translate(err)
	}
	for _, c := range cols {
		if _, ok := types[c]; !ok {
			return 0, model.Errorf(model.ECONFLICT, "the target database has no column %s.%s", t.name, c)
		}
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	perInsert := max(1, copyBatch/len(cols))
	var batch [][]any
	var n int64
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		ins := out.db.sb.Insert(t.name).Columns(cols...)
		for _, row := range batch {
			ins = ins.Values(row...)
		}
		batch = batch[:0]
		_, err := out.exec(ins)
		return err
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, translate(err)
		}
		row := make([]any, len(cols))
		for i, v := range vals {
			row[i] = copyValue(v, types[cols[i]], out.db.Dialect)
		}
		batch = append(batch, row)
		n++
		if len(batch) == perInsert {
			if err := flush(); err != nil {
				return n, err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return n, translate(err)
	}
	return n, flush()
}

// columnTypes returns the database type of each column of table, by name:
// "BOOL", "TIMESTAMPTZ", "INT8" on PostgreSQL, the declared type on SQLite.
func (tx *Tx) columnTypes(table string) (map[string]string, error) {
	q, args, err := tx.db.sb.Select("*").From(table).Where("1 = 0").ToSql()
	if err != nil {
		return nil, err
	}
	rows, err := tx.tx.QueryContext(tx.stmtCtx, q, args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	cts, err := rows.ColumnTypes()
	if err != nil {
		return nil, translate(err)
	}
	types := make(map[string]string, len(cts))
	for _, ct := range cts {
		types[ct.Name()] = strings.ToUpper(ct.DatabaseTypeName())
	}
	return types, rows.Err()
}

// copyValue converts a value read from one engine for a column of type
// typ of the other: SQLite keeps times as text and booleans as integers.
func copyValue(v any, typ string, to Dialect) any {
	switch x := v.(type) {
	case []byte:
		return string(x)
	case time.Time:
		if to == SQLite {
			return ts(x)
		}
	case int64:
		if typ == "BOOL" {
			return x != 0
		}
	}
	return v
}

// sequences returns the table that holds the highest id each table ever
// gave: SQLite's own for AUTOINCREMENT, its twin on PostgreSQL (see
// migrations/postgres/0001_init.sql).
func (tx *Tx) sequences() string {
	if tx.db.Dialect == Postgres {
		return "id_sequences"
	}
	return "sqlite_sequence"
}

// nextID returns the id that table would give its next record: after the
// highest id ever given, even to a record since deleted.
func (tx *Tx) nextID(table string) (int64, error) {
	var maxID, seq sql.NullInt64
	if err := tx.queryRow(tx.db.sb.Select("MAX(id)").From(table), &maxID); err != nil {
		return 0, err
	}
	if err := tx.queryRow(tx.db.sb.Select("MAX(seq)").From(tx.sequences()).Where(sq.Eq{"name": table}), &seq); err != nil {
		return 0, err
	}
	return max(maxID.Int64, seq.Int64) + 1, nil
}

// setNextID makes table give next as the id of its next record.
func (tx *Tx) setNextID(table string, next int64) error {
	if _, err := tx.exec(tx.db.sb.Delete(tx.sequences()).Where(sq.Eq{"name": table})); err != nil {
		return err
	}
	_, err := tx.exec(tx.db.sb.Insert(tx.sequences()).Columns("name", "seq").Values(table, next-1))
	return err
}
