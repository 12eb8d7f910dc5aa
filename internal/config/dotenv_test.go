package config

import (
	"os"
	"testing"
)

// TestDotenvDollar pins what the README tells operators about "$" in .env:
// godotenv expands $NAME (NAME of capitals, digits and _) in unquoted and
// double-quoted values, from the variables set earlier in the file (a name
// it does not know becomes empty), so a secret holding "$" must be
// single-quoted, which keeps it intact.
func TestDotenvDollar(t *testing.T) {
	t.Chdir(t.TempDir())
	dotenv := "B=b\n" +
		"SECRET_KEY='a$B$C$1x'\n" +
		"DATABASE_URL='postgres://crm:Pa$$W0RD$B@db.example:5432/crm?sslmode=require'\n" +
		"SENTRY_DSN=https://k$B$C@sentry.example/1\n" +
		"SENTRY_ENVIRONMENT=\"prod-$B$C\"\n"
	if err := os.WriteFile(".env", []byte(dotenv), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	t.Run("SingleQuotedIntact", func(t *testing.T) {
		if c.SecretKey != "a$B$C$1x" {
			t.Errorf("SECRET_KEY = %q, want a$B$C$1x", c.SecretKey)
		}
		if want := "postgres://crm:Pa$$W0RD$B@db.example:5432/crm?sslmode=require"; c.DatabaseURL != want {
			t.Errorf("DATABASE_URL = %q, want %q", c.DatabaseURL, want)
		}
	})
	t.Run("UnquotedAndDoubleQuotedExpanded", func(t *testing.T) {
		if c.SentryDSN != "https://kb@sentry.example/1" {
			t.Errorf("SENTRY_DSN = %q: unquoted $B$C was not expanded to b and nothing", c.SentryDSN)
		}
		if c.SentryEnv != "prod-b" {
			t.Errorf("SENTRY_ENVIRONMENT = %q: double-quoted $B$C was not expanded to b and nothing", c.SentryEnv)
		}
	})
}
