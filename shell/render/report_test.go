package render

import (
	"slices"
	"strings"
	"testing"

	"epicevents/commands"
	"epicevents/model"
)

func TestBar(t *testing.T) {
	for _, c := range []struct {
		n, max model.Money
		want   string
	}{
		{0, 100, ""},
		{100, 0, ""},
		{100, 100, "████████████"},
		{50, 100, "██████"},
		{1, 100, "▏"}, // any amount shows
		{3000, 3500, "██████████▎"},
		{1000, 1500, "████████"},
	} {
		if got := bar(c.n, c.max); got != c.want {
			t.Errorf("bar(%d, %d) = %q, want %q", c.n, c.max, got, c.want)
		}
	}
}

// report is a report as its handler returns it: a contact key first, an
// amount column with bars, a total line.
func report() commands.Result {
	return commands.Result{
		Columns: []string{"sales_contact", "clients", "paid"}, List: true,
		Rows:  rowsOf([]any{"carl", int64(2), model.Money(150000)}, []any{nil, int64(1), model.Money(50000)}),
		Total: []any{"total", int64(3), model.Money(200000)},
		Bars:  []string{"paid"},
	}
}

func TestReportTable(t *testing.T) {
	t.Run("BarsAndTotal", func(t *testing.T) {
		out := MustRender(t, Table, report(), noColor)
		for _, want := range []string{"████████████ 1500.00", "████░░░░░░░░  500.00", "none", "total", "2000.00"} {
			if !strings.Contains(out, want) {
				t.Errorf("no %q in\n%s", want, out)
			}
		}
		if strings.Contains(out, "\x1b") {
			t.Errorf("colors without colors:\n%q", out)
		}
		// The total line draws no bar: one bar per row.
		if n := strings.Count(out, "█"); n != 12+4 {
			t.Errorf("%d blocks, want 16:\n%s", n, out)
		}
		// Numbers and amounts are right-aligned (issue 14).
		if !strings.Contains(out, "│ total         │       3 │              2000.00 │") {
			t.Errorf("the total line draws a bar:\n%s", out)
		}
	})
	t.Run("TotalIsNotARow", func(t *testing.T) {
		out := MustRender(t, Table, report(), noColor)
		if !strings.HasSuffix(out, "\n(2 rows)\n") {
			t.Errorf("the total line is counted as a row:\n%s", out)
		}
		// A rule sets the total line apart from the last row.
		lines := strings.Split(out, "\n")
		at := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, " total ") })
		if at < 2 || !strings.HasPrefix(lines[at-1], "├") || !strings.Contains(lines[at-2], " none ") {
			t.Errorf("no rule right above the total line:\n%s", out)
		}
		one := report()
		one.Rows = rowsOf([]any{"carl", int64(2), model.Money(150000)})
		if out := MustRender(t, Table, one, noColor); !strings.HasSuffix(out, "\n(1 row)\n") {
			t.Errorf("one row and a total:\n%s", out)
		}
		none := report()
		none.Rows = nil
		if out := MustRender(t, Table, none, noColor); !strings.HasSuffix(out, "\n(0 rows)\n") ||
			strings.Count(out, "├") != 1 {
			t.Errorf("no row and a total:\n%s", out)
		}
		opts := noColor
		opts.Expanded = ExpandedOn
		out = MustRender(t, Table, report(), opts)
		if strings.Count(out, "[ RECORD ") != 2 || !strings.Contains(out, "[ TOTAL ]") ||
			!strings.HasSuffix(out, "\n(2 rows)\n") {
			t.Errorf("expanded: the total is not its own block:\n%s", out)
		}
	})
	t.Run("Colored", func(t *testing.T) {
		out := MustRender(t, Table, report(), Options{Location: paris})
		if !strings.Contains(out, barColor+"████████████"+reset+" 1500.00") {
			t.Errorf("the bar is not colored:\n%q", out)
		}
	})
	t.Run("NeverInJSONOrCSV", func(t *testing.T) {
		for _, f := range []Format{JSON, CSV} {
			out := MustRender(t, f, report(), Options{Location: paris})
			for _, no := range []string{"█", "░", "total", "none", "\x1b"} {
				if strings.Contains(out, no) {
					t.Errorf("%s holds %q:\n%s", f, no, out)
				}
			}
			if !strings.Contains(out, "1500.00") || !strings.Contains(out, "500.00") {
				t.Errorf("%s lacks the amounts:\n%s", f, out)
			}
		}
		if out := MustRender(t, JSON, report(), noColor); !strings.Contains(out, `"sales_contact":null`) {
			t.Errorf("the row without contact is not null in JSON:\n%s", out)
		}
	})
}
