package ptytest_test

import (
	"os/exec"
	"strings"
	"testing"
	"time"

	"epicevents/internal/ptytest"
)

const wait = 10 * time.Second

func TestReadLine(t *testing.T) {
	tm := ptytest.Open(t)
	before := tm.Stty()
	tm.Start(exec.Command("sh", "-c", `echo ready; read x; echo "got:$x"`))
	tm.Expect("ready", wait)
	tm.Send("hello\r")
	tm.Expect("got:hello", wait)
	if err := tm.Wait(); err != nil {
		t.Fatalf("wait: %v", err)
	}
	if after := tm.Stty(); after != before {
		t.Fatalf("stty -g changed:\nbefore %s\nafter  %s", before, after)
	}
}

func TestCatEchoes(t *testing.T) {
	tm := ptytest.Start(t, exec.Command("cat"))
	tm.Send("one\r")
	tm.Expect("one", wait) // the terminal's echo
	tm.Expect("one", wait) // cat's copy
	tm.Send("two\r\x04")
	if err := tm.Wait(); err != nil {
		t.Fatalf("wait: %v", err)
	}
	if got := strings.Count(tm.Output(), "two"); got != 2 {
		t.Fatalf("output %q has %d copies of two, want 2", tm.Output(), got)
	}
}

// TestSttySeesChanges checks that Stty reads the terminal the program runs
// on, by changing its settings from the program.
func TestSttySeesChanges(t *testing.T) {
	tm := ptytest.Open(t)
	before := tm.Stty()
	tm.Start(exec.Command("stty", "raw", "-echo"))
	if err := tm.Wait(); err != nil {
		t.Fatalf("wait: %v", err)
	}
	if after := tm.Stty(); after == before {
		t.Fatalf("stty -g is still %s after stty raw -echo", after)
	}
}

func TestWindowSize(t *testing.T) {
	tm := ptytest.Start(t, exec.Command("stty", "size"))
	if err := tm.Wait(); err != nil {
		t.Fatalf("wait: %v", err)
	}
	if got := strings.TrimSpace(tm.Output()); got != "40 120" {
		t.Fatalf("stty size = %q, want 40 120", got)
	}
}

// TestOutputDrainedAtWait checks that Output after Wait holds everything the
// program wrote, not what the reader had got so far.
func TestOutputDrainedAtWait(t *testing.T) {
	tm := ptytest.Start(t, exec.Command("sh", "-c", `i=0; while [ $i -lt 2000 ]; do echo line$i; i=$((i+1)); done; echo last`))
	if err := tm.Wait(); err != nil {
		t.Fatalf("wait: %v", err)
	}
	if out := tm.Output(); !strings.HasSuffix(out, "line1999\nlast\n") {
		t.Fatalf("output ends with %q", out[max(0, len(out)-40):])
	}
}

func TestStrip(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{"\x1b[31mred\x1b[0m", "red"},
		{"a\x1b[2Kb\x1b[10D", "ab"},
		{"\x1b]2;title\x07text", "text"},
		{"\x1b]2;title\x1b\\text", "text"},
		{"x\r\ny\r\n", "x\ny\n"},
		{"tab\there", "tab\there"},
		{"cut\x1b[3", "cut"},
		{"cut\x1b", "cut"},
		{"\x1b(Bcharset", "charset"},
		{"\x1b7saved\x1b8", "saved"},
	} {
		if got := ptytest.Strip(tc.in); got != tc.want {
			t.Errorf("Strip(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestCloseWhileTerminalHeld checks that the end of a test does not wait for
// a process that still holds the terminal (here a background sleep).
func TestCloseWhileTerminalHeld(t *testing.T) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		t.Run("Held", func(t *testing.T) {
			tm := ptytest.Start(t, exec.Command("sh", "-c", "sleep 2 & echo started"))
			tm.Expect("started", wait)
			if err := tm.Wait(); err != nil {
				t.Fatalf("wait: %v", err)
			}
		})
	}()
	select {
	case <-done:
	case <-time.After(wait):
		t.Fatal("closing the terminal waited for the background process")
	}
}

func TestWaitRaw(t *testing.T) {
	tm := ptytest.Start(t, exec.Command("sh", "-c", "sleep 0.2; stty raw -echo; echo raw; read x"))
	tm.WaitRaw(wait)
	tm.Send("q\r") // raw: read needs the newline, \r stays \r
	tm.Send("\n")
	if err := tm.Wait(); err != nil {
		t.Fatalf("wait: %v", err)
	}
}
