package query_test

import (
	"context"
	"syscall"
	"testing"
	"time"

	"epicevents/model"
	"epicevents/query"
)

// BenchmarkReports runs each report as each department asks for it, on
// the generated database (100,000 clients): one operation is one read
// transaction with the report's statement. The target is 100 ms. Besides
// the time, it reports the CPU time of the process per operation
// (cpu-ms/op), which a machine busy with other work does not inflate.
func BenchmarkReports(b *testing.B) {
	db := openBench(b)
	sales, support := collaboratorID(b, db, "sales1"), collaboratorID(b, db, "support1")
	now := time.Now()
	next30 := now.AddDate(0, 0, 30)
	year, yearEnd := now.AddDate(-1, 0, 0), now
	for _, bc := range []struct {
		name string
		run  func(tx *query.Tx) error
	}{
		{"sales (management)", func(tx *query.Tx) error { _, err := tx.SalesReport(model.ReportFilter{}); return err }},
		{"sales --from --to a year (management)", func(tx *query.Tx) error {
			_, err := tx.SalesReport(model.ReportFilter{From: &year, To: &yearEnd})
			return err
		}},
		{"sales (commercial)", func(tx *query.Tx) error {
			_, err := tx.SalesReport(model.ReportFilter{SalesContactID: &sales})
			return err
		}},
		{"events next 30 days (management)", func(tx *query.Tx) error {
			_, err := tx.EventsReport(model.ReportFilter{From: &now, To: &next30})
			return err
		}},
		{"events next 30 days (commercial)", func(tx *query.Tx) error {
			_, err := tx.EventsReport(model.ReportFilter{From: &now, To: &next30, SalesContactID: &sales})
			return err
		}},
		{"events next 30 days (support)", func(tx *query.Tx) error {
			_, err := tx.EventsReport(model.ReportFilter{From: &now, To: &next30, SupportContactID: &support})
			return err
		}},
		{"events, all time (management)", func(tx *query.Tx) error { _, err := tx.EventsReport(model.ReportFilter{}); return err }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			start := cpuTime(b)
			for b.Loop() {
				if err := db.View(context.Background(), bc.run); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime(b)-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		})
	}
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
