package config

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestLoad(t *testing.T) {
	t.Run("EnvironmentWinsOverDotenv", func(t *testing.T) {
		t.Chdir(t.TempDir())
		dotenv := "SECRET_KEY=from-file\nSENTRY_DSN=https://k@sentry.example/1\nEPICEVENTS_HOME=/from/file\n"
		if err := os.WriteFile(".env", []byte(dotenv), 0o600); err != nil {
			t.Fatal(err)
		}
		env := map[string]string{"SECRET_KEY": "from-env", "EPICEVENTS_SESSION_TTL": "30m"}
		c, err := Load(func(k string) string { return env[k] })
		if err != nil {
			t.Fatal(err)
		}
		if c.SecretKey != "from-env" || c.SentryDSN != "https://k@sentry.example/1" || c.Home != "/from/file" {
			t.Fatalf("got %+v", c)
		}
		if c.SessionTTL != 30*time.Minute || c.DatabaseURL != filepath.Join("/from/file", "epicevents.db") {
			t.Fatalf("TTL %v, database %q", c.SessionTTL, c.DatabaseURL)
		}
		if c.Getenv("SENTRY_DSN") != "https://k@sentry.example/1" || c.Getenv("SECRET_KEY") != "from-env" {
			t.Fatal("Getenv does not read the environment, then .env")
		}
	})
	t.Run("Defaults", func(t *testing.T) {
		t.Chdir(t.TempDir())
		env := map[string]string{"XDG_CONFIG_HOME": "/xdg"}
		c, err := Load(func(k string) string { return env[k] })
		if err != nil {
			t.Fatal(err)
		}
		if c.Home != "/xdg/epicevents" || c.SessionTTL != 8*time.Hour || c.NoColor {
			t.Fatalf("got %+v", c)
		}
	})
	t.Run("ErrBadTTL", func(t *testing.T) {
		t.Chdir(t.TempDir())
		for _, v := range []string{"soon", "-1h", "0s"} {
			env := map[string]string{"EPICEVENTS_HOME": "/h", "EPICEVENTS_SESSION_TTL": v}
			if _, err := Load(func(k string) string { return env[k] }); err == nil {
				t.Errorf("EPICEVENTS_SESSION_TTL=%s accepted", v)
			}
		}
	})
}
