package shell

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

// The interactive shell handles its signals itself. It edits lines with
// go-prompt's Input, which, unlike Run, installs no signal handler of its
// own: Run's handler ends the program with os.Exit from another goroutine
// on SIGINT, SIGTERM and SIGQUIT, racing any handler of ours, and skips
// what must happen on the way out.
//
//   - SIGINT: while a command runs, the terminal is in line mode and Ctrl-C
//     sends SIGINT, which cancels the command's context; its database query
//     stops and the prompt comes back. At the prompt the terminal is raw
//     and Ctrl-C is a key (go-prompt clears the line), so a SIGINT there
//     comes from kill and is ignored, as shells do.
//   - SIGTERM, SIGHUP, SIGQUIT end the shell: the running command is
//     cancelled, the terminal restored exactly, pending reports flushed, and
//     the program exits with 128 + the signal's number. History needs no
//     saving: every line is appended to the file as it is entered.
//   - SIGWINCH at the prompt has the line drawn again in the window's new
//     size (go-prompt's Run would do it; Input measures the window only
//     when it starts).

// terminating lists the signals that end the interactive shell.
var terminating = []os.Signal{syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT}

// watchSignals handles the signals of the interactive shell on t until stop
// is called.
func (s *Shell) watchSignals(t *tty) (stop func()) {
	ch := make(chan os.Signal, 4)
	signal.Notify(ch, append([]os.Signal{syscall.SIGINT, syscall.SIGWINCH}, terminating...)...)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			case sig := <-ch:
				switch sig {
				case syscall.SIGINT:
					t.interrupt()
				case syscall.SIGWINCH:
					t.resized()
				default:
					s.terminate(t, sig)
				}
			}
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}

// terminate ends the program on a signal, leaving the terminal as it found
// it.
func (s *Shell) terminate(t *tty, sig os.Signal) {
	if t.end() {
		// The prompt's line stays on the screen: end it, so that the next
		// prompt of the operator's shell starts on a line of its own.
		fmt.Fprintln(s.Err)
	}
	s.Monitor.Flush()
	code := 1
	if n, ok := sig.(syscall.Signal); ok {
		code = 128 + int(n)
	}
	os.Exit(code)
}
