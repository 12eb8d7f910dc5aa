package query

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"epicevents/model"
)

// bigTables are the aliases, in every statement of this package, of the
// tables that grow with the business: clients, contracts, events.
var bigTables = map[string]string{"c": "clients", "k": "contracts", "e": "events"}

// scanOf matches a step of a query plan that reads a whole table, or a
// whole index of it: "SCAN e", "SCAN k USING INDEX contracts_signed".
var scanOf = regexp.MustCompile(`^SCAN (\w+)\b`)

// planCase is one filter: what a command asks of a store, as the command
// would ask it.
type planCase struct {
	name string
	run  func(tx *Tx, opts model.ListOptions) error
	// scans lists the big tables this filter reads whole, on purpose.
	scans []string
}

func id(n int64) *int64 { return &n }
func yes(b bool) *bool  { return &b }

func discard([]any) error { return nil }

// filterCases are the named filters of the SPEC and the TERMS on indexed
// fields, for each list command.
func filterCases() []planCase {
	day := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	clientList := func(f model.ClientFilter, terms ...model.Term) func(*Tx, model.ListOptions) error {
		return func(tx *Tx, o model.ListOptions) error {
			o.Terms = terms
			return tx.ListClients(f, o, discard)
		}
	}
	contractList := func(f model.ContractFilter, terms ...model.Term) func(*Tx, model.ListOptions) error {
		return func(tx *Tx, o model.ListOptions) error {
			o.Terms = terms
			return tx.ListContracts(f, o, discard)
		}
	}
	eventList := func(f model.EventFilter, terms ...model.Term) func(*Tx, model.ListOptions) error {
		return func(tx *Tx, o model.ListOptions) error {
			o.Terms = terms
			return tx.ListEvents(f, o, discard)
		}
	}
	term := func(f, op, v string) model.Term { return model.Term{Field: f, Op: op, Value: v} }
	return []planCase{
		{name: "client --mine (commercial)", run: clientList(model.ClientFilter{SalesContactID: id(1)})},
		{name: "client --mine (support)", run: clientList(model.ClientFilter{SupportContactID: id(2)})},
		{name: "client --sales", run: clientList(model.ClientFilter{SalesContactID: id(1)})},
		// Contains cannot use a b-tree: see docs/performance.md.
		{name: "client --search", run: clientList(model.ClientFilter{Search: "acme"}), scans: []string{"clients"}},
		{name: "client sales_contact_id=", run: clientList(model.ClientFilter{}, term("sales_contact_id", "=", "1"))},
		{name: "client sales_contact=", run: clientList(model.ClientFilter{}, term("sales_contact", "=", "sales1"))},
		{name: "client email=", run: clientList(model.ClientFilter{}, term("email", "=", "a@b.example"))},
		// The indexes of last_name, company_name (and events' name) are in
		// SQLite's NOCASE collation, for completion by prefix (LIKE 'ab%'):
		// they cannot serve an exact, case-sensitive =. Prefix TERMS are
		// not in the SPEC; see docs/performance.md.
		{name: "client last_name=", run: clientList(model.ClientFilter{}, term("last_name", "=", "Martin")), scans: []string{"clients"}},
		{name: "client company_name=", run: clientList(model.ClientFilter{}, term("company_name", "=", "Acme")), scans: []string{"clients"}},

		{name: "contract --mine (commercial)", run: contractList(model.ContractFilter{SalesContactID: id(1)})},
		{name: "contract --mine (support)", run: contractList(model.ContractFilter{SupportContactID: id(2)})},
		{name: "contract --client", run: contractList(model.ContractFilter{ClientID: id(7)})},
		{name: "contract --signed", run: contractList(model.ContractFilter{Signed: yes(true)})},
		{name: "contract --unsigned", run: contractList(model.ContractFilter{Signed: yes(false)})},
		{name: "contract --paid", run: contractList(model.ContractFilter{Paid: yes(true)})},
		{name: "contract --unpaid", run: contractList(model.ContractFilter{Paid: yes(false)})},
		{name: "contract --mine --unpaid", run: contractList(model.ContractFilter{SalesContactID: id(1), Paid: yes(false)})},
		{name: "contract client_id=", run: contractList(model.ContractFilter{}, term("client_id", "=", "7"))},
		{name: "contract sales_contact_id=", run: contractList(model.ContractFilter{}, term("sales_contact_id", "=", "1"))},
		{name: "contract sales_contact=", run: contractList(model.ContractFilter{}, term("sales_contact", "=", "sales1"))},
		{name: "contract amount_due>", run: contractList(model.ContractFilter{}, term("amount_due", ">", "1000"))},
		{name: "contract signed=", run: contractList(model.ContractFilter{}, term("signed", "=", "false"))},

		{name: "event --mine (commercial)", run: eventList(model.EventFilter{SalesContactID: id(1)})},
		{name: "event --mine (support)", run: eventList(model.EventFilter{SupportContactID: id(2)})},
		{name: "event --support", run: eventList(model.EventFilter{SupportContactID: id(2)})},
		{name: "event --no-support", run: eventList(model.EventFilter{NoSupport: true})},
		{name: "event --contract", run: eventList(model.EventFilter{ContractID: id(9)})},
		{name: "event --client", run: eventList(model.EventFilter{ClientID: id(7)})},
		{name: "event --from", run: eventList(model.EventFilter{From: &day})},
		{name: "event --to", run: eventList(model.EventFilter{To: &day})},
		{name: "event --from --to", run: eventList(model.EventFilter{From: &day, To: ptr(day.AddDate(0, 1, 0))})},
		{name: "event --upcoming", run: eventList(model.EventFilter{Upcoming: true})},
		{name: "event --mine --upcoming (support)", run: eventList(model.EventFilter{SupportContactID: id(2), Upcoming: true})},
		{name: "event --no-support --upcoming", run: eventList(model.EventFilter{NoSupport: true, Upcoming: true})},
		{name: "event contract_id=", run: eventList(model.EventFilter{}, term("contract_id", "=", "9"))},
		{name: "event client_id=", run: eventList(model.EventFilter{}, term("client_id", "=", "7"))},
		{name: "event support_contact=none", run: eventList(model.EventFilter{}, term("support_contact", "=", "none"))},
		{name: "event support_contact_id=", run: eventList(model.EventFilter{}, term("support_contact_id", "=", "2"))},
		{name: "event support_contact=", run: eventList(model.EventFilter{}, term("support_contact", "=", "support1"))},
		{name: "event event_start>=", run: eventList(model.EventFilter{}, term("event_start", ">=", "2026-06-01"))},
		{name: "event event_start=", run: eventList(model.EventFilter{}, term("event_start", "=", "2026-06-01"))},
		{name: "event name=", run: eventList(model.EventFilter{}, term("name", "=", "Summer party")), scans: []string{"events"}},
	}
}

// completionCases are the completion lookups: prefixes of ids, of names.
func completionCases() []planCase {
	like := func(fn func(*Tx) error) func(*Tx, model.ListOptions) error {
		return func(tx *Tx, _ model.ListOptions) error { return fn(tx) }
	}
	var cases []planCase
	for _, prefix := range []string{"", "4", "42", "Mar", "acme"} {
		cases = append(cases,
			planCase{name: "ClientsLike " + prefix, run: like(func(tx *Tx) error { _, err := tx.ClientsLike(prefix, 20); return err })},
			planCase{name: "ContractsLike " + prefix, run: like(func(tx *Tx) error { _, err := tx.ContractsLike(prefix, 20); return err })},
			planCase{name: "EventsLike " + prefix, run: like(func(tx *Tx) error { _, err := tx.EventsLike(prefix, 20); return err })},
			planCase{name: "UsernamesLike " + prefix, run: like(func(tx *Tx) error {
				_, err := tx.UsernamesLike(prefix, model.Support, 20)
				return err
			})},
		)
	}
	return cases
}

// TestFiltersUseIndexes runs EXPLAIN QUERY PLAN on the statements of every
// named filter of the SPEC, of the TERMS on indexed fields and of the
// completion lookups, each as a list with --limit 50 and as --count, and
// fails when one reads a whole big table (clients, contracts, events):
// "SCAN c", or "SCAN c USING INDEX ..." which reads the whole index. The
// plans are those of SQLite without statistics (no ANALYZE), as in use.
//
// One scan is allowed, in a statement with a LIMIT only: the scan of a
// table in the order of the list (by id: "SCAN e", and no "TEMP B-TREE FOR
// ORDER BY"), which stops at the LIMIT-th match. SQLite prefers it to the index
// of a filter that many rows match (--unpaid, --upcoming, --from), where it
// stops early; fetching every match through the index to sort them by id
// would read more. The --count variant of the same filter must use the
// index.
func TestFiltersUseIndexes(t *testing.T) {
	db := MustOpenEngine(t, SQLite)
	ctx := context.Background()
	variants := []struct {
		name string
		opts model.ListOptions
	}{
		{"--limit 50", model.ListOptions{Limit: 50}},
		{"--count", model.ListOptions{Count: true}},
	}
	check := func(t *testing.T, c planCase, opts model.ListOptions, limited bool) {
		var stmts []string
		var stmtArgs [][]any
		db.trace = func(q string, args []any) {
			if strings.HasPrefix(q, "SELECT") {
				stmts, stmtArgs = append(stmts, q), append(stmtArgs, args)
			}
		}
		defer func() { db.trace = nil }()
		if err := db.View(ctx, func(tx *Tx) error { return c.run(tx, opts) }); err != nil {
			t.Fatal(err)
		}
		db.trace = nil
		if len(stmts) == 0 {
			t.Fatal("no statement ran")
		}
		for i, q := range stmts {
			plan := explainSQL(t, db, q, stmtArgs[i])
			orderedScan := limited && strings.Contains(q, " LIMIT ") &&
				!strings.Contains(strings.Join(plan, "\n"), "TEMP B-TREE FOR ORDER BY")
			for _, step := range plan {
				m := scanOf.FindStringSubmatch(step)
				if m == nil || bigTables[m[1]] == "" {
					continue
				}
				if orderedScan && step == "SCAN "+m[1] {
					continue
				}
				if !slices.Contains(c.scans, bigTables[m[1]]) {
					t.Errorf("reads all of %s: %q\n%s\nplan:\n  %s", bigTables[m[1]], step, q, strings.Join(plan, "\n  "))
				}
			}
		}
	}
	for _, c := range filterCases() {
		for _, v := range variants {
			t.Run(c.name+" "+v.name, func(t *testing.T) { check(t, c, v.opts, v.opts.Limit > 0) })
		}
	}
	for _, c := range completionCases() {
		t.Run(c.name, func(t *testing.T) { check(t, c, model.ListOptions{}, true) })
	}
}

// explainSQL returns the steps of the query plan of q, one line each.
func explainSQL(t *testing.T, db *DB, q string, args []any) []string {
	t.Helper()
	rows, err := db.read.Query("EXPLAIN QUERY PLAN "+q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var steps []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		steps = append(steps, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return steps
}
