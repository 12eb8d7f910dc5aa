package console

import (
	"errors"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// openPty returns both sides of a new pseudo-terminal, closed at the end of
// the test.
func openPty(t *testing.T) (ptmx, tty *os.File) {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Fatalf("open pty: %v", err)
	}
	t.Cleanup(func() { ptmx.Close(); tty.Close() })
	return ptmx, tty
}

func termios(t *testing.T, f *os.File) unix.Termios {
	t.Helper()
	tio, err := unix.IoctlGetTermios(int(f.Fd()), ioctlGetTermios)
	if err != nil {
		t.Fatalf("get termios: %v", err)
	}
	return *tio
}

func assertRaw(t *testing.T, tio unix.Termios) {
	t.Helper()
	if tio.Lflag&(unix.ICANON|unix.ECHO|unix.ISIG|unix.IEXTEN) != 0 {
		t.Errorf("lflag %#o: line editing, echo or signals still on", tio.Lflag)
	}
	if tio.Iflag&(unix.ICRNL|unix.IXON) != 0 {
		t.Errorf("iflag %#o: CR translation or flow control still on", tio.Iflag)
	}
	if tio.Oflag&unix.OPOST == 0 {
		t.Errorf("oflag %#o: output processing off; go-prompt needs it", tio.Oflag)
	}
	if tio.Cc[unix.VMIN] != 1 || tio.Cc[unix.VTIME] != 0 {
		t.Errorf("VMIN %d VTIME %d, want 1 0", tio.Cc[unix.VMIN], tio.Cc[unix.VTIME])
	}
}

func TestSetupTearDown(t *testing.T) {
	_, tty := openPty(t)
	before := termios(t, tty)
	if before.Lflag&unix.ICANON == 0 {
		t.Fatal("a new pty should start in line mode")
	}
	p := NewParser(tty)
	if err := p.Restore(); err != nil {
		t.Fatalf("Restore before Setup: %v", err)
	}
	if got := termios(t, tty); !reflect.DeepEqual(got, before) {
		t.Fatalf("Restore before Setup changed the terminal: %+v", got)
	}

	// go-prompt calls Setup and TearDown around every command.
	for i := 0; i < 3; i++ {
		if err := p.Setup(); err != nil {
			t.Fatalf("Setup #%d: %v", i, err)
		}
		assertRaw(t, termios(t, tty))
		if err := p.TearDown(); err != nil {
			t.Fatalf("TearDown #%d: %v", i, err)
		}
		if got := termios(t, tty); !reflect.DeepEqual(got, before) {
			t.Fatalf("after TearDown #%d:\n got %+v\nwant %+v", i, got, before)
		}
	}
	for i := 0; i < 2; i++ {
		if err := p.Restore(); err != nil {
			t.Fatalf("Restore: %v", err)
		}
	}
	if got := termios(t, tty); !reflect.DeepEqual(got, before) {
		t.Fatalf("after Restore:\n got %+v\nwant %+v", got, before)
	}
}

// TestTearDownRestoresFirstState checks that the state saved at the first
// Setup is the one restored, even if a command changed the terminal since.
func TestTearDownRestoresFirstState(t *testing.T) {
	_, tty := openPty(t)
	before := termios(t, tty)
	p := NewParser(tty)
	if err := p.Setup(); err != nil {
		t.Fatal(err)
	}
	if err := p.TearDown(); err != nil {
		t.Fatal(err)
	}
	// A command turns echo off and forgets to turn it back on.
	changed := before
	changed.Lflag &^= unix.ECHO
	if err := unix.IoctlSetTermios(int(tty.Fd()), ioctlSetTermios, &changed); err != nil {
		t.Fatal(err)
	}
	if err := p.Setup(); err != nil {
		t.Fatal(err)
	}
	if err := p.TearDown(); err != nil {
		t.Fatal(err)
	}
	if got := termios(t, tty); !reflect.DeepEqual(got, before) {
		t.Fatalf("after TearDown:\n got %+v\nwant %+v", got, before)
	}
}

func TestSetupNotATerminal(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "file")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p := NewParser(f)
	if err := p.Setup(); err == nil {
		t.Fatal("Setup on a regular file succeeded")
	}
	if err := p.Restore(); err != nil {
		t.Fatalf("Restore after failed Setup: %v", err)
	}
	if ws := p.GetWinSize(); ws.Col != 80 || ws.Row != 24 {
		t.Fatalf("GetWinSize on a file = %+v, want 80x24", ws)
	}
}

func TestGetWinSize(t *testing.T) {
	ptmx, tty := openPty(t)
	if err := pty.Setsize(ptmx, &pty.Winsize{Rows: 40, Cols: 120}); err != nil {
		t.Fatal(err)
	}
	if ws := NewParser(tty).GetWinSize(); ws.Col != 120 || ws.Row != 40 {
		t.Fatalf("GetWinSize = %+v, want 120x40", ws)
	}
}

// readKey calls Read until it returns something, as go-prompt's loop does.
func readKey(t *testing.T, p *Parser) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		b, err := p.Read()
		if err == nil {
			return string(b)
		}
		if !errors.Is(err, unix.EAGAIN) {
			t.Fatalf("Read: %v", err)
		}
	}
	t.Fatal("Read returned nothing in 10s")
	return ""
}

func TestReadFromPty(t *testing.T) {
	ptmx, tty := openPty(t)
	p := NewParser(tty)
	if err := p.Setup(); err != nil {
		t.Fatal(err)
	}
	defer p.TearDown()

	// With nothing typed, Read returns instead of blocking go-prompt's loop.
	start := time.Now()
	if _, err := p.Read(); !errors.Is(err, unix.EAGAIN) {
		t.Fatalf("Read with no input: %v, want EAGAIN", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("Read with no input blocked for %v", d)
	}

	if _, err := ptmx.Write([]byte("x\ry\r")); err != nil {
		t.Fatal(err)
	}
	var got []string
	for len(got) < 4 {
		got = append(got, readKey(t, p))
	}
	if want := []string{"x", "\r", "y", "\r"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}

	if _, err := ptmx.Write([]byte("\x1b[A")); err != nil {
		t.Fatal(err)
	}
	if got := readKey(t, p); got != "\x1b[A" {
		t.Fatalf("arrow up read as %q", got)
	}
}

func TestReadHangup(t *testing.T) {
	ptmx, tty := openPty(t)
	p := NewParser(tty)
	if err := p.Setup(); err != nil {
		t.Fatal(err)
	}
	ptmx.Close()
	if got := readKey(t, p); got != "\x03" {
		t.Fatalf("first key after hangup %q, want Ctrl-C", got)
	}
	if got := readKey(t, p); got != "\x04" {
		t.Fatalf("second key after hangup %q, want Ctrl-D", got)
	}
}

// TestRestoreFromAnotherGoroutine checks, under -race, that a signal handler
// may call Restore while go-prompt sets the terminal up and tears it down.
func TestRestoreFromAnotherGoroutine(t *testing.T) {
	_, tty := openPty(t)
	before := termios(t, tty)
	p := NewParser(tty)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 50; i++ {
			p.Restore()
		}
	}()
	for i := 0; i < 50; i++ {
		if err := p.Setup(); err != nil {
			t.Fatal(err)
		}
		if err := p.TearDown(); err != nil {
			t.Fatal(err)
		}
	}
	<-done
	if got := termios(t, tty); !reflect.DeepEqual(got, before) {
		t.Fatalf("after Restore:\n got %+v\nwant %+v", got, before)
	}
}
