package console_test

import (
	"errors"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"epicevents/internal/ptytest"
)

const wait = 10 * time.Second

// TestDemoPrompt runs a real go-prompt program on console.Parser in a
// pseudo-terminal (internal/demoprompt).
func TestDemoPrompt(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	if runtime.GOOS != "linux" {
		t.Skip("internal/demoprompt reads Linux terminal settings")
	}
	bin := filepath.Join(t.TempDir(), "demoprompt")
	build := exec.Command("go", "build", "-o", bin, "epicevents/internal/demoprompt")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	// start opens a terminal, records its settings and starts the program.
	start := func(t *testing.T) (tm *ptytest.Term, before string) {
		tm = ptytest.Open(t)
		before = tm.Stty()
		tm.Start(exec.Command(bin))
		tm.Expect("demo> ", wait)
		return tm, before
	}
	assertRestored := func(t *testing.T, tm *ptytest.Term, before string) {
		t.Helper()
		if after := tm.Stty(); after != before {
			t.Fatalf("terminal not restored:\nbefore %s\nafter  %s", before, after)
		}
	}

	t.Run("TypePasteExit", func(t *testing.T) {
		tm, before := start(t)
		tm.Send("a\r")
		tm.Expect("ran: a mode=cooked", wait)

		tm.Send("x\ry\rz\r") // one write: a paste
		tm.Expect("ran: x mode=cooked", wait)
		tm.Expect("ran: y mode=cooked", wait)
		tm.Expect("ran: z mode=cooked", wait)

		tm.WaitRaw(wait)
		leave(t, tm, "exit\r")
		tm.Expect("bye", wait)
		assertRestored(t, tm, before)
	})

	t.Run("CtrlCClearsLine", func(t *testing.T) {
		tm, before := start(t)
		tm.Send("junk")
		tm.Expect("junk", wait)
		tm.Send("\x03")
		tm.Send("b\r")
		tm.Expect("ran: b mode=cooked", wait)
		if strings.Contains(tm.Output(), "ran: junk") {
			t.Fatalf("Ctrl-C did not clear the line:\n%s", tm.Output())
		}
		// Ctrl-D sent before go-prompt is back in raw mode would be the
		// terminal's end of file, which go-prompt never sees.
		tm.WaitRaw(wait)
		leave(t, tm, "\x04")
		assertRestored(t, tm, before)
	})

	t.Run("CtrlDOnEmptyLine", func(t *testing.T) {
		tm, before := start(t)
		leave(t, tm, "\x04")
		tm.Expect("bye", wait)
		assertRestored(t, tm, before)
	})

	t.Run("PasteEndingInExit", func(t *testing.T) {
		tm, before := start(t)
		leave(t, tm, "p\rq\rexit\rnot run\r")
		tm.Expect("ran: p", wait)
		tm.Expect("ran: q", wait)
		tm.Expect("bye", wait)
		if strings.Contains(tm.Output(), "ran: not run") {
			t.Fatalf("a line after exit ran:\n%s", tm.Output())
		}
		assertRestored(t, tm, before)
	})

	// The rest of a paste waits in the Parser while a command runs, with the
	// terminal in line mode: the terminal must not echo it.
	t.Run("PasteDuringSlowCommand", func(t *testing.T) {
		tm, before := start(t)
		tm.Send("sleep\rquick\r")
		tm.Expect("ran: sleep mode=cooked", wait)
		tm.Expect("ran: quick mode=cooked", wait)
		out := tm.Output()
		if i := strings.Index(out, "quick"); i < strings.Index(out, "ran: sleep") {
			t.Fatalf("the paste was echoed while the command ran:\n%s", out)
		}
		tm.WaitRaw(wait)
		leave(t, tm, "exit\r")
		assertRestored(t, tm, before)
	})

	// go-prompt ends the process itself with os.Exit(1) on SIGTERM at the
	// prompt (Run does not return); TearDown still restores the terminal.
	t.Run("SIGTERM", func(t *testing.T) {
		tm, before := start(t)
		// A key shown back means go-prompt's loop, and so its signal
		// handler, is running.
		tm.Send("k")
		tm.Expect("k", wait)
		tm.Cmd().Process.Signal(syscall.SIGTERM)
		var exit *exec.ExitError
		if err := tm.Wait(); !errors.As(err, &exit) || exit.ExitCode() != 1 {
			t.Fatalf("after SIGTERM: %v, want exit status 1", err)
		}
		assertRestored(t, tm, before)
	})
}

// leave types keys that end the program, and waits for it to exit cleanly.
func leave(t *testing.T, tm *ptytest.Term, keys string) {
	t.Helper()
	tm.Send(keys)
	if err := tm.Wait(); err != nil {
		t.Fatalf("exit: %v", err)
	}
}
