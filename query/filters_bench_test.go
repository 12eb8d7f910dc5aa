package query_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"epicevents/internal/benchdata"
	"epicevents/model"
	"epicevents/query"
)

// The benchmarks of this file run on the generated database of
// internal/benchdata (100,000 clients, 300,000 contracts, 300,000 events),
// made once and cached in $TMPDIR: go test -run '^$' -bench . ./query/

// openBench opens the benchmarks' database.
func openBench(b *testing.B) *query.DB {
	b.Helper()
	db, err := query.Open(context.Background(), benchdata.Cached(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

func collaboratorID(b *testing.B, db *query.DB, username string) int64 {
	b.Helper()
	var u *model.Collaborator
	err := db.View(context.Background(), func(tx *query.Tx) (err error) { u, err = tx.Collaborator(username); return err })
	if err != nil {
		b.Fatal(err)
	}
	return u.ID
}

// BenchmarkFilters runs each named filter of the SPEC, as a list of its
// first 50 rows and as a count: one operation is one read transaction with
// the command's query, its rows scanned as for rendering.
func BenchmarkFilters(b *testing.B) {
	db := openBench(b)
	sales, support := collaboratorID(b, db, "sales1"), collaboratorID(b, db, "support1")
	now := time.Now()
	from, to := now.AddDate(0, -1, 0), now.AddDate(0, 1, 0)
	yes, no := true, false
	client, contract := int64(4242), int64(4242)
	type list func(tx *query.Tx, o model.ListOptions, yield func([]any) error) error
	clients := func(f model.ClientFilter) list {
		return func(tx *query.Tx, o model.ListOptions, y func([]any) error) error { return tx.ListClients(f, o, y) }
	}
	contracts := func(f model.ContractFilter) list {
		return func(tx *query.Tx, o model.ListOptions, y func([]any) error) error { return tx.ListContracts(f, o, y) }
	}
	events := func(f model.EventFilter) list {
		return func(tx *query.Tx, o model.ListOptions, y func([]any) error) error { return tx.ListEvents(f, o, y) }
	}
	for _, bc := range []struct {
		name string
		run  list
	}{
		{"client --mine (commercial)", clients(model.ClientFilter{SalesContactID: &sales})},
		{"client --mine (support)", clients(model.ClientFilter{SupportContactID: &support})},
		{"client --sales", clients(model.ClientFilter{SalesContactID: &sales})},
		{"client --search", clients(model.ClientFilter{Search: "casey"})},
		{"contract --mine (commercial)", contracts(model.ContractFilter{SalesContactID: &sales})},
		{"contract --mine (support)", contracts(model.ContractFilter{SupportContactID: &support})},
		{"contract --client", contracts(model.ContractFilter{ClientID: &client})},
		{"contract --signed", contracts(model.ContractFilter{Signed: &yes})},
		{"contract --unsigned", contracts(model.ContractFilter{Signed: &no})},
		{"contract --paid", contracts(model.ContractFilter{Paid: &yes})},
		{"contract --unpaid", contracts(model.ContractFilter{Paid: &no})},
		{"event --mine (commercial)", events(model.EventFilter{SalesContactID: &sales})},
		{"event --mine (support)", events(model.EventFilter{SupportContactID: &support})},
		{"event --no-support", events(model.EventFilter{NoSupport: true})},
		{"event --support", events(model.EventFilter{SupportContactID: &support})},
		{"event --contract", events(model.EventFilter{ContractID: &contract})},
		{"event --client", events(model.EventFilter{ClientID: &client})},
		{"event --from", events(model.EventFilter{From: &from})},
		{"event --to", events(model.EventFilter{To: &to})},
		{"event --from --to", events(model.EventFilter{From: &from, To: &to})},
		{"event --upcoming", events(model.EventFilter{Upcoming: true})},
	} {
		for _, v := range []struct {
			name string
			opts model.ListOptions
		}{{"limit50", model.ListOptions{Limit: 50}}, {"count", model.ListOptions{Count: true}}} {
			b.Run(fmt.Sprintf("%s/%s", bc.name, v.name), func(b *testing.B) {
				rows := 0
				for b.Loop() {
					rows = 0
					err := db.View(context.Background(), func(tx *query.Tx) error {
						return bc.run(tx, v.opts, func([]any) error { rows++; return nil })
					})
					if err != nil {
						b.Fatal(err)
					}
				}
				if rows == 0 {
					b.Fatal("no row")
				}
			})
		}
	}
}

// BenchmarkCompletion runs the lookups of completion, as the shell asks
// them after each key: usernames of a department, and ids with their
// description by id prefix and by name prefix.
func BenchmarkCompletion(b *testing.B) {
	db := openBench(b)
	for _, bc := range []struct {
		name string
		run  func(tx *query.Tx) ([][2]string, error)
	}{
		{"UsernamesLike/support/s", func(tx *query.Tx) ([][2]string, error) { return tx.UsernamesLike("s", model.Support, 20) }},
		{"UsernamesLike/any/", func(tx *query.Tx) ([][2]string, error) { return tx.UsernamesLike("", "", 20) }},
		{"ClientsLike/", func(tx *query.Tx) ([][2]string, error) { return tx.ClientsLike("", 20) }},
		{"ClientsLike/4", func(tx *query.Tx) ([][2]string, error) { return tx.ClientsLike("4", 20) }},
		{"ClientsLike/4242", func(tx *query.Tx) ([][2]string, error) { return tx.ClientsLike("4242", 20) }},
		{"ClientsLike/Mar", func(tx *query.Tx) ([][2]string, error) { return tx.ClientsLike("Mar", 20) }},
		{"ClientsLike/cool", func(tx *query.Tx) ([][2]string, error) { return tx.ClientsLike("cool", 20) }},
		{"ContractsLike/9", func(tx *query.Tx) ([][2]string, error) { return tx.ContractsLike("9", 20) }},
		{"ContractsLike/Dup", func(tx *query.Tx) ([][2]string, error) { return tx.ContractsLike("Dup", 20) }},
		{"EventsLike/12", func(tx *query.Tx) ([][2]string, error) { return tx.EventsLike("12", 20) }},
		{"EventsLike/Summer", func(tx *query.Tx) ([][2]string, error) { return tx.EventsLike("Summer", 20) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				var got [][2]string
				err := db.View(context.Background(), func(tx *query.Tx) (err error) { got, err = bc.run(tx); return err })
				if err != nil {
					b.Fatal(err)
				}
				if len(got) == 0 {
					b.Fatal("no suggestion")
				}
			}
		})
	}
}
