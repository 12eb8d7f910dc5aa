package console

import (
	"bytes"
	"unicode/utf8"

	"github.com/c-bata/go-prompt"
	"golang.org/x/sys/unix"
)

// Keys go-prompt acts on when the terminal hangs up: Ctrl-C clears the line,
// Ctrl-D on an empty line leaves Run.
var hangupKeys = [][]byte{{0x03}, {0x04}}

// keySplitter turns what the terminal sends into the chunks go-prompt
// understands. go-prompt recognises a key only when a chunk is exactly that
// key's bytes, and inserts any other chunk as text. A pasted block arrives as
// one chunk, so its line ends would be inserted instead of pressed; keys typed
// quickly (Ctrl-C then a letter) can also arrive together. The splitter hands
// out one key or one run of text at a time: the text of a line, then a lone
// "\r" for its end (whether "\r", "\n" or "\r\n"), then the next line.
// A read holding a single key (a letter, an arrow, Tab, Ctrl-C, Ctrl-D, Alt
// with a key) passes unchanged.
type keySplitter struct {
	read func([]byte) (int, error)

	// pending is what was read but not yet handed out. No more is read while
	// it is not empty: what the terminal sends next stays in the kernel, where
	// a command that reads the terminal itself can still get it.
	pending []byte
	// whole is set while pending is everything one read returned.
	whole bool
	// carry is the start of a UTF-8 character cut by the end of a read, kept
	// for the next read so that go-prompt never inserts half a character.
	carry []byte
	// pasteCR is set when a read of several bytes ended with "\r": a "\n"
	// opening the next read is the second half of that "\r\n", not a key.
	pasteCR bool
	// hungup counts the keys handed out since the terminal went away.
	hungup int
}

// next returns the next chunk for go-prompt.
func (k *keySplitter) next() ([]byte, error) {
	for {
		if len(k.pending) == 0 {
			if k.hungup > 0 {
				return k.hangupKey(), nil
			}
			if err := k.fill(); err != nil {
				if hungUp(err) {
					return k.hangupKey(), nil
				}
				return nil, err
			}
		}
		piece := k.take()
		if !bytes.Equal(piece, pasteStart) && !bytes.Equal(piece, pasteEnd) {
			return piece, nil
		}
	}
}

// The marks around a paste when the terminal's bracketed paste mode is on.
// go-prompt does not turn it on, but a program that ended badly may have left
// it on, and go-prompt would insert the marks into the line.
var (
	pasteStart = []byte("\x1b[200~")
	pasteEnd   = []byte("\x1b[201~")
)

func (k *keySplitter) hangupKey() []byte {
	i := min(k.hungup, len(hangupKeys)-1)
	k.hungup++
	return append([]byte(nil), hangupKeys[i]...)
}

// fill reads one chunk into pending.
func (k *keySplitter) fill() error {
	buf := make([]byte, readSize)
	n, err := k.read(buf)
	if err != nil {
		return err
	}
	data := buf[:n]
	if len(k.carry) > 0 {
		data = append(k.carry, data...)
		k.carry = nil
	}
	if k.pasteCR && len(data) > 0 && data[0] == '\n' {
		data = data[1:]
	}
	k.pasteCR = len(data) > 1 && data[len(data)-1] == '\r'
	if j := incompleteTail(data); j > 0 && j < len(data) {
		k.carry = append([]byte(nil), data[j:]...)
		data = data[:j]
	}
	if len(data) == 0 {
		return unix.EAGAIN
	}
	k.pending = data
	k.whole = true
	return nil
}

// take hands out the next key or piece of text of pending.
func (k *keySplitter) take() []byte {
	b, whole := k.pending, k.whole
	k.whole = false
	n := tokenLen(b)
	piece := b[:n]
	if c := b[0]; c == '\r' || c == '\n' {
		if whole && len(b) == 1 {
			// A lone Enter or Ctrl-J key: go-prompt knows both.
			k.pending = nil
			return b
		}
		if c == '\r' && len(b) > 1 && b[1] == '\n' {
			n = 2
		}
		piece = []byte{'\r'}
	}
	k.pending = b[n:]
	if len(k.pending) == 0 {
		k.pending = nil
	}
	return piece
}

// tokenLen returns the length of the first key or run of text in b: a line
// end, an escape sequence, another control key, or text up to the next of
// those. Tabs count as text, so that a pasted line keeps its tabs instead of
// asking for completion; a Tab key pressed alone still arrives alone.
func tokenLen(b []byte) int {
	switch c := b[0]; {
	case c == 0x1b:
		return escapeLen(b)
	case isControl(c):
		return 1
	}
	for i, c := range b {
		if c == 0x1b || isControl(c) {
			return i
		}
	}
	return len(b)
}

func isControl(c byte) bool {
	return (c < 0x20 && c != '\t') || c == 0x7f
}

// escapeLen returns the length of the escape sequence that starts b: a key
// go-prompt knows (the longest that fits), another CSI or SS3 sequence, or
// Escape with one more byte as terminals send Alt with a key (which a caller
// may bind with prompt.OptionAddASCIICodeBind). Escape before a line end is
// Escape alone, so that the line end still runs the line.
func escapeLen(b []byte) int {
	best := 0
	for _, k := range prompt.ASCIISequences {
		if n := len(k.ASCIICode); n > best && n > 1 && bytes.HasPrefix(b, k.ASCIICode) {
			best = n
		}
	}
	switch {
	case best > 0:
		return best
	case len(b) < 2 || b[1] == '\r' || b[1] == '\n' || b[1] >= 0x80:
		return 1
	case b[1] == '[':
		i := 2
		for i < len(b) && b[i] >= 0x30 && b[i] <= 0x3f {
			i++
		}
		for i < len(b) && b[i] >= 0x20 && b[i] <= 0x2f {
			i++
		}
		if i < len(b) && b[i] >= 0x40 && b[i] <= 0x7e {
			i++
		}
		return i
	case b[1] == 'O' && len(b) > 2:
		return 3
	}
	return 2
}

// incompleteTail returns where an incomplete UTF-8 character at the end of b
// starts, or len(b) if b ends with a whole character (or with bytes that are
// not UTF-8 at all, which go-prompt gets as they are).
func incompleteTail(b []byte) int {
	for j := len(b) - 1; j >= 0 && j >= len(b)-utf8.UTFMax; j-- {
		if utf8.RuneStart(b[j]) {
			if utf8.FullRune(b[j:]) {
				return len(b)
			}
			return j
		}
	}
	return len(b)
}
