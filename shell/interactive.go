package shell

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"epicevents/commands"
	"epicevents/model"
	"epicevents/shell/console"
	"epicevents/shell/history"
)

// Interactive runs the interactive shell on the terminal in until exit,
// quit, Ctrl-D on an empty line, or a signal that ends it (signals.go).
// Lines are edited with go-prompt on console.Parser, completed from the
// command table (complete.go) and kept in $EPICEVENTS_HOME/history. The
// terminal is left exactly as it was found, whichever way the shell ends.
func (s *Shell) Interactive(ctx context.Context, in *os.File, home string) error {
	if !console.Available(in, os.Stdout) {
		// Without a controlling terminal go-prompt cannot start (prompt.New
		// opens /dev/tty): read the commands as a batch that carries on.
		return s.Batch(ctx, in, "", true)
	}
	t := newTTY(in, ctx)
	defer s.Monitor.Flush()
	defer t.restore() // first, also when a panic leaves the shell
	stop := s.watchSignals(t)
	defer stop()
	s.App.Prompter = ttyPrompter{t: t, err: s.Err}

	hist, err := history.Open(filepath.Join(home, "history"), history.DefaultMax)
	if err != nil {
		s.PrintError("", model.Errorf(model.EINVALID, "history is off: %v", err))
	}
	ed := s.newEditor(t, hist)
	for {
		line, ok := ed.next()
		if !ok {
			return nil
		}
		// The line is lexed (by the editor) and parsed once: the history
		// keeps it only when it is a valid command, and so never a
		// password typed at the prompt instead of at its question, or
		// pasted after a command that asked for it (questions read the
		// keyboard, not the rest of a paste).
		inv, err := s.parse(line)
		if keepInHistory(inv, err) {
			ed.search.add(line.Text) // what Ctrl-R finds, as the history
		}
		if hist != nil && keepInHistory(inv, err) {
			if err := hist.Add(line.Text); err != nil {
				s.PrintError("", model.Errorf(model.EINVALID, "%v", err))
			}
		}
		if err := s.interactiveLine(t, inv, err); err == ErrExit {
			return nil
		}
	}
}

// keepInHistory reports whether a line, parsed, is kept in the history: a
// command that parses. No command declares a flag that carries a secret,
// so that no such line holds one, but a database URL may hold a password:
// that line is not kept.
func keepInHistory(inv *commands.Invocation, err error) bool {
	return err == nil && inv != nil && !inv.HoldsPassword()
}

// interactiveLine runs one line entered at the prompt, already parsed, and
// prints its error. A command that finds the session expired asks for the
// password again and runs once more.
func (s *Shell) interactiveLine(t *tty, inv *commands.Invocation, err error) error {
	if err == nil && inv != nil {
		ctx := t.commandContext()
		who, _ := s.App.Who()
		err = s.dispatch(ctx, inv, false)
		if errors.Is(err, commands.ErrSessionExpired) && !isNested(err) && who.Username != "" {
			err = s.relogin(ctx, who.Username, inv)
		}
	}
	if err != nil && err != ErrExit {
		s.PrintError("", err)
	}
	return err
}

// relogin asks user's password, logs them in again, then runs inv again.
func (s *Shell) relogin(ctx context.Context, user string, inv *commands.Invocation) error {
	fmt.Fprintf(s.Err, "Your session has expired: log in again as %s.\n", user)
	pw, err := s.App.Prompter.ReadPassword("Password: ")
	if err != nil {
		return err
	}
	err = s.printing(ctx, func(print func(commands.Result) error) error {
		return s.App.Relogin(ctx, user, pw, print)
	})
	if err != nil {
		return err
	}
	return s.dispatch(ctx, inv, false)
}
