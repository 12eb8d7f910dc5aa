package shell

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"epicevents/model"
)

// Printable returns msg with every character a terminal would act on
// written as a Go escape (\x1b, \u202e), and every byte that is not UTF-8
// as \xNN. Error messages quote what an operator typed, a batch file held
// or a CSV file from elsewhere carried ("unknown flag --X",
// "collaborator X not found", a CSV header): an escape sequence there
// would otherwise retitle, clear or reprogram the operator's terminal, a
// carriage return would overwrite the message, and a bidirectional
// override would show its text in another order. Line breaks and tabs
// stay: some messages list one problem a line.
func Printable(msg string) string {
	if strings.IndexFunc(msg, unsafeRune) < 0 && utf8.ValidString(msg) {
		return msg
	}
	var b strings.Builder
	for i := 0; i < len(msg); {
		r, size := utf8.DecodeRuneInString(msg[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, msg[i])
		case unsafeRune(r) && r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}

// unsafeRune reports whether r acts on a terminal rather than showing: a
// control character (C0 but line feed and tab, DEL, C1) or a
// bidirectional formatting character.
func unsafeRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case unicode.IsControl(r):
		return true
	}
	return model.IsBidiControl(r)
}
