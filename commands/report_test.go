package commands

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"epicevents/model"
)

// reportLines is a report as lines of its values in key order, the total
// line last ("-" for a missing contact).
func reportLines(out output, keys []string) []string {
	line := func(m map[string]any) string {
		var f []string
		for _, k := range keys {
			if m[k] == nil {
				f = append(f, "-")
				continue
			}
			f = append(f, fmt.Sprint(m[k]))
		}
		return strings.Join(f, " ")
	}
	var lines []string
	for _, r := range out.Rows {
		lines = append(lines, line(r))
	}
	return append(lines, line(out.Total))
}

// TestReports checks who sees which rows of each report, the figures of the
// fixture (see testEnv), the periods, and the total line. The clock is the
// fixture's: 2026-06-15 12:00 UTC.
func TestReports(t *testing.T) {
	e := newEnv(t)
	for _, tc := range []struct {
		who, line string
		want      []string
	}{
		// sales_contact clients contracts_signed contracts_unsigned total_signed paid amount_due
		{"mia", "report sales", []string{"carl 1 1 1 2000.00 0.00 2000.00", "cora 1 1 1 3000.00 0.00 3000.00",
			"total 2 2 2 5000.00 0.00 5000.00"}},
		{"carl", "report sales", []string{"carl 1 1 1 2000.00 0.00 2000.00", "total 1 1 1 2000.00 0.00 2000.00"}},
		// Clients count whatever the period; contracts only when created in it.
		{"mia", "report sales --from 2026-06-16", []string{"carl 1 0 0 0.00 0.00 0.00", "cora 1 0 0 0.00 0.00 0.00",
			"total 2 0 0 0.00 0.00 0.00"}},
		{"mia", "report sales --to 2026-06-15", []string{"carl 1 1 1 2000.00 0.00 2000.00", "cora 1 1 1 3000.00 0.00 3000.00",
			"total 2 2 2 5000.00 0.00 5000.00"}},
		// support_contact events attendees; the next 30 days by default.
		{"mia", "report events", []string{"sam 1 50", "sue 0 0", "- 0 0", "total 1 50"}},
		{"mia", "report events --from 2026-05-01 --to 2026-08-31", []string{"sam 1 50", "sue 1 50", "- 1 50", "total 3 150"}},
		{"mia", "report events --from 2026-07-02", []string{"sam 0 0", "sue 1 50", "- 0 0", "total 1 50"}},
		{"mia", "report events --to 2026-07-01", []string{"sam 1 50", "sue 0 0", "- 1 50", "total 2 100"}},
		{"mia", "report events --from 2026-07-01T18:00:01Z --to 2026-08-01", []string{"sam 0 0", "sue 1 50", "- 0 0", "total 1 50"}},
		{"sam", "report events --from 2026-01-01 --to 2026-12-31", []string{"sam 1 50", "total 1 50"}},
		{"sue", "report events", []string{"sue 0 0", "total 0 0"}},
		// A commercial: the events of their own clients, whoever supports them.
		{"carl", "report events --from 2026-01-01 --to 2026-12-31", []string{"sam 1 50", "sue 0 0", "- 1 50", "total 2 100"}},
	} {
		t.Run(tc.who+" "+tc.line, func(t *testing.T) {
			out := e.as(tc.who).must(tc.line)
			keys := SalesReportKeys
			if strings.HasPrefix(tc.line, "report events") {
				keys = EventsReportKeys
			}
			if got := reportLines(out, keys); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestReportRefusals(t *testing.T) {
	e := newEnv(t)
	e.as("sam").fails("report sales", model.EFORBIDDEN, "permission denied")
	for _, r := range []string{"sales", "events"} {
		e.as("mia").fails("report "+r+" --from 2026-07-01 --to 2026-06-01", model.EINVALID, "--from must be before --to")
		e.fails("report "+r+" --from 2026-07-01 --to 2026-07-01T00:00:00Z", model.EINVALID, "--from must be before --to")
		e.fails("report "+r+" --from soon", model.EINVALID, "soon")
		e.fails("report "+r+" --to later", model.EINVALID, "later")
	}
}
