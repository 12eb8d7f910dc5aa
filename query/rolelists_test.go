package query

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"epicevents/model"
)

// TestSalesContactFollowsClient checks the copies of a client's sales
// contact that its contracts and events keep (migration 0004), through the
// lists that read them: --mine of a commercial and --client. They follow
// the client through a reassignment and an update, on both engines.
func TestSalesContactFollowsClient(t *testing.T) {
	ForEachEngine(t, func(t *testing.T, db *DB) {
		sales1 := MustCreateCollaborator(t, db, "sales1", model.Commercial)
		sales2 := MustCreateCollaborator(t, db, "sales2", model.Commercial)
		client := MustCreateClient(t, db, model.Client{SalesContactID: &sales1, Email: "client@x.example"})
		other := MustCreateClient(t, db, model.Client{SalesContactID: &sales2, Email: "other@x.example"})
		contract := MustCreateContract(t, db, client, 100, 100, true)
		MustCreateContract(t, db, other, 100, 100, true)
		start := fixedNow.AddDate(0, 1, 0)
		event := MustCreateEvent(t, db, model.Event{ContractID: contract, Name: "Gala", Start: start})
		mine := func(sales int64) (contracts, events []int64) {
			contracts = ids(t, db, func(tx *Tx, y func([]any) error) error {
				return tx.ListContracts(model.ContractFilter{SalesContactID: &sales}, model.ListOptions{}, y)
			})
			events = ids(t, db, func(tx *Tx, y func([]any) error) error {
				return tx.ListEvents(model.EventFilter{SalesContactID: &sales}, model.ListOptions{Limit: 50}, y)
			})
			return contracts, events
		}
		expect := func(step string, sales int64, wantContracts, wantEvents []int64) {
			t.Helper()
			k, e := mine(sales)
			if !slices.Equal(k, wantContracts) || !slices.Equal(e, wantEvents) {
				t.Errorf("%s: --mine of %d: contracts %v, events %v; want %v, %v", step, sales, k, e, wantContracts, wantEvents)
			}
		}
		expect("created", sales1, []int64{contract}, []int64{event})
		if got := ids(t, db, func(tx *Tx, y func([]any) error) error {
			return tx.ListEvents(model.EventFilter{ClientID: &client}, model.ListOptions{}, y)
		}); !slices.Equal(got, []int64{event}) {
			t.Errorf("--client: %v, want [%d]", got, event)
		}

		mustUpdate(t, db, func(tx *Tx) error { return tx.Reassign(sales1, sales2) })
		expect("reassigned", sales1, []int64{}, []int64{})
		k, e := mine(sales2)
		if len(k) != 2 || !slices.Equal(e, []int64{event}) {
			t.Errorf("reassigned: --mine of sales2: contracts %v, events %v", k, e)
		}

		mustUpdate(t, db, func(tx *Tx) error {
			c, err := tx.ClientByID(client)
			if err != nil {
				return err
			}
			c.SalesContactID = &sales1
			return tx.UpdateClient(c)
		})
		expect("updated", sales1, []int64{contract}, []int64{event})
	})
}

// TestSupportedCounts checks the counts of --mine for support (a count of
// distinct records from the events' index) against the lists they count,
// with and without another filter, on both engines.
func TestSupportedCounts(t *testing.T) {
	ForEachEngine(t, func(t *testing.T, db *DB) {
		sales := MustCreateCollaborator(t, db, "sales1", model.Commercial)
		support := MustCreateCollaborator(t, db, "support1", model.Support)
		start := fixedNow.AddDate(0, 1, 0)
		for i := range 3 {
			client := MustCreateClient(t, db, model.Client{SalesContactID: &sales, Email: fmt.Sprintf("c%d@x.example", i)})
			for j := range 2 {
				contract := MustCreateContract(t, db, client, 100, model.Money(100*j), true)
				for range i + j {
					e := model.Event{ContractID: contract, Name: "Gala", Start: start}
					if i > 0 {
						e.SupportContactID = &support
					}
					MustCreateEvent(t, db, e)
				}
			}
		}
		count := func(list func(*Tx, model.ListOptions, func([]any) error) error) (n int64, rows int) {
			err := db.View(context.Background(), func(tx *Tx) error {
				if err := list(tx, model.ListOptions{Count: true}, func(r []any) error { n = r[0].(int64); return nil }); err != nil {
					return err
				}
				return list(tx, model.ListOptions{}, func([]any) error { rows++; return nil })
			})
			if err != nil {
				t.Fatal(err)
			}
			return n, rows
		}
		unpaid := false
		for name, list := range map[string]func(*Tx, model.ListOptions, func([]any) error) error{
			"clients": func(tx *Tx, o model.ListOptions, y func([]any) error) error {
				return tx.ListClients(model.ClientFilter{SupportContactID: &support}, o, y)
			},
			"contracts": func(tx *Tx, o model.ListOptions, y func([]any) error) error {
				return tx.ListContracts(model.ContractFilter{SupportContactID: &support}, o, y)
			},
			"unpaid contracts": func(tx *Tx, o model.ListOptions, y func([]any) error) error {
				return tx.ListContracts(model.ContractFilter{SupportContactID: &support, Paid: &unpaid}, o, y)
			},
		} {
			if n, rows := count(list); n != int64(rows) || rows == 0 {
				t.Errorf("%s: --count %d, list %d rows", name, n, rows)
			}
		}
	})
}
