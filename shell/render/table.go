package render

import (
	"bufio"
	"fmt"
	"io"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/olekukonko/tablewriter/tw"
)

// Bold and reset, for the header of a table on a terminal. tablewriter
// measures cells without their escape sequences, so columns stay aligned.
const (
	bold  = "\x1b[1m"
	reset = "\x1b[0m"
)

// newTable returns a table writing to w whose header is printed as given:
// the column names are the snake_case keys the operator filters on, so they
// are not upper-cased.
func newTable(w io.Writer, opts ...tablewriter.Option) *tablewriter.Table {
	opts = append([]tablewriter.Option{tablewriter.WithHeaderAutoFormat(tw.Off)}, opts...)
	return tablewriter.NewTable(w, opts...)
}

// emphasize makes s bold unless colors are off.
func emphasize(s string, opts Options) string {
	if opts.NoColor {
		return s
	}
	return bold + s + reset
}

// tableRecord writes one record as field/value rows, like psql's expanded
// display. Values are shown in full: long ones wrap at listCellMax columns
// instead of being cut.
func tableRecord(w io.Writer, cols []string, rec []any, opts Options) error {
	bw := bufio.NewWriter(w)
	t := newTable(bw, tablewriter.WithRowMaxWidth(listCellMax))
	for i, col := range cols {
		if err := t.Append([]string{emphasize(col, opts), tableText(rec[i], opts.Location)}); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	return bw.Flush()
}

// tablePreview is how many rows a list table measures before printing. A
// shorter list is laid out to fit exactly, as psql does; a longer one is
// streamed with the column widths of its first rows, so that memory stays
// flat, and a later cell too wide for its column is cut with "…".
const tablePreview = 1000

// tableList writes the rows under a header, then "(N rows)" as psql does.
// Cells are cut to one short line so that each row stays on one line.
func tableList(w io.Writer, cols []string, rows func(func([]any) error) error, opts Options) error {
	// tablewriter writes a few bytes at a time; a terminal wants lines.
	bw := bufio.NewWriter(w)
	header := make([]string, len(cols))
	for i, col := range cols {
		header[i] = emphasize(col, opts)
	}
	var (
		preview [][]string
		stream  *tablewriter.Table // set once the preview is full
		n       int
	)
	err := rows(func(row []any) error {
		cells := make([]string, len(row))
		for i, v := range row {
			cells[i] = shorten(tableText(v, opts.Location))
		}
		n++
		if stream != nil {
			return stream.Append(cells)
		}
		if preview = append(preview, cells); len(preview) < tablePreview {
			return nil
		}
		var err error
		stream, err = startStream(bw, header, preview)
		preview = nil
		return err
	})
	if err != nil {
		// What was printed goes out, so the output stops where the error hit.
		bw.Flush()
		return err
	}
	if stream != nil {
		err = stream.Close()
	} else {
		t := newTable(bw)
		t.Header(header)
		if err = t.Bulk(preview); err == nil {
			err = t.Render()
		}
	}
	if err != nil {
		return err
	}
	unit := "rows"
	if n == 1 {
		unit = "row"
	}
	fmt.Fprintf(bw, "(%d %s)\n", n, unit)
	return bw.Flush()
}

// startStream starts a streaming table whose columns are as wide as the
// widest of header and first rows, and prints them.
func startStream(w io.Writer, header []string, first [][]string) (*tablewriter.Table, error) {
	widths := tw.NewMapper[int, int]()
	// tablewriter counts the padding, one space each side, in the width.
	measure := func(cells []string) {
		for i, c := range cells {
			if cw := twwidth.Width(c) + 2; cw > widths.Get(i) {
				widths.Set(i, cw)
			}
		}
	}
	measure(header)
	for _, cells := range first {
		measure(cells)
	}
	t := newTable(w,
		tablewriter.WithStreaming(tw.StreamConfig{Enable: true}),
		tablewriter.WithColumnWidths(widths),
		tablewriter.WithRowAutoWrap(tw.WrapTruncate))
	if err := t.Start(); err != nil {
		return nil, err
	}
	t.Header(header)
	for _, cells := range first {
		if err := t.Append(cells); err != nil {
			return nil, err
		}
	}
	return t, nil
}
