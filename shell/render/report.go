package render

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"epicevents/commands"
	"epicevents/model"
)

// barWidth is the length of the longest bar, in terminal cells.
const barWidth = 12

// barColor colors the bars on a terminal (cyan).
const barColor = "\x1b[36m"

// eighths are the blocks of one cell filled 1/8 to 8/8, so that a bar ends
// at an eighth of a cell.
var eighths = []rune("▏▎▍▌▋▊▉█")

// barTrack fills the rest of a bar's barWidth cells: every bar takes the
// same width, so that the amounts after them line up, and a cell never
// starts with blanks, which tables trim.
const barTrack = "░"

// bar draws n/max as block characters, at most barWidth cells.
func bar(n, max model.Money) string {
	if n <= 0 || max <= 0 {
		return ""
	}
	// In eighths of a cell, rounded, and at least one for any amount.
	e := int((int64(n)*barWidth*8 + int64(max)/2) / int64(max))
	if e == 0 {
		e = 1
	}
	s := strings.Repeat(string(eighths[7]), e/8)
	if e%8 > 0 {
		s += string(eighths[e%8-1])
	}
	return s
}

// barCell is the table cell of an amount with its bar: its text is made
// here, colors included, and is not sanitized again.
type barCell struct{ text string }

// reportTable returns the rows of a report as a table shows them: each
// column of res.Bars as its bar, then its amount, right-aligned; a contact
// column's missing contact as "none"; and res.Total as a last row. Reports
// hold one row per collaborator, which are read here before any is drawn:
// the bars are scaled to the largest value of their column.
func reportTable(res commands.Result, opts Options) (commands.RowIter, error) {
	var rows [][]any
	if res.Rows != nil {
		err := res.Rows(func(r []any) error {
			rows = append(rows, slices.Clone(r))
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if len(res.Total) == len(res.Columns) {
		rows = append(rows, slices.Clone(res.Total))
	}
	for _, r := range rows {
		if len(r) > 0 && r[0] == nil && strings.HasSuffix(res.Columns[0], "_contact") {
			r[0] = "none"
		}
	}
	for _, key := range res.Bars {
		i := slices.Index(res.Columns, key)
		if i < 0 {
			return nil, fmt.Errorf("render: no column %q to draw bars in", key)
		}
		var max model.Money
		width := 0
		body := len(rows)
		if len(res.Total) == len(res.Columns) {
			body-- // the total line draws no bar, and does not scale them
		}
		for j, r := range rows {
			m, ok := r[i].(model.Money)
			if !ok {
				return nil, fmt.Errorf("render: %s is not an amount", key)
			}
			if j < body && m > max {
				max = m
			}
			width = maxInt(width, utf8.RuneCountInString(m.String()))
		}
		for j, r := range rows {
			m := r[i].(model.Money)
			if j == body { // the total line
				r[i] = barCell{m.String()}
				continue
			}
			b := bar(m, max)
			track := strings.Repeat(barTrack, barWidth-utf8.RuneCountInString(b))
			if b != "" && !opts.NoColor {
				b = barColor + b + reset
			}
			r[i] = barCell{fmt.Sprintf("%s%s %*s", b, track, width, m.String())}
		}
	}
	return fixed(rows), nil
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

func fixed(rows [][]any) commands.RowIter {
	return func(yield func([]any) error) error {
		for _, r := range rows {
			if err := yield(r); err != nil {
				return err
			}
		}
		return nil
	}
}
