package render

import (
	"io"
	"testing"
	"time"
)

// BenchmarkList50 renders a 50-row list of each entity as a table, in the
// entity's default columns, and the same rows as CSV, one after the other
// in each iteration so that both see the same load on the machine. It
// reports both costs and their ratio: the table must cost at most twice
// the CSV (issue 14). Rerun with
//
//	go test ./shell/render -run '^$' -bench List50 -benchmem
func BenchmarkList50(b *testing.B) {
	for _, entity := range []string{"user", "client", "contract", "event", "audit"} {
		res := entityList(entity, 50)
		b.Run(entity, func(b *testing.B) {
			b.ReportAllocs()
			// A terminal, to pay for the fitting too.
			opts := Options{Location: time.UTC, NoColor: true, Width: 200}
			var table, csv time.Duration
			for b.Loop() {
				start := time.Now()
				if err := Render(io.Discard, Table, res, opts); err != nil {
					b.Fatal(err)
				}
				mid := time.Now()
				if err := Render(io.Discard, CSV, res, opts); err != nil {
					b.Fatal(err)
				}
				table, csv = table+mid.Sub(start), csv+time.Since(mid)
			}
			b.ReportMetric(float64(table.Nanoseconds())/float64(b.N), "table-ns/op")
			b.ReportMetric(float64(csv.Nanoseconds())/float64(b.N), "csv-ns/op")
			b.ReportMetric(float64(table)/float64(csv), "table/csv")
		})
	}
}
