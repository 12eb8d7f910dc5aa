package render

import (
	"bufio"
	"fmt"
	"io"
	"strconv"

	"github.com/olekukonko/tablewriter/tw"
)

// Tables are drawn in the light style of tablewriter's default renderer,
// with its symbols, and line for line as it draws them (a test renders the
// same tables through tablewriter and compares). They are not drawn by
// tablewriter itself because it costs 30 to 70 times the CSV of the same
// rows, and still 7 times through its renderer alone (see the README): it
// builds maps and formats debug messages for every cell, which a list of
// a few dozen rows pays in milliseconds.
var sym = tw.NewSymbols(tw.StyleLight)

// Bold and reset, for the header of a table on a terminal. Widths are
// measured on the text without them.
const (
	bold  = "\x1b[1m"
	reset = "\x1b[0m"
)

// emphasize makes s bold unless colors are off.
func emphasize(s string, opts Options) string {
	if opts.NoColor {
		return s
	}
	return bold + s + reset
}

// listTable is a list table being filled: its columns measured on every
// row, its cells kept until it is drawn.
type listTable struct {
	cols  []column
	store *cellStore
	rows  int
}

func newListTable(keys []string) *listTable {
	t := &listTable{cols: make([]column, len(keys)), store: newCellStore()}
	for i, k := range keys {
		hw := width([]byte(k))
		t.cols[i] = column{key: k, head: hw, width: hw, number: true}
	}
	return t
}

// add measures and keeps one row.
func (t *listTable) add(row []any, opts Options) error {
	t.rows++
	return t.store.addRow(row, t.cols, opts)
}

// tableList writes the rows under a header, then "(N rows)" as psql does,
// or each record vertically (expanded.go). The columns are sized on every
// row, so the rows are all read before the first line is drawn.
func tableList(w io.Writer, keys []string, rows func(func([]any) error) error, opts Options) error {
	t := newListTable(keys)
	defer t.store.close()
	if err := rows(func(row []any) error { return t.add(row, opts) }); err != nil {
		return err
	}
	for i := range t.cols {
		// A column of nothing but empty cells has no kind: left-aligned.
		t.cols[i].number = t.cols[i].number && !t.cols[i].text && t.rows > 0
	}
	cells, err := t.store.reader()
	if err != nil {
		return err
	}
	bw := buffered(w)
	// Off a terminal nothing is shortened, and nothing turns vertical
	// unless asked.
	fits := opts.Width == 0 || fit(t.cols, opts.Width, opts.Expanded == ExpandedOff)
	vertical := opts.Expanded == ExpandedOn || (!fits && opts.Expanded != ExpandedOff)
	if vertical {
		err = drawExpanded(bw, t, cells, opts)
	} else {
		err = drawTable(bw, t, cells, opts)
	}
	if err != nil {
		return err
	}
	// A report's total line is not one of its rows.
	n := t.rows - opts.totals
	unit := "rows"
	if n == 1 {
		unit = "row"
	}
	fmt.Fprintf(bw, "(%d %s)\n", n, unit)
	return bw.Flush()
}

// drawTable draws the table of t, its columns at their widths.
func drawTable(bw *bufio.Writer, t *listTable, cells *cellReader, opts Options) error {
	widths := make([]int, len(t.cols))
	for i, c := range t.cols {
		widths[i] = c.width
	}
	var line []byte
	line = rule(line[:0], widths, sym.TopLeft(), sym.TopMid(), sym.TopRight())
	line = appendHeader(line, t.cols, opts)
	if t.rows > 0 {
		line = rule(line, widths, sym.MidLeft(), sym.Center(), sym.MidRight())
	}
	for r := range t.rows {
		if r == t.rows-opts.totals && r > 0 {
			// A rule sets a report's total line apart from its rows.
			line = rule(line, widths, sym.MidLeft(), sym.Center(), sym.MidRight())
		}
		line = append(line, sym.Column()...)
		for i := range t.cols {
			cell, cw, err := cells.cell()
			if err != nil {
				return err
			}
			line = appendCellPadded(line, cell, cw, widths[i], t.cols[i].number)
			line = append(line, sym.Column()...)
		}
		line = append(line, '\n')
		if _, err := bw.Write(line); err != nil {
			return err
		}
		line = line[:0]
	}
	line = rule(line, widths, sym.BottomLeft(), sym.BottomMid(), sym.BottomRight())
	_, err := bw.Write(line)
	return err
}

// rule appends a horizontal line over columns of these widths.
func rule(line []byte, widths []int, left, mid, right string) []byte {
	line = append(line, left...)
	for i, w := range widths {
		if i > 0 {
			line = append(line, mid...)
		}
		for range w + 2 {
			line = append(line, sym.Row()...)
		}
	}
	return append(append(line, right...), '\n')
}

// appendHeader appends the line of column keys, centred as tablewriter
// centres them.
func appendHeader(line []byte, cols []column, opts Options) []byte {
	line = append(line, sym.Column()...)
	for _, c := range cols {
		left := (c.width - c.head) / 2
		line = appendSpaces(line, 1+left)
		line = append(line, emphasize(c.key, opts)...)
		line = appendSpaces(line, c.width-c.head-left+1)
		line = append(line, sym.Column()...)
	}
	return append(line, '\n')
}

// appendCellPadded appends a cell of display width cw in a column w wide,
// with its padding: numbers on the right, text on the left and cut with
// "…" when it is wider.
func appendCellPadded(line, cell []byte, cw, w int, number bool) []byte {
	if cw > w {
		cell = truncate(cell, w)
		cw = width(cell)
	}
	line = append(line, ' ')
	if number {
		line = appendSpaces(line, w-cw)
		line = append(line, cell...)
	} else {
		line = append(line, cell...)
		line = appendSpaces(line, w-cw)
	}
	return append(line, ' ')
}

const spaces = "                                                                "

func appendSpaces(line []byte, n int) []byte {
	for n > len(spaces) {
		line = append(line, spaces...)
		n -= len(spaces)
	}
	if n > 0 {
		line = append(line, spaces[:n]...)
	}
	return line
}

// recordWrap is how wide a record's values are wrapped when standard output
// is not a terminal: a 2,000 character note stays readable in a file.
const recordWrap = 60

// tableRecord writes one record as field/value rows, like psql's expanded
// display. Values are shown in full, on several lines when they are long
// (wrapped to the terminal, else at recordWrap columns) or hold line
// breaks.
func tableRecord(w io.Writer, cols []string, rec []any, opts Options) error {
	keyW := 0
	for _, k := range cols {
		keyW = max(keyW, width([]byte(k)))
	}
	wrapAt := recordWrap
	if opts.Width > 0 {
		wrapAt = max(minText, opts.Width-keyW-7)
	}
	values := make([][]string, len(rec))
	valW := 0
	for i, v := range rec {
		values[i] = wrap(tableText(v, opts.Location), wrapAt)
		for _, l := range values[i] {
			valW = max(valW, width([]byte(l)))
		}
	}
	widths := []int{keyW, valW}
	bw := buffered(w)
	line := rule(nil, widths, sym.TopLeft(), sym.TopMid(), sym.TopRight())
	for i, k := range cols {
		for j, l := range values[i] {
			line = append(line, sym.Column()...)
			key := ""
			if j == 0 {
				key = k
			}
			line = append(append(line, ' '), emphasizeKey(key, opts)...)
			line = appendSpaces(line, keyW-width([]byte(key))+1)
			line = append(line, sym.Column()...)
			line = appendCellPadded(line, []byte(l), width([]byte(l)), valW, false)
			line = append(append(line, sym.Column()...), '\n')
		}
		if _, err := bw.Write(line); err != nil {
			return err
		}
		line = line[:0]
	}
	line = rule(line, widths, sym.BottomLeft(), sym.BottomMid(), sym.BottomRight())
	bw.Write(line)
	return bw.Flush()
}

// buffered returns w as a *bufio.Writer: tables are written a line at a
// time, and the shell's output is one already.
func buffered(w io.Writer) *bufio.Writer {
	if bw, ok := w.(*bufio.Writer); ok {
		return bw
	}
	return bufio.NewWriter(w)
}

// emphasizeKey is emphasize for a key that may be empty.
func emphasizeKey(k string, opts Options) string {
	if k == "" {
		return ""
	}
	return emphasize(k, opts)
}

// itoa is strconv.Itoa, short.
func itoa(n int) string { return strconv.Itoa(n) }
