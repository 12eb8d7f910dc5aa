package query

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// MustOpenDB opens a fresh database in a temporary folder, migrated, and
// closes it when the test ends.
func MustOpenDB(tb testing.TB) *DB {
	tb.Helper()
	db, err := Open(context.Background(), filepath.Join(tb.TempDir(), "test.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func TestOpenMigrates(t *testing.T) {
	db := MustOpenDB(t)
	v, err := db.SchemaVersion(context.Background())
	if err != nil || v < 1 {
		t.Fatalf("schema version %d, %v", v, err)
	}
	// Opening again applies nothing twice.
	db2, err := Open(context.Background(), db.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	v2, _ := db2.SchemaVersion(context.Background())
	if v2 != v {
		t.Fatalf("version %d after reopening, want %d", v2, v)
	}
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
		{in: "sqlite:///", bad: true},
		{in: "", bad: true},
	} {
		t.Run(tc.in, func(t *testing.T) {
			d, src, err := ParseURL(tc.in)
			if (err != nil) != tc.bad || d != tc.dialect || src != tc.src {
				t.Fatalf("ParseURL(%q) = %q, %q, %v", tc.in, d, src, err)
			}
		})
	}
}

// TestConcurrentWriters checks that two connections writing at once wait
// for each other instead of failing with "database is locked": write
// transactions begin IMMEDIATE and the busy timeout makes the second wait.
func TestConcurrentWriters(t *testing.T) {
	db := MustOpenDB(t)
	other, err := Open(context.Background(), db.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
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
}
