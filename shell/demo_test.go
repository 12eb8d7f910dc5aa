package shell

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"epicevents/commands"
	"epicevents/query"
	"epicevents/shell/render"
)

// TestDemo checks what the shell adds to commands.App.Demo (whose data
// commands/demo_test.go checks): the demo database's place, and the sample
// logins printed on stderr, nothing on stdout.
func TestDemo(t *testing.T) {
	ctx := context.Background()
	home := t.TempDir()
	if DemoURL(home) != filepath.Join(home, "demo.db") {
		t.Fatalf("demo database at %s", DemoURL(home))
	}
	db, err := query.Open(ctx, DemoURL(home))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	app := commands.NewApp(db, home, []byte("the real database's key, 32 bytes"))
	app.Location = time.UTC
	var out, errs bytes.Buffer
	s := &Shell{App: app, Out: &out, Err: &errs, Format: render.JSON}
	if err := Demo(ctx, s); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Demo database: " + DemoURL(home), "  manager   management  password: manager-demo\n",
		"  sales2    commercial  password: sales2-demo\n", "  support2  support     password: support2-demo\n",
		"Log in with: login manager"} {
		if !strings.Contains(errs.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs.String())
		}
	}
	if out.Len() > 0 {
		t.Errorf("stdout: %q", out.String())
	}
	// The printed password opens the demo.
	app.Getenv = func(string) string { return "sales-demo" }
	if err := s.Run(ctx, []string{"login", "sales"}); err != nil {
		t.Fatal(err)
	}
}
