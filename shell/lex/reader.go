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
// logical line longer than MaxLine bytes is refused (Line.Err), read
// without keeping it: a 50 MB line once took 800 MB of memory.
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
// than MaxLine is read to its end but not kept: long is set, s is empty.
func (r *Reader) physical() (s string, newline, ok, long bool, err error) {
	var buf []byte
	for {
		chunk, e := r.br.ReadSlice('\n')
		if len(buf)+len(chunk) > MaxLine+2 { // +2: room for the \r\n
			long, buf = true, buf[:0]
		} else if !long {
			buf = append(buf, chunk...)
		}
		if e == bufio.ErrBufferFull {
			continue
		}
		s, err = string(buf), e
		if long {
			s = ""
			if len(chunk) > 0 && chunk[len(chunk)-1] == '\n' {
				s = "\n"
			}
			if err == io.EOF {
				err = nil
			}
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
	if r.n == 1 {
		// Editors on Windows may start a file with a byte order mark.
		s = strings.TrimPrefix(s, "\uFEFF")
	}
	s, newline = strings.CutSuffix(s, "\n")
	s = strings.TrimSuffix(s, "\r")
	return s, newline, true, long, nil
}

// skipped reports whether a logical line holds no command.
func skipped(text []byte) bool {
	t := bytes.TrimLeft(text, " \t\r\n\v\f")
	return len(t) == 0 || t[0] == '#'
}

// Next returns the next logical line, lexed, or io.EOF at the end of the
// input. A continuation or a quote still open at the end of the input is
// returned as it is, with the error Split gives it: a dangling continuation
// keeps its backslash.
func (r *Reader) Next() (Line, error) {
	var (
		lx     = lexer{collect: true}
		text   []byte
		start  int  // number of the first physical line, 0 before it
		joined bool // the last physical line ended in backslash-newline
	)
	for {
		s, newline, ok, long, err := r.physical()
		if err != nil {
			return Line{}, err
		}
		if long || len(text)+len(s) > MaxLine {
			if start == 0 {
				start = r.n
			}
			return Line{N: start, Err: errTooLong}, nil
		}
		if !ok {
			if start == 0 {
				return Line{}, io.EOF
			}
			if joined {
				text = append(text, '\\')
				lx.escape = true
			}
			words, err := lx.end()
			return Line{N: start, Text: string(text), Words: words, Err: err}, nil
		}
		if start == 0 {
			start = r.n
		} else if lx.inQuote() && !joined {
			// The newline that ended the last line is inside quotes.
			text = append(text, '\n')
			lx.feed("\n")
		}
		text = append(text, s...)
		lx.feed(s)
		joined = false
		switch {
		case !newline:
			// The input ends here; whatever is left open is for
			// Split to report.
		case lx.escape:
			text = text[:len(text)-1]
			lx.escape = false // the newline it escaped is gone too
			joined = true
			continue
		case lx.inQuote():
			continue
		}
		if skipped(text) {
			lx, text, start = lexer{collect: true}, text[:0], 0
			continue
		}
		words, err := lx.end()
		return Line{N: start, Text: string(text), Words: words, Err: err}, nil
	}
}
