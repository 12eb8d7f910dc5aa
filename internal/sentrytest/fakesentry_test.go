package sentrytest

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"epicevents/internal/monitor"
	"errors"
	"net/http"
	"strings"
	"testing"
)

// secretEmail is personal data that must never reach Sentry.
const secretEmail = "alice.martin+crm@example.co.uk"

func TestFakeSentry(t *testing.T) {
	fake := NewFakeSentry()
	defer fake.Close()
	if !strings.HasPrefix(fake.DSN(), "http://public@127.0.0.1:") || !strings.HasSuffix(fake.DSN(), "/1") {
		t.Fatalf("DSN = %q", fake.DSN())
	}
	m, err := monitor.New(monitor.Options{DSN: fake.DSN(), Environment: "e2e"})
	if err != nil {
		t.Fatal(err)
	}
	m.InternalError(errors.New("database is locked for "+secretEmail), "user create --email "+secretEmail)
	m.ContractSigned(3, 42, 7)
	m.Flush()

	events := fake.Events()
	if len(events) != 2 {
		t.Fatalf("received %d events, want 2; raw: %s", len(events), fake.Raw())
	}
	byMessage := map[string]map[string]any{}
	for _, e := range events {
		msg, _ := e["message"].(string)
		byMessage[msg] = e
	}
	signed := byMessage["contract signed"]
	if signed == nil {
		t.Fatalf("no contract signed event in %v", events)
	}
	tags, _ := signed["tags"].(map[string]any)
	if tags["contract_id"] != "42" || signed["level"] != "info" || signed["environment"] != "e2e" {
		t.Errorf("contract signed event = %v", signed)
	}
	failed := byMessage[""]
	if ex, _ := failed["exception"].([]any); len(ex) == 0 {
		t.Errorf("internal error event without exception: %v", failed)
	}
	raw := fake.Raw()
	if !strings.Contains(raw, "database is locked for [redacted]") {
		t.Errorf("raw bodies lack the scrubbed error: %s", raw)
	}
	if strings.Contains(raw, "alice.martin") {
		t.Errorf("raw bodies carry the email: %s", raw)
	}
}

// envelope is an event envelope as sentry-go writes one, the second item without a length.
const envelope = `{"event_id":"0123456789abcdef0123456789abcdef"}
{"type":"event","length":25}
{"message":"with length"}
{"type":"client_report"}
{"discarded_events":[]}
{"type":"event"}
{"message":"no length"}
`

func TestFakeSentry_Encodings(t *testing.T) {
	var gz, zl bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write([]byte(envelope))
	w.Close()
	z := zlib.NewWriter(&zl)
	z.Write([]byte(envelope))
	z.Close()

	for _, tc := range []struct {
		name, encoding string
		body           []byte
	}{
		{"Plain", "", []byte(envelope)},
		{"Gzip", "gzip", gz.Bytes()},
		{"Deflate", "deflate", zl.Bytes()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake := NewFakeSentry()
			defer fake.Close()
			url := strings.Replace(fake.DSN(), "public@", "", 1)
			url = strings.TrimSuffix(url, "/1") + "/api/1/envelope/"
			req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(tc.body))
			if tc.encoding != "" {
				req.Header.Set("Content-Encoding", tc.encoding)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d", resp.StatusCode)
			}
			events := fake.Events()
			if len(events) != 2 || events[0]["message"] != "with length" || events[1]["message"] != "no length" {
				t.Errorf("events = %v", events)
			}
			if fake.Raw() != envelope+"\n" {
				t.Errorf("raw = %q", fake.Raw())
			}
		})
	}
}

func TestFakeSentry_WrongPath(t *testing.T) {
	fake := NewFakeSentry()
	defer fake.Close()
	url := strings.Replace(fake.DSN(), "public@", "", 1)
	resp, err := http.Post(strings.TrimSuffix(url, "/1")+"/api/1/store/", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound || len(fake.Events()) != 0 {
		t.Fatalf("status %d, events %v", resp.StatusCode, fake.Events())
	}
}
