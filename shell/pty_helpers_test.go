package shell_test

import (
	"bytes"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"epicevents/internal/ptytest"
)

// The interactive shell is tested through the real program in a
// pseudo-terminal: it is built once per test run, and each test starts it on
// a copy of one home folder made by a batch run of the same program.

const (
	wait     = 10 * time.Second // how long Expect waits: generous, not a speed test
	password = "secret123"
	// adminPrompt is the prompt of the collaborator the fixture logs in.
	adminPrompt = "admin (management)> "
)

// fixture is the batch that makes the data of the tests: admin
// (management), sam (support), carl (commercial), one client of carl's,
// one signed contract and one event; admin is left logged in.
const fixture = `setup --username admin --email admin@x.io --first-name Ada --last-name Admin
login admin
user create --username sam --email sam@x.io --first-name Sam --last-name Support --department support
user create --username carl --email carl@x.io --first-name Carl --last-name Commercial --department commercial
login carl
client create --first-name Kevin --last-name Casey --email kevin@x.io --phone 0102030405 --company "Cool Startup LLC"
login admin
contract create --client 1 --total 1000 --signed
login carl
event create --contract 1 --name Launch --start 2030-01-01 --end 2030-01-02 --location Paris --attendees 10
login admin
`

var (
	buildMu  sync.Mutex
	buildDir string
	built    = map[string]string{} // build tags -> program
	template string                // the fixture's home folder
)

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// program returns the epicevents program built with tags, building it at
// the first call.
func program(t *testing.T, tags string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the program")
	}
	buildMu.Lock()
	defer buildMu.Unlock()
	if p, ok := built[tags]; ok {
		return p
	}
	if buildDir == "" {
		dir, err := os.MkdirTemp("", "epicevents-shell-test-")
		if err != nil {
			t.Fatal(err)
		}
		buildDir = dir
	}
	bin := filepath.Join(buildDir, "epicevents"+strings.ReplaceAll(tags, ",", "-"))
	cmd := exec.Command("go", "build", "-tags", tags, "-o", bin, "epicevents")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	built[tags] = bin
	return bin
}

// environ is the environment of the program for the home folder home,
// with extra variables; an extra "-NAME" removes NAME.
func environ(home string, extra ...string) []string {
	// No pager unless a test asks for one: less would hold long output.
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "EPICEVENTS_HOME=" + home,
		"TERM=xterm", "NO_COLOR=1", "TZ=UTC", "LANG=C.UTF-8", "EPICEVENTS_PAGER="}
	for _, e := range extra {
		if name, ok := strings.CutPrefix(e, "-"); ok {
			env = slices.DeleteFunc(env, func(v string) bool { return strings.HasPrefix(v, name+"=") })
			continue
		}
		env = append(env, e)
	}
	return env
}

// newHome returns a fresh copy of the fixture's home folder.
func newHome(t *testing.T) string {
	t.Helper()
	bin := program(t, "")
	buildMu.Lock()
	defer buildMu.Unlock()
	if template == "" {
		dir := filepath.Join(buildDir, "home")
		cmd := exec.Command(bin)
		cmd.Env = environ(dir, "EPICEVENTS_PASSWORD="+password, "EPICEVENTS_NEW_PASSWORD="+password)
		cmd.Dir = buildDir
		cmd.Stdin = strings.NewReader(fixture)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("fixture: %v\n%s", err, stderr.String())
		}
		template = dir
	}
	home := t.TempDir()
	entries, err := os.ReadDir(template)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		copyFile(t, filepath.Join(template, e.Name()), filepath.Join(home, e.Name()))
	}
	return home
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err == nil {
		err = os.WriteFile(to, data, 0o600)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// startShell starts the program built with tags in a pseudo-terminal on home,
// and waits for its prompt. It returns the terminal and its settings from
// before the program started.
func startShell(t *testing.T, tags, home string, extraEnv ...string) (tm *ptytest.Term, before string) {
	t.Helper()
	bin := program(t, tags)
	tm = ptytest.Open(t)
	before = tm.Stty()
	cmd := exec.Command(bin)
	cmd.Env = environ(home, extraEnv...)
	cmd.Dir = home
	tm.Start(cmd)
	tm.Expect("> ", wait)
	return tm, before
}

// exitCode waits for the program and returns its exit status.
func exitCode(t *testing.T, tm *ptytest.Term) int {
	t.Helper()
	err := tm.Wait()
	if err == nil {
		return 0
	}
	if e, ok := err.(*exec.ExitError); ok {
		return e.ExitCode()
	}
	t.Fatalf("wait: %v", err)
	return -1
}

// exitShell types exit and fails unless the program then ends with
// status 0.
func exitShell(t *testing.T, tm *ptytest.Term) {
	t.Helper()
	tm.Send("exit\r")
	if code := exitCode(t, tm); code != 0 {
		t.Fatalf("exit status %d", code)
	}
}

// assertRestored fails unless the terminal has the settings it had before.
func assertRestored(t *testing.T, tm *ptytest.Term, before string) {
	t.Helper()
	if after := tm.Stty(); after != before {
		t.Errorf("terminal not restored:\nbefore %s\nafter  %s", before, after)
	}
}

// play types and reads in turns: script holds what to type (nothing for
// "") and then what the terminal must show next, pair after pair.
func play(tm *ptytest.Term, script ...string) {
	for i := 0; i+1 < len(script); i += 2 {
		if script[i] != "" {
			tm.Send(script[i])
		}
		tm.Expect(script[i+1], wait)
	}
}

// since returns the output after the first n bytes of tm.Output().
func since(tm *ptytest.Term, n int) string {
	out := tm.Output()
	if n > len(out) {
		return ""
	}
	return out[n:]
}

// exec runs SQL statements on the database of home, from outside the
// program, as another process would.
func execSQL(t *testing.T, home string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite3", filepath.Join(home, "epicevents.db")+"?_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}
