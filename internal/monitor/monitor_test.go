package monitor

import (
	"encoding/json"
	"epicevents/internal/sentrytest"
	"errors"
	"strings"
	"testing"

	"github.com/getsentry/sentry-go"
)

// testDSN is never dialled: the tests replace the transport.
const testDSN = "https://public@sentry.invalid/1"

// MustOpenMonitor returns an enabled Monitor whose events land in the returned transport.
func MustOpenMonitor(t *testing.T) (*Monitor, *sentry.MockTransport) {
	t.Helper()
	transport := &sentry.MockTransport{}
	m, err := New(Options{DSN: testDSN, Environment: "test", Release: "epicevents@test", Transport: transport})
	if err != nil {
		t.Fatal(err)
	}
	if !m.Enabled() {
		t.Fatal("monitor with a DSN is disabled")
	}
	return m, transport
}

// mustOneEvent returns the only event sent, and its JSON encoding without the source lines
// of its stack traces, which quote this test's code.
func mustOneEvent(t *testing.T, transport *sentry.MockTransport) (*sentry.Event, string) {
	t.Helper()
	events := transport.Events()
	if len(events) != 1 {
		t.Fatalf("sent %d events, want 1", len(events))
	}
	event := *events[0]
	event.Exception = append([]sentry.Exception(nil), event.Exception...)
	for i, ex := range event.Exception {
		if ex.Stacktrace != nil {
			st := &sentry.Stacktrace{Frames: append([]sentry.Frame(nil), ex.Stacktrace.Frames...)}
			for j := range st.Frames {
				st.Frames[j].PreContext, st.Frames[j].ContextLine, st.Frames[j].PostContext = nil, "", nil
			}
			event.Exception[i].Stacktrace = st
		}
	}
	event.Threads = nil
	b, err := json.Marshal(&event)
	if err != nil {
		t.Fatal(err)
	}
	return events[0], string(b)
}

func assertTags(t *testing.T, event *sentry.Event, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if got := event.Tags[k]; got != v {
			t.Errorf("tag %s = %q, want %q", k, got, v)
		}
	}
}

// hasStack reports whether an exception of event carries a stack trace with frames.
func hasStack(event *sentry.Event) bool {
	for _, ex := range event.Exception {
		if ex.Stacktrace != nil && len(ex.Stacktrace.Frames) > 0 {
			return true
		}
	}
	return false
}

func TestInternalError(t *testing.T) {
	m, transport := MustOpenMonitor(t)
	m.InternalError(errors.New("disk I/O error"), "user create --email alice@example.com --phone 0612345678")

	event, raw := mustOneEvent(t, transport)
	if event.Level != sentry.LevelError {
		t.Errorf("level = %q, want error", event.Level)
	}
	if len(event.Exception) == 0 || event.Exception[len(event.Exception)-1].Value != "disk I/O error" {
		t.Errorf("exception = %+v, want the error", event.Exception)
	}
	if !hasStack(event) {
		t.Error("exception without stack trace")
	}
	assertTags(t, event, map[string]string{"command": "user create"})
	for _, arg := range []string{"alice", "0612345678", "--email"} {
		if strings.Contains(raw, arg) {
			t.Errorf("event carries the argument %q: %s", arg, raw)
		}
	}
	if event.Environment != "test" || event.Release != "epicevents@test" {
		t.Errorf("environment, release = %q, %q", event.Environment, event.Release)
	}
}

// TestNothingToReport: a nil error, and a recover() that found no panic,
// send nothing.
func TestNothingToReport(t *testing.T) {
	for name, report := range map[string]func(*Monitor){
		"NilError": func(m *Monitor) { m.InternalError(nil, "user list") },
		"NoPanic":  func(m *Monitor) { m.Panic(nil, "user list") },
	} {
		t.Run(name, func(t *testing.T) {
			m, transport := MustOpenMonitor(t)
			report(m)
			if n := len(transport.Events()); n != 0 {
				t.Fatalf("sent %d events", n)
			}
		})
	}
}

func TestPanic(t *testing.T) {
	for _, tc := range []struct {
		name  string
		value any
		want  string
	}{
		{"String", "boom", "panic: boom"},
		{"Error", errors.New("nil map"), "nil map"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, transport := MustOpenMonitor(t)
			func() {
				defer func() { m.Panic(recover(), "contract sign 42") }()
				panic(tc.value)
			}()

			event, raw := mustOneEvent(t, transport)
			if event.Level != sentry.LevelFatal {
				t.Errorf("level = %q, want fatal", event.Level)
			}
			ex := event.Exception[len(event.Exception)-1]
			if ex.Value != tc.want {
				t.Errorf("exception value = %q, want %q", ex.Value, tc.want)
			}
			if ex.Mechanism == nil || ex.Mechanism.Type != "panic" || ex.Mechanism.Handled == nil || *ex.Mechanism.Handled {
				t.Errorf("mechanism = %+v, want an unhandled panic", ex.Mechanism)
			}
			if !hasStack(event) {
				t.Error("exception without stack trace")
			}
			if !strings.Contains(raw, "TestPanic") {
				t.Error("stack trace does not reach the panicking function")
			}
			assertTags(t, event, map[string]string{"command": "contract sign"})
		})
	}
}

func TestCollaboratorChanged(t *testing.T) {
	for _, tc := range []struct {
		action, message string
		fields          []string
	}{
		{"create", "collaborator created", []string{"username", "email", "department"}},
		{"update", "collaborator updated", []string{"email", "phone"}},
		{"delete", "collaborator deleted", nil},
	} {
		t.Run(tc.action, func(t *testing.T) {
			m, transport := MustOpenMonitor(t)
			// The value smuggled in as a field name must not be sent.
			m.CollaboratorChanged(tc.action, 12, 34, "support", append(tc.fields, "email=bob@example.com"))

			event, raw := mustOneEvent(t, transport)
			if event.Level != sentry.LevelInfo || event.Message != tc.message {
				t.Errorf("level, message = %q, %q, want info, %q", event.Level, event.Message, tc.message)
			}
			assertTags(t, event, map[string]string{
				"action":          tc.action,
				"actor_id":        "12",
				"collaborator_id": "34",
				"department":      "support",
				"fields":          strings.Join(tc.fields, ","),
			})
			c := event.Contexts["collaborator"]
			if c["actor_id"] != int64(12) || c["collaborator_id"] != int64(34) || c["department"] != "support" {
				t.Errorf("collaborator context = %v", c)
			}
			if strings.Contains(raw, "bob") {
				t.Errorf("event carries a field value: %s", raw)
			}
		})
	}
}

func TestContractSigned(t *testing.T) {
	m, transport := MustOpenMonitor(t)
	m.ContractSigned(3, 42, 7)

	event, _ := mustOneEvent(t, transport)
	if event.Level != sentry.LevelInfo || event.Message != "contract signed" {
		t.Errorf("level, message = %q, %q", event.Level, event.Message)
	}
	if len(event.Exception) != 0 {
		t.Errorf("message event with exceptions: %+v", event.Exception)
	}
	assertTags(t, event, map[string]string{"actor_id": "3", "contract_id": "42", "client_id": "7"})
}

func TestLoginLocked(t *testing.T) {
	m, transport := MustOpenMonitor(t)
	m.LoginLocked("alice")

	event, _ := mustOneEvent(t, transport)
	if event.Level != sentry.LevelWarning || event.Message != "username locked out after repeated failed logins" {
		t.Errorf("level, message = %q, %q", event.Level, event.Message)
	}
	assertTags(t, event, map[string]string{"username": "alice"})
}

func TestLoginLocked_EmailUsername(t *testing.T) {
	m, transport := MustOpenMonitor(t)
	m.LoginLocked("alice@example.com")

	event, raw := mustOneEvent(t, transport)
	assertTags(t, event, map[string]string{"username": redacted})
	if strings.Contains(raw, "alice@example.com") {
		t.Errorf("event carries the email: %s", raw)
	}
}

// exercise calls every report of m.
func exercise(m *Monitor) {
	m.InternalError(errors.New("boom"), "user list")
	m.Panic("boom", "user list")
	m.CollaboratorChanged("create", 1, 2, "sales", []string{"email"})
	m.ContractSigned(1, 2, 3)
	m.LoginLocked("alice")
	m.Flush()
}

func TestDisabled(t *testing.T) {
	for _, dsn := range []string{"", "   "} {
		m, err := New(Options{DSN: dsn, Transport: &sentry.MockTransport{}})
		if err != nil {
			t.Fatal(err)
		}
		if m.Enabled() {
			t.Fatalf("monitor with DSN %q is enabled", dsn)
		}
		exercise(m)
	}
}

func TestDisabled_SendsNothing(t *testing.T) {
	fake := sentrytest.NewFakeSentry()
	defer fake.Close()
	// Even with SENTRY_DSN in the environment, an empty DSN sends nothing.
	t.Setenv("SENTRY_DSN", fake.DSN())
	m, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	exercise(m)
	if raw := fake.Raw(); raw != "" {
		t.Fatalf("disabled monitor sent %q", raw)
	}
}

func TestNilMonitor(t *testing.T) {
	var m *Monitor
	if m.Enabled() {
		t.Fatal("nil monitor is enabled")
	}
	exercise(m)
}

func TestNew_BadDSN(t *testing.T) {
	if _, err := New(Options{DSN: "not a dsn"}); err == nil {
		t.Fatal("New accepted a malformed DSN")
	}
}

func TestNew_DefaultRelease(t *testing.T) {
	transport := &sentry.MockTransport{}
	m, err := New(Options{DSN: testDSN, Transport: transport})
	if err != nil {
		t.Fatal(err)
	}
	m.ContractSigned(1, 2, 3)
	event, _ := mustOneEvent(t, transport)
	if !strings.HasPrefix(event.Release, "epicevents@") {
		t.Errorf("release = %q, want epicevents@...", event.Release)
	}
}

func TestCommandName(t *testing.T) {
	for in, want := range map[string]string{
		"user list":                       "user list",
		"user create --email a@b.example": "user create",
		"contract sign 42":                "contract sign",
		"client show 7 --format json":     "client show",
		"event update 3 notes=\"x\"":      "event update",
		"whoami":                          "whoami",
		"  logout  ":                      "logout",
		"":                                "unknown",
		"--help":                          "unknown",
	} {
		if got := commandName(in); got != want {
			t.Errorf("commandName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestConcurrentReports(t *testing.T) {
	m, transport := MustOpenMonitor(t)
	done := make(chan struct{})
	for range 8 {
		go func() {
			defer func() { done <- struct{}{} }()
			m.ContractSigned(1, 2, 3)
			m.InternalError(errors.New("boom"), "user list")
		}()
	}
	for range 8 {
		<-done
	}
	m.Flush()
	if n := len(transport.Events()); n != 16 {
		t.Fatalf("sent %d events, want 16", n)
	}
}
