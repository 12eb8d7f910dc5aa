// Command epicevents is the CRM of Epic Events: a secure shell in which a
// collaborator logs in once and works on clients, contracts and events.
//
// main.go is wiring only: read the flags and the configuration, open the
// store, build the services, and start the shell, a batch or one command.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/term"

	"epicevents/commands"
	"epicevents/internal/monitor"
	"epicevents/model"
	"epicevents/query"
	"epicevents/security"
	"epicevents/shell"
	"epicevents/shell/render"
)

// Version is the program's version, also the release reported to Sentry.
const Version = "0.1.0"

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

// options are the global flags.
type options struct {
	format    render.Format
	keepGoing bool
	db        string
	line      string // -c
	file      string // -f
	demo      bool
	version   bool
	help      bool
	words     []string // a one-shot command
}

func parseOptions(args []string) (options, error) {
	o := options{format: render.Table}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") || a == "-" {
			o.words = args[i:]
			break
		}
		if a == "--" {
			o.words = args[i+1:]
			break
		}
		name, value, hasValue := strings.Cut(a, "=")
		needValue := func() (string, error) {
			if hasValue {
				return value, nil
			}
			if i+1 >= len(args) {
				return "", model.Errorf(model.EUSAGE, "%s needs a value", name)
			}
			i++
			return args[i], nil
		}
		var err error
		switch name {
		case "--format":
			var v string
			if v, err = needValue(); err == nil {
				o.format, err = render.ParseFormat(v)
			}
		case "-c":
			o.line, err = needValue()
		case "-f":
			o.file, err = needValue()
		case "--db":
			o.db, err = needValue()
		case "--keep-going":
			o.keepGoing = true
		case "--demo":
			o.demo = true
		case "--version":
			o.version = true
		case "--help", "-h":
			o.help = true
		default:
			err = model.Errorf(model.EUSAGE, "unknown flag %s: see epicevents --help", a)
		}
		if err != nil {
			return o, err
		}
	}
	return o, nil
}

const usage = `Usage:
  epicevents                     interactive shell on a terminal; otherwise commands from stdin
  epicevents COMMAND [ARGS...]   run one command and exit
  epicevents -c 'LINE'           run one command line and exit
  epicevents -f FILE             run the commands in FILE (batch)
  epicevents --demo              open the shell on a demo database full of sample data

Global flags: --format table|json|csv, --keep-going, --db URL, --version, --help
`

func run(args []string, stdin *os.File, stdout, stderr io.Writer) (code int) {
	fail := func(err error) int {
		fmt.Fprintf(stderr, "error: %s\n", model.ErrorMessage(err))
		return model.ExitCode(err)
	}
	o, err := parseOptions(args)
	if err != nil {
		return fail(err)
	}
	if o.version {
		fmt.Fprintln(stdout, "epicevents", Version)
		return 0
	}
	if o.help {
		fmt.Fprint(stdout, usage+"\n"+commands.Overview(commands.Table()))
		return 0
	}
	cfg, err := shell.LoadConfig(os.Getenv)
	if err != nil {
		return fail(err)
	}
	mon, err := monitor.New(monitor.Options{DSN: cfg.SentryDSN, Environment: cfg.SentryEnv, Release: "epicevents@" + Version})
	if err != nil {
		return fail(model.Errorf(model.EINVALID, "SENTRY_DSN: %v", err))
	}
	defer mon.Flush()
	defer func() {
		if p := recover(); p != nil {
			mon.Panic(p, "main")
			code = fail(fmt.Errorf("panic: %v", p))
		}
	}()
	ctx, stop := interruptible(mon)
	defer stop()

	if err := security.EnsureHome(cfg.Home); err != nil {
		return fail(err)
	}
	url := cfg.DatabaseURL
	if o.db != "" {
		url = o.db
	}
	if o.demo {
		url = shell.DemoURL(cfg.Home)
	}
	key, err := security.LoadSecretKey(cfg.SecretKey, cfg.Home)
	if err != nil {
		return fail(err)
	}
	db, err := query.Open(ctx, url)
	if err != nil {
		mon.InternalError(err, "open")
		return fail(err)
	}
	defer db.Close()

	app := commands.NewApp(db, cfg.Home, key)
	app.TTL, app.Getenv, app.Reporter = cfg.SessionTTL, cfg.Getenv, mon
	interactive := term.IsTerminal(int(stdin.Fd()))
	if interactive {
		app.Prompter = shell.TermPrompter{In: stdin, Err: stderr}
	}
	sh := &shell.Shell{App: app, Out: stdout, Err: stderr, Format: o.format, Monitor: mon,
		Render: render.Options{NoColor: cfg.NoColor || !isTerminal(stdout)}}
	if o.demo {
		if err := shell.Demo(ctx, sh); err != nil {
			return fail(err)
		}
	}
	switch {
	case len(o.words) > 0:
		err = sh.Run(ctx, o.words)
	case o.line != "":
		err = sh.Line(ctx, o.line, false)
	case o.file != "":
		f, ferr := os.Open(o.file)
		if ferr != nil {
			return fail(model.Errorf(model.ENOTFOUND, "cannot open %s", o.file))
		}
		defer f.Close()
		return model.ExitCode(sh.Batch(ctx, f, "", o.keepGoing))
	case interactive && isTerminal(stdout):
		stop() // the shell handles its own signals
		return model.ExitCode(sh.Interactive(context.Background(), stdin, cfg.Home))
	default:
		return model.ExitCode(sh.Batch(ctx, stdin, "", o.keepGoing))
	}
	if err != nil && err != shell.ErrExit {
		sh.PrintError("", err)
		return model.ExitCode(err)
	}
	return 0
}

// interruptible returns a context cancelled by SIGINT, SIGTERM or SIGHUP,
// so that the running command stops (its context reaches the database) and
// the program ends through its normal path, flushing monitoring. A batch
// blocked reading its input cannot see the cancellation: after a grace
// period the program flushes monitoring and exits by itself.
func interruptible(mon *monitor.Monitor) (context.Context, func()) {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-sigs:
			cancel()
			select {
			case <-done:
			case <-time.After(2 * time.Second):
				mon.Flush()
				os.Exit(128 + int(sig.(syscall.Signal)))
			}
		case <-done:
		}
	}()
	var once sync.Once
	return ctx, func() {
		once.Do(func() {
			signal.Stop(sigs)
			close(done)
			cancel()
		})
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
