package monitor

import (
	"strings"
)

// redacted replaces whatever the scrubber hides.
const redacted = "[redacted]"

var (
	// secretAssignment finds `password=...`, `"password": "..."`, `EPICEVENTS_PASSWORD=...`,
	// `secret_key=...` and the like. The key stays, so a reader knows what was hidden. A colon
	// counts only after a quoted key or right before the value, so that Go error chains such as
	// "open secret.key: permission denied" survive.
	secretAssignment = lazyPattern(`(?i)([a-z0-9_.-]*(?:passw|pwd|secret|token|api_?key|credential)[a-z0-9_.-]*)(\s*:?=\s*|["']\s*:\s*|:)(\[redacted\]|"(?:[^"\\]|\\.)*"|'[^']*'|[^\s"',;&)}\]]+)`)
	// secretFlag finds `--password VALUE` and the like.
	secretFlag = lazyPattern(`(?i)(--?[a-z0-9_-]*(?:passw|secret|token)[a-z0-9_-]*)(\s+)(\[redacted\]|[^\s-]\S*)`)
	// bearer finds the credentials of an Authorization header.
	bearer = lazyPattern(`(?i)\b(bearer\s+)([A-Za-z0-9._~+/=-]+)`)
	// urlPassword finds the password of a URL such as postgres://user:password@host/db.
	urlPassword = lazyPattern(`(?i)([a-z][a-z0-9+.-]*://[^/\s:@]*):([^/\s@]+)@`)
	// jwt finds a JSON Web Token: three base64url parts, the first an encoded JSON object.
	jwt = lazyPattern(`eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*`)
	// bcryptHash finds a bcrypt hash such as $2b$12$...
	bcryptHash = lazyPattern(`\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]+`)
	// email finds what model.NormalizeEmail may accept, and more: a local part and a domain
	// made of anything but blanks and the characters that cannot be in a plain address
	// (quotes, parentheses, brackets, angle brackets, comma, colon, semicolon, backslash),
	// Unicode included (josé@exemple.fr, a{b}@c.com, a@exämple.fr), or a domain literal
	// (a@[1.2.3.4]). See redactEmail for the module versions it also finds.
	email = lazyPattern(`[^\s"(),:;<>@\[\]\\]+@(?:[^\s"(),:;<>@\[\]\\]+|\[[^\]\s]*\])`)
	// moduleVersion is the version that follows the @ of a Go module path: v1.2.3, v0.0.0-2024...
	moduleVersion = lazyPattern(`^v\d+\.\d+\.\d+`)
	// timestamp is an RFC 3339 time with its T, which is never a phone number (model.CheckPhone
	// refuses letters and colons) although its digits and dashes would pass for one.
	timestamp = lazyPattern(`\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?`)
	// phoneRun finds the runs of the characters a phone number is made of (model.CheckPhone:
	// digits, spaces, + - . ( )); redactPhones hides those with 6 digits or more.
	phoneRun = lazyPattern(`[0-9+().\- ]+`)
)

// redact returns s with everything that looks like a secret, an email address or a phone
// number replaced by [redacted]. Applying it twice changes nothing more.
func redact(s string) string {
	if s == "" {
		return s
	}
	s = hideValues(secretAssignment, s)
	s = hideValues(secretFlag, s)
	s = hideValues(bearer, s)
	s = urlPassword.ReplaceAllString(s, "$1:"+redacted+"@")
	s = jwt.ReplaceAllLiteralString(s, redacted)
	s = bcryptHash.ReplaceAllLiteralString(s, redacted)
	s = email.ReplaceAllStringFunc(s, redactEmail)
	return redactPhones(s)
}

// hideValues replaces the last group of each match of re, the value, keeping its quotes.
func hideValues(re *pattern, s string) string {
	matches := re.FindAllStringSubmatchIndex(s, -1)
	if matches == nil {
		return s
	}
	var b strings.Builder
	last := 0
	for _, m := range matches {
		start, end := m[len(m)-2], m[len(m)-1]
		b.WriteString(s[last:start])
		if v := s[start:end]; len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
			b.WriteString(v[:1] + redacted + v[:1])
		} else {
			b.WriteString(redacted)
		}
		last = end
	}
	b.WriteString(s[last:])
	return b.String()
}

// redactEmail hides an address, but keeps a Go module path with its version (module@v1.2.3).
func redactEmail(m string) string {
	if moduleVersion.MatchString(m[strings.LastIndexByte(m, '@')+1:]) {
		return m
	}
	return redacted
}

// redactPhones hides every run of phone characters with at least 6 digits, as model.CheckPhone
// accepts 6 to 20 digits with + - . ( ) and spaces: phones in any layout, but also dates
// (2026-12-03), a date and an hour (2026-12-03 10) and amounts (1500.00), which are phones to
// the validation rules. A run that touches a letter, a digit of a longer word or an underscore
// is part of a word, an identifier or a version (go1.26.8, 0xc000123456, v0.0.0-2024...), never
// a phone on its own; RFC 3339 timestamps, which have a T and colons, are kept.
func redactPhones(s string) string {
	var b strings.Builder
	last := 0
	for _, d := range timestamp.FindAllStringIndex(s, -1) {
		b.WriteString(redactPhoneRuns(s[last:d[0]]))
		b.WriteString(s[d[0]:d[1]])
		last = d[1]
	}
	b.WriteString(redactPhoneRuns(s[last:]))
	return b.String()
}

func redactPhoneRuns(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range phoneRun.FindAllStringIndex(s, -1) {
		run := s[m[0]:m[1]]
		// The blanks around the number stay.
		start := m[0] + len(run) - len(strings.TrimLeft(run, " "))
		end := m[1] - (len(run) - len(strings.TrimRight(run, " ")))
		if start >= end || digits(s[start:end]) < 6 ||
			start > 0 && isWordByte(s[start-1]) || end < len(s) && isWordByte(s[end]) {
			continue
		}
		b.WriteString(s[last:start])
		b.WriteString(redacted)
		last = end
	}
	b.WriteString(s[last:])
	return b.String()
}

func digits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}

// isWordByte reports whether c is an ASCII letter or an underscore.
func isWordByte(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
