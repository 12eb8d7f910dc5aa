package query

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"time"

	sq "github.com/Masterminds/squirrel"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib" // PostgreSQL, for teams

	"epicevents/model"
)

// openPostgres opens a pool of PostgreSQL connections through pgx's
// database/sql driver, set up so that the stores behave as on SQLite,
// whatever the server's defaults:
//
//   - the session time zone is UTC, so that times bound as
//     'YYYY-MM-DD HH:MM:SS' strings mean UTC, as they do on SQLite;
//   - write transactions run one at a time, as SQLite's IMMEDIATE ones do:
//     each takes the schema's write lock first (lockWrites), then reads
//     and writes at READ COMMITTED, every statement seeing what the
//     previous writers committed; a read-modify-write cannot lose an
//     update, and a writer waits for the lock at most lock_timeout (10 s,
//     SQLite's busy timeout) before "the database is busy";
//   - read transactions see one snapshot (REPEATABLE READ), as SQLite's do,
//     and never wait for writers.
func (db *DB) openPostgres(src string) error {
	cfg, err := pgx.ParseConfig(src)
	if err != nil {
		// pgx redacts the password from the URL it quotes.
		return invalidf("DATABASE_URL: %v", err)
	}
	for k := range cfg.RuntimeParams {
		if strings.EqualFold(k, "timezone") { // one spelling only, ours
			delete(cfg.RuntimeParams, k)
		}
	}
	cfg.RuntimeParams["timezone"] = "UTC"
	for k, v := range map[string]string{"application_name": "epicevents", "lock_timeout": "10s"} {
		if cfg.RuntimeParams[k] == "" {
			cfg.RuntimeParams[k] = v
		}
	}
	pool := stdlib.OpenDB(*cfg)
	// A shell stays open all day: do not keep idle connections that a
	// server or a firewall would cut meanwhile.
	pool.SetConnMaxIdleTime(5 * time.Minute)
	pool.SetMaxIdleConns(4)
	db.write, db.read = pool, pool
	db.writeOpts = &sql.TxOptions{Isolation: sql.LevelReadCommitted}
	db.readOpts = &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
	db.sb = sq.StatementBuilder.PlaceholderFormat(sq.Dollar)
	return nil
}

// lockWrites takes the write lock of the current schema for the rest of
// the transaction tx, waiting for the writer that holds it to finish. It
// is the first statement of every write transaction, so that the next ones
// see the database as the previous writer left it. The lock is per schema:
// the schemas of one database (one per test, say) do not wait for each
// other.
func lockWrites(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtext('epicevents writes ' || current_schema()))")
	return err
}

// lockSchema keeps other processes from migrating the same schema until
// unlock is called: two shells started at once after an upgrade would
// otherwise both create the same tables. SQLite needs nothing: its write
// transactions already exclude each other.
func (db *DB) lockSchema(ctx context.Context) (unlock func(), err error) {
	if db.Dialect != Postgres {
		return func() {}, nil
	}
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return nil, translate(err)
	}
	// An advisory lock is per database: the key names the schema, so that
	// the schemas of one database (one per test, say) migrate in parallel.
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(hashtext('epicevents migrations ' || current_schema()))"); err != nil {
		conn.Close()
		return nil, translate(err)
	}
	return func() {
		// A lost connection releases the lock too.
		conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock(hashtext('epicevents migrations ' || current_schema()))")
		conn.Close()
	}, nil
}

// PostgreSQL error codes (SQLSTATE) that translateDriver and retry know.
const (
	pgUniqueViolation      = "23505"
	pgCheckViolation       = "23514"
	pgForeignKeyViolation  = "23503"
	pgSerializationFailure = "40001"
	pgDeadlockDetected     = "40P01"
	pgQueryCanceled        = "57014"
	pgLockNotAvailable     = "55P03" // lock_timeout
)

// translateDriver translates PostgreSQL errors the way translate does
// SQLite's, with the same messages.
func translateDriver(err error) error {
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		// The message names the server, user and database, never the
		// password. An unreachable server is the machine's problem, not a
		// bug: it is shown, and not reported to monitoring.
		return &driverError{op: model.Errorf(model.EENV, "cannot connect to the database: %s", oneLine(ce.Error())), cause: err}
	}
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return err
	}
	switch pe.Code {
	case pgUniqueViolation: // constraints are named TABLE_COLUMN_key
		table := pe.TableName
		if table == "" {
			table, _, _ = strings.Cut(pe.ConstraintName, "_")
		}
		column := strings.TrimPrefix(pe.ConstraintName, table+"_")
		switch {
		case strings.HasSuffix(column, "_key"):
			column = strings.TrimSuffix(column, "_key")
		case column == "pkey":
			column = "id"
		}
		return uniqueConflict(table + "." + column)
	case pgCheckViolation:
		return model.Errorf(model.EINVALID, "value out of range")
	case pgForeignKeyViolation:
		return model.Errorf(model.ECONFLICT, "the record is still referenced by others")
	case pgQueryCanceled:
		return model.Errorf(model.ECANCELED, "canceled")
	case pgSerializationFailure, pgDeadlockDetected:
		// Update runs the transaction again (retry.go); this is what the
		// operator reads when it lost the race every time.
		return &driverError{op: errBusy(), cause: err}
	case pgLockNotAvailable:
		return &driverError{op: errBusy(), cause: err}
	}
	return err
}

// driverError is a driver error translated for the operator that keeps
// its cause, so that retry can still recognise a serialization failure.
type driverError struct {
	op    *model.Error
	cause error
}

func (e *driverError) Error() string   { return e.op.Message }
func (e *driverError) Unwrap() []error { return []error{e.op, e.cause} }

// errBusy is the error of a transaction that could not be carried out
// because other operators kept the same records busy.
func errBusy() *model.Error {
	return model.Errorf(model.ECONFLICT, "the database is busy: try again")
}

// startsWith matches the text of expr that starts with prefix, ignoring the
// case of ASCII letters, with prefix bound. On SQLite that is LIKE, served
// by an index COLLATE NOCASE; PostgreSQL's LIKE minds case, so there it
// compares lower cases, served by an index on LOWER(column). Both fold ASCII
// letters only (text is COLLATE "C"), so both match the same rows.
func (db *DB) startsWith(expr, prefix string) sq.Sqlizer {
	pattern := likeEscaper.Replace(prefix) + "%"
	if db.Dialect == Postgres {
		return sq.Expr("LOWER("+expr+") LIKE ? ESCAPE '\\'", asciiLower(pattern))
	}
	return sq.Expr(expr+" LIKE ? ESCAPE '\\'", pattern)
}

// startingWith selects, of the rows of b, those whose text expr starts with
// prefix (startsWith), in SQLite's order: SQLite walks the NOCASE index of
// expr, and stops at the LIMIT; PostgreSQL walks the index of LOWER(expr),
// which sorts the same way, the C collation folding ASCII letters only.
func (db *DB) startingWith(b sq.SelectBuilder, expr, id, prefix string) sq.SelectBuilder {
	b = b.Where(db.startsWith(expr, prefix))
	if db.Dialect == Postgres {
		b = b.OrderBy("LOWER("+expr+")", id)
	}
	return b
}

// asciiLower folds ASCII letters only, as SQLite's LIKE and LOWER do.
func asciiLower(s string) string {
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

// oneLine returns a driver's message on one line: pgx puts each attempt
// to connect (TLS then not, each server of a list) on a line of its own,
// often the same one twice. The lines are joined with "; ", each once.
func oneLine(msg string) string {
	var parts []string
	for _, l := range strings.Split(msg, "\n") {
		if l = strings.TrimSpace(l); l != "" && !slices.Contains(parts, l) {
			parts = append(parts, l)
		}
	}
	if len(parts) > 1 && strings.HasSuffix(parts[0], ":") {
		// The heading of the attempts: "failed to connect to `user=...`:".
		return parts[0] + " " + strings.Join(parts[1:], "; ")
	}
	return strings.Join(parts, "; ")
}
