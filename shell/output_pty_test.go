package shell_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clipperhouse/displaywidth"

	"epicevents/internal/ptytest"
)

// startDemo starts the program on its demo database in a terminal of rows
// by cols and logs in as the manager.
func startDemo(t *testing.T, rows, cols uint16, extraEnv ...string) *ptytest.Term {
	t.Helper()
	home := t.TempDir()
	bin := program(t, "")
	tm := ptytest.Open(t)
	tm.Resize(rows, cols)
	cmd := exec.Command(bin, "--demo")
	cmd.Env = environ(home, extraEnv...)
	cmd.Dir = home
	tm.Start(cmd)
	// The first start fills the demo database: slow on a busy machine.
	tm.Expect("epicevents> ", 6*wait)
	tm.Send("login manager\r")
	tm.Expect("Password: ", wait)
	tm.Send("manager-demo\r")
	tm.Expect("manager (management)> ", wait)
	return tm
}

// run types line and waits for the end of its output, end, and the prompt
// after it; it returns that output.
func run(tm *ptytest.Term, line, end, prompt string) string {
	n := len(tm.Output())
	tm.Send(line + "\r")
	tm.Expect(end, wait)
	tm.Expect(prompt, wait)
	return since(tm, n)
}

// screenLines returns the lines of a table or record in out, without the
// terminal's escape sequences.
func screenLines(out string) []string {
	var lines []string
	for _, l := range strings.Split(ptytest.Strip(out), "\n") {
		l = strings.TrimRight(l, "\r")
		if strings.ContainsAny(l, "│─") {
			lines = append(lines, l)
		}
	}
	return lines
}

// TestTablesFitTheTerminal lists every entity of the demo at 80x24 and at
// 200x50: no line of a table is wider than the terminal; at 200 columns
// the lists are tables, at 80 a list too wide for it is shown vertically,
// and --expanded shows one vertically at any width.
func TestTablesFitTheTerminal(t *testing.T) {
	t.Parallel()
	const prompt = "manager (management)> "
	for _, size := range []struct{ rows, cols uint16 }{{24, 80}, {50, 200}} {
		t.Run(fmt.Sprintf("%dx%d", size.cols, size.rows), func(t *testing.T) {
			tm := startDemo(t, size.rows, size.cols)
			for _, line := range []string{"user list", "client list", "contract list", "event list", "audit --limit 20",
				"event list --columns all", "client show 3", "client list --expanded"} {
				end := "rows)"
				if line == "client show 3" {
					end = "┘"
				}
				out := run(tm, line, end, prompt)
				lines := screenLines(out)
				if len(lines) == 0 {
					t.Fatalf("%s: no table in:\n%s", line, out)
				}
				for _, l := range lines {
					if w := displaywidth.String(l); w > int(size.cols) {
						t.Fatalf("%s: a line of %d columns on a terminal of %d:\n%s", line, w, size.cols, l)
					}
				}
				vertical := strings.Contains(out, "[ RECORD 1 ]")
				switch {
				case line == "client list --expanded" && !vertical:
					t.Fatalf("%s: not vertical:\n%s", line, out)
				case size.cols == 200 && vertical && !strings.Contains(line, "--"):
					t.Fatalf("%s: vertical at 200 columns:\n%s", line, out)
				case size.cols == 80 && line == "event list --columns all" && !vertical:
					t.Fatalf("%s: 16 columns in a table at 80 columns:\n%s", line, out)
				}
			}
		})
	}
}

// fakePager writes a pager script that appends what it gets to a file.
func fakePager(t *testing.T) (script, record string) {
	dir := t.TempDir()
	record = filepath.Join(dir, "paged")
	script = filepath.Join(dir, "pager")
	if err := os.WriteFile(script, []byte("#!/bin/sh\ncat >> '"+record+"'\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	return script, record
}

func paged(t *testing.T, record string) string {
	b, err := os.ReadFile(record)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return string(b)
}

// TestPagerTakesLongOutput: a list of 500 rows goes through the pager
// named in EPICEVENTS_PAGER, a list of 3 rows to the screen; set pager off
// turns it off for the session.
func TestPagerTakesLongOutput(t *testing.T) {
	t.Parallel()
	home := newHome(t)
	execSQL(t, home, manyClients(499, 3))
	script, record := fakePager(t)
	tm, _ := startShell(t, "", home, "EPICEVENTS_PAGER="+script)

	n := len(tm.Output())
	tm.Send("client list\r")
	for i := 0; i < 100 && !strings.Contains(paged(t, record), "(500 rows)"); i++ {
		time.Sleep(100 * time.Millisecond)
	}
	tm.Expect(adminPrompt, wait)
	if got := paged(t, record); !strings.Contains(got, "(500 rows)") || strings.Contains(since(tm, n), "(500 rows)") {
		t.Fatalf("the 500-row list did not go through the pager: pager got %d bytes", len(got))
	}
	before := paged(t, record)
	out := run(tm, "client list --limit 3", "rows)", adminPrompt)
	if !strings.Contains(out, "(3 rows)") || paged(t, record) != before {
		t.Fatalf("a 3-row list went through the pager:\n%s", out)
	}
	if out := run(tm, "set", "pager     ", adminPrompt); !strings.Contains(out, "pager     on ("+script+")") {
		t.Fatalf("set:\n%s", out)
	}
	run(tm, "set pager off", adminPrompt, adminPrompt)
	out = run(tm, "client list", "rows)", adminPrompt)
	if !strings.Contains(out, "(500 rows)") || paged(t, record) != before {
		t.Fatal("set pager off did not turn the pager off")
	}
}

// TestLessQuits pages a long list through the real less, the default
// pager, and leaves it with q: the prompt comes back, and the terminal is
// in the mode it was in before.
func TestLessQuits(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("less"); err != nil {
		t.Skip("less is not installed")
	}
	home := newHome(t)
	execSQL(t, home, manyClients(499, 3))
	// Neither variable set: less -FRSX.
	tm, before := startShell(t, "", home, "-EPICEVENTS_PAGER", "-PAGER")
	atPrompt := tm.Stty()
	tm.Send("client list\r")
	tm.Expect("First30 ", wait)
	tm.Send("q")
	tm.Expect(adminPrompt, wait)
	if now := tm.Stty(); now != atPrompt {
		t.Fatalf("terminal changed by the pager:\nbefore %s\nafter  %s", atPrompt, now)
	}
	exitShell(t, tm)
	assertRestored(t, tm, before)
}

// TestCtrlRFindsEarlierCommand searches the history with Ctrl-R: Enter
// runs the line found; Ctrl-G leaves the line as it was.
func TestCtrlRFindsEarlierCommand(t *testing.T) {
	t.Parallel()
	tm, _ := startShell(t, "", newHome(t))
	run(tm, "user show sam", "┘", adminPrompt)
	run(tm, "whoami", "┘", adminPrompt)
	n := len(tm.Output())
	tm.Send("\x12")
	tm.Expect("(reverse-i-search)`': ", wait)
	tm.Send("show s")
	tm.Expect("user show sam", wait)
	tm.Send("\r")
	tm.Expect("sam@x.io", wait)
	tm.Expect(adminPrompt, wait)
	if out := since(tm, n); strings.Contains(out, "failed") {
		t.Fatalf("search failed:\n%s", out)
	}
	// Ctrl-G leaves the line unchanged: empty, so Enter runs nothing.
	tm.Send("\x12")
	tm.Expect("(reverse-i-search)`': ", wait)
	tm.Send("who")
	tm.Expect("whoami", wait)
	tm.Send("\x07")
	n = len(tm.Output())
	tm.Send("\r")
	tm.Expect(adminPrompt, wait)
	if out := ptytest.Strip(since(tm, n)); strings.Contains(out, "admin@x.io") {
		t.Fatalf("Ctrl-G ran the line found:\n%s", out)
	}
}

// TestOneShotPager: a one-shot command on a terminal pages its long output
// too, unless --no-pager.
func TestOneShotPager(t *testing.T) {
	t.Parallel()
	home := newHome(t)
	execSQL(t, home, manyClients(499, 3))
	script, record := fakePager(t)
	for _, tc := range []struct {
		args  []string
		paged bool
	}{
		{[]string{"client", "list"}, true},
		{[]string{"--no-pager", "client", "list"}, false},
		{[]string{"-c", "client list --limit 3"}, false},
	} {
		before := paged(t, record)
		tm := ptytest.Open(t)
		cmd := exec.Command(program(t, ""), tc.args...)
		cmd.Env = environ(home, "EPICEVENTS_PAGER="+script)
		cmd.Dir = home
		tm.Start(cmd)
		if code := exitCode(t, tm); code != 0 {
			t.Fatalf("%v: exit %d", tc.args, code)
		}
		got := strings.TrimPrefix(paged(t, record), before)
		if tc.paged != strings.Contains(got, "rows)") || tc.paged == strings.Contains(tm.Output(), "rows)") {
			t.Fatalf("%v: paged %q; screen:\n%s", tc.args, got, tm.Output())
		}
	}
}
