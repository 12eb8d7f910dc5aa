package query

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"time"

	sq "github.com/Masterminds/squirrel"
)

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

// statement returns the text and values of a built statement about to
// run: none runs once the command is cancelled, and the tests' trace sees
// each one.
func (tx *Tx) statement(b sq.Sqlizer) (string, []any, error) {
	q, args, err := b.ToSql()
	if err != nil {
		return "", nil, err
	}
	if err := tx.ctx.Err(); err != nil {
		return "", nil, translate(err)
	}
	if tx.db.trace != nil {
		tx.db.trace(q, args)
	}
	return q, args, nil
}

// exec runs a built statement.
func (tx *Tx) exec(b sq.Sqlizer) (sql.Result, error) {
	q, args, err := tx.statement(b)
	if err != nil {
		return nil, err
	}
	res, err := tx.tx.ExecContext(tx.stmtCtx, q, args...)
	return res, translate(err)
}

// queryRow runs a built statement that returns one row.
func (tx *Tx) queryRow(b sq.Sqlizer, dest ...any) error {
	q, args, err := tx.statement(b)
	if err != nil {
		return err
	}
	return translate(tx.tx.QueryRowContext(tx.stmtCtx, q, args...).Scan(dest...))
}

// query runs a built statement and calls each for every row.
func (tx *Tx) query(b sq.Sqlizer, each func(*sql.Rows) error) error {
	q, args, err := tx.statement(b)
	if err != nil {
		return err
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
