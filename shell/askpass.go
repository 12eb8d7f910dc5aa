package shell

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/sys/unix"

	"epicevents/model"
)

var errCanceled = model.Errorf(model.ECANCELED, "canceled")

// readLine asks question on w and reads the line typed, hidden if asked,
// while a command runs. The question shows once echo is off, so that
// nothing typed after it is ever echoed. Ctrl-C cancels the command's
// context, and with it the question: the terminal is polled rather than
// read blindly, so a question never keeps the shell waiting for an Enter
// after Ctrl-C.
func (t *tty) readLine(w io.Writer, question string, hidden bool) (string, error) {
	ctx := t.commandContext()
	if hidden {
		restore, err := t.echoOff()
		if err != nil {
			return "", model.Errorf(model.EUSAGE, "cannot read the password: %v", err)
		}
		defer restore()
		defer fmt.Fprintln(w) // the Enter typed was not echoed
	}
	fmt.Fprint(w, question)
	var line []byte
	buf := make([]byte, 512)
	defer clear(buf)
	for {
		if ctx.Err() != nil {
			return "", errCanceled
		}
		fds := []unix.PollFd{{Fd: int32(t.fd), Events: unix.POLLIN}}
		n, err := unix.Poll(fds, 50)
		if errors.Is(err, unix.EINTR) || (err == nil && n == 0) {
			continue
		}
		if err != nil {
			return "", model.Errorf(model.EUSAGE, "cannot read the terminal: %v", err)
		}
		// In line mode a read returns at most one line, so nothing typed
		// after it is taken away from the prompt.
		n, err = unix.Read(t.fd, buf)
		if errors.Is(err, unix.EINTR) || errors.Is(err, unix.EAGAIN) {
			continue
		}
		if n <= 0 || err != nil {
			return "", model.Errorf(model.EUSAGE, "no input")
		}
		line = append(line, buf[:n]...)
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			s := strings.TrimRight(string(line[:i]), "\r")
			clear(line)
			return s, nil
		}
	}
}

// echoOff turns echo off, as term.ReadPassword does, and returns what turns
// it back on. A signal that ends the program meanwhile restores the
// terminal itself, and the returned function then leaves it alone.
func (t *tty) echoOff() (restore func(), err error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.ending {
		return nil, fmt.Errorf("the shell is ending")
	}
	old, err := unix.IoctlGetTermios(t.fd, ioctlGetTermios)
	if err != nil {
		return nil, err
	}
	hidden := *old
	hidden.Lflag &^= unix.ECHO
	hidden.Lflag |= unix.ICANON | unix.ISIG
	hidden.Iflag |= unix.ICRNL
	if err := unix.IoctlSetTermios(t.fd, ioctlSetTermios, &hidden); err != nil {
		return nil, err
	}
	return func() {
		t.mu.Lock()
		defer t.mu.Unlock()
		if !t.ending {
			unix.IoctlSetTermios(t.fd, ioctlSetTermios, old)
		}
	}, nil
}

// ttyPrompter asks the questions of commands (a username, passwords) on the
// terminal of the interactive shell, in line mode, passwords without echo.
// Unlike TermPrompter, which batch mode on a terminal uses, Ctrl-C stops a
// question at once.
type ttyPrompter struct {
	t   *tty
	err io.Writer
}

// ReadLine asks for a visible line.
func (p ttyPrompter) ReadLine(prompt string) (string, error) {
	return p.t.readLine(p.err, prompt, false)
}

// ReadPassword asks for a hidden line.
func (p ttyPrompter) ReadPassword(prompt string) (string, error) {
	return p.t.readLine(p.err, prompt, true)
}
