package monitor

import (
	"regexp"
	"strings"
)

// redacted replaces whatever the scrubber hides.
const redacted = "[redacted]"

var (
	// secretAssignment finds `password=...`, `"password": "..."`, `EPICEVENTS_PASSWORD=...`,
	// `secret_key=...` and the like. The key stays, so a reader knows what was hidden. A colon
	// counts only after a quoted key or right before the value, so that Go error chains such as
	// "open secret.key: permission denied" survive.
	secretAssignment = regexp.MustCompile(`(?i)([a-z0-9_.-]*(?:passw|pwd|secret|token|api_?key|credential)[a-z0-9_.-]*)(\s*:?=\s*|["']\s*:\s*|:)(\[redacted\]|"(?:[^"\\]|\\.)*"|'[^']*'|[^\s"',;&)}\]]+)`)
	// secretFlag finds `--password VALUE` and the like.
	secretFlag = regexp.MustCompile(`(?i)(--?[a-z0-9_-]*(?:passw|secret|token)[a-z0-9_-]*)(\s+)(\[redacted\]|[^\s-]\S*)`)
	// bearer finds the credentials of an Authorization header.
	bearer = regexp.MustCompile(`(?i)\b(bearer\s+)([A-Za-z0-9._~+/=-]+)`)
	// urlPassword finds the password of a URL such as postgres://user:password@host/db.
	urlPassword = regexp.MustCompile(`(?i)([a-z][a-z0-9+.-]*://[^/\s:@]*):([^/\s@]+)@`)
	// jwt finds a JSON Web Token: three base64url parts, the first an encoded JSON object.
	jwt = regexp.MustCompile(`eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*`)
	// bcryptHash finds a bcrypt hash such as $2b$12$...
	bcryptHash = regexp.MustCompile(`\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]+`)
	// email finds an address; see redactEmail for the module versions it also finds.
	email = regexp.MustCompile(`[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*`)
	// moduleVersion is the version that follows the @ of a Go module path: v1.2.3, v0.0.0-2024...
	moduleVersion = regexp.MustCompile(`^v\d+\.\d+\.\d+`)
	// notPhone finds what the phone pattern must leave alone: RFC 3339 dates and times, and the
	// pseudo-versions of Go modules (v0.0.0-20240606120523-5a60cdf6a761).
	notPhone = regexp.MustCompile(`(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?|v\d+\.\d+\.\d+-(?:0\.)?\d{14}-[0-9a-f]{12}`)
	// phone finds candidate phone numbers: digits, spaces, + - . ( ), starting and ending on a
	// whole number. redactPhone then asks for at least 6 digits.
	phone = regexp.MustCompile(`\+?\(?\b\d[\d .()-]{4,}\d\b\)?`)
	// amount is a money amount such as 1500.00, which is not a phone number.
	amount = regexp.MustCompile(`^\d+\.\d\d$`)
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
func hideValues(re *regexp.Regexp, s string) string {
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

// redactPhones hides phone numbers everywhere but in RFC 3339 dates and module versions, whose
// digits and dashes would otherwise pass for one.
func redactPhones(s string) string {
	var b strings.Builder
	last := 0
	for _, d := range notPhone.FindAllStringIndex(s, -1) {
		if d[0] > 0 && isNumberPart(s[d[0]-1]) || d[1] < len(s) && isNumberPart(s[d[1]]) {
			continue // part of a longer number
		}
		b.WriteString(phone.ReplaceAllStringFunc(s[last:d[0]], redactPhone))
		b.WriteString(s[d[0]:d[1]])
		last = d[1]
	}
	b.WriteString(phone.ReplaceAllStringFunc(s[last:], redactPhone))
	return b.String()
}

// redactPhone hides a candidate phone number of at least 6 digits that is not a money amount.
func redactPhone(m string) string {
	digits := 0
	for i := 0; i < len(m); i++ {
		if m[i] >= '0' && m[i] <= '9' {
			digits++
		}
	}
	if digits < 6 || amount.MatchString(m) {
		return m
	}
	return redacted
}

func isNumberPart(c byte) bool { return c >= '0' && c <= '9' || c == '-' }
