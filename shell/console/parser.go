// Package console adapts the terminal to go-prompt (github.com/c-bata/go-prompt v0.2.6).
//
// go-prompt's own PosixParser saves the terminal state after it has already
// changed it, so its TearDown leaves the terminal raw while commands run and
// after the program ends; it sets O_NONBLOCK on a descriptor that may be shared
// with the parent shell; and it hands a pasted block of lines to the prompt as
// one chunk, which go-prompt inserts as text instead of running each line.
// Parser replaces it through prompt.OptionParser:
//
//	if !console.Available(os.Stdin, os.Stdout) { /* run as a batch */ }
//	parser := console.NewParser(os.Stdin)
//	defer parser.Restore()
//	prompt.New(execute, complete, prompt.OptionParser(parser)).Run()
package console

import (
	"errors"
	"io"
	"os"
	"sync"

	"github.com/c-bata/go-prompt"
	"golang.org/x/sys/unix"
	"golang.org/x/term"
)

// pollTimeout bounds how long Read waits for input, in milliseconds. go-prompt
// calls Read in a loop and can only stop that loop between two calls (before it
// runs a command, it waits for the loop to stop), so Read must return soon even
// when nothing is typed. The descriptor stays blocking: polling instead of
// O_NONBLOCK leaves nothing to undo if the process is killed.
const pollTimeout = 20

// readSize is the largest chunk read at once; the kernel's tty line buffer
// holds 4096 bytes, so a paste of that size arrives in one read.
const readSize = 8192

// Parser is a prompt.ConsoleParser that reads keys from a terminal, puts the
// terminal in raw mode only while the prompt edits a line, and splits a pasted
// block of lines into one line and one Enter at a time.
type Parser struct {
	f  *os.File // kept so that the garbage collector does not close fd
	fd int

	mu   sync.Mutex
	orig *unix.Termios // the state before the first Setup; nil until then

	// keys is touched only by Read, which go-prompt calls from one goroutine
	// at a time.
	keys keySplitter
}

var _ prompt.ConsoleParser = (*Parser)(nil)

// NewParser returns a Parser that reads from the terminal f (usually os.Stdin).
// It does not touch the terminal: that happens at the first Setup.
func NewParser(f *os.File) *Parser {
	p := &Parser{f: f, fd: int(f.Fd())}
	p.keys.read = p.pollRead
	return p
}

// Available reports whether go-prompt can run on in and out: both must be
// terminals and the process must have a controlling terminal, because
// prompt.New opens /dev/tty (and panics if it cannot) even when OptionParser
// replaces the parser that uses it.
func Available(in, out *os.File) bool {
	if !term.IsTerminal(int(in.Fd())) || !term.IsTerminal(int(out.Fd())) {
		return false
	}
	tty, err := os.Open("/dev/tty")
	if err != nil {
		return false
	}
	tty.Close()
	return true
}

// Setup puts the terminal in raw mode. The first call saves the terminal state
// that Restore and TearDown bring back.
func (p *Parser) Setup() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.orig == nil {
		t, err := unix.IoctlGetTermios(p.fd, ioctlGetTermios)
		if err != nil {
			return err
		}
		p.orig = t
	}
	raw := makeRaw(*p.orig)
	return unix.IoctlSetTermios(p.fd, ioctlSetTermios, &raw)
}

// makeRaw returns t in the mode go-prompt's own SetRaw uses: cfmakeraw(3) but
// with output processing kept, because go-prompt writes a bare "\n" and relies
// on the terminal to return to the first column (term.MakeRaw clears OPOST).
func makeRaw(t unix.Termios) unix.Termios {
	t.Iflag &^= unix.IGNBRK | unix.BRKINT | unix.PARMRK | unix.ISTRIP |
		unix.INLCR | unix.IGNCR | unix.ICRNL | unix.IXON
	t.Lflag &^= unix.ECHO | unix.ECHONL | unix.ICANON | unix.ISIG | unix.IEXTEN
	t.Cflag &^= unix.CSIZE | unix.PARENB
	t.Cflag |= unix.CS8
	t.Cc[unix.VMIN] = 1
	t.Cc[unix.VTIME] = 0
	return t
}

// TearDown restores the terminal state saved at the first Setup. go-prompt
// calls it before each command and when it leaves, so commands run with the
// terminal in the mode the user had (line editing, echo, Ctrl-C as a signal).
func (p *Parser) TearDown() error {
	return p.Restore()
}

// Restore puts back the terminal state saved at the first Setup, exactly. It
// does nothing before the first Setup, may be called any number of times, and
// is safe to call from another goroutine, such as one handling signals, while
// the prompt runs.
func (p *Parser) Restore() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.orig == nil {
		return nil
	}
	// TCSETS, not TCSETSF: a flush would drop keys typed ahead, and the rest
	// of a paste that did not fit in one read.
	return unix.IoctlSetTermios(p.fd, ioctlSetTermios, p.orig)
}

// GetWinSize returns the terminal size, or 80x24 if it cannot be read:
// go-prompt divides by the width and would panic on zero.
func (p *Parser) GetWinSize() *prompt.WinSize {
	ws, err := unix.IoctlGetWinsize(p.fd, unix.TIOCGWINSZ)
	if err != nil || ws.Col == 0 || ws.Row == 0 {
		return &prompt.WinSize{Row: 24, Col: 80}
	}
	return &prompt.WinSize{Row: ws.Row, Col: ws.Col}
}

// Read returns the next key for go-prompt. A read that brought several keys
// at once, such as a paste, is handed out one piece per call: the text of a
// line, then "\r" for its end, then the next line; keys typed together are
// separated. The rest waits in the Parser, and the terminal is not read again
// until it is all handed out. Read waits a short time for input and returns
// unix.EAGAIN if there is none; go-prompt ignores read errors and calls again.
// When the terminal hangs up, Read returns Ctrl-C then Ctrl-D, so that
// go-prompt clears the line and leaves Run instead of polling a dead terminal
// forever.
func (p *Parser) Read() ([]byte, error) {
	return p.keys.next()
}

// pollRead reads what the terminal has, waiting at most pollTimeout.
func (p *Parser) pollRead(buf []byte) (int, error) {
	fds := []unix.PollFd{{Fd: int32(p.fd), Events: unix.POLLIN}}
	n, err := unix.Poll(fds, pollTimeout)
	if err != nil {
		return 0, err
	}
	if n == 0 {
		return 0, unix.EAGAIN
	}
	if fds[0].Revents&unix.POLLNVAL != 0 {
		return 0, unix.EBADF
	}
	n, err = unix.Read(p.fd, buf)
	if err != nil {
		return 0, err
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// hungUp reports whether err from reading the terminal means it is gone for
// good: end of file, EIO once the other side of a pty has closed, or a closed
// descriptor.
func hungUp(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, unix.EIO) || errors.Is(err, unix.EBADF)
}

// Terminal returns the file behind a stream, and whether it is a terminal.
func Terminal(stream any) (*os.File, bool) {
	f, ok := stream.(*os.File)
	return f, ok && term.IsTerminal(int(f.Fd()))
}
