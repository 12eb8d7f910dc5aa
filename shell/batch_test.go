package shell

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

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
