package shell

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/c-bata/go-prompt"
)

// search is the editor's reverse search through the history, as Ctrl-R
// does in bash and pgcli. go-prompt has no such mode, so it is built on its
// parts: while searching, the terminal's Read hands each key to key before
// go-prompt sees it; the keys that change the search reach go-prompt as
// searchKey, whose binding (apply) puts the line found in the buffer, and
// the prompt shows the search (prefix).
//
// Ctrl-R starts a search, and again finds an older match; letters extend
// it, Backspace shortens it; Enter runs the line found; Esc or Ctrl-G
// leave it with the line as it was before Ctrl-R; any other key leaves it
// with the line found, to edit.
type search struct {
	mu      sync.Mutex
	history []string // oldest first
	on      bool
	query   string
	saved   string // the line before Ctrl-R
	at      int    // the match shown, an index in history; len(history) for none
	shown   string // the line the buffer shows
	failed  bool   // no line holds the query
}

// searchKey is the key that makes go-prompt show the line found: F23,
// which keyboards seldom have and go-prompt binds to nothing.
var searchKey = func() []byte {
	for _, k := range prompt.ASCIISequences {
		if k.Key == prompt.F23 {
			return k.ASCIICode
		}
	}
	panic("go-prompt has no F23")
}()

// add appends an entered line to the history searched.
func (s *search) add(line string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if line != "" {
		s.history = append(s.history, line)
	}
}

// key takes the key b, read from the terminal, and returns what go-prompt
// gets instead.
func (s *search) key(b []byte) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	one := len(b) == 1
	switch {
	case !s.on && one && b[0] == 0x12: // Ctrl-R: its binding (begin) saves the line
		s.on, s.query, s.at, s.shown, s.failed = true, "", len(s.history), "", false
		return b
	case !s.on:
		return b
	case one && b[0] == 0x12:
		s.find(s.at - 1)
	case one && (b[0] == '\r' || b[0] == '\n'):
		s.on = false
		return b
	case one && (b[0] == 0x1b || b[0] == 0x07): // Esc, Ctrl-G
		s.on, s.shown = false, s.saved
	case one && (b[0] == 0x7f || b[0] == 0x08): // Backspace
		if _, size := utf8.DecodeLastRuneInString(s.query); size > 0 {
			s.query = s.query[:len(s.query)-size]
		}
		s.find(len(s.history) - 1)
	case one && b[0] == 0x03: // Ctrl-C: go-prompt clears the line
		s.on = false
		return b
	case printable(b):
		s.query += string(b)
		s.find(min(s.at, len(s.history)-1))
	default:
		s.on = false
		return b
	}
	return searchKey
}

// find shows the newest line at or before from that holds the query.
func (s *search) find(from int) {
	if s.query == "" {
		s.failed = false
		return
	}
	for i := from; i >= 0; i-- {
		if strings.Contains(s.history[i], s.query) {
			s.at, s.shown, s.failed = i, s.history[i], false
			return
		}
	}
	s.failed = true
}

// printable reports whether b is text, no control key or sequence.
func printable(b []byte) bool {
	for _, r := range string(b) {
		if r < 0x20 || r == 0x7f || r == utf8.RuneError {
			return false
		}
	}
	return len(b) > 0
}

// begin is the binding of Ctrl-R: it keeps the line being edited, for Esc.
func (s *search) begin(b *prompt.Buffer) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.saved, s.shown = b.Text(), b.Text()
}

// apply is the binding of searchKey: the buffer shows the line found.
func (s *search) apply(b *prompt.Buffer) {
	s.mu.Lock()
	text := s.shown
	s.mu.Unlock()
	b.DeleteBeforeCursor(utf8.RuneCountInString(b.Document().TextBeforeCursor()))
	b.Delete(utf8.RuneCountInString(b.Document().TextAfterCursor()))
	b.InsertText(text, false, true)
}

// prefix is the prompt while searching, and false when not searching.
func (s *search) prefix() (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.on {
		return "", false
	}
	if s.failed {
		return "(failed reverse-i-search)`" + s.query + "': ", true
	}
	return "(reverse-i-search)`" + s.query + "': ", true
}
