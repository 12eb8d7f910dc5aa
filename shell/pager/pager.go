// Package pager sends output taller than the terminal through a pager, as
// psql and git do: EPICEVENTS_PAGER, else PAGER, else less -FRSX when it is
// installed. Output that fits goes straight to the terminal, and the
// terminal is left exactly as it was, however the pager ends.
package pager

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"syscall"

	"github.com/clipperhouse/displaywidth"
	"golang.org/x/term"
)

// DefaultCommand is the pager when neither EPICEVENTS_PAGER nor PAGER is
// set: less quits at once when the text fits one screen (-F), shows colours
// (-R), does not wrap long lines (-S) and leaves the text on the screen when
// it quits (-X).
const DefaultCommand = "less -FRSX"

// Command returns the pager command line that the environment chooses:
// EPICEVENTS_PAGER when it is set, else PAGER when it is set, else
// DefaultCommand when less is installed. It is "" for no pager, also when
// the variable chosen is set but empty: that is how a pager is turned off.
func Command(lookupEnv func(string) (string, bool), lookPath func(string) (string, error)) string {
	for _, name := range []string{"EPICEVENTS_PAGER", "PAGER"} {
		if v, ok := lookupEnv(name); ok {
			return strings.TrimSpace(v)
		}
	}
	if _, err := lookPath("less"); err == nil {
		return DefaultCommand
	}
	return ""
}

// Size returns the size of the terminal f, and false when f is not a
// terminal: output to a pipe or a file never goes through a pager.
func Size(f *os.File) (rows, cols int, ok bool) {
	cols, rows, err := term.GetSize(int(f.Fd()))
	if err != nil || rows <= 0 || cols <= 0 {
		return 0, 0, false
	}
	return rows, cols, true
}

// running counts the pagers running in the program.
var running atomic.Int32

// Active reports whether a pager runs: the operator is reading it, and the
// program must not end under it.
func Active() bool { return running.Load() > 0 }

// ErrQuit is what Write returns once the operator has left the pager:
// there is nobody to write for, and the command may stop.
var ErrQuit = errors.New("pager: quit")

// Writer is output on its way to a terminal. It holds what is written until
// it is taller than the screen; then it starts the pager and hands it
// everything, the rest as it comes. Close sends what is held to the
// terminal when it fit, or waits for the operator to leave the pager.
type Writer struct {
	command    string
	term       *os.File
	errs       io.Writer
	rows, cols int

	held   bytes.Buffer
	height int // screen lines taken by held, the current one included
	column int // display columns on the current line

	proc  *exec.Cmd
	pipe  io.WriteCloser
	state *term.State // the terminal's mode before the pager
	quit  bool
}

// New returns a Writer to the terminal tty, rows by cols, paging through
// command (a shell command line; "" never pages). Messages about the pager
// itself go to errs.
func New(command string, tty *os.File, errs io.Writer, rows, cols int) *Writer {
	return &Writer{command: command, term: tty, errs: errs, rows: rows, cols: cols, height: 1}
}

// Write holds p, or sends it to the pager once one runs.
func (w *Writer) Write(p []byte) (int, error) {
	switch {
	case w.quit:
		return 0, ErrQuit
	case w.pipe != nil:
		return w.toPager(p)
	}
	w.held.Write(p)
	if w.command == "" {
		return len(p), nil
	}
	w.measure(p)
	// The prompt, or the operator's shell prompt, needs the last line.
	if w.height <= w.rows {
		return len(p), nil
	}
	if err := w.start(); err != nil {
		fmt.Fprintf(w.errs, "warning: pager %q: %v\n", w.command, err)
		w.command = ""
		return len(p), nil
	}
	held := w.held.Bytes()
	w.held = bytes.Buffer{}
	if _, err := w.toPager(held); err != nil {
		return 0, err
	}
	return len(p), nil
}

// measure counts the screen lines p takes, a line wider than the screen
// taking several.
func (w *Writer) measure(p []byte) {
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		part := p
		if i >= 0 {
			part = p[:i]
		}
		w.column += displaywidth.Bytes(part)
		for w.column > w.cols {
			w.column -= w.cols
			w.height++
		}
		if i < 0 {
			return
		}
		w.height++
		w.column = 0
		p = p[i+1:]
	}
}

// start starts the pager on the terminal, after checking that its program
// exists: a shell that cannot find it would take the output and drop it.
func (w *Writer) start() error {
	fields := strings.Fields(w.command)
	if _, err := exec.LookPath(fields[0]); err != nil {
		return err
	}
	cmd := exec.Command("/bin/sh", "-c", w.command)
	cmd.Stdout, cmd.Stderr = w.term, w.errs
	pipe, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	// The pager sets the terminal's mode and should set it back; if it
	// dies instead, Close does it.
	w.state, _ = term.GetState(int(w.term.Fd()))
	if err := cmd.Start(); err != nil {
		return err
	}
	running.Add(1)
	w.proc, w.pipe = cmd, pipe
	return nil
}

// toPager writes p to the pager; a pager gone (the operator pressed q) is
// ErrQuit.
func (w *Writer) toPager(p []byte) (int, error) {
	n, err := w.pipe.Write(p)
	if err != nil {
		if errors.Is(err, syscall.EPIPE) || errors.Is(err, os.ErrClosed) {
			w.quit = true
			return n, ErrQuit
		}
		return n, err
	}
	return n, nil
}

// Close sends what is held to the terminal when no pager was needed, or
// ends the pager's input and waits for the operator to leave it; then the
// terminal is in the mode it had before.
func (w *Writer) Close() error {
	if w.proc == nil {
		_, err := w.term.Write(w.held.Bytes())
		w.held.Reset()
		return err
	}
	w.pipe.Close()
	err := w.proc.Wait()
	running.Add(-1)
	if w.state != nil {
		term.Restore(int(w.term.Fd()), w.state)
	}
	w.proc, w.pipe = nil, nil
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		// less ends with a status of its own after Ctrl-C or a
		// broken pipe: the operator left it, nothing failed.
		return nil
	}
	return err
}
