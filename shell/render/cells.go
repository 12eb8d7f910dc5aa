package render

import (
	"bufio"
	"encoding/binary"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/clipperhouse/displaywidth"

	"epicevents/model"
)

// spillAt is how many bytes of cells a table keeps in memory before it
// moves them to a temporary file: a list of 300,000 events must be measured
// whole before its first line is drawn, and must not sit in memory.
const spillAt = 4 << 20

// cellStore keeps the cells of a list table, in order, until the table is
// drawn: their bytes one after the other in text, where each ends, and
// their display width. Past spillAt bytes they go to a temporary file, each
// cell as its width and length in uvarints then its bytes; the file is
// created 0600 and removed at once (only the open file keeps it), so that
// the personal data in the cells is never left on disk.
type cellStore struct {
	text   []byte
	ends   []uint32
	widths []uint32

	file  *os.File
	fw    *bufio.Writer
	spilt int // cells in the file
}

// storePool keeps the memory of stores from table to table: a shell draws
// many, and growing the buffers anew costs more than the drawing.
var storePool = sync.Pool{New: func() any { return new(cellStore) }}

// poolMax is the most bytes of text a store may hold to go back to the
// pool.
const poolMax = 256 << 10

func newCellStore() *cellStore {
	s := storePool.Get().(*cellStore)
	s.text, s.ends, s.widths = s.text[:0], s.ends[:0], s.widths[:0]
	return s
}

// addRow keeps the cells of row, measured by the row's own code: each is
// appended to text by cell, which reports whether it is a number.
func (s *cellStore) addRow(row []any, cols []column, opts Options) error {
	// Local slices: updating the store's fields for every cell would cost
	// the garbage collector's write barrier every time.
	text, ends, widths := s.text, s.ends, s.widths
	for i, v := range row {
		start := len(text)
		var num bool
		text, num = appendCell(text, v, opts.Location)
		cw := width(text[start:])
		c := &cols[i]
		if v != nil && !num {
			c.number, c.text = false, true
		}
		c.width = max(c.width, cw)
		ends = append(ends, uint32(len(text)))
		widths = append(widths, uint32(cw))
	}
	s.text, s.ends, s.widths = text, ends, widths
	if len(text) < spillAt {
		return nil
	}
	return s.spill()
}

// spill moves the cells in memory to the file.
func (s *cellStore) spill() error {
	if s.file == nil {
		f, err := os.CreateTemp("", "epicevents-table-")
		if err != nil {
			return err
		}
		os.Remove(f.Name())
		s.file, s.fw = f, bufio.NewWriterSize(f, 256<<10)
	}
	var head []byte
	start := uint32(0)
	for i, end := range s.ends {
		head = binary.AppendUvarint(head[:0], uint64(s.widths[i]))
		head = binary.AppendUvarint(head, uint64(end-start))
		s.fw.Write(head)
		if _, err := s.fw.Write(s.text[start:end]); err != nil {
			return err
		}
		start = end
	}
	s.spilt += len(s.ends)
	s.text, s.ends, s.widths = s.text[:0], s.ends[:0], s.widths[:0]
	return nil
}

// reader returns the cells from the first, once every cell was added.
func (s *cellStore) reader() (*cellReader, error) {
	c := &cellReader{s: s}
	if s.file == nil {
		return c, nil
	}
	if err := s.fw.Flush(); err != nil {
		return nil, err
	}
	if _, err := s.file.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	c.r, c.fromFile = bufio.NewReaderSize(s.file, 256<<10), s.spilt
	return c, nil
}

// close lets the temporary file go, and the memory back to the pool.
func (s *cellStore) close() {
	if s.file != nil {
		s.file.Close()
		s.file, s.fw, s.spilt = nil, nil, 0
	}
	if cap(s.text) <= poolMax {
		storePool.Put(s)
	}
}

// cellReader reads back the cells of a cellStore: those in the file first,
// then those in memory.
type cellReader struct {
	s        *cellStore
	r        *bufio.Reader
	fromFile int // cells left in the file
	next     int // the next cell in memory
	scratch  []byte
}

// cell returns the next cell and its display width; the bytes are valid
// until the following call.
func (c *cellReader) cell() ([]byte, int, error) {
	if c.fromFile > 0 {
		c.fromFile--
		return c.readFile()
	}
	i := c.next
	if i >= len(c.s.ends) {
		return nil, 0, io.ErrUnexpectedEOF
	}
	c.next++
	start := uint32(0)
	if i > 0 {
		start = c.s.ends[i-1]
	}
	return c.s.text[start:c.s.ends[i]], int(c.s.widths[i]), nil
}

func (c *cellReader) readFile() ([]byte, int, error) {
	w, err := binary.ReadUvarint(c.r)
	if err != nil {
		return nil, 0, err
	}
	l, err := binary.ReadUvarint(c.r)
	if err != nil {
		return nil, 0, err
	}
	if uint64(cap(c.scratch)) < l {
		c.scratch = make([]byte, l)
	}
	c.scratch = c.scratch[:l]
	_, err = io.ReadFull(c.r, c.scratch)
	return c.scratch, int(w), err
}

// appendCell appends the text of v in a list table cell to dst: the table
// text of the value on one line, its line breaks and tabs turned to
// spaces. It reports whether v is a number, which is right-aligned and
// never shortened.
func appendCell(dst []byte, v any, loc *time.Location) ([]byte, bool) {
	if out, num, ok := appendKnown(dst, v, loc); ok {
		return out, num
	}
	// A pointer is rare: deref, which asks reflect, only then.
	v = deref(v)
	if out, num, ok := appendKnown(dst, v, loc); ok {
		return out, num
	}
	return appendLine(dst, plainText(v)), false
}

// appendKnown is appendCell for the types the stores return; ok is false
// for any other.
func appendKnown(dst []byte, v any, loc *time.Location) (out []byte, number, ok bool) {
	switch v := v.(type) {
	case nil:
		return dst, false, true
	case int64:
		return strconv.AppendInt(dst, v, 10), true, true
	case int:
		return strconv.AppendInt(dst, int64(v), 10), true, true
	case int32:
		return strconv.AppendInt(dst, int64(v), 10), true, true
	case model.Money:
		return append(dst, v.String()...), true, true
	case *model.Money:
		if v == nil {
			return dst, false, true
		}
		return append(dst, v.String()...), true, true
	case float64:
		return strconv.AppendFloat(dst, v, 'f', -1, 64), true, true
	case bool:
		if v {
			return append(dst, "yes"...), false, true
		}
		return append(dst, "no"...), false, true
	case time.Time:
		return v.In(loc).AppendFormat(dst, tableTime), false, true
	case string:
		return appendLine(dst, v), false, true
	case barCell:
		// A report's bar and amount, colours included: made here, not
		// sanitized again, and never shortened.
		return append(dst, v.text...), true, true
	}
	return dst, false, false
}

// appendLine appends s on one line, safe for the terminal: most text needs
// nothing done, the rest goes through sanitize, and line breaks and runs
// of blanks become one space.
func appendLine(dst []byte, s string) []byte {
	for _, r := range s {
		if r < 0x20 || (r >= 0x7f && r < 0xa0) || r == utf8.RuneError || model.IsBidiControl(r) {
			return append(dst, strings.Join(strings.Fields(sanitize(s)), " ")...)
		}
	}
	return append(dst, s...)
}

// width is the display width of s in a terminal: wide East Asian
// characters and most emoji take two columns, combining accents none.
// Text in the Latin alphabets (below U+0300, accented letters included) is
// one column a character and is counted here; anything else is measured by
// grapheme cluster by displaywidth, which costs ten times more.
func width(s []byte) int {
	n := 0
	for i := 0; i < len(s); {
		if b := s[i]; b >= 0x20 && b < 0x7f {
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		if r < 0xa0 || r >= 0x300 || r == 0xad {
			// The escape sequences of a report's coloured bars take no room.
			return withEscapes.Bytes(s)
		}
		n++
		i += size
	}
	return n
}

// withEscapes measures ANSI escape sequences as taking no room; cells hold
// none but those of report bars (sanitize drops the others).
var withEscapes = displaywidth.Options{ControlSequences: true}

// truncate shortens s to at most w columns, ending with "…" when cut.
func truncate(s []byte, w int) []byte {
	return displaywidth.TruncateBytes(s, w, ellipsis)
}

var ellipsis = []byte("…")
