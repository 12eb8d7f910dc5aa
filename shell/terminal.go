package shell

import (
	"bytes"
	"context"
	"os"
	"sync"

	"github.com/c-bata/go-prompt"
	"golang.org/x/sys/unix"

	"epicevents/shell/console"
)

// tty is the interactive shell's hold on the terminal. It is the
// prompt.ConsoleParser that go-prompt reads keys from (console.Parser, one
// line at a time), and the one place that changes the terminal's mode, so
// that a signal ending the program can restore the terminal for good.
//
// It also knows when a command runs: go-prompt calls TearDown once a line
// is entered, before the shell runs it, and Setup when it edits the next
// one. In between, the terminal is in the mode the operator had (line
// editing, echo, Ctrl-C as SIGINT) and Ctrl-C cancels the command's
// context.
type tty struct {
	parser *console.Parser
	fd     int
	base   context.Context
	// keys, when set, sees each key before go-prompt and says what
	// go-prompt gets instead (the editor's reverse search).
	keys func([]byte) []byte

	mu sync.Mutex
	// lineDone is set once Read handed go-prompt a line end: no more keys
	// are read until the next Setup. go-prompt's Input returns at that
	// line end and drops whatever it read after it, so what follows (the
	// rest of a paste, keys typed ahead) must wait for the next line.
	lineDone bool
	// ctx and cancel are the context of the command that runs between
	// TearDown and Setup; nil while the prompt edits a line.
	ctx    context.Context
	cancel context.CancelFunc
	// ending is set when a signal ends the program: the terminal has been
	// restored and nothing may change it again.
	ending bool
	// redraw is set when the window changed size while the prompt edits a
	// line: Read hands go-prompt redrawKey, which ends Input so that the
	// next Input measures the window again (see editor).
	redraw bool
}

// redrawKey is the key that asks the interactive shell to draw the line
// again: F24, which keyboards seldom have and go-prompt binds to nothing
// (pressed, it only redraws the line).
var redrawKey = func() []byte {
	for _, k := range prompt.ASCIISequences {
		if k.Key == prompt.F24 {
			return k.ASCIICode
		}
	}
	panic("go-prompt has no F24")
}()

var _ prompt.ConsoleParser = (*tty)(nil)

// newTTY returns the terminal in; commands' contexts derive from base.
func newTTY(in *os.File, base context.Context) *tty {
	return &tty{parser: console.NewParser(in), fd: int(in.Fd()), base: base}
}

// Setup puts the terminal in raw mode for the prompt; the command that ran
// since TearDown is over.
func (t *tty) Setup() error {
	t.mu.Lock()
	if t.ending {
		// The program is exiting with the terminal restored: never make it
		// raw again. Exit comes from the signal handler.
		t.mu.Unlock()
		select {}
	}
	defer t.mu.Unlock()
	if t.cancel != nil {
		t.cancel()
		t.ctx, t.cancel = nil, nil
	}
	t.lineDone = false
	return t.parser.Setup()
}

// TearDown gives the terminal back in the mode it had before the shell
// started, and opens the context of the command about to run: Ctrl-C is a
// signal again from now on, and it must find a command to cancel.
func (t *tty) TearDown() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cancel == nil {
		t.ctx, t.cancel = context.WithCancel(t.base)
	}
	return t.parser.Restore()
}

// Read hands go-prompt the next key or piece of a paste, but nothing after
// a line end until the next Setup. go-prompt ignores read errors and calls
// again: EAGAIN means "nothing yet".
func (t *tty) Read() (b []byte, err error) {
	defer func() {
		// Read runs in go-prompt's own goroutine, where a panic would end
		// the program without restoring the terminal.
		if recover() != nil {
			b, err = nil, unix.EIO
		}
	}()
	t.mu.Lock()
	done, redraw := t.lineDone, t.redraw
	if redraw && !done {
		t.redraw, t.lineDone = false, true
	}
	t.mu.Unlock()
	switch {
	case done:
		return nil, unix.EAGAIN
	case redraw:
		return append([]byte(nil), redrawKey...), nil
	}
	b, err = t.parser.Read()
	if err == nil && t.keys != nil {
		b = t.keys(b)
	}
	if err == nil && (bytes.Equal(b, []byte{'\r'}) || bytes.Equal(b, []byte{'\n'})) {
		t.mu.Lock()
		t.lineDone = true
		t.mu.Unlock()
	}
	return b, err
}

// GetWinSize returns the size of the terminal.
func (t *tty) GetWinSize() *prompt.WinSize { return t.parser.GetWinSize() }

// restore puts the terminal back as it was before the shell started.
func (t *tty) restore() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.parser.Restore()
}

// end restores the terminal for good, for a program about to exit, and
// cancels the running command. It reports whether the prompt was editing a
// line (the terminal was raw).
func (t *tty) end() (atPrompt bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	atPrompt = t.cancel == nil
	if t.cancel != nil {
		t.cancel()
	}
	t.ending = true
	t.parser.Restore()
	return atPrompt
}

// interrupt cancels the running command, if one runs: Ctrl-C typed while
// the terminal is raw is a key for go-prompt, not a signal, so a SIGINT at
// the prompt comes from kill and is ignored, as shells do.
func (t *tty) interrupt() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cancel != nil {
		t.cancel()
	}
}

// resized asks the prompt to draw its line again in the new size of the
// window. A command's output needs nothing: the next prompt measures the
// window anyway.
func (t *tty) resized() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cancel == nil && !t.ending {
		t.redraw = true
	}
}

// commandContext returns the context of the command running now.
func (t *tty) commandContext() context.Context {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.ctx == nil {
		return t.base
	}
	return t.ctx
}
