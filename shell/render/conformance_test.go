package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
)

// TestTablewriterLook checks that a list table is drawn exactly as
// tablewriter draws the same cells, header centred, numbers on the right:
// render only draws the lines itself because tablewriter is too slow for
// the shell (table.go), not to look different.
func TestTablewriterLook(t *testing.T) {
	for _, entity := range entities {
		for _, w := range []int{0, 80, 120} {
			opts := noColor
			opts.Width, opts.Expanded = w, ExpandedOff
			res := entityList(entity, 12)
			ours := MustRender(t, Table, res, opts)
			// The cells as drawn (shortened when w is set), taken back from
			// our own output, and laid out again by tablewriter.
			ls := lines(ours)
			header := strings.Fields(strings.NewReplacer("│", " ").Replace(ls[1]))
			var rows [][]string
			aligns := make([]tw.Align, len(header))
			for i := range aligns {
				aligns[i] = tw.AlignLeft
			}
			for _, l := range ls[3 : len(ls)-1] {
				cells := strings.Split(l, "│")
				cells = cells[1 : len(cells)-1]
				row := make([]string, len(cells))
				for i, c := range cells {
					row[i] = strings.TrimSpace(c)
					// A cell padded on the left is in a right-aligned column.
					if strings.HasPrefix(c, "  ") && !strings.HasSuffix(c, "  ") {
						aligns[i] = tw.AlignRight
					}
				}
				rows = append(rows, row)
			}
			var theirs bytes.Buffer
			table := tablewriter.NewTable(&theirs,
				tablewriter.WithHeaderAutoFormat(tw.Off),
				tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: aligns}))
			table.Header(header)
			if err := table.Bulk(rows); err != nil {
				t.Fatal(err)
			}
			if err := table.Render(); err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(ls, "\n") + "\n"; got != theirs.String() {
				t.Fatalf("%s at %d columns:\nours:\n%s\ntablewriter:\n%s", entity, w, got, theirs.String())
			}
		}
	}
}
