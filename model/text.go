package model

import (
	"strings"
	"unicode/utf8"
)

// CheckPlain refuses text that is not valid UTF-8 or holds a NUL or a
// control character (C0, DEL, C1): such bytes are invisible in a table,
// can drive the operator's terminal (ESC), and PostgreSQL refuses NUL and
// invalid UTF-8 where SQLite would keep them. With multiline, tabs and
// line feeds are allowed, as in notes; a carriage return is not, so that
// what CSV exports reads back the same (readers fold CRLF to LF):
// CheckMultiline turns CRLF into LF first.
func CheckPlain(field, s string, multiline bool) error {
	if !utf8.ValidString(s) {
		return Errorf(EINVALID, "%s is not valid UTF-8", field)
	}
	for _, r := range s {
		if !isControl(r) || (multiline && (r == '\t' || r == '\n')) {
			continue
		}
		what := "control characters"
		if r == 0 {
			what = "NUL characters"
		}
		if multiline {
			return Errorf(EINVALID, "%s cannot hold %s (only tabs and line breaks)", field, what)
		}
		return Errorf(EINVALID, "%s cannot hold %s (tabs and line breaks included)", field, what)
	}
	return nil
}

// isControl reports whether r is a C0 control, DEL or a C1 control.
func isControl(r rune) bool {
	return r < 0x20 || (r >= 0x7f && r <= 0x9f)
}

// CheckMultiline checks a multi-line text, like notes: up to max
// characters after trimming, tabs and line breaks allowed. Line breaks are
// kept as LF: a CRLF, as text pasted or written on Windows has, becomes
// LF; a carriage return alone is a control character, refused.
func CheckMultiline(field, s string, max int) (string, error) {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if err := CheckPlain(field, s, true); err != nil {
		return "", err
	}
	s = strings.TrimSpace(s)
	if n := utf8.RuneCountInString(s); n > max {
		return "", Errorf(EINVALID, "%s must be 0 to %d characters", field, max)
	}
	return s, nil
}
