package shell_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
)

func TestInteractiveCommandShowsTable(t *testing.T) {
	t.Parallel()
	tm, before := startShell(t, "", newHome(t))
	tm.Send("user list\r")
	tm.Expect("admin@x.io", wait)
	tm.Expect("sam@x.io", wait)
	tm.Expect("carl@x.io", wait)
	tm.Expect(adminPrompt, wait)
	exitShell(t, tm)
	assertRestored(t, tm, before)
}

func TestInteractiveCompletion(t *testing.T) {
	t.Parallel()
	home := newHome(t)

	// Each script types, then reads what the terminal shows, in turns.
	for _, tt := range []struct {
		name   string
		script []string
	}{
		// The menu shows as soon as typed, and is drawn again on Tab, its
		// first entry chosen.
		{"Command", []string{"cli", "clients: list, show", "\t", "clients: list, show", " list\r", "> client list",
			"", "kevin@x.io"}},
		{"TabOnEmptyLine", []string{"\t", "log in (the password", "", "clients: list, show"}},
		{"SubCommand", []string{"us", "collaborators", "\t", "collaborators", " sh", "show one collaborator",
			"\t", "show one collaborator", " sam\r", "> user show sam", "", "sam@x.io"}},
		{"ClientIDs", []string{"client show ", "Kevin Casey — Cool Startup LLC", "\t", "Kevin Casey — Cool Startup LLC",
			"\r", "> client show 1", "", "company_name"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tm, _ := startShell(t, "", home)
			play(tm, tt.script...)
		})
	}

	t.Run("SupportUsernames", func(t *testing.T) {
		tm, _ := startShell(t, "", home)
		tm.Send("event update 1 --sup")
		tm.Expect("the support contact, or none", wait)
		tm.Send("\t")
		tm.Expect("the support contact, or none", wait)
		start := len(tm.Output())
		tm.Send(" ")
		tm.Expect("no support contact", wait) // none
		tm.Expect("Sam Support", wait)
		menu := since(tm, start)
		for _, other := range []string{"carl", "Carl Commercial", "Ada Admin"} {
			if strings.Contains(menu, other) {
				t.Errorf("--support offers %q, not in support:\n%s", other, menu)
			}
		}
		// The Tab goes alone: a Tab in a paste is text.
		play(tm, "sa", "Sam Support", "\t", "Sam Support", "\r", "> event update 1 --support sam", "", "support_contact")
	})
}

func TestInteractiveResizeKeepsLine(t *testing.T) {
	t.Parallel()
	home := newHome(t)
	tm, _ := startShell(t, "", home)
	tm.Send("user show s")
	tm.Expect("Sam Support", wait) // the menu
	if err := pty.Setsize(tm.TTY(), &pty.Winsize{Rows: 30, Cols: 90}); err != nil {
		t.Fatal(err)
	}
	tm.Expect(adminPrompt+"user show s", wait) // drawn again
	play(tm, "am\r", "> user show sam", "", "sam@x.io")
	tm.Send("exit\r")
	exitCode(t, tm)
	data, _ := os.ReadFile(filepath.Join(home, "history"))
	if string(data) != "user show sam\nexit\n" {
		t.Errorf("history:\n%s", data)
	}
}

func TestInteractiveHistorySurvivesRestart(t *testing.T) {
	t.Parallel()
	home := newHome(t)
	tm, _ := startShell(t, "", home)
	tm.Send("user show sam\r")
	tm.Expect("sam@x.io", wait)
	exitShell(t, tm)
	fi, err := os.Stat(filepath.Join(home, "history"))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("history has mode %#o, want 0600", fi.Mode().Perm())
	}

	tm, _ = startShell(t, "", home)
	tm.Send("\x1b[A") // exit
	tm.Expect("exit", wait)
	tm.Send("\x1b[A")
	tm.Expect("user show sam", wait)
	tm.Send("\r")
	tm.Expect("sam@x.io", wait)
}

func TestInteractivePasteRunsEachLine(t *testing.T) {
	t.Parallel()
	home := newHome(t)
	tm, _ := startShell(t, "", home)
	tm.Send("user show sam\ruser show carl\nuser show admin\r\n") // one write
	tm.Expect("sam@x.io", wait)
	tm.Expect("carl@x.io", wait)
	tm.Expect("admin@x.io", wait)
	tm.Expect(adminPrompt, wait)
	// A paste that answers a question: the question reads the keyboard,
	// and the answer left in the paste runs as a line, but is not kept.
	tm.Send("login sam\r" + password + "\r")
	tm.Expect("Password: ", wait)
	tm.Send(password + "\r")
	tm.Expect("Logged in as sam (support)", wait)
	tm.Expect(`error: unknown command "`+password+`"`, wait)
	tm.Send("exit\r")
	exitCode(t, tm)
	data, err := os.ReadFile(filepath.Join(home, "history"))
	if err != nil {
		t.Fatal(err)
	}
	want := "user show sam\nuser show carl\nuser show admin\nlogin sam\nexit\n"
	if string(data) != want {
		t.Errorf("history:\n%s\nwant:\n%s", data, want)
	}
}

func TestInteractiveContinuationLines(t *testing.T) {
	t.Parallel()
	tm, _ := startShell(t, "", newHome(t))
	tm.Send("user show \\\r") // a trailing backslash
	tm.Expect("...> ", wait)
	tm.Send("sam\r")
	tm.Expect("sam@x.io", wait)
	tm.Expect(adminPrompt, wait)

	tm.Send("user show 'carl\r") // an open quote; Ctrl-C drops it
	tm.Expect("...> ", wait)
	tm.Send("\x03")
	tm.Expect(adminPrompt, wait)
	tm.Send("user show admin\r")
	tm.Expect("admin@x.io", wait)

	tm.Send("user show 'carl\r") // Ctrl-D ends it as it is
	tm.Expect("...> ", wait)
	tm.Send("\x04")
	tm.Expect("error: unterminated quote", wait)
	tm.Expect(adminPrompt, wait)
}

// TestInteractiveCtrlCCancelsCommand interrupts a real slow command: the
// list of 100,000 clients, streamed to the terminal.
func TestInteractiveCtrlCCancelsCommand(t *testing.T) {
	t.Parallel()
	home := newHome(t)
	execSQL(t, home, manyClients(100000, 3))
	tm, _ := startShell(t, "", home)
	play(tm, "client list\r", "kevin@x.io", "\x03", "error: canceled", "", adminPrompt, "user show sam\r", "sam@x.io")
	if out := tm.Output(); strings.Contains(out, "100001 rows") {
		t.Fatal("the list ran to its end")
	}
}

// manyClients returns the SQL that adds n clients of the commercial with id
// sales in one statement.
func manyClients(n, sales int) string {
	return fmt.Sprintf(`INSERT INTO clients (first_name, last_name, email, phone, company_name,
		sales_contact_id, created_at, updated_at)
	WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)
	SELECT 'First' || i, 'Last' || i, 'client' || i || '@example.com', '0102030405',
		'Company ' || (i %% 1000), %d, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z' FROM n`, n, sales)
}

func TestInteractiveLoginHidesPassword(t *testing.T) {
	t.Parallel()
	home := newHome(t)
	tm, _ := startShell(t, "", home)
	play(tm, "logout\r", "Logged out", "", "epicevents> ", "login sam\r", "Password: ",
		password+"\r", "Logged in as sam (support)", "", "sam (support)> ")
	tm.Send("exit\r")
	exitCode(t, tm)
	if strings.Contains(tm.Output(), password) {
		t.Error("the password was echoed")
	}
	data, _ := os.ReadFile(filepath.Join(home, "history"))
	if strings.Contains(string(data), password) {
		t.Error("the password is in the history")
	}
}

func TestInteractiveSessionExpiresAsksPassword(t *testing.T) {
	t.Parallel()
	home := newHome(t)
	// Sessions last whole seconds from the login's second: 4s is 3 to 4.
	tm, _ := startShell(t, "", home, "EPICEVENTS_SESSION_TTL=4s")
	tm.Send("login carl\r")
	tm.Expect("Password: ", wait)
	tm.Send(password + "\r")
	tm.Expect("carl (commercial)> ", wait)
	time.Sleep(5 * time.Second)
	tm.Send("user show sam\r")
	tm.Expect("Your session has expired: log in again as carl.", wait)
	tm.Expect("Password: ", wait)
	tm.Send(password + "\r")
	tm.Expect("Logged in as carl (commercial)", wait)
	tm.Expect("sam@x.io", wait)
	tm.Expect("carl (commercial)> ", wait)
}

func TestInteractiveSourceReportsErrors(t *testing.T) {
	t.Parallel()
	home := newHome(t)
	file := filepath.Join(home, "cmds.txt")
	if err := os.WriteFile(file, []byte("user show sam\nbogus\nuser show carl\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tm, _ := startShell(t, "", home)
	tm.Send("source cmds.txt\r")
	tm.Expect("sam@x.io", wait)
	tm.Expect(`error: cmds.txt: line 2: unknown command "bogus"`, wait)
	tm.Expect(adminPrompt, wait)
	if strings.Contains(tm.Output(), "carl@x.io") {
		t.Error("the batch went on after its error")
	}
	tm.Send("user show admin\r")
	tm.Expect("admin@x.io", wait)
}
