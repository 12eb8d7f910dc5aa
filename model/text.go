package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// CheckPlain refuses text that is not valid UTF-8 or holds a NUL, a
// control character (C0, DEL, C1) or an invisible formatting character
// (isInvisibleFormat): such characters are invisible in a table, can drive
// the operator's terminal (ESC) or reorder what it shows, and PostgreSQL
// refuses NUL and invalid UTF-8 where SQLite would keep them. With
// multiline, tabs and line feeds are allowed, as in notes; a carriage
// return is not, so that what CSV exports reads back the same (readers
// fold CRLF to LF): CheckMultiline turns CRLF into LF first.
func CheckPlain(field, s string, multiline bool) error {
	if !utf8.ValidString(s) {
		return Errorf(EINVALID, "%s is not valid UTF-8", field)
	}
	var prev rune // before the first: none, which shapes nothing
	for i, r := range s {
		if isInvisibleFormat(r) && !joins(prev, r, s[i+utf8.RuneLen(r):]) {
			return Errorf(EINVALID, "%s cannot hold invisible formatting characters (here U+%04X)", field, r)
		}
		prev = r
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

// isInvisibleFormat reports whether r is a format character (Unicode
// category Cf: bidirectional marks, embeddings, overrides and isolates,
// zero-width spaces and joiners, the soft hyphen, tags) or a line or
// paragraph separator. None shows, yet they reorder what a table or a
// terminal prints after them (U+202E shows "Acme\u202Eevil" as "Acmelive")
// or make two different texts look the same. The zero-width joiner and
// non-joiner are kept where a script or an emoji sequence needs them (see
// joins). The Hangul fillers and the Khmer inherent vowels are letters or
// marks that show nothing either (a name of one U+3164 looks empty):
// refused too.
func isInvisibleFormat(r rune) bool {
	switch r {
	case '\u115f', '\u1160', '\u3164', '\uffa0', '\u17b4', '\u17b5':
		return true
	}
	return r >= 0xAD && (unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029')
}

// joins reports whether r is a zero-width non-joiner (U+200C) or joiner
// (U+200D) standing between two visible characters that it shapes: letters
// or marks beyond ASCII (Persian "می\u200cخواهم", Indic conjuncts), or
// symbols for the joiner of an emoji sequence. Anywhere else, at an end,
// doubled or beside ASCII, it only hides a difference and is refused.
func joins(prev, r rune, rest string) bool {
	if r != '\u200c' && r != '\u200d' {
		return false
	}
	next, size := utf8.DecodeRuneInString(rest)
	if size == 0 {
		return false // at the end
	}
	shaped := func(c rune) bool {
		return c >= utf8.RuneSelf && (unicode.IsLetter(c) || unicode.IsMark(c) ||
			r == '\u200d' && (unicode.Is(unicode.So, c) || c == '\ufe0f'))
	}
	return shaped(prev) && shaped(next)
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

// IsBidiControl reports whether r is a bidirectional formatting character
// (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069), which
// reorders what a terminal shows after it: the test of the first code point
// keeps plain text fast.
func IsBidiControl(r rune) bool { return r >= 0x61c && unicode.Is(unicode.Bidi_Control, r) }
