package query

import (
	"database/sql"
	"errors"
	"strings"

	sq "github.com/Masterminds/squirrel"
	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL, for teams

	"epicevents/model"
)

func (db *DB) openPostgres(src string) error {
	pool, err := sql.Open("pgx", src)
	if err != nil {
		return err
	}
	db.write, db.read = pool, pool
	db.sb = sq.StatementBuilder.PlaceholderFormat(sq.Dollar)
	return nil
}

// translateDriver translates PostgreSQL errors the way translate does
// SQLite's.
func translateDriver(err error) error {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return err
	}
	switch pe.Code {
	case "23505": // unique_violation; constraints are named TABLE_COLUMN_key
		target := strings.TrimSuffix(pe.ConstraintName, "_key")
		table, column, _ := strings.Cut(target, "_")
		return uniqueConflict(table + "." + column)
	case "23514":
		return model.Errorf(model.EINVALID, "value out of range")
	case "23503":
		return model.Errorf(model.ECONFLICT, "the record is still referenced by others")
	case "57014":
		return model.Errorf(model.ECANCELED, "canceled")
	}
	return err
}
