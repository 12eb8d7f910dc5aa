// Package config reads the program's configuration: the environment, and
// the .env file of the working directory. Only main reads it; the packages
// it wires get plain values.
package config

import (
	"os"
	"path/filepath"
	"time"

	"github.com/joho/godotenv"

	"epicevents/model"
)

// Config is the configuration read from the environment and from .env.
type Config struct {
	Home        string // EPICEVENTS_HOME
	DatabaseURL string
	SecretKey   string
	SessionTTL  time.Duration
	SentryDSN   string
	SentryEnv   string
	NoColor     bool
	// Getenv reads a variable, the environment winning over .env.
	Getenv func(string) string
}

// Load reads the configuration from getenv and from the .env file of the
// working directory; a variable set in the environment wins over .env.
func Load(getenv func(string) string) (*Config, error) {
	dotenv, err := godotenv.Read(".env")
	if err != nil && !os.IsNotExist(err) {
		return nil, model.Errorf(model.EINVALID, "cannot read .env: %v", err)
	}
	get := func(k string) string {
		if v := getenv(k); v != "" {
			return v
		}
		return dotenv[k]
	}
	c := &Config{Getenv: get, SecretKey: get("SECRET_KEY"), SentryDSN: get("SENTRY_DSN"),
		SentryEnv: get("SENTRY_ENVIRONMENT"), NoColor: get("NO_COLOR") != "", SessionTTL: 8 * time.Hour}
	c.Home = get("EPICEVENTS_HOME")
	if c.Home == "" {
		base := get("XDG_CONFIG_HOME")
		if base == "" {
			home, err := os.UserHomeDir()
			if err != nil {
				return nil, model.Errorf(model.EINVALID, "no home folder: set EPICEVENTS_HOME")
			}
			base = filepath.Join(home, ".config")
		}
		c.Home = filepath.Join(base, "epicevents")
	}
	c.DatabaseURL = get("DATABASE_URL")
	if c.DatabaseURL == "" {
		c.DatabaseURL = filepath.Join(c.Home, "epicevents.db")
	}
	if v := get("EPICEVENTS_SESSION_TTL"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return nil, model.Errorf(model.EINVALID, "EPICEVENTS_SESSION_TTL=%q: use a Go duration like 8h", v)
		}
		c.SessionTTL = d
	}
	return c, nil
}
