package shell

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"

	"epicevents/commands"
	"epicevents/model"
	"epicevents/shell/pager"
	"epicevents/shell/render"
)

// printing runs fn with the function that prints a result, and flushes
// what it printed. On a terminal, tables fit its width and, when paging,
// output taller than the screen goes through the pager; leaving the pager
// early (q) is no error. Once ctx is cancelled (Ctrl-C) nothing more is
// printed.
func (s *Shell) printing(ctx context.Context, fn func(print func(commands.Result) error) error) error {
	if s.out == nil {
		s.out = bufio.NewWriterSize(s.Out, 64<<10)
	}
	dest := s.Out
	var pg *pager.Writer
	s.width = 0
	if s.Terminal != nil {
		if rows, cols, ok := pager.Size(s.Terminal); ok {
			s.width = cols
			if s.Paging && s.Pager != "" {
				pg = pager.New(s.Pager, s.Terminal, s.Err, rows, cols)
				dest = pg
			}
		}
	}
	s.out.Reset(stopWriter{ctx: ctx, w: dest})
	err := fn(s.print)
	if ferr := s.out.Flush(); err == nil {
		err = ferr
	}
	if pg != nil {
		if cerr := pg.Close(); err == nil {
			err = cerr
		}
	}
	if errors.Is(err, pager.ErrQuit) {
		return nil
	}
	return err
}

// stopWriter is a command's output, refused once the command's context is
// cancelled (Ctrl-C): a table is drawn after all its rows are read, and
// drawing 100,000 rows must stop as the query would.
type stopWriter struct {
	ctx context.Context
	w   io.Writer
}

func (s stopWriter) Write(p []byte) (int, error) {
	if s.ctx.Err() != nil {
		return 0, model.Errorf(model.ECANCELED, "canceled")
	}
	n, err := s.w.Write(p)
	if err != nil && !errors.Is(err, pager.ErrQuit) {
		err = &outputError{cause: err}
	}
	return n, err
}

// outputError marks the failure to write a command's output (a full disk,
// a file that cannot grow), which outputFailure tells apart from the
// command's own errors. The shell says whether the command's change was
// saved all the same.
type outputError struct{ cause error }

func (e *outputError) Error() string { return OutputFailed(e.cause).Error() }
func (e *outputError) Unwrap() error { return e.cause }

// OutputFailed is the error of output that could not be written: an
// environment error (1), not an internal one, with the system's reason.
func OutputFailed(err error) error {
	return model.Errorf(model.EENV, "cannot write the output: %v", model.SystemCause(err))
}

// outputFailure turns the failure to write the output of inv into one line
// for the operator, of code EENV: for a command that writes, which
// committed before its output was printed, it says that its change is
// saved, so that nobody runs it again (a payment recorded twice).
func outputFailure(inv *commands.Invocation, err error) error {
	var oe *outputError
	if !errors.As(err, &oe) {
		return err
	}
	if inv.Saves() {
		return model.Errorf(model.EENV, "%s is done and saved, but its output could not be written: %v", inv.Cmd.Path(), model.SystemCause(oe.cause))
	}
	return OutputFailed(oe.cause)
}

// print renders one result: its note on Err, its data on Out, with the
// command's --columns and --expanded.
func (s *Shell) print(res commands.Result) error {
	if res.Note != "" {
		fmt.Fprintln(s.Err, res.Note)
	}
	if res.Text != "" {
		_, err := io.WriteString(s.out, res.Text)
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
	opts := s.Render
	opts.Width = s.width
	if res.Show != nil {
		opts.Columns = res.Show
	}
	if res.Expanded {
		opts.Expanded = render.ExpandedOn
	}
	return render.Render(s.out, format, res, opts)
}

// set applies the settings of the set command for the rest of the session,
// or shows them all when none is given.
func (s *Shell) set(settings []commands.Setting) error {
	for _, st := range settings {
		switch st.Name {
		case "expanded":
			e, err := render.ParseExpanded(st.Value)
			if err != nil {
				return err
			}
			s.Render.Expanded = e
		case "pager":
			s.Paging = st.Value == "on"
		}
	}
	if len(settings) > 0 {
		return nil
	}
	expanded := s.Render.Expanded
	if expanded == "" {
		expanded = render.ExpandedAuto
	}
	pagerState := "off"
	switch {
	case s.Paging && s.Pager != "":
		pagerState = "on (" + s.Pager + ")"
	case s.Paging:
		pagerState = "off (no pager: set EPICEVENTS_PAGER or PAGER, or install less)"
	}
	if _, err := fmt.Fprintf(s.Out, "format    %s\nexpanded  %s\npager     %s\n", s.Format, expanded, pagerState); err != nil {
		return OutputFailed(err)
	}
	return nil
}
