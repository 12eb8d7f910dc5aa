package query

import (
	"context"
	"strings"
	"testing"

	"epicevents/model"
)

// TestReportsUseIndexes runs EXPLAIN QUERY PLAN on the statement of each
// report, as each department asks for it, on SQLite without statistics.
// The management's sales report reads every contract and every client
// once, as it must, but from covering indexes alone (migration 0005 for
// the contracts); the others never read a whole big table.
func TestReportsUseIndexes(t *testing.T) {
	db := MustOpenEngine(t, SQLite)
	from, to := fixedNow, fixedNow.AddDate(0, 0, 30)
	one := int64(1)
	sales := func(f model.ReportFilter) func(*Tx) error {
		return func(tx *Tx) error { _, err := tx.SalesReport(f); return err }
	}
	events := func(f model.ReportFilter) func(*Tx) error {
		return func(tx *Tx) error { _, err := tx.EventsReport(f); return err }
	}
	for _, c := range []struct {
		name  string
		run   func(*Tx) error
		scans []string // the whole reads allowed, as plan steps
	}{
		{"sales (management)", sales(model.ReportFilter{}), []string{
			"SCAN k USING COVERING INDEX contracts_sales_figures", "SCAN c USING COVERING INDEX clients_sales_contact"}},
		{"sales --from --to (management)", sales(model.ReportFilter{From: &from, To: &to}), []string{
			"SCAN k USING COVERING INDEX contracts_sales_figures", "SCAN c USING COVERING INDEX clients_sales_contact"}},
		{"sales (commercial)", sales(model.ReportFilter{SalesContactID: &one}), nil},
		{"sales --from --to (commercial)", sales(model.ReportFilter{SalesContactID: &one, From: &from, To: &to}), nil},
		{"events (management)", events(model.ReportFilter{From: &from, To: &to}), nil},
		{"events (commercial)", events(model.ReportFilter{From: &from, To: &to, SalesContactID: &one}), nil},
		{"events (support)", events(model.ReportFilter{From: &from, To: &to, SupportContactID: &one}), nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			var stmts []string
			var args [][]any
			db.trace = func(q string, a []any) { stmts, args = append(stmts, q), append(args, a) }
			err := db.View(context.Background(), c.run)
			db.trace = nil
			if err != nil {
				t.Fatal(err)
			}
			if len(stmts) != 1 {
				t.Fatalf("%d statements, want one", len(stmts))
			}
			plan := explainSQL(t, db, stmts[0], args[0])
			for _, step := range plan {
				m := scanOf.FindStringSubmatch(step)
				if m == nil || bigTables[m[1]] == "" {
					continue
				}
				allowed := false
				for _, s := range c.scans {
					allowed = allowed || step == s
				}
				if !allowed {
					t.Errorf("reads all of %s: %q\nplan:\n  %s", bigTables[m[1]], step, strings.Join(plan, "\n  "))
				}
			}
		})
	}
}
