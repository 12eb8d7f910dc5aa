package shell

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"unicode/utf8"

	"epicevents/commands"
	"epicevents/internal/monitor"
	"epicevents/model"
	"epicevents/shell/lex"
	"epicevents/shell/render"
)

// Shell runs command lines and prints their results: data on Out, messages
// and errors on Err.
type Shell struct {
	App     *commands.App
	Out     io.Writer
	Err     io.Writer
	Format  render.Format
	Render  render.Options
	Monitor *monitor.Monitor

	// Terminal is standard output when it is a terminal, nil otherwise:
	// tables fit its width, and output taller than it may go through the
	// pager.
	Terminal *os.File
	// Pager is the pager's command line (pager.Command), "" for none.
	Pager string
	// Paging sends output taller than the terminal through the pager: on
	// in the interactive shell and for a one-shot command, unless
	// --no-pager or set pager off.
	Paging bool
	// width is the terminal's width for the command being printed.
	width int

	// out buffers the output of one command at a time, kept from command
	// to command: a batch of thousands of commands would otherwise make
	// (and collect) a new 64 KiB buffer for each.
	out *bufio.Writer
	// sources are the files source is reading, outermost first.
	sources []sourceFile
}

// Run runs one command given as words (epicevents COMMAND ARGS...) and
// prints its result. The shell's own commands, exit and source, work only
// in the shell and in batches.
func (s *Shell) Run(ctx context.Context, words []string) error {
	inv, err := commands.Parse(s.App.Table, words)
	if err != nil {
		return err
	}
	res, err := s.run(ctx, inv)
	if err == nil && (res.Exit || res.Source != "" || res.Set != nil) {
		err = model.Errorf(model.EUSAGE, "%s works only in the shell and in batches", inv.Typed)
	}
	return err
}

// Line runs one command line.
func (s *Shell) Line(ctx context.Context, text string, keepGoing bool) error {
	return s.exec(ctx, lex.NewLine(text), keepGoing)
}

// parse parses a lexed line, once: the value that dispatch, the history and
// monitoring share. A line without words is no command, and no error.
func (s *Shell) parse(l lex.Line) (*commands.Invocation, error) {
	if l.Err != nil || len(l.Words) == 0 {
		return nil, l.Err
	}
	return commands.Parse(s.App.Table, l.Words)
}

// exec parses and runs one lexed line.
func (s *Shell) exec(ctx context.Context, l lex.Line, keepGoing bool) error {
	inv, err := s.parse(l)
	if err != nil || inv == nil {
		return err
	}
	return s.dispatch(ctx, inv, keepGoing)
}

// dispatch runs a parsed line and does what its result asks of the shell:
// exit, or run the commands of a file.
func (s *Shell) dispatch(ctx context.Context, inv *commands.Invocation, keepGoing bool) error {
	res, err := s.run(ctx, inv)
	switch {
	case err != nil:
		return err
	case res.Exit:
		return ErrExit
	case res.Source != "":
		return s.source(ctx, res.Source, keepGoing)
	case res.Set != nil:
		return s.set(res.Set)
	}
	return nil
}

// run runs one parsed command, printing its result, and returns the result
// for what it asks of the shell. A panic inside the command is recovered
// and reported as an internal error, so that the interactive shell
// survives it.
func (s *Shell) run(ctx context.Context, inv *commands.Invocation) (last commands.Result, err error) {
	// The command's path names it in monitoring: never its arguments,
	// which may hold personal data.
	name := inv.Cmd.Path()
	defer func() {
		if p := recover(); p != nil {
			s.Monitor.Panic(p, name)
			err = fmt.Errorf("panic in %s: %v\n%s", name, p, debug.Stack())
		}
	}()
	if inv.Format == "" && s.Format != "" {
		// The command knows the format its result is printed in, the
		// shell's when the line gives none: client import prints a count
		// in a table and the clients in JSON or CSV.
		given := *inv
		given.Format = string(s.Format)
		inv = &given
	}
	err = outputFailure(inv, s.printing(ctx, func(print func(commands.Result) error) error {
		return s.App.Run(ctx, inv, func(res commands.Result) error {
			last = res
			return print(res)
		})
	}))
	if err != nil && model.ErrorCode(err) == model.EINTERNAL {
		s.Monitor.InternalError(err, name)
	}
	return last, err
}

// PrintError prints err for the operator: "error: MESSAGE", with prefix
// (like "line 3: ") before the message. Internal errors print only
// "internal error": their details go to monitoring. What the terminal
// would act on is escaped (Printable). The failure of a nested batch
// (source FILE) was printed where it happened, with its file and line: it
// is not printed again.
func (s *Shell) PrintError(prefix string, err error) {
	if isNested(err) {
		return
	}
	msg := model.ErrorMessage(err)
	fmt.Fprintf(s.Err, "error: %s\n", Printable(clipLines(prefix+strings.TrimSpace(msg), maxErrorLine)))
}

// maxErrorLine bounds each line of an error message, in bytes: a message
// quotes what the operator typed or a file held (an unknown command, a
// column), which may be megabytes long.
const maxErrorLine = 1024

// clipLines cuts the middle out of each line of msg longer than most
// bytes, at characters, and marks the cut with "…": the start and the end
// of the message stay ("collaborator xxx…xxx not found").
func clipLines(msg string, most int) string {
	lines := strings.Split(msg, "\n")
	for i, l := range lines {
		if len(l) > most {
			head, tail := most*3/4, len(l)-most/4
			for head > 0 && !utf8.RuneStart(l[head]) {
				head--
			}
			for tail < len(l) && !utf8.RuneStart(l[tail]) {
				tail++
			}
			lines[i] = l[:head] + "…" + l[tail:]
		}
	}
	return strings.Join(lines, "\n")
}
