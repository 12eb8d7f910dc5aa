package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"epicevents/internal/pgtest"
)

// The storage engines are tested end to end two ways:
//
//   - TestScriptsPostgres runs every script of testdata/script a second
//     time with DATABASE_URL on PostgreSQL, a schema of its own per
//     script: the same commands must give the same output on both engines;
//   - TestEngineScripts runs the scripts of testdata/pgscript, about the
//     engines themselves (db copy between them, concurrent writers), once
//     on each engine.
//
// PostgreSQL needs EPICEVENTS_TEST_POSTGRES (.ci/run sets it); without it
// those runs are skipped, saying so.

// TestScriptsPostgres runs the end-to-end scripts on PostgreSQL.
func TestScriptsPostgres(t *testing.T) {
	base := pgtest.BaseURL()
	if base == "" {
		t.Skip(pgtest.SkipMessage)
	}
	testscript.Run(t, onEngine(scriptParams("testdata/script"), "postgres", base))
}

// TestEngineScripts runs the scripts of testdata/pgscript on each engine.
func TestEngineScripts(t *testing.T) {
	base := pgtest.BaseURL()
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			if engine == "postgres" && base == "" {
				t.Skip(pgtest.SkipMessage)
			}
			testscript.Run(t, onEngine(scriptParams("testdata/pgscript"), engine, base))
		})
	}
}

// onEngine sets the scripts of p to run on engine: for postgres,
// DATABASE_URL names a new schema of the test server at base, dropped
// after the script. It adds, for the scripts:
//
//   - $ENGINE, sqlite or postgres;
//   - newdb VAR ENGINE, which sets VAR to the URL of a new, empty
//     database of that engine;
//   - the conditions [postgres] (a PostgreSQL server is available) and
//     [engine:sqlite] or [engine:postgres] (the engine of this run).
func onEngine(p testscript.Params, engine, base string) testscript.Params {
	setup := p.Setup
	p.Setup = func(env *testscript.Env) error {
		if setup != nil {
			if err := setup(env); err != nil {
				return err
			}
		}
		env.Setenv("ENGINE", engine)
		if engine == "postgres" {
			url, drop, err := pgtest.NewSchema(context.Background(), base)
			if err != nil {
				return err
			}
			env.Defer(func() {
				if err := drop(); err != nil {
					env.T().Log("dropping the test schema:", err)
				}
			})
			env.Setenv("DATABASE_URL", url)
		}
		return nil
	}
	p.Cmds["newdb"] = func(ts *testscript.TestScript, neg bool, args []string) {
		if neg || len(args) != 2 {
			ts.Fatalf("usage: newdb VAR sqlite|postgres")
		}
		switch args[1] {
		case "sqlite":
			ts.Setenv(args[0], "sqlite:///"+filepath.Join(ts.Getenv("WORK"), strings.ToLower(args[0])+".db"))
		case "postgres":
			if base == "" {
				ts.Fatalf("newdb: no PostgreSQL server: guard the line with [postgres]")
			}
			url, drop, err := pgtest.NewSchema(context.Background(), base)
			ts.Check(err)
			ts.Defer(func() { ts.Check(drop()) })
			ts.Setenv(args[0], url)
		default:
			ts.Fatalf("newdb: unknown engine %q", args[1])
		}
	}
	cond := p.Condition
	p.Condition = func(c string) (bool, error) {
		switch {
		case c == "postgres":
			return base != "", nil
		case strings.HasPrefix(c, "engine:"):
			return c == "engine:"+engine, nil
		case cond != nil:
			return cond(c)
		}
		return false, fmt.Errorf("unknown condition %q", c)
	}
	return p
}
