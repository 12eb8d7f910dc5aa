package lex

import (
	"bufio"
	"bytes"
	"io"
	"strings"

	"epicevents/model"
)

// Line is one logical command line, lexed once.
type Line struct {
	N     int      // 1-based number of its first physical line in a batch
	Text  string   // the physical lines joined, continuations removed
	Words []string // the words of Text, as Split reads them
	Err   error    // why Text does not split: an open quote, a trailing backslash
}

// NewLine lexes one command line.
func NewLine(text string) Line {
	words, err := Split(text)
	return Line{Text: text, Words: words, Err: err}
}

// Reader reads the logical lines of a batch. A physical line that ends with
// an unescaped backslash outside single quotes is joined to the next one,
// the backslash-newline pair removed as in sh; a newline inside an open
// quote also continues the logical line and stays inside the quoted word.
// Blank lines and lines whose first non-blank character is # are skipped,
// though they still count for line numbers. Lines may end in \n or \r\n; a
// logical line longer than MaxLine bytes is refused (Line.Err), read to its
// logical end without keeping it: a 50 MB line once took 800 MB of memory,
// and what a quote it opened holds must not run as commands.
type Reader struct {
	br *bufio.Reader
	n  int // physical lines read so far
}

// NewReader returns a Reader that reads a batch from r.
func NewReader(r io.Reader) *Reader {
	return &Reader{br: bufio.NewReader(r)}
}

// MaxLine is the longest logical line a batch may hold, in bytes: far
// more than any command needs (notes hold 2000 characters), and little
// memory.
const MaxLine = 64 << 10

// errTooLong is the error of a line longer than MaxLine.
var errTooLong = model.Errorf(model.EUSAGE, "the line is longer than %d KiB", MaxLine>>10)

// physical returns the next physical line without its line end, and whether
// a newline ended it. ok is false at the end of the input. A line longer
// than MaxLine is read to its end but not kept: long is set, s is empty,
// and its bytes go to spill as they are read, its line end (\n, \r\n)
// left out as for a kept line, so that the lexer still knows where the
// logical line ends.
func (r *Reader) physical(spill func(string)) (s string, newline, ok, long bool, err error) {
	var buf []byte
	cr := false // long: a \r ended the last chunk, a line end or not
	for {
		chunk, e := r.br.ReadSlice('\n')
		if !long && len(buf)+len(chunk) > MaxLine+2 { // +2: room for the \r\n
			long, chunk = true, append(buf, chunk...)
			if r.n == 0 {
				chunk = bytes.TrimPrefix(chunk, []byte("\uFEFF"))
			}
			buf = nil
		}
		if long {
			newline = len(chunk) > 0 && chunk[len(chunk)-1] == '\n'
			data := string(bytes.TrimSuffix(chunk, []byte("\n")))
			if cr {
				data = "\r" + data
			}
			// A \r at the end is held back: the line may end right after.
			data, cr = strings.CutSuffix(data, "\r")
			spill(data)
		} else {
			buf = append(buf, chunk...)
		}
		if e == bufio.ErrBufferFull {
			continue
		}
		s, err = string(buf), e
		if long && err == io.EOF {
			err = nil
		}
		break
	}
	if err == io.EOF {
		if s == "" {
			return "", false, false, false, nil
		}
		err = nil
	}
	if err != nil {
		return "", false, false, false, err
	}
	r.n++
	if long {
		return "", newline, true, true, nil
	}
	if r.n == 1 {
		// Editors on Windows may start a file with a byte order mark.
		s = strings.TrimPrefix(s, "\uFEFF")
	}
	s, newline = strings.CutSuffix(s, "\n")
	s = strings.TrimSuffix(s, "\r")
	return s, newline, true, false, nil
}

// skipped reports whether a logical line holds no command.
func skipped(text []byte) bool {
	t := bytes.TrimLeft(text, " \t\r\n\v\f")
	return len(t) == 0 || t[0] == '#'
}

// logical is the logical line Next is reading.
type logical struct {
	lx     lexer
	text   []byte
	start  int  // number of the first physical line, 0 before it
	joined bool // the last physical line ended in backslash-newline
	long   bool // longer than MaxLine: the lexer reads it, text is not kept
	// quoted: the newline that ended the last physical line is inside
	// quotes, to be fed before the next line's first byte, if there is one.
	quoted bool
}

// feed adds s, the next part of a physical line, to the line.
func (l *logical) feed(s string) {
	if l.quoted {
		l.quoted = false
		if !l.long {
			l.text = append(l.text, '\n')
		}
		l.lx.feed("\n")
	}
	if !l.long {
		l.text = append(l.text, s...)
	}
	l.lx.feed(s)
}

// drop stops keeping the line, which the lexer goes on reading to its end.
func (l *logical) drop() {
	l.long, l.text = true, nil
	l.lx.collect, l.lx.buf, l.lx.words = false, nil, nil
}

// line returns the line read, lexed, or refused as too long.
func (l *logical) line() Line {
	if l.long {
		return Line{N: l.start, Err: errTooLong}
	}
	words, err := l.lx.end()
	return Line{N: l.start, Text: string(l.text), Words: words, Err: err}
}

// Next returns the next logical line, lexed, or io.EOF at the end of the
// input. A continuation or a quote still open at the end of the input is
// returned as it is, with the error Split gives it: a dangling continuation
// keeps its backslash. A logical line longer than MaxLine is read to its
// end by the same rules, quotes and continuations included, without
// being kept, and returned as one line whose Err says it is too long: what
// a quote it opened holds is never read as commands.
func (r *Reader) Next() (Line, error) {
	l := logical{lx: lexer{collect: true}}
	for {
		l.quoted = l.start != 0 && l.lx.inQuote() && !l.joined
		s, newline, ok, long, err := r.physical(func(s string) {
			if !l.long {
				l.drop()
			}
			l.feed(s)
		})
		if err != nil {
			return Line{}, err
		}
		if !ok {
			if l.start == 0 {
				return Line{}, io.EOF
			}
			if l.joined && !l.long {
				l.text = append(l.text, '\\')
				l.lx.escape = true
			}
			return l.line(), nil
		}
		if l.start == 0 {
			l.start = r.n
		}
		if !long { // else physical fed it already
			if !l.long && len(l.text)+len(s) > MaxLine {
				l.drop()
			}
			l.feed(s)
		}
		l.joined = false
		switch {
		case !newline:
			// The input ends here; whatever is left open is for
			// Split to report.
		case l.lx.escape:
			if !l.long {
				l.text = l.text[:len(l.text)-1]
			}
			l.lx.escape = false // the newline it escaped is gone too
			l.joined = true
			continue
		case l.lx.inQuote():
			continue
		}
		if !l.long && skipped(l.text) {
			l = logical{lx: lexer{collect: true}, text: l.text[:0]}
			continue
		}
		return l.line(), nil
	}
}
