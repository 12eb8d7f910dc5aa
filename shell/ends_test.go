package shell_test

import (
	"syscall"
	"testing"

	"epicevents/internal/ptytest"
)

// TestInteractiveRestoresTerminal ends the shell every way it can end and
// checks that the terminal settings are those from before it started
// (stty -g), and the exit status.
func TestInteractiveRestoresTerminal(t *testing.T) {
	t.Parallel()
	home := newHome(t)
	cases := []struct {
		name string
		tags string
		end  func(t *testing.T, tm *ptytest.Term)
		code int
	}{
		{"Exit", "", func(t *testing.T, tm *ptytest.Term) { tm.Send("exit\r") }, 0},
		{"Quit", "", func(t *testing.T, tm *ptytest.Term) { tm.Send("quit\r") }, 0},
		{"CtrlD", "", func(t *testing.T, tm *ptytest.Term) { tm.Send("\x04") }, 0},
		{"CtrlDAfterCtrlC", "", func(t *testing.T, tm *ptytest.Term) {
			tm.Send("user li")
			tm.Expect("list collaborators", wait)
			tm.Send("\x03")
			tm.Send("\x04")
		}, 0},
		{"SIGTERM", "", func(t *testing.T, tm *ptytest.Term) { signal(t, tm, syscall.SIGTERM) }, 128 + 15},
		{"SIGHUP", "", func(t *testing.T, tm *ptytest.Term) { signal(t, tm, syscall.SIGHUP) }, 128 + 1},
		{"SIGINTAtPromptIgnored", "", func(t *testing.T, tm *ptytest.Term) {
			signal(t, tm, syscall.SIGINT)
			tm.Send("user show sam\r")
			tm.Expect("sam@x.io", wait)
			tm.Send("exit\r")
		}, 0},
		// A password question turns echo off: a signal then must still
		// leave the terminal as it was.
		{"SIGTERMAtPasswordQuestion", "", func(t *testing.T, tm *ptytest.Term) {
			tm.Send("login sam\r")
			tm.Expect("Password: ", wait)
			signal(t, tm, syscall.SIGTERM)
		}, 128 + 15},
		{"CtrlCAtPasswordQuestion", "", func(t *testing.T, tm *ptytest.Term) {
			play(tm, "login sam\r", "Password: ", "\x03", "error: canceled", "", adminPrompt)
			tm.Send("exit\r")
		}, 0},
		// A panic inside a command needs a command that panics: the test
		// build has one (commands/testhooks.go).
		{"PanicInCommand", "epicevents_testhooks", func(t *testing.T, tm *ptytest.Term) {
			tm.Send("test-panic\r")
			tm.Expect("error: internal error", wait)
			tm.Expect(adminPrompt, wait)
			tm.Send("user show sam\r")
			tm.Expect("sam@x.io", wait)
			tm.Send("exit\r")
		}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tm, before := startShell(t, c.tags, home)
			c.end(t, tm)
			if code := exitCode(t, tm); code != c.code {
				t.Errorf("exit status %d, want %d; screen:\n%s", code, c.code, tm.Output())
			}
			assertRestored(t, tm, before)
		})
	}
}

func signal(t *testing.T, tm *ptytest.Term, sig syscall.Signal) {
	t.Helper()
	if err := tm.Cmd().Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
}
