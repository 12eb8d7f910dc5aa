// Package lex splits batch and shell input into command words the way a
// POSIX shell does, without expansion: quotes, backslash escapes, comments
// and continuation lines. It also quotes words back so that echoed commands
// and completions can be read again.
package lex

import (
	"strings"

	"epicevents/model"
)

// mode is where the lexer stands inside a line.
type mode int

const (
	blank   mode = iota // between words
	word                // inside a word, outside quotes
	single              // inside '...'
	double              // inside "..."
	comment             // after a # that started a word, up to the newline
)

// lexer is one state machine shared by Split and Reader, so that a Reader
// decides where a logical line ends exactly as Split will read it.
type lexer struct {
	mode    mode
	escape  bool // the previous byte was a backslash that escapes this one
	collect bool // build words
	buf     []byte
	words   []string
	start   int // where the last word began, in the bytes fed
	fed     int // bytes fed so far
}

// isBlank reports whether c separates words.
func isBlank(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '\v', '\f':
		return true
	}
	return false
}

func (l *lexer) add(c byte) {
	if l.collect {
		l.buf = append(l.buf, c)
	}
}

func (l *lexer) emit() {
	if l.collect {
		l.words = append(l.words, string(l.buf))
		l.buf = l.buf[:0]
	}
}

// inQuote reports whether a quote is open.
func (l *lexer) inQuote() bool { return l.mode == single || l.mode == double }

// feed advances the lexer over s. The special characters are all ASCII, so
// working on bytes keeps UTF-8 sequences intact.
func (l *lexer) feed(s string) {
	defer func() { l.fed += len(s) }()
	for i := 0; i < len(s); i++ {
		c := s[i]
		if l.mode == blank && !l.escape && !isBlank(c) {
			l.start = l.fed + i
		}
		if l.escape {
			l.escape = false
			if c == '\n' {
				// Backslash-newline is a line continuation: both go.
				continue
			}
			if l.mode == double {
				switch c {
				case '"', '\\', '$', '`':
				default:
					l.add('\\')
				}
			} else {
				l.mode = word
			}
			l.add(c)
			continue
		}
		switch l.mode {
		case blank, word:
			switch {
			case isBlank(c):
				if l.mode == word {
					l.emit()
					l.mode = blank
				}
			case c == '#' && l.mode == blank:
				l.mode = comment
			case c == '\\':
				// Between words, no word yet: a backslash-newline there
				// must not create an empty one.
				l.escape = true
			case c == '\'':
				l.mode = single
			case c == '"':
				l.mode = double
			default:
				l.mode = word
				l.add(c)
			}
		case single:
			if c == '\'' {
				l.mode = word
			} else {
				l.add(c)
			}
		case double:
			switch c {
			case '"':
				l.mode = word
			case '\\':
				l.escape = true
			default:
				l.add(c)
			}
		case comment:
			if c == '\n' {
				l.mode = blank
			}
		}
	}
}

// Split splits one command line into words like a POSIX shell, without
// variable expansion or globbing:
//   - blanks (space, tab, newline, carriage return) separate words;
//   - single quotes keep everything literally;
//   - double quotes keep everything, but a backslash escapes " \ $ ` and
//     newline (elsewhere it stays);
//   - outside quotes a backslash escapes the next character, and
//     backslash-newline is removed;
//   - quoted and unquoted parts join into one word: location~"Saint Malo"
//     is the word `location~Saint Malo`, and a pair of empty quotes is an
//     empty word;
//   - a # that starts a word begins a comment up to the end of the line,
//     so "a #b" is [a] but "a#b" is [a#b].
//
// An open quote or a backslash at the very end is an EUSAGE error.
func Split(line string) ([]string, error) {
	l := lexer{collect: true}
	l.feed(line)
	return l.end()
}

// end returns the words of a whole line, refusing an open quote or a
// backslash at the very end.
func (l *lexer) end() ([]string, error) {
	switch {
	case l.inQuote():
		return nil, model.Errorf(model.EUSAGE, "unterminated quote")
	case l.escape:
		return nil, model.Errorf(model.EUSAGE, "trailing backslash")
	case l.mode == word:
		l.emit()
	}
	return l.words, nil
}

// SplitPartial reads a line still being typed, as Split would read it
// whole: its complete words, and cur, the word being typed, as typed ("" after
// a blank). It fails inside quotes, after a backslash and in a comment,
// where a suggestion could not replace the word as typed.
func SplitPartial(line string) (words []string, cur string, ok bool) {
	l := lexer{collect: true}
	l.feed(line)
	switch l.mode {
	case blank:
		if l.escape {
			return nil, "", false
		}
		return l.words, "", true
	case word:
		cur = line[l.start:]
		if l.escape || strings.ContainsAny(cur, `'"\#`) {
			return nil, "", false
		}
		return l.words, cur, true
	}
	return nil, "", false
}

// isSafe reports whether c means itself to Split anywhere in a word. The
// filter operators ~ < > = ! are among them, so that terms like
// amount_due>=100 are echoed as typed.
func isSafe(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("@%+=:,./_~<>!-", c) >= 0
}

// Quote returns word written so that Split reads it back as that one word:
// unchanged when it holds only safe characters (letters, digits and
// @%+=:,./_~<>!-), in single quotes otherwise, where a single quote inside
// the word closes the quotes, is escaped with a backslash and reopens them:
//
//	O'Brien -> 'O'\''Brien'
func Quote(word string) string {
	if word == "" {
		return "''"
	}
	for i := 0; i < len(word); i++ {
		if !isSafe(word[i]) {
			return "'" + strings.ReplaceAll(word, "'", `'\''`) + "'"
		}
	}
	return word
}
