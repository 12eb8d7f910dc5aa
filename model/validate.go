package model

import (
	"net/mail"
	"regexp"
	"strings"
	"unicode/utf8"
)

// NormalizeEmail checks that s is a plain e-mail address and returns it
// lower-cased. It is at most 254 characters, 64 before the @, as SMTP
// carries addresses (RFC 5321).
func NormalizeEmail(s string) (string, error) {
	if err := CheckPlain("email", s, false); err != nil {
		return "", err
	}
	s = strings.TrimSpace(s)
	if len(s) > 254 || strings.LastIndex(s, "@") > 64 {
		return "", Errorf(EINVALID, "invalid e-mail: at most 254 characters, 64 before the @")
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" || !strings.Contains(s[strings.LastIndex(s, "@"):], ".") {
		return "", Errorf(EINVALID, "invalid e-mail %q", s)
	}
	return strings.ToLower(s), nil
}

var phoneRE = regexp.MustCompile(`^[0-9+\-.() ]+$`)

// CheckPhone checks a phone number: 6 to 20 digits, with optional
// "+ - . ( )" and spaces, at most 50 characters in all. An empty phone is
// allowed where the phone is optional; callers that require one check for
// "" themselves.
func CheckPhone(s string) (string, error) {
	if err := CheckPlain("phone", s, false); err != nil {
		return "", err
	}
	s = strings.TrimSpace(s)
	if len(s) > 50 {
		return "", Errorf(EINVALID, "invalid phone: at most 50 characters (6 to 20 digits, with optional + - . ( ) and spaces)")
	}
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	if !phoneRE.MatchString(s) || n < 6 || n > 20 {
		return "", Errorf(EINVALID, "invalid phone %q: 6 to 20 digits, with optional + - . ( ) and spaces", s)
	}
	return s, nil
}

// CheckText checks a one-line text (CheckPlain), trims it and checks that
// it holds min to max characters; field names the value in the message.
func CheckText(field, s string, min, max int) (string, error) {
	if err := CheckPlain(field, s, false); err != nil {
		return "", err
	}
	s = strings.TrimSpace(s)
	n := utf8.RuneCountInString(s)
	if n < min || n > max {
		// n == 0 is out of bounds only when min > 0.
		if n == 0 {
			return "", Errorf(EINVALID, "%s cannot be empty", field)
		}
		return "", Errorf(EINVALID, "%s must be %d to %d characters", field, min, max)
	}
	return s, nil
}

// CheckName checks a person's or an event's name: 1 to 100 characters.
func CheckName(field, s string) (string, error) { return CheckText(field, s, 1, 100) }

var usernameRE = regexp.MustCompile(`^[a-z][a-z0-9._-]{1,31}$`)

// FoldUsername returns a name as typed (at login, for --actor) in the form
// usernames have: trimmed and lower-case, so that " Mia" and "MIA" name
// mia, count as her failed logins, and find her in the audit trail.
func FoldUsername(typed string) string { return strings.ToLower(strings.TrimSpace(typed)) }

// CheckUsername checks a login name: 2 to 32 characters, lower-case letters,
// digits, dot, underscore or hyphen, starting with a letter. Usernames must
// not look like ids, since USER arguments take either.
func CheckUsername(s string) (string, error) {
	if err := CheckPlain("username", s, false); err != nil {
		return "", err
	}
	s = strings.TrimSpace(s)
	if !usernameRE.MatchString(s) {
		return "", Errorf(EINVALID, "invalid username %q: 2 to 32 lower-case letters, digits, '.', '_' or '-', starting with a letter", s)
	}
	return s, nil
}
