// Command epicevents is the CRM of Epic Events: a secure shell in which a
// collaborator logs in once and works on clients, contracts and events.
//
// main.go is wiring only (Main): read the flags and the configuration, open
// the store, build the services, and start the shell, a batch or one
// command; then close what was opened.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"epicevents/commands"
	"epicevents/internal/config"
	"epicevents/internal/monitor"
	"epicevents/model"
	"epicevents/query"
	"epicevents/security"
	"epicevents/shell"
	"epicevents/shell/console"
	"epicevents/shell/pager"
	"epicevents/shell/render"
)

func main() {
	// A command keeps little memory alive (results stream), but a batch
	// of thousands of commands makes garbage fast: collecting at 5 times
	// the live heap, rather than twice, halves the collector's share of a
	// batch for a few MiB more. GOGC still decides when it is set.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run runs the program on the given arguments and streams and returns
// its exit code: main's body, and the binary of the end-to-end scripts.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	m := NewMain(stdin, stdout, stderr)
	defer m.Close()
	if err := m.ParseFlags(args); err != nil {
		return m.fail(err)
	}
	return m.Run(context.Background())
}

// Main is the program: its streams and environment, its flags, and what
// Run opens (monitoring, the database, the signal watch), which Close
// closes. Tests drive it with buffers, without a process.
type Main struct {
	Stdin          io.Reader // a terminal (*os.File) opens the interactive shell
	Stdout, Stderr io.Writer
	// Getenv reads the environment; .env fills in what it leaves empty.
	Getenv func(string) string

	opts options
	mon  *monitor.Monitor
	db   *query.DB
	stop func() // stops watching signals (interruptible)
}

// NewMain returns a Main on the given streams and the process environment.
func NewMain(stdin io.Reader, stdout, stderr io.Writer) *Main {
	return &Main{Stdin: stdin, Stdout: stdout, Stderr: stderr, Getenv: os.Getenv}
}

// ParseFlags reads the global flags and the one-shot command of args.
func (m *Main) ParseFlags(args []string) error {
	var err error
	m.opts, err = parseOptions(args)
	return err
}

// Run does what the flags ask and returns the exit code; errors are
// printed on Stderr. A panic is reported to Sentry and ends in an internal
// error, never a stack trace.
func (m *Main) Run(ctx context.Context) (code int) {
	if m.opts.version || m.opts.help {
		text := usage + "\n" + commands.Overview(commands.Table())
		if m.opts.version {
			info, _ := debug.ReadBuildInfo()
			text = versionText(info)
		}
		if _, err := fmt.Fprint(m.Stdout, text); err != nil {
			return m.fail(shell.OutputFailed(err))
		}
		return 0
	}
	cfg, err := config.Load(m.Getenv)
	if err != nil {
		return m.fail(err)
	}
	m.mon, err = monitor.New(monitor.Options{DSN: cfg.SentryDSN, Environment: cfg.SentryEnv, Release: "epicevents@" + Version})
	if err != nil {
		return m.fail(model.Errorf(model.EINVALID, "SENTRY_DSN: %v", err))
	}
	defer func() {
		if p := recover(); p != nil {
			m.mon.Panic(p, "main")
			code = m.fail(fmt.Errorf("panic: %v", p))
		}
	}()
	sigCtx, stop, signaled := interruptible(ctx, m.mon)
	m.stop = stop
	sh, err := m.open(sigCtx, cfg)
	if err != nil {
		return m.fail(err)
	}
	code = m.dispatch(ctx, sigCtx, sh, cfg.Home)
	// A command that a signal stopped fails with the signal's status, as
	// the program would had it been waiting for its next line.
	if s := signaled(); s != 0 && code != 0 {
		return s
	}
	return code
}

// open opens the home folder, the secret key and the database, and builds
// the shell on them; --demo fills the demo database.
func (m *Main) open(ctx context.Context, cfg *config.Config) (*shell.Shell, error) {
	if err := security.EnsureHome(cfg.Home); err != nil {
		return nil, err
	}
	url := cfg.DatabaseURL
	if m.opts.db != "" {
		url = m.opts.db
	}
	if m.opts.demo {
		url = shell.DemoURL(cfg.Home)
	}
	key, err := security.LoadSecretKey(cfg.SecretKey, cfg.Home)
	if err != nil {
		return nil, err
	}
	open := query.Open
	if len(m.opts.words) > 0 && m.opts.words[0] == "__complete" {
		// Completion only looks: a Tab after a mistyped --db, or before
		// setup, makes no database.
		open = query.OpenExisting
	}
	if m.db, err = open(ctx, url); err != nil {
		// Only a bug goes to monitoring: not a bad DATABASE_URL, nor a file
		// or server the operator must fix (EENV), which the message names.
		if model.ErrorCode(err) == model.EINTERNAL {
			m.mon.InternalError(err, "open")
		}
		return nil, err
	}
	app := commands.NewApp(m.db, cfg.Home, key)
	app.TTL, app.Getenv, app.Reporter = cfg.SessionTTL, cfg.Getenv, m.mon
	if in, ok := console.Terminal(m.Stdin); ok {
		app.Prompter = shell.TermPrompter{In: in, Err: m.Stderr}
	}
	out, outTerm := console.Terminal(m.Stdout)
	sh := &shell.Shell{App: app, Out: m.Stdout, Err: m.Stderr, Format: m.opts.format, Monitor: m.mon,
		Render: render.Options{NoColor: cfg.NoColor || !outTerm}}
	if outTerm {
		// On a terminal tables fit its width, and the interactive shell
		// and one-shot commands page (dispatch); a batch does not.
		sh.Terminal = out
		sh.Pager = pager.Command(os.LookupEnv, exec.LookPath)
	}
	if m.opts.demo {
		if err := shell.Demo(ctx, sh); err != nil {
			return nil, err
		}
	}
	return sh, nil
}

// dispatch runs the one-shot command, the -c line, the -f file, the
// interactive shell or the batch on stdin, and returns the exit code.
// Everything but the interactive shell, which handles its own signals,
// runs in sigCtx, which the signals cancel.
func (m *Main) dispatch(ctx, sigCtx context.Context, sh *shell.Shell, home string) int {
	var err error
	o := m.opts
	_, outTerm := console.Terminal(m.Stdout)
	in, inTerm := console.Terminal(m.Stdin)
	// One command on a terminal pages, as the interactive shell does; a
	// batch of them does not, each command's output on its own.
	oneLine := len(o.steps) == 1 && !o.steps[0].file
	sh.Paging = !o.noPager && (len(o.words) > 0 || oneLine || (inTerm && outTerm))
	switch {
	case len(o.words) > 0:
		err = sh.Run(sigCtx, o.words)
	case len(o.steps) > 0:
		return model.ExitCode(m.runSteps(sigCtx, sh))
	case inTerm && outTerm:
		m.stop()
		return model.ExitCode(sh.Interactive(ctx, in, home))
	default:
		return model.ExitCode(sh.Batch(sigCtx, m.Stdin, "", o.keepGoing))
	}
	if err != nil && err != shell.ErrExit {
		sh.PrintError("", err)
		return model.ExitCode(err)
	}
	return 0
}

// runSteps runs the -c lines and -f files in order, as one batch: it stops
// at the first failure, or with --keep-going runs them all, and returns
// the first failure. A failing -c line is named "-c N: " in its message
// when there are several.
func (m *Main) runSteps(ctx context.Context, sh *shell.Shell) error {
	var first error
	for i, st := range m.opts.steps {
		var err error
		switch {
		case st.file:
			err = m.runFile(ctx, sh, st.text, len(m.opts.steps) > 1)
		default:
			if err = sh.Line(ctx, st.text, m.opts.keepGoing); err != nil && err != shell.ErrExit {
				prefix := ""
				if len(m.opts.steps) > 1 {
					prefix = fmt.Sprintf("-c %d: ", i+1)
				}
				sh.PrintError(prefix, err)
			}
		}
		if err == shell.ErrExit {
			return first
		}
		if err != nil && first == nil {
			first = err
		}
		if err != nil && (!m.opts.keepGoing || model.ErrorCode(err) == model.ECANCELED) {
			break
		}
	}
	return first
}

// runFile runs the batch of -f FILE, or of standard input for "-". Among
// several steps, its messages name it: "error: FILE: line N: ...".
func (m *Main) runFile(ctx context.Context, sh *shell.Shell, name string, named bool) error {
	where := ""
	if named {
		where = name + ": "
	}
	if name == "-" {
		return sh.Batch(ctx, m.Stdin, strings.Replace(where, "-: ", "stdin: ", 1), m.opts.keepGoing)
	}
	f, _, err := shell.OpenBatch(name)
	if err != nil {
		sh.PrintError("", err)
		return err
	}
	defer f.Close()
	return sh.Batch(ctx, f, where, m.opts.keepGoing)
}

// Close closes what Run opened: the database, the signal watch, and
// monitoring last, flushing the events not sent yet.
func (m *Main) Close() error {
	var err error
	if m.db != nil {
		err = m.db.Close()
	}
	if m.stop != nil {
		m.stop()
	}
	if m.mon != nil {
		m.mon.Flush()
	}
	return err
}

// fail prints err for the operator and returns its exit code.
func (m *Main) fail(err error) int {
	fmt.Fprintf(m.Stderr, "error: %s\n", shell.Printable(model.ErrorMessage(err)))
	return model.ExitCode(err)
}

// interruptible returns a context cancelled by SIGINT, SIGTERM or SIGHUP,
// a function that stops watching, and one that returns the exit status of
// the signal received (128 plus its number), 0 while none came. The
// cancellation reaches the running command (its context reaches the database), and
// the program ends through its normal path, flushing monitoring. A batch
// blocked reading its input cannot see the cancellation: after a grace
// period the program flushes monitoring and exits by itself.
func interruptible(parent context.Context, mon *monitor.Monitor) (context.Context, func(), func() int) {
	ctx, cancel := context.WithCancel(parent)
	var status atomic.Int32
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-sigs:
			status.Store(int32(128 + int(sig.(syscall.Signal))))
			cancel()
			select {
			case <-done:
			case <-time.After(2 * time.Second):
				// The operator is still reading a pager, which Ctrl-C does
				// not end: its command returns when they leave it.
				for pager.Active() {
					time.Sleep(100 * time.Millisecond)
				}
				mon.Flush()
				os.Exit(int(status.Load()))
			}
		case <-done:
		}
	}()
	var once sync.Once
	stop := func() {
		once.Do(func() {
			signal.Stop(sigs)
			close(done)
			cancel()
		})
	}
	return ctx, stop, func() int { return int(status.Load()) }
}
