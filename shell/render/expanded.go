package render

import (
	"bufio"
	"strings"

	"epicevents/model"
)

// Expanded says when a list shows each record vertically, as field/value
// lines, instead of as rows: psql's \x.
type Expanded string

// The values of --expanded and set expanded.
const (
	// ExpandedAuto shows a list as rows when they fit the terminal, with
	// long text shortened, and vertically when they do not. The default.
	ExpandedAuto Expanded = "auto"
	// ExpandedOn always shows lists vertically.
	ExpandedOn Expanded = "on"
	// ExpandedOff always shows lists as rows, shortened as far as they go.
	ExpandedOff Expanded = "off"
)

// ExpandedValues are the names ParseExpanded takes, for completion.
var ExpandedValues = []string{string(ExpandedAuto), string(ExpandedOn), string(ExpandedOff)}

// ParseExpanded returns the Expanded named s: auto, on or off.
func ParseExpanded(s string) (Expanded, error) {
	switch e := Expanded(strings.ToLower(strings.TrimSpace(s))); e {
	case ExpandedAuto, ExpandedOn, ExpandedOff:
		return e, nil
	}
	return "", model.Errorf(model.EUSAGE, "unknown expanded mode %q: use auto, on or off", s)
}

// drawExpanded draws the records of t one block after another:
//
//	─[ RECORD 1 ]───┬──────────────
//	id              │ 12
//	name            │ Summer party
//
// Values are never cut: on a terminal, a value longer than the room left of
// the line is wrapped onto the next lines.
func drawExpanded(bw *bufio.Writer, t *listTable, cells *cellReader, opts Options) error {
	keyW, valW := 0, 0
	for _, c := range t.cols {
		keyW = max(keyW, c.head)
		valW = max(valW, c.width)
	}
	room := 0 // the widest a value line may be; 0: no limit
	if opts.Width > 0 {
		room = max(minText, opts.Width-keyW-3)
		valW = min(valW, room)
	}
	var line []byte
	for n := 1; n <= t.rows; n++ {
		label := "RECORD " + itoa(n)
		if n > t.rows-opts.totals {
			label = "TOTAL"
		}
		line = recordRule(line[:0], label, keyW, valW)
		for _, c := range t.cols {
			cell, cw, err := cells.cell()
			if err != nil {
				return err
			}
			parts := []string{string(cell)}
			if room > 0 && cw > room && !c.number {
				parts = wrap(parts[0], room)
			}
			for j, p := range parts {
				key := ""
				if j == 0 {
					key = c.key
				}
				line = append(line, emphasizeKey(key, opts)...)
				line = appendSpaces(line, keyW-width([]byte(key)))
				line = append(append(line, ' '), sym.Column()...)
				if p != "" {
					line = append(append(line, ' '), p...)
				}
				line = append(line, '\n')
			}
		}
		if _, err := bw.Write(line); err != nil {
			return err
		}
	}
	return nil
}

// recordRule appends the line that opens a record: its label ("RECORD n",
// or "TOTAL" for a report's total line), then a rule
// as wide as the record with a junction over the column bar when the
// number leaves room for it.
func recordRule(line []byte, name string, keyW, valW int) []byte {
	label := sym.Row() + "[ " + name + " ]"
	lw := width([]byte(label))
	line = append(line, label...)
	if lw <= keyW+1 {
		for range keyW + 1 - lw {
			line = append(line, sym.Row()...)
		}
		line = append(line, sym.TopMid()...)
		lw = keyW + 2
	}
	for range keyW + 3 + valW - lw {
		line = append(line, sym.Row()...)
	}
	return append(line, '\n')
}
