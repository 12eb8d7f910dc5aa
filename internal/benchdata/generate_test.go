package benchdata_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"epicevents/internal/benchdata"
	"epicevents/model"
	"epicevents/query"
)

// TestGenerate makes a small database and checks its mix: the counts, the
// rules of the SPEC (events on signed contracts only, the client's
// commercial on every contract), and the spread of dates and statuses.
func TestGenerate(t *testing.T) {
	ctx := context.Background()
	db, err := query.Open(ctx, filepath.Join(t.TempDir(), "gen.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	hash, err := bcrypt.GenerateFromPassword([]byte(benchdata.Password), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	const clients = 400
	st, err := benchdata.Generate(ctx, db, benchdata.Options{Clients: clients, Seed: 7, Now: now, Hash: string(hash)})
	if err != nil {
		t.Fatal(err)
	}
	if st.Collaborators != 23 || st.Clients != clients {
		t.Errorf("stats %+v", st)
	}
	for _, n := range []int{st.Contracts, st.Events} {
		if n < 2*clients || n > 4*clients {
			t.Errorf("%d contracts, %d events for %d clients: want about 3 each", st.Contracts, st.Events, clients)
		}
	}
	count := func(list func(tx *query.Tx, o model.ListOptions, yield func([]any) error) error) int64 {
		t.Helper()
		var n int64
		err := db.View(ctx, func(tx *query.Tx) error {
			return list(tx, model.ListOptions{Count: true}, func(r []any) error { n = r[0].(int64); return nil })
		})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	contracts := func(f model.ContractFilter, terms ...model.Term) int64 {
		return count(func(tx *query.Tx, o model.ListOptions, y func([]any) error) error {
			o.Terms = terms
			return tx.ListContracts(f, o, y)
		})
	}
	events := func(f model.EventFilter, terms ...model.Term) int64 {
		return count(func(tx *query.Tx, o model.ListOptions, y func([]any) error) error {
			o.Terms = terms
			return tx.ListEvents(f, o, y)
		})
	}
	yes, no := true, false
	if n := contracts(model.ContractFilter{}); n != int64(st.Contracts) {
		t.Errorf("%d contracts in the database, Generate says %d", n, st.Contracts)
	}
	for name, n := range map[string]int64{
		"signed":   contracts(model.ContractFilter{Signed: &yes}),
		"unsigned": contracts(model.ContractFilter{Signed: &no}),
		"paid":     contracts(model.ContractFilter{Paid: &yes}),
		"unpaid":   contracts(model.ContractFilter{Paid: &no}),
		"partly paid": contracts(model.ContractFilter{},
			model.Term{Field: "amount_due", Op: ">", Value: "0"}, model.Term{Field: "signed", Op: "=", Value: "true"}),
		"events without support": events(model.EventFilter{NoSupport: true}),
		"events with support":    events(model.EventFilter{}, model.Term{Field: "support_contact", Op: "!=", Value: "none"}),
		"upcoming events":        events(model.EventFilter{Upcoming: true}),
	} {
		if n == 0 {
			t.Errorf("no %s", name)
		}
	}
	var unsignedEvents, foreignSales int64
	err = db.View(ctx, func(tx *query.Tx) error {
		for id := int64(1); id <= int64(st.Events); id += 37 {
			e, err := tx.EventByID(id)
			if err != nil {
				return err
			}
			k, err := tx.ContractByID(e.ContractID)
			if err != nil {
				return err
			}
			if !k.Signed {
				unsignedEvents++
			}
			if c, err := tx.ClientByID(k.ClientID); err != nil {
				return err
			} else if *c.SalesContactID != *k.SalesContactID {
				foreignSales++
			}
			if e.CreatedAt.Before(now.AddDate(-5, 0, -1)) || e.CreatedAt.After(now) {
				t.Errorf("event %d created %s, outside the five years", id, e.CreatedAt)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if unsignedEvents > 0 || foreignSales > 0 {
		t.Errorf("%d events on unsigned contracts, %d contracts of another commercial", unsignedEvents, foreignSales)
	}
}
