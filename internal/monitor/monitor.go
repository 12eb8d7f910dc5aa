// Package monitor reports unexpected errors, panics and sensitive business changes to Sentry,
// after scrubbing every event of passwords, hashes, tokens, email addresses and phone numbers.
package monitor

import (
	"runtime/debug"
	"strings"
	"time"

	"github.com/getsentry/sentry-go"
)

// flushTimeout bounds how long the program waits for Sentry before it exits.
const flushTimeout = 2 * time.Second

// Monitor reports to Sentry. A Monitor built from an empty DSN is a no-op: nothing is sent and
// nothing is slowed. Every method is safe on a nil Monitor and from several goroutines.
type Monitor struct {
	// hub is nil when monitoring is disabled. It owns its client and scope: the monitor never
	// touches sentry-go's global hub.
	hub *sentry.Hub
}

// Options configures a Monitor.
type Options struct {
	// DSN is the Sentry project's DSN; empty disables monitoring.
	DSN string
	// Environment names the deployment, such as "production".
	Environment string
	// Release names the program version; empty means one derived from the build information.
	Release string
	// Transport replaces the default HTTP transport; tests only, nil means the default.
	Transport sentry.Transport
}

// New returns a Monitor for opts. It returns a disabled Monitor when opts.DSN is empty and an
// error when the DSN cannot be parsed.
func New(opts Options) (*Monitor, error) {
	dsn := strings.TrimSpace(opts.DSN)
	if dsn == "" {
		return &Monitor{}, nil
	}
	release := opts.Release
	if release == "" {
		// Set here so that sentry-go does not shell out to git to guess one.
		release = defaultRelease()
	}
	client, err := sentry.NewClient(sentry.ClientOptions{
		Dsn:                  dsn,
		Environment:          opts.Environment,
		Release:              release,
		Transport:            opts.Transport,
		SendDefaultPII:       false,
		AttachStacktrace:     true,
		DisableClientReports: true,
		// sentry-go's newer telemetry buffer loses an event now and then
		// when the program flushes and exits at once (seen here in about
		// one run in four); the classic HTTP transport's Flush waits for
		// every queued event.
		DisableTelemetryBuffer: true,
		BeforeSend: func(event *sentry.Event, _ *sentry.EventHint) *sentry.Event {
			return Scrub(event)
		},
		BeforeBreadcrumb: func(b *sentry.Breadcrumb, _ *sentry.BreadcrumbHint) *sentry.Breadcrumb {
			return scrubBreadcrumb(b)
		},
	})
	if err != nil {
		return nil, err
	}
	return &Monitor{hub: sentry.NewHub(client, sentry.NewScope())}, nil
}

// Enabled reports whether the Monitor sends events to Sentry.
func (m *Monitor) Enabled() bool {
	return m != nil && m.hub != nil
}

// Flush waits at most 2 seconds for the events reported so far to reach Sentry. The program
// calls it before it exits.
func (m *Monitor) Flush() {
	if !m.Enabled() {
		return
	}
	m.hub.Flush(flushTimeout)
}

// capture sends event with tags, which the caller builds as plain strings.
func (m *Monitor) capture(event *sentry.Event, tags map[string]string) {
	if event.Tags == nil {
		event.Tags = make(map[string]string, len(tags))
	}
	for k, v := range tags {
		event.Tags[k] = v
	}
	m.hub.CaptureEvent(event)
}

// commandWord is one word of a command name such as "user create".
var commandWord = lazyPattern(`^[a-z][a-z0-9_-]*$`)

// commandName keeps the name of a command and drops anything that looks like its arguments,
// in case a caller hands over a whole command line: at most two plain lower-case words, and
// nothing from the first flag, number, quote or other character on.
func commandName(command string) string {
	var words []string
	for _, w := range strings.Fields(command) {
		if len(words) == 2 || !commandWord.MatchString(w) {
			break
		}
		words = append(words, w)
	}
	if len(words) == 0 {
		return "unknown"
	}
	return strings.Join(words, " ")
}

// defaultRelease names the running build from its embedded version control information.
func defaultRelease() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "epicevents@dev"
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && s.Value != "" {
			return "epicevents@" + s.Value
		}
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return "epicevents@" + v
	}
	return "epicevents@dev"
}
