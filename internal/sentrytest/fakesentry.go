// Package sentrytest plays a Sentry server for tests. It lives apart from
// package monitor so that the program's binary does not carry it.
package sentrytest

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
)

// FakeSentry plays the envelope ingestion endpoint of a Sentry server (POST
// /api/<project>/envelope/) on a local port, for tests that run the program with SENTRY_DSN
// pointing at it. It is safe for concurrent use.
type FakeSentry struct {
	server *httptest.Server
	mu     sync.Mutex
	events []map[string]any
	raw    strings.Builder
}

// envelopePath is the ingestion path that sentry-go derives from a DSN.
var envelopePath = regexp.MustCompile(`^/api/[^/]+/envelope/?$`)

// NewFakeSentry starts a FakeSentry. The caller must Close it.
func NewFakeSentry() *FakeSentry {
	f := &FakeSentry{}
	f.server = httptest.NewServer(http.HandlerFunc(f.serve))
	return f
}

// DSN returns the DSN that sends events to f, such as http://public@127.0.0.1:41234/1.
func (f *FakeSentry) DSN() string {
	return "http://public@" + strings.TrimPrefix(f.server.URL, "http://") + "/1"
}

// Events returns the event items received so far, each decoded from its JSON payload.
func (f *FakeSentry) Events() []map[string]any {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]map[string]any(nil), f.events...)
}

// Raw returns every request body received so far, decompressed and concatenated, for tests
// that check that no secret was sent anywhere.
func (f *FakeSentry) Raw() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.raw.String()
}

// Close shuts the server down.
func (f *FakeSentry) Close() {
	f.server.Close()
}

func (f *FakeSentry) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || !envelopePath.MatchString(r.URL.Path) {
		http.NotFound(w, r)
		return
	}
	body, err := readBody(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	events, err := parseEnvelope(body)
	f.mu.Lock()
	f.raw.Write(body)
	f.raw.WriteByte('\n')
	f.events = append(f.events, events...)
	f.mu.Unlock()
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, `{}`)
}

// readBody returns the request body, decompressed according to its Content-Encoding.
func readBody(r *http.Request) ([]byte, error) {
	var body io.Reader = r.Body
	switch strings.ToLower(r.Header.Get("Content-Encoding")) {
	case "", "identity":
	case "gzip":
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			return nil, err
		}
		body = zr
	case "deflate":
		// HTTP's deflate is zlib-wrapped, but some clients send raw deflate.
		raw, err := io.ReadAll(r.Body)
		if err != nil {
			return nil, err
		}
		zr, err := zlib.NewReader(bytes.NewReader(raw))
		if err != nil {
			return io.ReadAll(flate.NewReader(bytes.NewReader(raw)))
		}
		body = zr
	default:
		return nil, errors.New("unsupported Content-Encoding")
	}
	return io.ReadAll(body)
}

// parseEnvelope returns the event items of a Sentry envelope: a header line, then for each
// item a header line and a payload, either of the header's length or up to the next newline.
func parseEnvelope(body []byte) ([]map[string]any, error) {
	br := bufio.NewReader(bytes.NewReader(body))
	if _, err := br.ReadBytes('\n'); err != nil {
		return nil, errors.New("envelope without header")
	}
	var events []map[string]any
	for {
		line, err := br.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) == 0 {
			if err != nil {
				return events, nil
			}
			continue
		}
		var header struct {
			Type   string `json:"type"`
			Length *int   `json:"length"`
		}
		if err := json.Unmarshal(line, &header); err != nil {
			return events, err
		}
		var payload []byte
		if header.Length != nil {
			payload = make([]byte, *header.Length)
			if _, err := io.ReadFull(br, payload); err != nil {
				return events, err
			}
		} else if payload, err = br.ReadBytes('\n'); err != nil && err != io.EOF {
			return events, err
		}
		if header.Type == "event" {
			var event map[string]any
			if err := json.Unmarshal(payload, &event); err != nil {
				return events, err
			}
			events = append(events, event)
		}
	}
}
