package shell

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"epicevents/commands"
	"epicevents/query"
	"epicevents/shell/render"
)

// TestDemo fills a demo database, logs in with the printed passwords, and
// checks that every filter of the SPEC selects some records but not all.
func TestDemo(t *testing.T) {
	ctx := context.Background()
	home := t.TempDir()
	db, err := query.Open(ctx, DemoURL(home))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	key := []byte("the real database's key, 32 bytes")
	app := commands.NewApp(db, home, key)
	app.Location = time.UTC
	var out, errs bytes.Buffer
	s := &Shell{App: app, Out: &out, Err: &errs, Format: render.JSON}
	if err := Demo(ctx, s); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"manager", "management", "password: manager-demo", "sales2", "support2", "password: support-demo"} {
		if !strings.Contains(errs.String(), want) {
			t.Fatalf("stderr lacks %q:\n%s", want, errs.String())
		}
	}
	// Demo sessions are apart from the real database's.
	if app.Session.Path != filepath.Join(home, "demo-session") || bytes.Equal(app.Key, key) {
		t.Fatalf("demo session %s shares the real key or file", app.Session.Path)
	}

	count := func(t *testing.T, line string) int64 {
		t.Helper()
		out.Reset()
		if err := s.Run(ctx, append(strings.Fields(line), "--count")); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		var c struct{ Count int64 }
		if err := json.Unmarshal(out.Bytes(), &c); err != nil {
			t.Fatalf("%s: %v: %s", line, err, out.String())
		}
		return c.Count
	}
	login := func(t *testing.T, user string) {
		t.Helper()
		app.Getenv = func(string) string { return user + "-demo" }
		if err := s.Run(ctx, []string{"login", user}); err != nil {
			t.Fatalf("login %s: %v", user, err)
		}
	}
	today := time.Now().UTC().Format("2006-01-02")
	login(t, "manager")
	totals := map[string]int64{}
	for _, entity := range []string{"user", "client", "contract", "event", "audit"} {
		line := entity + " list"
		if entity == "audit" {
			line = "audit"
		}
		totals[entity] = count(t, line)
	}
	if totals["client"] < 10 || totals["contract"] < 10 || totals["event"] < 8 || totals["user"] != 5 {
		t.Fatalf("totals %v", totals)
	}
	for user, lines := range map[string][]string{
		"manager": {
			"user list --department support", "user list --search sales",
			"client list --sales sales2", "client list --search bio", "client list company_name~%", "client list last_name~'",
			"contract list --signed", "contract list --unsigned", "contract list --paid", "contract list --unpaid",
			"contract list --client 1", "contract list amount_due>0 signed=true", "contract list total_amount>=10000",
			"event list --no-support", "event list --support support2", "event list --contract 2", "event list --client 1",
			"event list --from " + today, "event list --to " + today, "event list --upcoming", "event list attendees>=100",
			"event list support_contact=none", "event list location~saint",
			"audit --entity contract", "audit --actor sales", "audit --entity event --id 1", "audit action=pay",
		},
		"sales":   {"client list --mine", "contract list --mine", "event list --mine", "event list --mine --upcoming"},
		"support": {"event list --mine", "event list --mine --upcoming", "client list --mine", "contract list --mine"},
	} {
		login(t, user)
		for _, line := range lines {
			entity, _, _ := strings.Cut(line, " ")
			if n := count(t, line); n == 0 || n >= totals[entity] {
				t.Errorf("%s as %s: %d of %d", line, user, n, totals[entity])
			}
		}
	}

	// A second start opens the database as it is.
	errs.Reset()
	if err := Demo(ctx, s); err != nil {
		t.Fatal(err)
	}
	var n int64
	if err := db.View(ctx, func(tx *query.Tx) (err error) { n, err = tx.CountCollaborators(); return err }); err != nil || n != 5 {
		t.Fatalf("%d collaborators after a second start, %v", n, err)
	}
}
