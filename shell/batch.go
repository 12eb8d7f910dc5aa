package shell

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
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
			// The input broke off (an I/O error): said, not hidden
			// behind "internal error" or, nested, not said at all.
			err = model.Errorf(model.EENV, "cannot read the commands: %v", err)
			s.PrintError(where, err)
			return err
		}
		prefix := fmt.Sprintf("%sline %d: ", where, line.N)
		err = s.exec(ctx, line, keepGoing)
		if err == ErrExit {
			return first
		}
		if err != nil {
			s.PrintError(prefix, err)
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
	f, fi, err := OpenBatch(file)
	if err != nil {
		return err
	}
	defer f.Close()
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

// OpenBatch opens the batch file name (source FILE, -f FILE) for reading.
// A missing file is "not found" (5); one that cannot be opened says why;
// a folder is refused at once (6): read, it would fail on its first line
// with an error the operator never saw.
func OpenBatch(name string) (*os.File, os.FileInfo, error) {
	f, err := os.Open(name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil, model.Errorf(model.ENOTFOUND, "cannot open %s", name)
	case err != nil:
		return nil, nil, model.Errorf(model.EENV, "cannot open %s: %v", name, model.SystemCause(err))
	}
	fi, err := f.Stat()
	if err == nil && fi.IsDir() {
		err = model.Errorf(model.EINVALID, "%s is a folder, not a file of commands", name)
	} else if err != nil {
		err = model.Errorf(model.EENV, "cannot read %s: %v", name, err)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, fi, nil
}
