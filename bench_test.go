package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"epicevents/commands"
	"epicevents/internal/benchdata"
	"epicevents/model"
	"epicevents/query"
	"epicevents/security"
	"epicevents/shell"
	"epicevents/shell/render"
)

// The benchmarks of this file run whole commands on the generated database
// (internal/benchdata, 100,000 clients): go test -run '^$' -bench . .

// benchKey signs the benchmarks' sessions.
var benchKey = []byte("0123456789abcdef0123456789abcdef")

// benchHome returns a home folder holding a session of username, signed
// with benchKey, as login would leave it.
func benchHome(b *testing.B, db *query.DB, username string) string {
	b.Helper()
	home := b.TempDir()
	var u *model.Collaborator
	var dbID string
	err := db.View(context.Background(), func(tx *query.Tx) (err error) {
		if u, err = tx.Collaborator(username); err != nil {
			return err
		}
		dbID, err = tx.DatabaseID()
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	now := time.Now()
	token, err := security.SignSession(benchKey, security.SessionFor(u, dbID, now, 8*time.Hour))
	if err != nil {
		b.Fatal(err)
	}
	if err := (security.SessionFile{Path: filepath.Join(home, "session")}).Save(token); err != nil {
		b.Fatal(err)
	}
	return home
}

// benchShell returns a long-lived shell of username on db that shows its
// results as format, without colours and in UTC, to nowhere.
func benchShell(b *testing.B, db *query.DB, username string, format render.Format) *shell.Shell {
	app := commands.NewApp(db, benchHome(b, db, username), benchKey)
	return &shell.Shell{App: app, Out: io.Discard, Err: io.Discard, Format: format,
		Render: render.Options{NoColor: true, Location: time.UTC}}
}

// benchLine runs line in sh, once an iteration of b.
func benchLine(b *testing.B, sh *shell.Shell, line string) {
	for b.Loop() {
		if err := sh.Line(context.Background(), line, false); err != nil {
			b.Fatal(err)
		}
	}
}

func openBench(b *testing.B, path string) *query.DB {
	b.Helper()
	db, err := query.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// BenchmarkCommand runs one full command in a long-lived shell, as the
// interactive shell does for every line: parse, session check (signature,
// expiry, the collaborator and their department in the database),
// permission, query and rendering.
func BenchmarkCommand(b *testing.B) {
	db := openBench(b, benchdata.Cached(b))
	for _, bc := range []struct {
		user, line string
		format     render.Format
	}{
		{"sales1", "whoami", render.Table},
		{"sales1", "client show 4242", render.Table},
		{"manager1", "event list --no-support --limit 50", render.JSON},
		{"sales1", "contract list --mine --unpaid --limit 50", render.Table},
		{"support1", "event list --mine --upcoming --limit 50", render.CSV},
		{"manager1", "contract list --unpaid --count", render.Table},
	} {
		b.Run(fmt.Sprintf("%s/%s", bc.format, bc.line), func(b *testing.B) {
			benchLine(b, benchShell(b, db, bc.user, bc.format), bc.line)
		})
	}
}

// BenchmarkOneShot runs `epicevents -c LINE` in the process, as from the
// command line but for the start of the process itself: configuration,
// secret key, opening the database and checking its migrations, then the
// command.
func BenchmarkOneShot(b *testing.B) {
	path := benchdata.Cached(b)
	db := openBench(b, path)
	for _, bc := range []struct{ user, format, line string }{
		{"manager1", "table", "whoami"},
		{"manager1", "table", "contract list --unpaid --count"},
		{"manager1", "json", "event list --no-support --limit 50"},
	} {
		b.Run(bc.format+"/"+bc.line, func(b *testing.B) {
			b.Setenv("EPICEVENTS_HOME", benchHome(b, db, bc.user))
			b.Setenv("SECRET_KEY", string(benchKey))
			b.Setenv("DATABASE_URL", path)
			stdin, err := os.Open(os.DevNull)
			if err != nil {
				b.Fatal(err)
			}
			defer stdin.Close()
			for b.Loop() {
				if code := run([]string{"--format", bc.format, "-c", bc.line}, stdin, io.Discard, os.Stderr); code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}

// BenchmarkExportCSV streams every event as CSV, one command: the
// 300,000-row export of testdata/bench/compare.sh, in the process.
func BenchmarkExportCSV(b *testing.B) {
	db := openBench(b, benchdata.Cached(b))
	benchLine(b, benchShell(b, db, "manager1", render.CSV), "event list")
}

// BenchmarkBatchClientCreate runs a batch of client create commands read
// from stdin, as `epicevents < FILE` does, on a copy of the database: each
// command checks the session and the collaborator, writes the client and
// its audit entry in its own transaction, and prints the client. The time
// per operation is the time of one command.
func BenchmarkBatchClientCreate(b *testing.B) {
	path := benchdata.CopyOf(b)
	db := openBench(b, path)
	b.Setenv("EPICEVENTS_HOME", benchHome(b, db, "sales1"))
	b.Setenv("SECRET_KEY", string(benchKey))
	b.Setenv("DATABASE_URL", path)
	const perBatch = 1000
	batch := filepath.Join(b.TempDir(), "batch")
	next := 0
	for b.Loop() {
		f, err := os.Create(batch)
		if err != nil {
			b.Fatal(err)
		}
		for range perBatch {
			fmt.Fprintf(f, "client create --first-name Bench --last-name Client%d --email bench%d@batch.example "+
				"--phone '+33 6 00 00 00 00' --company 'Batch Co'\n", next, next)
			next++
		}
		f.Seek(0, io.SeekStart)
		code := run([]string{"--format", "csv"}, f, io.Discard, os.Stderr)
		f.Close()
		if code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*perBatch), "ns/command")
}
