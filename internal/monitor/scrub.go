package monitor

import (
	"strings"

	"github.com/getsentry/sentry-go"
)

var (
	// digitsOnly is a number, such as the value of an id tag.
	digitsOnly = lazyPattern(`^\d+$`)
	// sensitiveKey names map keys whose values are dropped whatever they look like.
	sensitiveKey = lazyPattern(`(?i)passw|pwd|secret|token|hash|api_?key|authori[sz]ation|cookie|credential`)
)

// Scrub removes from event everything that could be a password, a hash, a token, an email
// address or a phone number: it is the BeforeSend hook of every Monitor. It redacts the message,
// the exceptions, the tags, the contexts, the breadcrumbs and the source lines of the stack
// traces, drops the request and every user field but the ID, and drops map entries whose key
// names a secret.
func Scrub(event *sentry.Event) *sentry.Event {
	if event == nil {
		return nil
	}
	event.Message = redact(event.Message)
	event.Transaction = redact(event.Transaction)
	if event.Fingerprint != nil {
		// Copied, as the slice may be the scope's.
		fingerprint := make([]string, len(event.Fingerprint))
		for i, f := range event.Fingerprint {
			fingerprint[i] = redact(f)
		}
		event.Fingerprint = fingerprint
	}
	for i := range event.Exception {
		ex := &event.Exception[i]
		ex.Value = redact(ex.Value)
		ex.Type = redact(ex.Type)
		scrubStacktrace(ex.Stacktrace)
	}
	for i := range event.Threads {
		scrubStacktrace(event.Threads[i].Stacktrace)
	}
	event.Tags = scrubTags(event.Tags)
	if event.Contexts != nil {
		contexts := make(map[string]sentry.Context, len(event.Contexts))
		for k, c := range event.Contexts {
			if !sensitiveKey.MatchString(k) {
				contexts[k] = scrubMap(c)
			}
		}
		event.Contexts = contexts
	}
	// Breadcrumbs may be shared with the scope, so they are copied rather than changed.
	if len(event.Breadcrumbs) > 0 {
		breadcrumbs := make([]*sentry.Breadcrumb, 0, len(event.Breadcrumbs))
		for _, b := range event.Breadcrumbs {
			if b = scrubBreadcrumb(b); b != nil {
				breadcrumbs = append(breadcrumbs, b)
			}
		}
		event.Breadcrumbs = breadcrumbs
	}
	event.Request = nil
	event.User = sentry.User{ID: event.User.ID}
	return event
}

// scrubBreadcrumb returns a scrubbed copy of b: it is the BeforeBreadcrumb hook of every Monitor.
func scrubBreadcrumb(b *sentry.Breadcrumb) *sentry.Breadcrumb {
	if b == nil {
		return nil
	}
	c := *b
	c.Message = redact(c.Message)
	c.Data = scrubMap(c.Data)
	return &c
}

// scrubTags redacts tag values and drops the tags whose key names a secret. Id tags such as
// actor_id hold numbers the monitor wrote itself, which are kept as they are.
func scrubTags(tags map[string]string) map[string]string {
	if tags == nil {
		return nil
	}
	out := make(map[string]string, len(tags))
	for k, v := range tags {
		switch {
		case sensitiveKey.MatchString(k):
		case strings.HasSuffix(k, "_id") && digitsOnly.MatchString(v):
			out[k] = v
		default:
			out[k] = redact(v)
		}
	}
	return out
}

// scrubMap returns a scrubbed copy of m, without the entries whose key names a secret.
func scrubMap(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		if !sensitiveKey.MatchString(k) {
			out[k] = scrubValue(v)
		}
	}
	return out
}

// scrubValue redacts the strings found in v. Numbers, booleans and other types pass unchanged.
func scrubValue(v any) any {
	switch v := v.(type) {
	case string:
		return redact(v)
	case []string:
		out := make([]string, len(v))
		for i, s := range v {
			out[i] = redact(s)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = scrubValue(e)
		}
		return out
	case map[string]any:
		return scrubMap(v)
	case map[string]string:
		return scrubTags(v)
	default:
		return v
	}
}

// scrubStacktrace redacts the source lines and variables of st, which could quote a secret.
func scrubStacktrace(st *sentry.Stacktrace) {
	if st == nil {
		return
	}
	for i := range st.Frames {
		f := &st.Frames[i]
		f.ContextLine = redact(f.ContextLine)
		for j := range f.PreContext {
			f.PreContext[j] = redact(f.PreContext[j])
		}
		for j := range f.PostContext {
			f.PostContext[j] = redact(f.PostContext[j])
		}
		f.Vars = scrubMap(f.Vars)
	}
}
