// Package query is the only package that talks to the database: opening it,
// migrations, one store per entity, filter terms compiled to SQL and the
// translation of driver errors. Every statement is built with squirrel and
// every value is a bound parameter.
//
// One file per concept: db.go opens the database, tx.go runs transactions
// and statements; fields.go describes each entity (its keys and their SQL),
// which list.go (lists, show), load.go (the stores' loaders) and scan.go
// (row scanning) read through; filter.go compiles TERMS and named filters;
// lookup.go answers completion; clients.go, contracts.go, events.go,
// collaborators.go and audit.go write; copy.go copies a database.
package query

import (
	"epicevents/model"

	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
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

	// readOnly: the SQLite file can be read, not written, by this
	// process; it is opened read-only (readOnlyDSN).
	readOnly bool

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
	// id caches the database's identifier (DatabaseID), which never
	// changes once made.
	id atomic.Value
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
	return open(ctx, rawURL, false)
}

// OpenExisting opens, like Open, a database that already holds the schema,
// and makes nothing: a missing SQLite file, or a database without the
// schema, is not found (5) and left as it was. Shell completion opens the
// database so: a key pressed after a mistyped --db must not make a database
// there.
func OpenExisting(ctx context.Context, rawURL string) (*DB, error) {
	return open(ctx, rawURL, true)
}

func open(ctx context.Context, rawURL string, existing bool) (*DB, error) {
	dialect, src, err := ParseURL(rawURL)
	if err != nil {
		return nil, invalidf("%v", err)
	}
	db := &DB{Dialect: dialect, Now: time.Now, url: RedactURL(rawURL)}
	if existing && dialect == SQLite {
		// SQLite would make the file, or write its header into an empty one.
		if fi, err := os.Lstat(src); os.IsNotExist(err) || (err == nil && fi.Size() == 0) {
			return nil, model.Errorf(model.ENOTFOUND, "the database %s does not exist", src)
		}
	}
	switch dialect {
	case SQLite:
		err = db.openSQLite(src)
	case Postgres:
		err = db.openPostgres(src)
	}
	if err != nil {
		return nil, err
	}
	if existing {
		if _, n, err := db.schemaState(ctx); err != nil || n == 0 {
			db.Close()
			return nil, model.Errorf(model.ENOTFOUND, "the database %s holds no epicevents data", db.where())
		}
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
	// A missing folder is a mistyped path far more often than a wish for a
	// new tree of folders: say so rather than create it (the default
	// database's folder, EPICEVENTS_HOME, is created before).
	if fi, err := os.Stat(filepath.Dir(abs)); err != nil {
		return model.Errorf(model.EENV, "cannot open the database %s: the folder %s does not exist", abs, filepath.Dir(abs))
	} else if !fi.IsDir() {
		return model.Errorf(model.EENV, "cannot open the database %s: %s is not a folder", abs, filepath.Dir(abs))
	}
	readOnly, err := secureDBFiles(abs)
	if err != nil {
		return err
	}
	db.readOnly = readOnly
	// WAL lets readers work while one shell writes; the busy timeout makes
	// a second writer wait instead of failing with "database is locked";
	// _txlock=immediate takes the write lock when a write transaction
	// begins, so that two read-then-write transactions cannot deadlock.
	dsn := func(txlock string) string {
		q := url.Values{}
		if readOnly {
			readOnlyDSN(q, abs)
		} else {
			q.Set("_journal_mode", "WAL")
		}
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

// RedactURL hides the passwords of a database URL, for what shows it to
// the operator: the user's (user:PASSWORD@) and those given as parameters
// (?password=, ?sslpassword=, however their names are escaped), which the
// PostgreSQL driver reads too. The rest is kept as written.
func RedactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" {
		return raw
	}
	params := strings.Split(u.RawQuery, "&")
	for i, p := range params {
		if isPasswordParam(p) {
			name, _, _ := strings.Cut(p, "=")
			params[i] = name + "=xxxxx"
		}
	}
	u.RawQuery = strings.Join(params, "&")
	return u.Redacted()
}

// URLHasPassword reports whether a database URL holds a password, one that
// RedactURL hides. A URL that does not parse holds one when it may: when
// it has a user part (@) or names a password.
func URLHasPassword(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return strings.Contains(raw, "@") || strings.Contains(strings.ToLower(raw), "password")
	}
	if _, ok := u.User.Password(); ok {
		return true
	}
	return u.Scheme != "" && slices.ContainsFunc(strings.Split(u.RawQuery, "&"), isPasswordParam)
}

// isPasswordParam reports whether the URL parameter p ("name=value") is a
// password for the PostgreSQL driver, whatever escapes spell its name.
func isPasswordParam(p string) bool {
	name, _, _ := strings.Cut(p, "=")
	k, err := url.QueryUnescape(name)
	return err == nil && (k == "password" || k == "sslpassword")
}

// Close closes the database.
func (db *DB) Close() error {
	var errs []error
	if db.read != nil && db.read != db.write {
		errs = append(errs, db.read.Close())
	}
	if db.write != nil {
		errs = append(errs, db.write.Close())
	}
	return errors.Join(errs...)
}

// loc is the time zone of dates typed without an offset.
func (db *DB) loc() *time.Location {
	if db.Location != nil {
		return db.Location
	}
	return time.Local
}
