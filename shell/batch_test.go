package shell

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"epicevents/commands"
	"epicevents/model"
)

// failingReader gives its text, then fails as a disk or a pipe may.
type failingReader struct{ r io.Reader }

func (f failingReader) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF {
		return n, errors.New("input/output error")
	}
	return n, err
}

// TestBatchReadError: input that breaks off is said, naming the batch,
// with an environment error (1) that is not "internal error".
func TestBatchReadError(t *testing.T) {
	sh, _, errs, _ := newTestShell(t, nil)
	err := sh.Batch(context.Background(), failingReader{strings.NewReader("")}, "cmds.batch: ", true)
	if model.ErrorCode(err) != model.EENV {
		t.Fatalf("err = %v (code %s), want an environment error", err, model.ErrorCode(err))
	}
	if got, want := errs.String(), "error: cmds.batch: cannot read the commands: input/output error\n"; got != want {
		t.Fatalf("stderr %q, want %q", got, want)
	}
}

// TestOpenBatch: a missing file is not found (5), a folder invalid (6).
func TestOpenBatch(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := OpenBatch(dir + "/missing"); model.ErrorCode(err) != model.ENOTFOUND {
		t.Fatalf("missing file: %v", err)
	}
	_, _, err := OpenBatch(dir)
	if model.ErrorCode(err) != model.EINVALID || !strings.Contains(err.Error(), "is a folder") {
		t.Fatalf("folder: %v", err)
	}
}

// TestSourceFailurePrintedOnce: the failure of a sourced file is printed
// where it happens, with its file and line; the caller that gets it back
// (a -c line, the shell, the outer batch) prints nothing more.
func TestSourceFailurePrintedOnce(t *testing.T) {
	dir := t.TempDir()
	file := dir + "/fail.batch"
	if err := os.WriteFile(file, []byte("bogus\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	sh, _, errs, _ := newTestShell(t, commands.Table())
	err := sh.Line(context.Background(), "source "+file, false)
	if model.ErrorCode(err) != model.EUSAGE {
		t.Fatalf("err = %v, want the usage error of the sourced line", err)
	}
	sh.PrintError("", err)
	if got := errs.String(); strings.Count(got, "error: ") != 1 || !strings.HasPrefix(got, "error: "+file+": line 1: unknown command") {
		t.Fatalf("stderr %q, want one error naming %s, line 1", got, file)
	}
}
