package render

import (
	"sort"
	"strings"

	"github.com/clipperhouse/displaywidth"
)

// column is one column of a list table as it is measured and laid out.
type column struct {
	key    string
	head   int  // display width of the key
	width  int  // the widest of key and cells; then the width drawn
	number bool // every value is a number: right-aligned, never shortened
	text   bool // some value is text, which may be shortened
}

// minText is the narrowest a text column is shortened to, unless its key is
// wider (a key is never cut: it is what --columns, filters and --sort take).
const minText = 10

// floor is the narrowest column c may be drawn at.
func (c *column) floor(natural int) int {
	if !c.text {
		return natural
	}
	return min(natural, max(c.head, minText))
}

// tableWidth is the width of a table with these columns: a space of padding
// each side of a cell, and a border between and around the columns.
func tableWidth(cols []column) int {
	n := 1
	for _, c := range cols {
		n += c.width + 3
	}
	return n
}

// fit narrows the text columns of a table wider than limit, the widest
// first, so that it is at most limit wide; numbers, times and yes/no are
// never narrowed, text never below its floor. It reports whether the table
// fits; when it does not, the widths are left as they were, unless force
// is set: then the text columns are narrowed to their floor anyway.
//
// The widths are chosen by one cap: every text column wider than the cap
// is drawn at the cap (or its floor), the others keep their width, and the
// columns at the cap get back, one column each, what the cap took too many.
func fit(cols []column, limit int, force bool) bool {
	excess := tableWidth(cols) - limit
	if excess <= 0 {
		return true
	}
	natural := make([]int, len(cols))
	widest := 0
	for i, c := range cols {
		natural[i] = c.width
		widest = max(widest, c.width)
	}
	at := func(i, capw int) int { return max(cols[i].floor(natural[i]), min(natural[i], capw)) }
	saved := func(capw int) int {
		n := 0
		for i := range cols {
			n += natural[i] - at(i, capw)
		}
		return n
	}
	if saved(0) < excess {
		for i := range cols {
			if force {
				cols[i].width = at(i, 0)
			}
		}
		return false
	}
	// The largest cap that saves enough: saved falls as the cap grows.
	capw := sort.Search(widest+1, func(c int) bool { return saved(c) < excess }) - 1
	spare := saved(capw) - excess
	for i := range cols {
		cols[i].width = at(i, capw)
		if spare > 0 && cols[i].width == capw && capw < natural[i] && capw > cols[i].floor(natural[i]) {
			cols[i].width++
			spare--
		}
	}
	return true
}

// wrap cuts s into lines of at most w columns, at spaces when it can and
// inside a word longer than a line when it must; its own line breaks are
// kept. w <= 0 keeps s's lines as they are.
func wrap(s string, w int) []string {
	var lines []string
	for len(s) > 0 || lines == nil {
		para := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			para, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		lines = wrapLine(lines, para, w)
	}
	return lines
}

// wrapLine appends to lines the line s cut to w columns.
func wrapLine(lines []string, s string, w int) []string {
	if w <= 0 || displaywidth.String(s) <= w {
		return append(lines, s)
	}
	start, used := 0, 0
	lastSpace := -1 // byte offset of the last space on the current line
	g := displaywidth.StringGraphemes(s)
	pos := 0
	for g.Next() {
		gw := g.Width()
		v := g.Value()
		if used+gw > w && pos > start {
			cut := pos
			if lastSpace > start {
				cut = lastSpace
			}
			lines = append(lines, s[start:cut])
			if cut == lastSpace {
				cut++ // the space ends the line
			}
			start, lastSpace = cut, -1
			used = displaywidth.String(s[start:pos])
		}
		if v == " " {
			lastSpace = pos
		}
		used += gw
		pos += len(v)
	}
	return append(lines, s[start:])
}
