package shell

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	"epicevents/commands"
	"epicevents/model"
	"epicevents/shell/console"
	"epicevents/shell/history"
	"epicevents/shell/lex"
)

// testHooks change the shell in test builds only (testhooks.go, built with
// the epicevents_testhooks tag); a production build has none.
var testHooks []func(*Shell)

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
	for _, hook := range testHooks {
		hook(s)
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
	who := &sessionView{app: s.App}
	ed := s.newEditor(t, who, hist)
	for {
		line, ok := ed.next()
		if !ok {
			return nil
		}
		if hist != nil && s.namesCommand(line) {
			if err := hist.Add(line); err != nil {
				s.PrintError("", model.Errorf(model.EINVALID, "%v", err))
			}
		}
		if err := s.interactiveLine(t, who, line); err == ErrExit {
			return nil
		}
	}
}

// namesCommand reports whether line starts with the name of a command, as
// the lines kept in history do. A line that does not is no command, and may
// be a password typed at the prompt instead of at its question, or pasted
// after a command that asked for it (questions read the keyboard, not the
// rest of a paste): it must not stay in a file.
func (s *Shell) namesCommand(line string) bool {
	words, err := lex.Split(line)
	if err != nil || len(words) == 0 {
		return false
	}
	cmd, _ := commands.Resolve(s.App.Table, words)
	if cmd == nil {
		return false
	}
	// No command takes a password, a secret or a token as a flag: a line
	// that tries to is refused, and may hold one, so it is not kept.
	for _, w := range words {
		if secretFlag.MatchString(w) {
			return false
		}
	}
	return true
}

// secretFlag matches a flag that would carry a secret: --password,
// --pass=..., --secret-key, --token.
var secretFlag = regexp.MustCompile(`(?i)^--?(pass|pwd|secret|token)`)

// interactiveLine runs one line entered at the prompt and prints its error.
// A command that finds the session expired asks for the password again and
// runs once more.
func (s *Shell) interactiveLine(t *tty, who *sessionView, line string) error {
	ctx := t.commandContext()
	user := who.user()
	err := s.Line(ctx, line, false)
	if !isNested(err) && commands.SessionExpired(err) && user != "" {
		err = s.relogin(ctx, user, line)
	}
	if err != nil && err != ErrExit && !isNested(err) {
		s.PrintError("", err)
	}
	return err
}

// relogin logs user in again through the login command, with the password
// asked here, then runs line again.
func (s *Shell) relogin(ctx context.Context, user, line string) error {
	fmt.Fprintf(s.Err, "Your session has expired: log in again as %s.\n", user)
	asked := s.App.Prompter
	pw, err := asked.ReadPassword("Password: ")
	if err != nil {
		return err
	}
	s.App.Prompter = givenPassword(pw)
	err = s.Run(ctx, []string{"login", user})
	s.App.Prompter = asked
	if err != nil {
		return err
	}
	return s.Line(ctx, line, false)
}

// givenPassword is a commands.Prompter that answers with a password already
// asked for.
type givenPassword string

// ReadLine refuses: login was given the username.
func (p givenPassword) ReadLine(string) (string, error) {
	return "", model.Errorf(model.EUSAGE, "no input")
}

// ReadPassword returns the password.
func (p givenPassword) ReadPassword(string) (string, error) { return string(p), nil }
