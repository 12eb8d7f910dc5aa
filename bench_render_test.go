package main

import (
	"context"
	"testing"
	"time"

	"epicevents/internal/benchdata"
	"epicevents/shell"
	"epicevents/shell/render"
)

// BenchmarkListFormats runs the two lists of issue 14 at 100,000 clients in
// a long-lived shell as a table (fitted to a 200-column terminal), as JSON
// and as CSV, one after the other in each iteration so that the three see
// the same load, and reports the cost of each: drawing the table must cost
// little next to the query.
//
//	go test -run '^$' -bench ListFormats .
func BenchmarkListFormats(b *testing.B) {
	db := openBench(b, benchdata.Cached(b))
	for _, bc := range []struct{ user, line string }{
		{"sales1", "client list --limit 50"},
		{"support1", "event list --mine --upcoming --limit 50"},
	} {
		formats := []render.Format{render.Table, render.JSON, render.CSV}
		shells := make([]*shell.Shell, len(formats))
		for i, f := range formats {
			shells[i] = benchShell(b, db, bc.user, f)
			shells[i].Render.Width = 200
		}
		b.Run(bc.line, func(b *testing.B) {
			spent := make([]time.Duration, len(formats))
			for b.Loop() {
				for i, sh := range shells {
					start := time.Now()
					if err := sh.Line(context.Background(), bc.line, false); err != nil {
						b.Fatal(err)
					}
					spent[i] += time.Since(start)
				}
			}
			for i, f := range formats {
				b.ReportMetric(float64(spent[i].Microseconds())/1000/float64(b.N), string(f)+"-ms/op")
			}
			b.ReportMetric(float64(spent[0])/float64(spent[2]), "table/csv")
		})
	}
}
