package shell

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"epicevents/model"
	"epicevents/shell/lex"
)

// Batch runs the commands read from r, one per logical line. It stops at
// the first failing command, printing "error: line N: MESSAGE", and
// returns that error; with keepGoing it runs every line and returns the
// first failure. where names the source in messages of nested batches
// (source FILE); it is "" for the main batch.
func (s *Shell) Batch(ctx context.Context, r io.Reader, where string, keepGoing bool) error {
	lines := lex.NewReader(r)
	var first error
	for {
		line, err := lines.Next()
		if err == io.EOF {
			return first
		}
		if err != nil {
			return err
		}
		prefix := fmt.Sprintf("%sline %d: ", where, line.N)
		err = s.exec(ctx, line, keepGoing)
		if err == ErrExit {
			return first
		}
		if err != nil {
			if !isNested(err) {
				s.PrintError(prefix, err)
			}
			if first == nil {
				first = err
			}
			if !keepGoing || model.ErrorCode(err) == model.ECANCELED {
				return first
			}
		}
	}
}

// ErrExit is returned by Line for exit and quit.
var ErrExit = fmt.Errorf("exit")

// nestedError is the failure of a nested batch, already printed.
type nestedError struct{ error }

func isNested(err error) bool { _, ok := err.(nestedError); return ok }

// Unwrap returns the failure of the nested batch.
func (e nestedError) Unwrap() error { return e.error }

// MaxSourceDepth is how deeply source may nest: a batch that sources
// itself, directly or not, would otherwise run until killed or open
// thousands of files.
const MaxSourceDepth = 16

// source runs the commands of file as a nested batch (source FILE). A
// file already being read (a cycle) is refused, naming the cycle, and so
// is nesting deeper than MaxSourceDepth.
func (s *Shell) source(ctx context.Context, file string, keepGoing bool) error {
	f, err := os.Open(file)
	if err != nil {
		return model.Errorf(model.ENOTFOUND, "cannot open %s", file)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return model.Errorf(model.ENOTFOUND, "cannot read %s", file)
	}
	for i, open := range s.sources {
		if os.SameFile(open.info, fi) {
			var names []string
			for _, o := range s.sources[i:] {
				names = append(names, o.name)
			}
			return model.Errorf(model.EINVALID, "source cycle: %s -> %s", strings.Join(names, " -> "), file)
		}
	}
	if len(s.sources) >= MaxSourceDepth {
		return model.Errorf(model.EINVALID, "source nested more than %d deep", MaxSourceDepth)
	}
	s.sources = append(s.sources, sourceFile{file, fi})
	defer func() { s.sources = s.sources[:len(s.sources)-1] }()
	if err := s.Batch(ctx, f, file+": ", keepGoing); err != nil {
		return nestedError{err}
	}
	return nil
}

// sourceFile is a file being read by source.
type sourceFile struct {
	name string
	info os.FileInfo
}
