package query

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"epicevents/model"
)

// reportBook is the data of the report tests, with what was created, from
// which the tests compute the figures they expect.
type reportBook struct {
	alice, bob, carol, dan, sam, sue int64
	contracts                        []bookContract
	events                           []bookEvent
	clients                          map[int64]int64 // client id -> its sales contact (0: none)
}

type bookContract struct {
	total, due model.Money
	signed     bool
	created    time.Time
}

type bookEvent struct {
	support   int64 // 0: none
	start     time.Time
	attendees int64
	commerc   int64 // the sales contact of the event's client
}

var reportDay0 = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

// mustReportBook fills db: alice has clients and contracts over three
// months; bob, a commercial, has nothing; a client of alice's went to
// carol after one of its contracts was made (the contract counts for the
// sales contact that contract list shows for it);
// dan made a contract and then moved to management; a client and its
// contract have no sales contact (as data copied from elsewhere may); sam
// supports events, sue none.
func mustReportBook(t *testing.T, db *DB) *reportBook {
	t.Helper()
	b := &reportBook{clients: map[int64]int64{}}
	b.alice = MustCreateCollaborator(t, db, "alice", model.Commercial)
	b.bob = MustCreateCollaborator(t, db, "bob", model.Commercial)
	b.carol = MustCreateCollaborator(t, db, "carol", model.Commercial)
	b.dan = MustCreateCollaborator(t, db, "dan", model.Commercial)
	b.sam = MustCreateCollaborator(t, db, "sam", model.Support)
	b.sue = MustCreateCollaborator(t, db, "sue", model.Support)
	MustCreateCollaborator(t, db, "mia", model.Management)
	n := 0
	client := func(sales int64) int64 {
		n++
		c := model.Client{Email: "c" + string(rune('a'+n)) + "@acme.test"}
		if sales != 0 {
			c.SalesContactID = &sales
		}
		id := MustCreateClient(t, db, c)
		b.clients[id] = sales
		return id
	}
	contract := func(cl int64, day int, total, due model.Money, signed bool) int64 {
		at := reportDay0.AddDate(0, 0, day)
		db.Now = func() time.Time { return at }
		defer func() { db.Now = time.Now }()
		id := MustCreateContract(t, db, cl, total, due, signed)
		b.contracts = append(b.contracts, bookContract{total: total, due: due, signed: signed, created: at})
		return id
	}
	a1, a2, a3 := client(b.alice), client(b.alice), client(b.alice)
	k1 := contract(a1, 0, 150000, 50000, true)
	contract(a1, 10, 200000, 200000, false)
	contract(a2, 31, 99999, 0, true)
	contract(a2, 45, 120050, 120050, true)
	contract(a3, 70, 50000, 10000, false) // partly paid before signing
	moved := client(b.alice)
	contract(moved, 20, 300000, 100000, true)
	mustUpdate(t, db, func(tx *Tx) error {
		c, err := tx.ClientByID(moved)
		if err != nil {
			return err
		}
		c.SalesContactID = &b.carol
		return tx.UpdateClient(c)
	})
	b.clients[moved] = b.carol
	d1 := client(b.dan)
	contract(d1, 5, 70000, 70000, true)
	mustUpdate(t, db, func(tx *Tx) error {
		u, err := tx.CollaboratorByID(b.dan)
		if err != nil {
			return err
		}
		u.Department = model.Management
		return tx.UpdateCollaborator(u)
	})
	orphan := client(0)
	contract(orphan, 15, 40000, 25000, true)
	contract(orphan, 50, 10000, 10000, false)

	event := func(k int64, commerc, support int64, day int, attendees int64) {
		e := model.Event{Name: "Party", ContractID: k, Start: reportDay0.AddDate(0, 0, day), Attendees: attendees}
		if support != 0 {
			e.SupportContactID = &support
		}
		MustCreateEvent(t, db, e)
		b.events = append(b.events, bookEvent{support: support, start: e.Start, attendees: attendees, commerc: commerc})
	}
	event(k1, b.alice, b.sam, 2, 100)
	event(k1, b.alice, b.sam, 20, 40)
	event(k1, b.alice, 0, 21, 7)
	event(k1, b.alice, b.sam, 60, 1000)
	return b
}

// wantSales computes the sales figures of sales from what the lists show:
// the contracts that `contract list` shows with that sales contact,
// created in [from, to) (zero times: open), and the clients that
// `client list` shows with it.
func (b *reportBook) wantSales(t *testing.T, db *DB, name string, sales int64, from, to time.Time) model.SalesFigures {
	t.Helper()
	w := model.SalesFigures{SalesContact: name}
	if sales != 0 {
		w.SalesContactID = &sales
	}
	is := func(v any) bool { id, ok := v.(int64); return ok && id == sales || !ok && sales == 0 }
	col := func(keys []string, key string) int { return slices.Index(keys, key) }
	err := db.View(context.Background(), func(tx *Tx) error {
		if err := tx.ListClients(model.ClientFilter{}, model.ListOptions{}, func(r []any) error {
			if is(r[col(ClientKeys, "sales_contact_id")]) {
				w.Clients++
			}
			return nil
		}); err != nil {
			return err
		}
		return tx.ListContracts(model.ContractFilter{}, model.ListOptions{}, func(r []any) error {
			created := r[col(ContractKeys, "created_at")].(time.Time)
			if !is(r[col(ContractKeys, "sales_contact_id")]) || (!from.IsZero() && created.Before(from)) ||
				(!to.IsZero() && !created.Before(to)) {
				return nil
			}
			total, due := r[col(ContractKeys, "total_amount")].(model.Money), r[col(ContractKeys, "amount_due")].(model.Money)
			w.Paid += total - due
			if r[col(ContractKeys, "signed")].(bool) {
				w.ContractsSigned++
				w.TotalSigned += total
				w.AmountDue += due
			} else {
				w.ContractsUnsigned++
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// wantAllSales is the sales report of everyone over [from, to): a row per
// commercial by name, and last the records without a sales contact.
func (b *reportBook) wantAllSales(t *testing.T, db *DB, from, to time.Time) []model.SalesFigures {
	t.Helper()
	return []model.SalesFigures{
		b.wantSales(t, db, "alice", b.alice, from, to), b.wantSales(t, db, "bob", b.bob, from, to),
		b.wantSales(t, db, "carol", b.carol, from, to), b.wantSales(t, db, "dan", b.dan, from, to),
		b.wantSales(t, db, "", 0, from, to),
	}
}

// wantEvents computes the events figures of support from the book, over
// the events starting in [from, to), of the clients of commerc if not 0.
func (b *reportBook) wantEvents(name string, support int64, from, to time.Time, commerc int64) model.EventFigures {
	w := model.EventFigures{SupportContact: name}
	if support != 0 {
		w.SupportContactID = &support
	}
	for _, e := range b.events {
		if e.support != support || e.start.Before(from) || !e.start.Before(to) || (commerc != 0 && e.commerc != commerc) {
			continue
		}
		w.Events++
		w.Attendees += e.attendees
	}
	return w
}

// readReport reads the rows of one report (Tx.SalesReport or
// Tx.EventsReport) of f in a transaction of its own.
func readReport[T any](t *testing.T, db *DB, f model.ReportFilter, report func(*Tx, model.ReportFilter) ([]T, error)) []T {
	t.Helper()
	var out []T
	err := db.View(context.Background(), func(tx *Tx) (err error) { out, err = report(tx, f); return err })
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func salesReport(t *testing.T, db *DB, f model.ReportFilter) []model.SalesFigures {
	t.Helper()
	return readReport(t, db, f, (*Tx).SalesReport)
}

func eventsReport(t *testing.T, db *DB, f model.ReportFilter) []model.EventFigures {
	t.Helper()
	return readReport(t, db, f, (*Tx).EventsReport)
}

func TestSalesReport(t *testing.T) {
	ForEachEngine(t, func(t *testing.T, db *DB) {
		b := mustReportBook(t, db)
		var open time.Time
		t.Run("Everyone", func(t *testing.T) {
			got := salesReport(t, db, model.ReportFilter{})
			if want := b.wantAllSales(t, db, open, open); !reflect.DeepEqual(got, want) {
				t.Fatalf("got  %+v\nwant %+v", got, want)
			}
			// The rows add up to the whole book as it was created, so
			// that the helper cannot be wrong the same way as the query.
			var sum model.SalesFigures
			for _, r := range got {
				sum.Add(r)
			}
			var book model.SalesFigures
			for _, k := range b.contracts {
				book.Paid += k.total - k.due
				if k.signed {
					book.ContractsSigned++
					book.TotalSigned += k.total
					book.AmountDue += k.due
				} else {
					book.ContractsUnsigned++
				}
			}
			book.Clients = int64(len(b.clients))
			if sum != book {
				t.Fatalf("the rows add up to %+v, the book to %+v", sum, book)
			}
			if bob := got[1]; bob.Clients != 0 || bob.ContractsSigned+bob.ContractsUnsigned != 0 || bob.Paid != 0 {
				t.Fatalf("bob = %+v", bob)
			}
		})
		t.Run("Period", func(t *testing.T) {
			// [day 10, day 45): created_at at 09:00 of each day.
			from, to := reportDay0.AddDate(0, 0, 10), reportDay0.AddDate(0, 0, 45)
			got := salesReport(t, db, model.ReportFilter{From: &from, To: &to})
			// dan's only contract is out of the period, but he is still
			// the sales contact of a client: his row stays.
			if want := b.wantAllSales(t, db, from, to); !reflect.DeepEqual(got, want) {
				t.Fatalf("got  %+v\nwant %+v", got, want)
			}
			if a := got[0]; a.ContractsSigned+a.ContractsUnsigned == 0 {
				t.Fatalf("alice has no contract in the period: %+v", a)
			}
		})
		t.Run("PeriodsOfTheUnowned", func(t *testing.T) {
			// The row of what has no sales contact is there whenever it
			// counts something: its client, and in [day 45, day 80) an
			// unsigned contract and no signed one.
			for _, days := range [][2]int{{10, 45}, {45, 80}, {100, 120}} {
				from, to := reportDay0.AddDate(0, 0, days[0]), reportDay0.AddDate(0, 0, days[1])
				got := salesReport(t, db, model.ReportFilter{From: &from, To: &to})
				want := b.wantAllSales(t, db, from, to)
				if last := got[len(got)-1]; len(got) != len(want) || last.SalesContactID != nil || last != want[len(want)-1] {
					t.Fatalf("days %v: got %+v\nwant %+v", days, got, want)
				}
			}
		})
		t.Run("OneCommercial", func(t *testing.T) {
			got := salesReport(t, db, model.ReportFilter{SalesContactID: &b.bob})
			if want := []model.SalesFigures{b.wantSales(t, db, "bob", b.bob, open, open)}; !reflect.DeepEqual(got, want) {
				t.Fatalf("got %+v, want %+v", got, want)
			}
			got = salesReport(t, db, model.ReportFilter{SalesContactID: &b.alice})
			if want := []model.SalesFigures{b.wantSales(t, db, "alice", b.alice, open, open)}; !reflect.DeepEqual(got, want) {
				t.Fatalf("got %+v, want %+v", got, want)
			}
		})
	})
}

func TestEventsReport(t *testing.T) {
	ForEachEngine(t, func(t *testing.T, db *DB) {
		b := mustReportBook(t, db)
		// bob's client has an event too, without support.
		bc := MustCreateClient(t, db, model.Client{Email: "bob-client@acme.test", SalesContactID: &b.bob})
		bk := MustCreateContract(t, db, bc, 1000, 0, true)
		start := reportDay0.AddDate(0, 0, 22)
		MustCreateEvent(t, db, model.Event{Name: "Bob's", ContractID: bk, Start: start, Attendees: 9})
		b.events = append(b.events, bookEvent{start: start, attendees: 9, commerc: b.bob})

		from, to := reportDay0.AddDate(0, 0, 2), reportDay0.AddDate(0, 0, 30)
		t.Run("Everyone", func(t *testing.T) {
			got := eventsReport(t, db, model.ReportFilter{From: &from, To: &to})
			want := []model.EventFigures{
				b.wantEvents("sam", b.sam, from, to, 0), b.wantEvents("sue", b.sue, from, to, 0),
				b.wantEvents("", 0, from, to, 0),
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("got  %+v\nwant %+v", got, want)
			}
			// The event at day 60 is outside; the one at day 2 inside.
			if got[0].Events != 2 || got[0].Attendees != 140 || got[2].Events != 2 || got[2].Attendees != 16 {
				t.Fatalf("figures = %+v", got)
			}
		})
		t.Run("OneSupport", func(t *testing.T) {
			got := eventsReport(t, db, model.ReportFilter{From: &from, To: &to, SupportContactID: &b.sue})
			if want := []model.EventFigures{b.wantEvents("sue", b.sue, from, to, 0)}; !reflect.DeepEqual(got, want) {
				t.Fatalf("got %+v, want %+v", got, want)
			}
		})
		t.Run("ClientsOfOneCommercial", func(t *testing.T) {
			got := eventsReport(t, db, model.ReportFilter{From: &from, To: &to, SalesContactID: &b.bob})
			want := []model.EventFigures{
				b.wantEvents("sam", b.sam, from, to, b.bob), b.wantEvents("sue", b.sue, from, to, b.bob),
				b.wantEvents("", 0, from, to, b.bob),
			}
			if !reflect.DeepEqual(got, want) || got[2].Events != 1 || got[0].Events != 0 {
				t.Fatalf("got  %+v\nwant %+v", got, want)
			}
		})
		t.Run("OpenPeriod", func(t *testing.T) {
			got := eventsReport(t, db, model.ReportFilter{})
			far := reportDay0.AddDate(10, 0, 0)
			if want := b.wantEvents("sam", b.sam, time.Time{}, far, 0); !reflect.DeepEqual(got[0], want) || want.Events != 3 {
				t.Fatalf("got %+v, want %+v", got[0], want)
			}
		})
	})
}
