// Package ptytest drives programs in a pseudo-terminal from tests: it types
// keys, waits for text on the screen, and reads the terminal settings before
// and after a program ran, so a test can check that the program restored them.
//
// The terminal side of the pty stays open in the test for the whole test, so
// the same terminal can be probed with Stty before Start and after Wait.
package ptytest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// Size of the terminal window, wide enough that go-prompt does not wrap the
// lines tests look for.
const (
	Cols = 120
	Rows = 40
)

// Term is a pseudo-terminal, and the program running on it once started.
// Its methods that can fail the test must be called from the test goroutine.
type Term struct {
	t   testing.TB
	pty *os.File // the controlling side: what a terminal emulator holds
	tty *os.File // the terminal side: the program's stdin, stdout and stderr
	cmd *exec.Cmd

	mu      sync.Mutex
	raw     []byte        // everything the program wrote
	changed chan struct{} // signalled after raw grows
	mark    int           // Expect looks in Output()[mark:]
	readErr chan struct{} // closed when the reader goroutine stops
	waited  bool
	drains  int
}

// Open returns a new pseudo-terminal of Cols x Rows, whose output is read
// continuously from now on. It is closed, and a program still running on it
// killed, when the test ends.
func Open(t testing.TB) *Term {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Fatalf("ptytest: open pty: %v", err)
	}
	if err := pty.Setsize(ptmx, &pty.Winsize{Rows: Rows, Cols: Cols}); err != nil {
		ptmx.Close()
		tty.Close()
		t.Fatalf("ptytest: set size: %v", err)
	}
	ptmx, err = pollable(ptmx)
	if err != nil {
		tty.Close()
		t.Fatalf("ptytest: %v", err)
	}
	tm := &Term{
		t:       t,
		pty:     ptmx,
		tty:     tty,
		changed: make(chan struct{}, 1),
		readErr: make(chan struct{}),
	}
	go tm.readLoop()
	t.Cleanup(tm.close)
	return tm
}

// Start starts cmd on a new pseudo-terminal; see Open and (*Term).Start.
func Start(t testing.TB, cmd *exec.Cmd) *Term {
	t.Helper()
	tm := Open(t)
	tm.Start(cmd)
	return tm
}

// Start starts cmd with the terminal as its stdin, stdout, stderr and
// controlling terminal, in a session of its own as a login shell would start
// it: go-prompt opens /dev/tty, and Ctrl-C typed in cooked mode signals the
// program's process group.
func (tm *Term) Start(cmd *exec.Cmd) {
	tm.t.Helper()
	if tm.cmd != nil {
		tm.t.Fatal("ptytest: Start called twice on one Term")
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tm.tty, tm.tty, tm.tty
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setsid = true
	cmd.SysProcAttr.Setctty = true
	cmd.SysProcAttr.Ctty = 0 // the child's stdin
	if err := cmd.Start(); err != nil {
		tm.t.Fatalf("ptytest: start %s: %v", cmd.Path, err)
	}
	tm.cmd = cmd
}

// TTY returns the terminal side of the pty, for tests that work on the
// terminal themselves (ioctls, a second program).
func (tm *Term) TTY() *os.File { return tm.tty }

// Cmd returns the command started on the terminal, or nil.
func (tm *Term) Cmd() *exec.Cmd { return tm.cmd }

// pollable returns f as a non-blocking file, which Go's poller serves, and
// closes f. creack/pty hands out the pty in blocking mode, and Close does not
// interrupt a blocking Read: the reader goroutine would outlive the test
// whenever something still held the terminal side open.
func pollable(f *os.File) (*os.File, error) {
	defer f.Close()
	fd, err := unix.Dup(int(f.Fd()))
	if err != nil {
		return nil, fmt.Errorf("dup pty: %w", err)
	}
	unix.CloseOnExec(fd)
	if err := unix.SetNonblock(fd, true); err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("set pty non-blocking: %w", err)
	}
	return os.NewFile(uintptr(fd), f.Name()), nil
}

func (tm *Term) readLoop() {
	defer close(tm.readErr)
	buf := make([]byte, 4096)
	for {
		n, err := tm.pty.Read(buf)
		if n > 0 {
			tm.mu.Lock()
			tm.raw = append(tm.raw, buf[:n]...)
			tm.mu.Unlock()
			select {
			case tm.changed <- struct{}{}:
			default:
			}
		}
		if err != nil {
			return
		}
	}
}

// Send types s, as written: "\r" is Enter, "\x03" Ctrl-C, "\x04" Ctrl-D,
// "\t" Tab, "\x1b[A" the up arrow. Several lines in one Send arrive as a
// paste does.
func (tm *Term) Send(s string) {
	tm.t.Helper()
	if _, err := tm.pty.Write([]byte(s)); err != nil {
		tm.t.Fatalf("ptytest: send %q: %v", s, err)
	}
}

// Expect waits until the output, without escape sequences, holds substr after
// the end of what the previous Expect matched, and moves that mark past it.
// The timeout is how long to wait before failing the test, not a speed
// requirement: make it generous (10s).
func (tm *Term) Expect(substr string, timeout time.Duration) {
	tm.t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		tm.mu.Lock()
		out := Strip(string(tm.raw))
		mark := tm.mark
		tm.mu.Unlock()
		if i := strings.Index(out[mark:], substr); i >= 0 {
			tm.mu.Lock()
			tm.mark = mark + i + len(substr)
			tm.mu.Unlock()
			return
		}
		select {
		case <-tm.changed:
		case <-tm.readErr:
			tm.t.Fatalf("ptytest: terminal closed while waiting for %q; screen ends with:\n%s", substr, tail(out, 2000))
		case <-deadline.C:
			tm.t.Fatalf("ptytest: %q did not appear in %v; screen ends with:\n%s", substr, timeout, tail(out, 2000))
		}
	}
}

// Output returns everything the program wrote so far, without escape
// sequences and carriage returns.
func (tm *Term) Output() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return Strip(string(tm.raw))
}

// ExitTimeout is how long Wait waits for the program to exit before it kills
// it and fails the test, so that a program that missed its exit key shows its
// screen instead of hanging until go test's own timeout.
const ExitTimeout = 30 * time.Second

// Wait waits for the program to exit and for its output to be read, and
// returns its exit error as exec.Cmd.Wait does. It fails the test if the
// program is still running after ExitTimeout.
func (tm *Term) Wait() error {
	tm.t.Helper()
	if tm.cmd == nil {
		tm.t.Fatal("ptytest: Wait before Start")
	}
	exited := make(chan error, 1)
	go func() { exited <- tm.cmd.Wait() }()
	var err error
	select {
	case err = <-exited:
	case <-time.After(ExitTimeout):
		tm.cmd.Process.Kill()
		<-exited
		tm.waited = true
		tm.t.Fatalf("ptytest: %s still running after %v; screen ends with:\n%s", tm.cmd.Path, ExitTimeout, tail(tm.Output(), 2000))
	}
	tm.waited = true
	tm.drain()
	return err
}

// WaitRaw waits until the terminal is out of line mode, as go-prompt puts it
// while it edits a line. go-prompt prints its prompt after a command and only
// then goes back to raw mode; a key sent in between is handled by the terminal
// in line mode, where Ctrl-C becomes a signal and Ctrl-D an end of file that
// go-prompt never sees. Call it before sending such keys after a command.
func (tm *Term) WaitRaw(timeout time.Duration) {
	tm.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		tio, err := unix.IoctlGetTermios(int(tm.tty.Fd()), ioctlGetTermios)
		if err != nil {
			tm.t.Fatalf("ptytest: read terminal settings: %v", err)
		}
		if tio.Lflag&unix.ICANON == 0 {
			return
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("ptytest: terminal still in line mode after %v; screen ends with:\n%s", timeout, tail(tm.Output(), 2000))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// drain waits until all the program wrote has been read from the pty: it
// writes a marker on the terminal side, which comes out after everything
// written before, and waits for it. The marker is an escape sequence, so
// Strip would hide it anyway, but it is also cut out of the raw output.
func (tm *Term) drain() {
	tm.t.Helper()
	tm.drains++
	marker := []byte(fmt.Sprintf("\x1b]ptytest-drain-%d\x07", tm.drains))
	if _, err := tm.tty.Write(marker); err != nil {
		tm.t.Fatalf("ptytest: write drain marker: %v", err)
	}
	deadline := time.NewTimer(10 * time.Second)
	defer deadline.Stop()
	for {
		tm.mu.Lock()
		if i := bytes.Index(tm.raw, marker); i >= 0 {
			tm.raw = append(tm.raw[:i], tm.raw[i+len(marker):]...)
			tm.mu.Unlock()
			return
		}
		tm.mu.Unlock()
		select {
		case <-tm.changed:
		case <-tm.readErr:
			return
		case <-deadline.C:
			tm.t.Fatal("ptytest: the program's output was not drained in 10s")
		}
	}
}

// Stty returns the terminal settings as `stty -g` prints them, read on the
// terminal side. Compare the value before Start and after Wait to check that
// a program restored the terminal.
func (tm *Term) Stty() string {
	tm.t.Helper()
	cmd := exec.Command("stty", "-g")
	cmd.Stdin = tm.tty
	out, err := cmd.Output()
	if err != nil {
		tm.t.Fatalf("ptytest: stty -g: %v", err)
	}
	return strings.TrimSpace(string(out))
}

func (tm *Term) close() {
	if tm.cmd != nil && !tm.waited {
		tm.cmd.Process.Kill()
		tm.cmd.Wait()
	}
	tm.pty.Close()
	tm.tty.Close()
	<-tm.readErr
}

// escapes matches terminal escape sequences: CSI (colours, cursor moves),
// OSC (window title) and two-byte ones, also when cut off at the end of the
// output, so that the text before them reads the same once they are whole.
var escapes = regexp.MustCompile(`\x1b\[[0-?]*[ -/]*[@-~]` +
	`|\x1b\][^\x07\x1b]*(\x07|\x1b\\)` +
	`|\x1b(\[[0-?]*[ -/]*|\][^\x07\x1b]*|[ -/]*)$` +
	`|\x1b[ -/]*[0-~]`)

// controls matches the control characters left after escapes are gone, but
// newline and tab.
var controls = regexp.MustCompile("[\x00-\x08\x0b-\x1f\x7f]")

// Strip returns s without terminal escape sequences and control characters
// other than newline and tab.
func Strip(s string) string {
	return controls.ReplaceAllString(escapes.ReplaceAllString(s, ""), "")
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// Resize sets the size of the terminal, before Start or while the program
// runs (which then gets SIGWINCH).
func (tm *Term) Resize(rows, cols uint16) {
	tm.t.Helper()
	if err := pty.Setsize(tm.pty, &pty.Winsize{Rows: rows, Cols: cols}); err != nil {
		tm.t.Fatalf("ptytest: set size: %v", err)
	}
}
