package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"epicevents/internal/sentrytest"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// mustBuild builds the real binary once per test run.
func mustBuild(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "epicevents-bin")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "epicevents")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = errors.New(string(out))
		}
	})
	if buildErr != nil {
		t.Fatalf("go build: %v", buildErr)
	}
	return binPath
}

// TestSIGTERMDuringBatch ends a batch that waits on its input with SIGTERM:
// the program exits by itself with 128+15 and what it had to report has
// reached Sentry.
func TestSIGTERMDuringBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := mustBuild(t)
	fake := sentrytest.NewFakeSentry()
	defer fake.Close()
	home := t.TempDir()
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "EPICEVENTS_HOME="+home, "SENTRY_DSN="+fake.DSN(),
		"EPICEVENTS_NEW_PASSWORD=correct-horse")
	var stderr lockedBuffer
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// The batch stays open: the program is blocked reading the next line.
	stdin.Write([]byte("setup --username alice --email alice@example.com --first-name Alice --last-name Martin\n"))
	if !waitFor(20*time.Second, func() bool { return strings.Contains(stderr.String(), "Created alice") }) {
		cmd.Process.Kill()
		t.Fatalf("setup did not run: %s", stderr.String())
	}
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 128+15 {
			t.Fatalf("exit: %v, want status 143; stderr:\n%s", err, stderr.String())
		}
	case <-time.After(15 * time.Second):
		cmd.Process.Kill()
		t.Fatal("the program did not end after SIGTERM")
	}
	stdin.Close()
	if !waitFor(5*time.Second, func() bool { return len(fake.Events()) == 1 }) {
		t.Fatalf("%d events reached Sentry, want 1 (collaborator created)", len(fake.Events()))
	}
}

func waitFor(d time.Duration, ok func() bool) bool {
	for deadline := time.Now().Add(d); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if ok() {
			return true
		}
	}
	return ok()
}

// lockedBuffer is a bytes.Buffer safe for a writer and a reader.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestInterruptibleRecordsTheSignal checks that a signal cancels the
// context and is kept as the exit status, which Run returns for a command
// that the cancellation made fail.
func TestInterruptibleRecordsTheSignal(t *testing.T) {
	ctx, stop, signaled := interruptible(context.Background(), nil)
	defer stop()
	if signaled() != 0 {
		t.Fatal("a status before any signal")
	}
	syscall.Kill(os.Getpid(), syscall.SIGHUP)
	select {
	case <-ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("SIGHUP did not cancel the context")
	}
	if got := signaled(); got != 128+1 {
		t.Fatalf("status %d, want 129", got)
	}
}
