package commands

import (
	"bytes"
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"epicevents/query"
)

// TestDemo fills a demo database, logs in with the returned passwords, and
// checks that every filter of the SPEC selects some records but not all.
func TestDemo(t *testing.T) {
	ctx := context.Background()
	home := t.TempDir()
	db, err := query.Open(ctx, filepath.Join(home, "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	key := []byte("the real database's key, 32 bytes")
	app := NewApp(db, home, key)
	app.Location = time.UTC
	logins, err := app.Demo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []DemoLogin{{"manager", "management", "manager-demo"}, {"sales", "commercial", "sales-demo"},
		{"sales2", "commercial", "sales2-demo"}, {"support", "support", "support-demo"}, {"support2", "support", "support2-demo"}}
	if !reflect.DeepEqual(logins, want) {
		t.Fatalf("logins %v", logins)
	}
	// Demo sessions are apart from the real database's.
	if app.Session.Path != filepath.Join(home, "demo-session") || bytes.Equal(app.Key, key) || len(app.Key) != 32 {
		t.Fatalf("demo session %s shares the real key or file", app.Session.Path)
	}

	run := func(t *testing.T, line string) Result {
		t.Helper()
		var res Result
		if err := app.Execute(ctx, strings.Fields(line), func(r Result) error { res = r; return nil }); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		return res
	}
	count := func(t *testing.T, line string) int64 {
		t.Helper()
		if res := run(t, line+" --count"); res.Count != nil {
			return *res.Count
		}
		t.Fatalf("%s: no count", line)
		return 0
	}
	login := func(t *testing.T, user string) {
		t.Helper()
		app.Getenv = func(string) string { return user + "-demo" }
		run(t, "login "+user)
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
	if totals["client"] != 10 || totals["contract"] < 10 || totals["event"] < 8 || totals["user"] != 5 ||
		totals["audit"] < totals["client"]+totals["contract"]+totals["event"] {
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
			"audit action=assign", "audit action=sign",
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
	// Every event's creation is audited by its client's sales contact.
	login(t, "manager")
	if n := count(t, "audit --entity event action=create --actor manager"); n != 0 {
		t.Errorf("%d events created by the manager", n)
	}
	rows := func(line string) []map[string]any {
		t.Helper()
		var out []map[string]any
		err := app.Execute(ctx, strings.Fields(line), func(r Result) error {
			return r.Rows(func(row []any) error { out = append(out, zip(r.Columns, row)); return nil })
		})
		if err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		return out
	}
	salesOf := map[any]any{}
	for _, r := range rows("client list") {
		salesOf[r["id"]] = r["sales_contact"]
	}
	clientOf := map[any]any{}
	for _, r := range rows("event list") {
		clientOf[r["id"]] = r["client_id"]
	}
	for _, r := range rows("audit --entity event action=create") {
		if want := salesOf[clientOf[r["entity_id"]]]; r["actor"] != want {
			t.Errorf("event %v created by %v, want its client's sales contact %v", r["entity_id"], r["actor"], want)
		}
	}
	// The sample events: on the day and for the hours the demo says, each
	// at 18:00 UTC, some past and some to come.
	midnight := time.Now().UTC().Truncate(24 * time.Hour)
	sample := map[string][2]int{ // days from today, hours
		"Launch party": {-60, 5}, "Annual general meeting": {10, 6}, "Team off-site": {45, 48},
		"Bakery anniversary": {-10, 4}, "Design week": {20, 8}, "Christmas dinner": {90, 5},
		"Partners seminar": {5, 7}, "Product launch": {-120, 3}, "Harvest market": {30, 10},
	}
	got := map[string][2]int{}
	for _, r := range rows("event list") {
		start, end := r["event_start"].(time.Time), r["event_end"].(time.Time)
		if start.UTC().Format("15:04") != "18:00" {
			t.Errorf("%v starts at %v", r["name"], start)
		}
		got[r["name"].(string)] = [2]int{int(start.Sub(midnight).Hours()-18) / 24, int(end.Sub(start).Hours())}
	}
	if !reflect.DeepEqual(got, sample) {
		t.Errorf("sample events (days from today, hours):\n%v\nwant\n%v", got, sample)
	}

	// A second start opens the database as it is, with the same demo key.
	again := NewApp(db, home, key)
	if _, err := again.Demo(ctx); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Key, app.Key) {
		t.Fatal("a second start signs demo sessions with another key")
	}
	if n := count(t, "audit"); n != totals["audit"]+4 { // the four logins since
		t.Fatalf("%d audit entries after a second start, want %d", n, totals["audit"]+4)
	}
}
