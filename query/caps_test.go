package query

import (
	"context"
	"strings"
	"testing"

	"epicevents/model"
)

// TestFilterCaps (issue 11 finding 12): a contains value of 50 kB or a
// thousand terms reached SQLite's limits ("internal error"); they are
// refused with a clear error on both engines, before any SQL runs.
func TestFilterCaps(t *testing.T) {
	ForEachEngine(t, func(t *testing.T, db *DB) {
		list := func(f model.ClientFilter, opts model.ListOptions) error {
			return db.View(context.Background(), func(tx *Tx) error {
				return tx.ListClients(f, opts, func([]any) error { return nil })
			})
		}
		many := make([]model.Term, 1000)
		for i := range many {
			many[i] = model.Term{Field: "company_name", Op: "~", Value: "a"}
		}
		if err := list(model.ClientFilter{}, model.ListOptions{Terms: many}); model.ErrorCode(err) != model.EUSAGE {
			t.Errorf("1000 terms: %v, want a usage error", err)
		}
		long := []model.Term{{Field: "company_name", Op: "~", Value: strings.Repeat("é", 25000)}}
		if err := list(model.ClientFilter{}, model.ListOptions{Terms: long}); model.ErrorCode(err) != model.EINVALID {
			t.Errorf("50 kB value: %v, want invalid input", err)
		}
		if err := list(model.ClientFilter{}, model.ListOptions{Terms: long, Count: true}); model.ErrorCode(err) != model.EINVALID {
			t.Errorf("50 kB value, counted: %v, want invalid input", err)
		}
		if err := list(model.ClientFilter{Search: strings.Repeat("x", 50000)}, model.ListOptions{}); model.ErrorCode(err) != model.EINVALID {
			t.Errorf("50 kB search: %v, want invalid input", err)
		}
		ok := make([]model.Term, model.MaxTerms)
		for i := range ok {
			ok[i] = model.Term{Field: "company_name", Op: "~", Value: strings.Repeat("a", model.MaxFilterValue)}
		}
		if err := list(model.ClientFilter{}, model.ListOptions{Terms: ok}); err != nil {
			t.Errorf("at the limits: %v", err)
		}
	})
}
