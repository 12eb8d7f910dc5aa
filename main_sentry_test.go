package main

import (
	"database/sql"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"epicevents/internal/sentrytest"
)

// TestSentryScripts runs testdata/sentry/*.txtar with SENTRY_DSN pointing
// at a local server that plays Sentry's ingestion endpoint, and asserts the
// envelopes it received with the sentry command.
func TestSentryScripts(t *testing.T) {
	p := scriptParams("testdata/sentry")
	setup := p.Setup
	p.Setup = func(env *testscript.Env) error {
		if err := setup(env); err != nil {
			return err
		}
		fake := sentrytest.NewFakeSentry()
		env.Defer(fake.Close)
		env.Values["sentry"] = fake
		env.Setenv("SENTRY_DSN", fake.DSN())
		env.Setenv("SENTRY_ENVIRONMENT", "test")
		return nil
	}
	p.Cmds["sentry"] = sentryCmd
	p.Cmds["sqlexec"] = sqlExec
	testscript.Run(t, p)
}

// sentryCmd checks what the fake Sentry received:
//
//	sentry count N                        N events in all
//	sentry event REGEXP [TAG=VALUE...]    exactly one event whose message or exception matches, with these tags
//	sentry clean WORD...                  none of the words, nor a JWT or bcrypt hash, anywhere in the envelopes
func sentryCmd(ts *testscript.TestScript, neg bool, args []string) {
	fake := ts.Value("sentry").(*sentrytest.FakeSentry)
	if len(args) < 1 {
		ts.Fatalf("usage: sentry count|event|clean ...")
	}
	switch args[0] {
	case "count":
		if got := len(fake.Events()); (args[1] == itoa(got)) == neg {
			ts.Fatalf("%d events received, want %s", got, args[1])
		}
	case "event":
		re := regexp.MustCompile(args[1])
		// The program has exited, but the server may still be handling its
		// last request: wait a little for it.
		var found []map[string]any
		for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
			found = found[:0]
			for _, e := range fake.Events() {
				if re.MatchString(eventText(e)) && hasTags(e, args[2:]) {
					found = append(found, e)
				}
			}
			if len(found) > 0 || time.Now().After(deadline) {
				break
			}
		}
		if len(found) != 1 {
			ts.Fatalf("%d events match %q with tags %v, want 1; got:\n%s", len(found), args[1], args[2:], summary(fake.Events()))
		}
		b, _ := json.Marshal(found[0])
		ts.Logf("event: %s", b)
	case "clean":
		raw := fake.Raw()
		for _, w := range args[1:] {
			if strings.Contains(strings.ToLower(raw), strings.ToLower(w)) {
				ts.Fatalf("%q was sent to Sentry", w)
			}
		}
		for _, re := range []*regexp.Regexp{
			regexp.MustCompile(`eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.`),
			regexp.MustCompile(`\$2[aby]\$\d\d\$`),
		} {
			if m := re.FindString(raw); m != "" {
				ts.Fatalf("a secret was sent to Sentry: %s", m)
			}
		}
	default:
		ts.Fatalf("unknown sentry check %s", args[0])
	}
}

// hasTags reports whether the event has every TAG=VALUE of kvs.
func hasTags(e map[string]any, kvs []string) bool {
	tags, _ := e["tags"].(map[string]any)
	for _, kv := range kvs {
		k, v, _ := strings.Cut(kv, "=")
		if got, _ := tags[k].(string); got != v {
			return false
		}
	}
	return true
}

// eventText is the message of a message event, or the type and value of
// each exception.
func eventText(e map[string]any) string {
	var parts []string
	if m, ok := e["message"].(string); ok {
		parts = append(parts, m)
	}
	if x, ok := e["exception"].(map[string]any); ok {
		if vals, ok := x["values"].([]any); ok {
			for _, v := range vals {
				if m, ok := v.(map[string]any); ok {
					parts = append(parts, "exception: "+str(m["type"])+": "+str(m["value"]))
				}
			}
		}
	}
	if x, ok := e["exception"].([]any); ok {
		for _, v := range x {
			if m, ok := v.(map[string]any); ok {
				parts = append(parts, "exception: "+str(m["type"])+": "+str(m["value"]))
			}
		}
	}
	return strings.Join(parts, "\n")
}

func summary(events []map[string]any) string {
	var b strings.Builder
	for _, e := range events {
		tags, _ := json.Marshal(e["tags"])
		b.WriteString("- " + strings.ReplaceAll(eventText(e), "\n", " | ") + " " + string(tags) + "\n")
	}
	return b.String()
}

func str(v any) string { s, _ := v.(string); return s }

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// sqlExec runs SQL on a SQLite file behind the program's back, to force
// failures that no command can cause: sqlexec DB SQL.
func sqlExec(ts *testscript.TestScript, neg bool, args []string) {
	db, err := sql.Open("sqlite3", ts.MkAbs(args[0]))
	ts.Check(err)
	defer db.Close()
	_, err = db.Exec(args[1])
	ts.Check(err)
}
