package query

import (
	"context"
	"fmt"
	"slices"
	"strings"
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

// TestSupportedByStatements checks which statement each support list runs
// (see supportedBy): a bare count reads the contact's index entries alone;
// a count with anything else, or a list without a page, selects the
// records IN the contact's events; a page walks the records and looks each
// one up (EXISTS). The rows are the same either way: only the statement
// tells the paths apart.
func TestSupportedByStatements(t *testing.T) {
	db := MustOpenDB(t)
	support := int64(7)
	page, count, all := model.ListOptions{Limit: 50}, model.ListOptions{Count: true}, model.ListOptions{}
	countTerm := model.ListOptions{Count: true, Terms: []model.Term{{Field: "id", Op: ">", Value: "1"}}}
	const bare, in, exists = "COUNT(DISTINCT e.", "IN (SELECT e.", "EXISTS (SELECT 1 FROM events e"
	client := func(f model.ClientFilter, o model.ListOptions) func(*Tx) error {
		f.SupportContactID = &support
		return func(tx *Tx) error { return tx.ListClients(f, o, discard) }
	}
	contract := func(f model.ContractFilter, o model.ListOptions) func(*Tx) error {
		f.SupportContactID = &support
		return func(tx *Tx) error { return tx.ListContracts(f, o, discard) }
	}
	for _, c := range []struct {
		name string
		run  func(*Tx) error
		want string
	}{
		{"ClientCount", client(model.ClientFilter{}, count), bare},
		{"ClientCountTerm", client(model.ClientFilter{}, countTerm), in},
		{"ClientCountSearch", client(model.ClientFilter{Search: "x"}, count), in},
		{"ClientPage", client(model.ClientFilter{}, page), exists},
		{"ClientAll", client(model.ClientFilter{}, all), in},
		{"ContractCount", contract(model.ContractFilter{}, count), bare},
		{"ContractCountTerm", contract(model.ContractFilter{}, countTerm), in},
		{"ContractCountSigned", contract(model.ContractFilter{Signed: yes(true)}, count), in},
		{"ContractPage", contract(model.ContractFilter{}, page), exists},
		{"ContractAll", contract(model.ContractFilter{}, all), in},
	} {
		var stmts []string
		db.trace = func(q string, _ []any) { stmts = append(stmts, q) }
		err := db.View(context.Background(), c.run)
		db.trace = nil
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if len(stmts) != 1 {
			t.Fatalf("%s: %d statements: %q", c.name, len(stmts), stmts)
		}
		for _, marker := range []string{bare, in, exists} {
			if strings.Contains(stmts[0], marker) != (marker == c.want) {
				t.Errorf("%s: want only %q in %s", c.name, c.want, stmts[0])
			}
		}
	}
}
