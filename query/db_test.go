package query

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"epicevents/internal/pgtest"
	"epicevents/model"
)

// Store tests run on SQLite, and on PostgreSQL too:
//
//   - MustOpenDB opens the engine named by EPICEVENTS_TEST_ENGINE, sqlite
//     (the default) or postgres, so that every store test runs on
//     PostgreSQL with EPICEVENTS_TEST_ENGINE=postgres go test ./query/
//     (.ci/run does), with no change to the test;
//   - ForEachEngine runs a test once per engine, as subtests named sqlite
//     and postgres, in every run.
//
// PostgreSQL needs EPICEVENTS_TEST_POSTGRES, the URL of a server on which
// each test gets a schema of its own (internal/pgtest); without it the
// PostgreSQL tests are skipped, saying so.

// testEngineEnv names the variable that selects MustOpenDB's engine.
const testEngineEnv = "EPICEVENTS_TEST_ENGINE"

// testEngines are the engines ForEachEngine runs a test on.
var testEngines = []Dialect{SQLite, Postgres}

// MustOpenDB opens a fresh database, migrated, on the engine that
// EPICEVENTS_TEST_ENGINE names (SQLite by default), and closes it when the
// test ends.
func MustOpenDB(tb testing.TB) *DB {
	tb.Helper()
	d := SQLite
	switch e := os.Getenv(testEngineEnv); e {
	case "", string(SQLite):
	case string(Postgres):
		if pgtest.BaseURL() == "" {
			tb.Fatalf("%s=postgres needs %s", testEngineEnv, pgtest.EnvURL)
		}
		d = Postgres
	default:
		tb.Fatalf("%s=%q: use sqlite or postgres", testEngineEnv, e)
	}
	return MustOpenEngine(tb, d)
}

// MustOpenEngine opens a fresh database of the given engine, migrated, and
// closes it when the test ends.
func MustOpenEngine(tb testing.TB, d Dialect) *DB {
	tb.Helper()
	return MustOpenURL(tb, MustTestURL(tb, d))
}

// MustTestURL returns the DATABASE_URL of a new, empty database of the
// given engine, removed when the test ends: a file in a temporary folder,
// or a schema of its own on the PostgreSQL test server.
func MustTestURL(tb testing.TB, d Dialect) string {
	tb.Helper()
	if d == Postgres {
		return pgtest.URL(tb)
	}
	return filepath.Join(tb.TempDir(), "test.db")
}

// MustOpenURL opens the database at url, migrated, and closes it when the
// test ends; the same url may be opened more than once, as two shells would.
func MustOpenURL(tb testing.TB, url string) *DB {
	tb.Helper()
	db, err := Open(context.Background(), url)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	testURLs.Store(db, url)
	return db
}

// testURLs maps each database the helpers opened to its URL, for MustReopen.
var testURLs sync.Map

// MustReopen opens the database of db a second time, as another shell
// would (Open(ctx, db.Path) works on SQLite only), and closes it when the
// test ends.
func MustReopen(tb testing.TB, db *DB) *DB {
	tb.Helper()
	url, ok := testURLs.Load(db)
	if !ok {
		tb.Fatal("MustReopen: the database was not opened by MustOpenDB or its kin")
	}
	return MustOpenURL(tb, url.(string))
}

// ForEachEngine runs fn once per engine, each time on a fresh database, as
// subtests named after the engine.
func ForEachEngine(t *testing.T, fn func(t *testing.T, db *DB)) {
	t.Helper()
	forEachEngineURL(t, func(t *testing.T, url string) { fn(t, MustOpenURL(t, url)) })
}

// forEachEngineURL is ForEachEngine for the tests that open the database
// themselves, more than once.
func forEachEngineURL(t *testing.T, fn func(t *testing.T, url string)) {
	t.Helper()
	for _, d := range testEngines {
		t.Run(string(d), func(t *testing.T) { fn(t, MustTestURL(t, d)) })
	}
}

func TestOpenMigrates(t *testing.T) {
	forEachEngineURL(t, func(t *testing.T, url string) {
		db := MustOpenURL(t, url)
		v, err := db.SchemaVersion(context.Background())
		if err != nil || v < 1 {
			t.Fatalf("schema version %d, %v", v, err)
		}
		// Opening again applies nothing twice.
		v2, _ := MustOpenURL(t, url).SchemaVersion(context.Background())
		if v2 != v {
			t.Fatalf("version %d after reopening, want %d", v2, v)
		}
	})
}

func TestParseURL(t *testing.T) {
	for _, tc := range []struct {
		in      string
		dialect Dialect
		src     string
		bad     bool
	}{
		{in: "sqlite:///relative.db", dialect: SQLite, src: "relative.db"},
		{in: "sqlite:////abs/x.db", dialect: SQLite, src: "/abs/x.db"},
		{in: "some/file.db", dialect: SQLite, src: "some/file.db"},
		{in: "postgres://u@h/db", dialect: Postgres, src: "postgres://u@h/db"},
		{in: "postgresql://u@h/db", dialect: Postgres, src: "postgresql://u@h/db"},
		{in: "mysql://x", bad: true},
		{in: "1x://y", bad: true}, // no URL: url.Parse fails
		{in: "http://user:secret@h%zz/db", bad: true},
		{in: "sqlite:///", bad: true},
		{in: "", bad: true},
	} {
		t.Run(tc.in, func(t *testing.T) {
			d, src, err := ParseURL(tc.in)
			if (err != nil) != tc.bad || d != tc.dialect || src != tc.src {
				t.Fatalf("ParseURL(%q) = %q, %q, %v", tc.in, d, src, err)
			}
			if err != nil && strings.Contains(err.Error(), "secret") {
				t.Errorf("the error shows the password: %v", err)
			}
		})
	}
}

// TestConcurrentWriters checks that two connections writing at once wait
// for each other instead of failing with "database is locked": on SQLite
// write transactions begin IMMEDIATE and the busy timeout makes the second
// wait; on PostgreSQL they do not conflict at all.
func TestConcurrentWriters(t *testing.T) {
	forEachEngineURL(t, func(t *testing.T, url string) {
		db, other := MustOpenURL(t, url), MustOpenURL(t, url)
		errs := make(chan error, 2)
		for _, d := range []*DB{db, other} {
			go func(d *DB) {
				var err error
				for i := 0; i < 50 && err == nil; i++ {
					err = d.Update(context.Background(), func(tx *Tx) error {
						n, err := tx.CountCollaborators() // read, then write
						if err != nil {
							return err
						}
						time.Sleep(time.Millisecond)
						return tx.RecordLoginFailure(string(rune('a' + n%26)))
					})
				}
				errs <- err
			}(d)
		}
		for range 2 {
			if err := <-errs; err != nil {
				t.Fatalf("concurrent write: %v", err)
			}
		}
	})
}

// TestRedactURL: what names a database to the operator (db copy's report,
// errors) never shows a password, whether the URL gives it as the user's
// (user:PASSWORD@) or as a parameter (?password=, even written with an
// escape, ?sslpassword=), which the PostgreSQL driver reads too. The rest
// of the URL is kept as written, parameters in their order.
func TestRedactURL(t *testing.T) {
	for raw, want := range map[string]string{
		"postgres://alice:s3cret@db.test/crm":                               "postgres://alice:xxxxx@db.test/crm",
		"postgres://alice@db.test/crm?sslmode=disable&password=s3cret":      "postgres://alice@db.test/crm?sslmode=disable&password=xxxxx",
		"postgresql://db.test/crm?pass%77ord=s3cret&application_name=x":     "postgresql://db.test/crm?pass%77ord=xxxxx&application_name=x",
		"postgres://db.test/crm?sslpassword=s3cret&sslmode=verify-full":     "postgres://db.test/crm?sslpassword=xxxxx&sslmode=verify-full",
		"postgres://db.test/crm?user=alice&sslmode=disable":                 "postgres://db.test/crm?user=alice&sslmode=disable",
		"postgres://alice:s3cret@db.test/crm?password=s3cret&sslmode=allow": "postgres://alice:xxxxx@db.test/crm?password=xxxxx&sslmode=allow",
		"sqlite:///relative.db":                                             "sqlite:///relative.db",
		"relative.db":                                                       "relative.db",
	} {
		wantResult(t, "RedactURL", RedactURL, raw, want)
	}
}

// wantResult checks that f(in), named name, is want.
func wantResult[In, Out comparable](t *testing.T, name string, f func(In) Out, in In, want Out) {
	t.Helper()
	if got := f(in); got != want {
		t.Errorf("%s(%#v) = %#v, want %#v", name, in, got, want)
	}
}

// TestURLHasPassword: a URL holds a password when RedactURL would hide one,
// or, when it does not parse, when it may (a user part, a password named).
func TestURLHasPassword(t *testing.T) {
	for raw, want := range map[string]bool{
		"postgres://alice:s3cret@db.test/crm":                          true,
		"postgres://alice@db.test/crm?sslmode=disable&password=s3cret": true,
		"postgres://db.test/crm?pass%77ord=s3cret":                     true,
		"postgres://db.test/crm?sslpassword=s3cret":                    true,
		"postgres://alice:s3cret@db.test:nope/crm":                     true,
		"postgres://db.test:nope/crm?password=s3cret":                  true,
		"postgres://alice@db.test/crm?sslmode=disable":                 false,
		"postgres://alice:@db.test/crm":                                true,
		"sqlite:///relative.db":                                        false,
		"relative.db":                                                  false,
	} {
		wantResult(t, "URLHasPassword", URLHasPassword, raw, want)
	}
}

// TestOpenExisting: what only looks (shell completion) opens a database
// that exists and holds the schema, and makes nothing: a missing SQLite
// file, or an empty database of either engine, is not found (5) and stays
// as it was, no file made and no table created.
func TestOpenExisting(t *testing.T) {
	ctx := context.Background()
	missing := filepath.Join(t.TempDir(), "typo.db")
	if _, err := OpenExisting(ctx, missing); model.ErrorCode(err) != model.ENOTFOUND {
		t.Fatalf("missing file: err = %v, want not found", err)
	}
	if _, err := os.Lstat(missing); !os.IsNotExist(err) {
		t.Fatalf("a missing file was made: %v", err)
	}
	empty := filepath.Join(t.TempDir(), "empty.db")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenExisting(ctx, empty); model.ErrorCode(err) != model.ENOTFOUND {
		t.Fatalf("empty file: err = %v, want not found", err)
	}
	if fi, err := os.Stat(empty); err != nil || fi.Size() != 0 {
		t.Fatalf("the empty file was written: %v", err)
	}
	forEachEngineURL(t, func(t *testing.T, url string) {
		if _, err := OpenExisting(ctx, url); model.ErrorCode(err) != model.ENOTFOUND {
			t.Fatalf("empty database: err = %v, want not found", err)
		}
		db := MustOpenURL(t, url) // creates the schema, as Open does
		if v, err := db.SchemaVersion(ctx); err != nil || v == 0 {
			t.Fatalf("Open made no schema after OpenExisting: %d, %v", v, err)
		}
		again, err := OpenExisting(ctx, url)
		if err != nil {
			t.Fatalf("existing database: %v", err)
		}
		again.Close()
	})
}

// TestRolledBackConnectionIsKept: a write that fails is rolled back and its
// connection goes back to the pool; only a connection whose ROLLBACK failed
// is thrown away. A batch of failing commands must not open a connection
// (and prepare its statements again) for each of them.
func TestRolledBackConnectionIsKept(t *testing.T) {
	db := MustOpenEngine(t, SQLite)
	refused := model.Errorf(model.EINVALID, "refused")
	for i := 0; i < 3; i++ {
		err := db.Update(context.Background(), func(tx *Tx) error {
			if _, err := tx.CountCollaborators(); err != nil {
				return err
			}
			return refused
		})
		if model.ErrorCode(err) != model.EINVALID {
			t.Fatalf("Update = %v, want the refusal", err)
		}
	}
	if s := db.write.Stats(); s.OpenConnections != 1 || s.Idle != 1 {
		t.Errorf("after three rolled back writes: %d open, %d idle connections; want the one kept", s.OpenConnections, s.Idle)
	}
	// A transaction ends once: a second Rollback says so.
	var ct *connTx
	err := db.Update(context.Background(), func(tx *Tx) error {
		ct, _ = tx.tx.(*connTx)
		return refused
	})
	if model.ErrorCode(err) != model.EINVALID || ct == nil {
		t.Fatalf("Update = %v, connTx %v", err, ct)
	}
	if err := ct.Rollback(); err != sql.ErrTxDone {
		t.Errorf("a second Rollback = %v, want sql.ErrTxDone", err)
	}
	if err := ct.Commit(); err != sql.ErrTxDone {
		t.Errorf("Commit after Rollback = %v, want sql.ErrTxDone", err)
	}
}

// TestStatementContexts: the statements of a SQLite write run without the
// driver's cancellation watcher (a goroutine each, which costs more than
// the statement in a batch of short writes); those of a read, which may run
// long, stay interruptible.
func TestStatementContexts(t *testing.T) {
	db := MustOpenEngine(t, SQLite)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var write, read context.Context
	if err := db.Update(ctx, func(tx *Tx) error { write = tx.stmtCtx; return nil }); err != nil {
		t.Fatal(err)
	}
	if err := db.View(ctx, func(tx *Tx) error { read = tx.stmtCtx; return nil }); err != nil {
		t.Fatal(err)
	}
	if write.Done() != nil {
		t.Error("a SQLite write's statements can be cancelled inside a statement")
	}
	if read.Done() == nil {
		t.Error("a read's statements cannot be cancelled")
	}
}

// TestCloseClosesBothPools: Close closes the reading pool and the writing
// one (one pool on PostgreSQL, closed once).
func TestCloseClosesBothPools(t *testing.T) {
	forEachEngineURL(t, func(t *testing.T, url string) {
		db, err := Open(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Close(); err != nil {
			t.Fatalf("Close = %v", err)
		}
		for name, p := range map[string]*sql.DB{"read": db.read, "write": db.write} {
			if err := p.Ping(); err == nil || !strings.Contains(err.Error(), "closed") {
				t.Errorf("the %s pool after Close: ping = %v", name, err)
			}
		}
	})
}
