// Package query is the only package that talks to the database: opening it,
// migrations, one store per entity, filter terms compiled to SQL and the
// translation of driver errors. Every statement is built with squirrel and
// every value is a bound parameter.
package query

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
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
	// url is the DATABASE_URL it was opened with, password hidden.
	url string
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

	// trace, when set (by tests), sees every statement the stores run,
	// before it runs.
	trace func(query string, args []any)

	// shapes holds the text of the statements built once (cachedSQL).
	shapes sync.Map
}

// cachedSQL returns the text of a statement whose shape never changes, as
// squirrel builds it with build, once per database, kept under key; its
// values are bound at each run, in the order of its placeholders (the
// values given to build only stand for them). A batch runs the same few
// statements thousands of times, and building one with squirrel costs as
// much as SQLite running it.
func (db *DB) cachedSQL(key any, build func(sq.StatementBuilderType) sq.Sqlizer) (string, error) {
	if q, ok := db.shapes.Load(key); ok {
		return q.(string), nil
	}
	q, _, err := build(db.sb).ToSql()
	if err != nil {
		return "", err
	}
	db.shapes.Store(key, q)
	return q, nil
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
	db := &DB{Dialect: dialect, Now: time.Now, url: redactURL(rawURL)}
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
		return nil, db.named(err)
	}
	return db, nil
}

func (db *DB) openSQLite(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	db.Path = abs
	if dir := filepath.Dir(abs); dir != "." {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return envf(err, "cannot create the folder of the database %s", abs)
		}
	}
	if err := secureDBFiles(abs); err != nil {
		return err
	}
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
		// Each connection keeps its prepared statements, keyed by their
		// text: squirrel builds the same text for the same command, so a
		// batch or a long shell prepares each statement once.
		q.Set("_stmt_cache_size", "64")
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

// where names the database for the operator: its file, or its URL
// without the password.
func (db *DB) where() string {
	if db.Path != "" {
		return db.Path
	}
	return db.url
}

// redactURL hides the password of a database URL.
func redactURL(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.Scheme != "" {
		return u.Redacted()
	}
	return raw
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
	// ctx is the command's context: once it is cancelled, no statement
	// starts and the transaction rolls back.
	ctx context.Context
	// stmtCtx is the context the driver runs statements with: ctx, or on
	// SQLite's write transactions ctx without its cancellation (see run).
	stmtCtx context.Context
	tx      sqlTx
	db      *DB
	now     time.Time
}

// sqlTx is a transaction of database/sql: a *sql.Tx, or a connTx.
type sqlTx interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	Commit() error
	Rollback() error
}

// connTx is a write transaction of SQLite run on one connection between
// BEGIN IMMEDIATE and COMMIT. A *sql.Tx watches its context with a
// goroutine, and each of its queries another: in a batch of thousands of
// commands, that costs more than the statements themselves.
type connTx struct {
	*sql.Conn
	ctx  context.Context // never cancelled (see run)
	done bool
}

// beginConn begins a connTx: waiting for a connection stops with ctx, and
// the transaction's statements run with stmtCtx.
func (db *DB) beginConn(ctx, stmtCtx context.Context) (*connTx, error) {
	c, err := db.write.Conn(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := c.ExecContext(stmtCtx, "BEGIN IMMEDIATE"); err != nil {
		c.Close()
		return nil, err
	}
	return &connTx{Conn: c, ctx: stmtCtx}, nil
}

// Commit commits the transaction and gives the connection back.
func (t *connTx) Commit() error {
	if t.done {
		return sql.ErrTxDone
	}
	if _, err := t.Conn.ExecContext(t.ctx, "COMMIT"); err != nil {
		t.Rollback()
		return err
	}
	t.done = true
	return t.Conn.Close()
}

// Rollback rolls the transaction back and gives the connection back; a
// connection whose ROLLBACK failed, in an unknown state, is closed instead.
func (t *connTx) Rollback() error {
	if t.done {
		return sql.ErrTxDone
	}
	t.done = true
	if _, err := t.Conn.ExecContext(t.ctx, "ROLLBACK"); err != nil {
		t.Conn.Raw(func(any) error { return driver.ErrBadConn })
		t.Conn.Close()
		return err
	}
	return t.Conn.Close()
}

// Now is the time of the transaction, the same for every row it writes.
func (tx *Tx) Now() time.Time { return tx.now }

// Update runs fn in a write transaction and commits it when fn returns nil.
// Write transactions run one at a time, on both engines. On PostgreSQL, fn
// may run more than once: when its transaction lost a race with another
// one all the same, it runs again in a new transaction (retry.go).
func (db *DB) Update(ctx context.Context, fn func(*Tx) error) error {
	return db.named(db.retry(ctx, func() error { return db.run(ctx, true, fn) }))
}

// View runs fn in a read transaction.
func (db *DB) View(ctx context.Context, fn func(*Tx) error) error {
	return db.named(db.run(ctx, false, fn))
}

// begin begins a write or a read transaction. SQLite's write transactions
// begin IMMEDIATE (connTx); PostgreSQL's take the schema's write lock
// first (lockWrites): either way, writers run one at a time.
func (db *DB) begin(ctx, stmtCtx context.Context, write bool) (sqlTx, error) {
	if !write {
		return db.read.BeginTx(ctx, db.readOpts)
	}
	if db.Dialect == SQLite {
		return db.beginConn(ctx, stmtCtx)
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
	// database/sql and the SQLite driver watch a cancellable context with
	// a goroutine per statement: in a batch of thousands of short write
	// commands that costs more than SQLite does. SQLite's write
	// transactions (connTx) are made of short statements, so their
	// statements run without the cancellation, which is checked before each
	// one and before the commit instead: Ctrl-C stops a write command
	// between two statements, and nothing of it is kept. Reads, which may
	// run long (an export, a search), stay interruptible inside a statement.
	stmtCtx := ctx
	if write && db.Dialect == SQLite {
		stmtCtx = context.WithoutCancel(ctx)
	}
	if err := ctx.Err(); err != nil {
		return translate(err)
	}
	sqlTx, err := db.begin(ctx, stmtCtx, write)
	if err != nil {
		return translate(err)
	}
	tx := &Tx{ctx: ctx, stmtCtx: stmtCtx, tx: sqlTx, db: db, now: db.Now().UTC().Truncate(time.Second)}
	defer func() {
		if p := recover(); p != nil {
			sqlTx.Rollback()
			panic(p)
		}
		if err == nil {
			err = translate(ctx.Err())
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
	if err := tx.ctx.Err(); err != nil {
		return nil, translate(err)
	}
	if tx.db.trace != nil {
		tx.db.trace(q, args)
	}
	res, err := tx.tx.ExecContext(tx.stmtCtx, q, args...)
	return res, translate(err)
}

// queryRow runs a built statement that returns one row.
func (tx *Tx) queryRow(b sq.Sqlizer, dest ...any) error {
	q, args, err := b.ToSql()
	if err != nil {
		return err
	}
	if err := tx.ctx.Err(); err != nil {
		return translate(err)
	}
	if tx.db.trace != nil {
		tx.db.trace(q, args)
	}
	return translate(tx.tx.QueryRowContext(tx.stmtCtx, q, args...).Scan(dest...))
}

// query runs a built statement and calls each for every row.
func (tx *Tx) query(b sq.Sqlizer, each func(*sql.Rows) error) error {
	q, args, err := b.ToSql()
	if err != nil {
		return err
	}
	if err := tx.ctx.Err(); err != nil {
		return translate(err)
	}
	if tx.db.trace != nil {
		tx.db.trace(q, args)
	}
	rows, err := tx.tx.QueryContext(tx.stmtCtx, q, args...)
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
