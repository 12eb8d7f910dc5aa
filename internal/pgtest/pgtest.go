// Package pgtest gives tests a PostgreSQL schema of their own, on the
// server named by EPICEVENTS_TEST_POSTGRES, dropped when the test ends.
// Tests that need PostgreSQL skip, saying so, when the variable is unset, so
// that go test ./... passes on a machine without a server.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // to create and drop schemas
)

// EnvURL names the environment variable that holds the URL of the test
// server, e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable.
const EnvURL = "EPICEVENTS_TEST_POSTGRES"

// BaseURL returns the URL of the test server, "" when none is configured.
func BaseURL() string { return os.Getenv(EnvURL) }

// SkipMessage says why a PostgreSQL test is skipped.
const SkipMessage = "PostgreSQL tests skipped: set " + EnvURL + "=postgres://USER@HOST:PORT/DB?sslmode=disable to run them"

// URL returns the URL of a new, empty schema on the test server, dropped
// when tb ends; tb is skipped when no server is configured.
func URL(tb testing.TB) string {
	tb.Helper()
	base := BaseURL()
	if base == "" {
		tb.Skip(SkipMessage)
	}
	u, drop, err := NewSchema(context.Background(), base)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := drop(); err != nil {
			tb.Errorf("dropping the test schema: %v", err)
		}
	})
	return u
}

// NewSchema creates a schema with a random name on the server at base and
// returns a URL whose search_path is that schema, and a function that drops
// it with everything in it.
func NewSchema(ctx context.Context, base string) (string, func() error, error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", nil, fmt.Errorf("%s: %v", EnvURL, err)
	}
	b := make([]byte, 8)
	rand.Read(b)
	schema := "ee_test_" + hex.EncodeToString(b) // letters and digits: no quoting needed
	admin, err := sql.Open("pgx", base)
	if err != nil {
		return "", nil, err
	}
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("creating a test schema on %s: %w", u.Redacted(), err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	drop := func() error {
		defer admin.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_, err := admin.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE")
		return err
	}
	return u.String(), drop, nil
}
