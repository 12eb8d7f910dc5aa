// Package query is the only package that talks to the database: opening it,
// migrations, one store per entity, filter terms compiled to SQL and the
// translation of driver errors. Every statement is built with squirrel and
// every value is a bound parameter.
package query

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	sq "github.com/Masterminds/squirrel"
	_ "github.com/mattn/go-sqlite3" // the default engine
)

// Dialect names an SQL engine.
type Dialect string

// The engines epicevents runs on.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is an open epicevents database.
type DB struct {
	Dialect Dialect
	// Path is the database file for SQLite, empty otherwise.
	Path string
	// Now returns the current time; tests replace it.
	Now func() time.Time
	// Location is the zone of dates typed without an offset (TZ).
	Location *time.Location

	write *sql.DB // SQLite: every transaction begins IMMEDIATE
	read  *sql.DB
	sb    sq.StatementBuilderType

	// writeOpts and readOpts begin the transactions of Update and View:
	// nil on SQLite, isolation levels on PostgreSQL (openPostgres).
	writeOpts, readOpts *sql.TxOptions
}

// ParseURL returns the dialect and the driver data source of a DATABASE_URL:
// sqlite:///relative.db, sqlite:////absolute.db, a file path, or
// postgres:// and postgresql:// URLs.
func ParseURL(raw string) (Dialect, string, error) {
	switch {
	case strings.HasPrefix(raw, "postgres://"), strings.HasPrefix(raw, "postgresql://"):
		return Postgres, raw, nil
	case strings.HasPrefix(raw, "sqlite:///"):
		p := strings.TrimPrefix(raw, "sqlite:///")
		if p == "" {
			return "", "", fmt.Errorf("empty sqlite path in DATABASE_URL")
		}
		return SQLite, p, nil // sqlite:////abs.db leaves "/abs.db"
	case strings.Contains(raw, "://"):
		u, _ := url.Parse(raw)
		scheme := ""
		if u != nil {
			scheme = u.Scheme
		}
		return "", "", fmt.Errorf("unsupported DATABASE_URL scheme %q: use sqlite:/// or postgres://", scheme)
	case raw == "":
		return "", "", fmt.Errorf("empty DATABASE_URL")
	}
	return SQLite, raw, nil
}

// Open opens the database named by a DATABASE_URL and applies the pending
// migrations.
func Open(ctx context.Context, rawURL string) (*DB, error) {
	dialect, src, err := ParseURL(rawURL)
	if err != nil {
		return nil, invalidf("%v", err)
	}
	db := &DB{Dialect: dialect, Now: time.Now}
	switch dialect {
	case SQLite:
		err = db.openSQLite(src)
	case Postgres:
		err = db.openPostgres(src)
	}
	if err != nil {
		return nil, err
	}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func (db *DB) openSQLite(path string) error {
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return err
		}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	db.Path = abs
	// The file holds password hashes: only its owner may read it. SQLite
	// gives the -wal and -shm files the mode of the database file.
	f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("cannot open the database %s: %w", abs, err)
	}
	f.Close()
	// WAL lets readers work while one shell writes; the busy timeout makes
	// a second writer wait instead of failing with "database is locked";
	// _txlock=immediate takes the write lock when a write transaction
	// begins, so that two read-then-write transactions cannot deadlock.
	dsn := func(txlock string) string {
		q := url.Values{}
		q.Set("_journal_mode", "WAL")
		q.Set("_foreign_keys", "on")
		q.Set("_busy_timeout", "10000")
		q.Set("_synchronous", "NORMAL")
		q.Set("_txlock", txlock)
		return "file:" + (&url.URL{Path: abs}).EscapedPath() + "?" + q.Encode()
	}
	if db.write, err = sql.Open("sqlite3", dsn("immediate")); err != nil {
		return err
	}
	if db.read, err = sql.Open("sqlite3", dsn("deferred")); err != nil {
		return err
	}
	db.sb = sq.StatementBuilder.PlaceholderFormat(sq.Question)
	return nil
}

// Close closes the database.
func (db *DB) Close() error {
	var err error
	if db.read != nil && db.read != db.write {
		err = db.read.Close()
	}
	if db.write != nil {
		if e := db.write.Close(); e != nil {
			err = e
		}
	}
	return err
}

// Tx is one transaction. Every command runs in exactly one.
type Tx struct {
	ctx context.Context
	tx  *sql.Tx
	db  *DB
	now time.Time
}

// Now is the time of the transaction, the same for every row it writes.
func (tx *Tx) Now() time.Time { return tx.now }

// Update runs fn in a write transaction and commits it when fn returns nil.
// Write transactions run one at a time, on both engines. On PostgreSQL, fn
// may run more than once: when its transaction lost a race with another
// one all the same, it runs again in a new transaction (retry.go).
func (db *DB) Update(ctx context.Context, fn func(*Tx) error) error {
	return db.retry(ctx, func() error { return db.run(ctx, true, fn) })
}

// View runs fn in a read transaction.
func (db *DB) View(ctx context.Context, fn func(*Tx) error) error {
	return db.run(ctx, false, fn)
}

// begin begins a write or a read transaction. SQLite's write transactions
// begin IMMEDIATE (openSQLite); PostgreSQL's take the schema's write lock
// first (lockWrites): either way, writers run one at a time.
func (db *DB) begin(ctx context.Context, write bool) (*sql.Tx, error) {
	if !write {
		return db.read.BeginTx(ctx, db.readOpts)
	}
	tx, err := db.write.BeginTx(ctx, db.writeOpts)
	if err != nil || db.Dialect != Postgres {
		return tx, err
	}
	if err := lockWrites(ctx, tx); err != nil {
		tx.Rollback()
		return nil, err
	}
	return tx, nil
}

func (db *DB) run(ctx context.Context, write bool, fn func(*Tx) error) (err error) {
	sqlTx, err := db.begin(ctx, write)
	if err != nil {
		return translate(err)
	}
	tx := &Tx{ctx: ctx, tx: sqlTx, db: db, now: db.Now().UTC().Truncate(time.Second)}
	defer func() {
		if p := recover(); p != nil {
			sqlTx.Rollback()
			panic(p)
		}
		if err != nil {
			sqlTx.Rollback()
			return
		}
		err = translate(sqlTx.Commit())
	}()
	return fn(tx)
}

// exec runs a built statement.
func (tx *Tx) exec(b sq.Sqlizer) (sql.Result, error) {
	q, args, err := b.ToSql()
	if err != nil {
		return nil, err
	}
	res, err := tx.tx.ExecContext(tx.ctx, q, args...)
	return res, translate(err)
}

// queryRow runs a built statement that returns one row.
func (tx *Tx) queryRow(b sq.Sqlizer, dest ...any) error {
	q, args, err := b.ToSql()
	if err != nil {
		return err
	}
	return translate(tx.tx.QueryRowContext(tx.ctx, q, args...).Scan(dest...))
}

// query runs a built statement and calls each for every row.
func (tx *Tx) query(b sq.Sqlizer, each func(*sql.Rows) error) error {
	q, args, err := b.ToSql()
	if err != nil {
		return err
	}
	rows, err := tx.tx.QueryContext(tx.ctx, q, args...)
	if err != nil {
		return translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			return err
		}
	}
	return translate(rows.Err())
}

// loc is the time zone of dates typed without an offset.
func (db *DB) loc() *time.Location {
	if db.Location != nil {
		return db.Location
	}
	return time.Local
}
