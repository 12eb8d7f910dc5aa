package shell

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"epicevents/commands"
	"epicevents/internal/monitor"
	"epicevents/model"
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

	// out buffers the output of one command at a time, kept from command
	// to command: a batch of thousands of commands would otherwise make
	// (and collect) a new 64 KiB buffer for each.
	out *bufio.Writer
}

// Run runs one command line, already split into words, printing its result.
// A panic inside the command is recovered and reported as an internal
// error, so that the interactive shell survives it.
func (s *Shell) Run(ctx context.Context, words []string) (err error) {
	name := commandName(s.App.Table, words)
	defer func() {
		if p := recover(); p != nil {
			s.Monitor.Panic(p, name)
			err = fmt.Errorf("panic in %s: %v\n%s", name, p, debug.Stack())
		}
	}()
	if s.out == nil {
		s.out = bufio.NewWriterSize(s.Out, 64<<10)
	}
	out := s.out
	out.Reset(s.Out)
	err = s.App.Execute(ctx, words, func(res commands.Result) error {
		if res.Note != "" {
			fmt.Fprintln(s.Err, res.Note)
		}
		if res.Text != "" {
			_, err := io.WriteString(out, res.Text)
			return err
		}
		if res.Columns == nil && res.Count == nil {
			return nil
		}
		format := s.Format
		if res.Format != "" {
			f, err := render.ParseFormat(res.Format)
			if err != nil {
				return err
			}
			format = f
		}
		return render.Render(out, format, res, s.Render)
	})
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err != nil && model.ErrorCode(err) == model.EINTERNAL {
		s.Monitor.InternalError(err, name)
	}
	return err
}

// commandName is the command's path for monitoring: its name and
// sub-command, never its arguments, which may hold personal data.
func commandName(table []*commands.Command, words []string) string {
	cmd, _ := commands.Resolve(table, words)
	if cmd == nil {
		return "unknown"
	}
	return cmd.Path()
}

// PrintError prints err for the operator: "error: MESSAGE", with prefix
// (like "line 3: ") before the message. Internal errors print only
// "internal error": their details go to monitoring.
func (s *Shell) PrintError(prefix string, err error) {
	msg := model.ErrorMessage(err)
	fmt.Fprintf(s.Err, "error: %s%s\n", prefix, strings.TrimSpace(msg))
}
