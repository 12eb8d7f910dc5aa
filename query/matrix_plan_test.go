package query

import (
	"bufio"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"epicevents/model"
)

// matrixCell is one cell of the performance matrix (testdata/bench/
// matrix.tsv): a list as one role asks it every day, as its command asks
// the store.
type matrixCell struct {
	run func(tx *Tx) error
	// allow lists the plan steps that the cell may take beside index
	// searches: "SCAN k" (the table in id order, for a filter most rows
	// match, stopping at the page's end), "TEMP B-TREE" (a sort of the rows
	// of one index range: dates, amounts), "SCAN c" for contains.
	allow []string
}

// matrixCells are the cells of testdata/bench/matrix.tsv, by name. The
// users are those of the generated database: sales1 (id 1), support1
// (11), support2 (12).
func matrixCells() map[string]matrixCell {
	const sales, support, support2 = 1, 11, 12
	now := time.Date(2026, 12, 3, 7, 0, 0, 0, time.UTC)
	from, to := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 12, 31, 0, 0, 0, 0, time.UTC)
	page, count, top20 := model.ListOptions{Limit: 50}, model.ListOptions{Count: true}, model.ListOptions{Limit: 20, Sort: "amount_due", Desc: true}
	term := func(o model.ListOptions, f, op, v string) model.ListOptions {
		o.Terms = []model.Term{{Field: f, Op: op, Value: v}}
		return o
	}
	cl := func(f model.ClientFilter, o model.ListOptions, allow ...string) matrixCell {
		return matrixCell{func(tx *Tx) error { return tx.ListClients(f, o, discard) }, allow}
	}
	ct := func(f model.ContractFilter, o model.ListOptions, allow ...string) matrixCell {
		return matrixCell{func(tx *Tx) error { return tx.ListContracts(f, o, discard) }, allow}
	}
	ev := func(f model.EventFilter, o model.ListOptions, allow ...string) matrixCell {
		return matrixCell{func(tx *Tx) error { tx.now = now; return tx.ListEvents(f, o, discard) }, allow}
	}
	us := func(f model.UserFilter, o model.ListOptions) matrixCell {
		// A few dozen collaborators: their sort is nothing.
		return matrixCell{func(tx *Tx) error { return tx.ListUsers(f, o, discard) }, []string{"TEMP B-TREE"}}
	}
	salesID, supportID, support2ID := id(sales), id(support), id(support2)
	client, contract := id(4245), id(27245)
	unpaid, unsigned, signed := yes(false), yes(false), yes(true)
	const sorted, ordered, scanClients, scanEvents = "TEMP B-TREE", "SCAN k", "SCAN c", "SCAN e"
	return map[string]matrixCell{
		"commercial client --mine":          cl(model.ClientFilter{SalesContactID: salesID}, page),
		"commercial client --mine --count":  cl(model.ClientFilter{SalesContactID: salesID}, count),
		"commercial client --mine --search": cl(model.ClientFilter{SalesContactID: salesID, Search: "martin"}, page),
		"support client --mine":             cl(model.ClientFilter{SupportContactID: supportID}, page, scanClients),
		// The distinct clients of the contact's index entries: a set of them.
		"support client --mine --count":      cl(model.ClientFilter{SupportContactID: supportID}, count, sorted),
		"management client --sales":          cl(model.ClientFilter{SalesContactID: salesID}, page),
		"management client --sales --count":  cl(model.ClientFilter{SalesContactID: salesID}, count),
		"management client --search":         cl(model.ClientFilter{Search: "casey"}, page, scanClients),
		"management client --search --count": cl(model.ClientFilter{Search: "casey"}, count, scanClients),
		"management client first_name~":      cl(model.ClientFilter{}, term(page, "first_name", "~", "zoé"), scanClients),
		"management client first_name~ --count": cl(model.ClientFilter{}, term(count, "first_name", "~", "zoé"),
			scanClients),

		"commercial contract --mine":                    ct(model.ContractFilter{SalesContactID: salesID}, page),
		"commercial contract --mine --count":            ct(model.ContractFilter{SalesContactID: salesID}, count),
		"commercial contract --mine --unsigned":         ct(model.ContractFilter{SalesContactID: salesID, Signed: unsigned}, page),
		"commercial contract --mine --unsigned --count": ct(model.ContractFilter{SalesContactID: salesID, Signed: unsigned}, count),
		// The commercial's unpaid contracts from their index by amount, by id.
		"commercial contract --mine --unpaid": ct(model.ContractFilter{SalesContactID: salesID, Paid: unpaid}, page, sorted),
		// 20 entries of the index by amount; the sort is of the page's 20 rows.
		"commercial contract --mine --unpaid by amount": ct(model.ContractFilter{SalesContactID: salesID, Paid: unpaid}, top20, sorted),
		"commercial contract --mine --unpaid --count":   ct(model.ContractFilter{SalesContactID: salesID, Paid: unpaid}, count),
		"commercial contract --client":                  ct(model.ContractFilter{ClientID: client}, page),
		"support contract --mine":                       ct(model.ContractFilter{SupportContactID: supportID}, page, ordered),
		"support contract --mine --count":               ct(model.ContractFilter{SupportContactID: supportID}, count),
		"management contract --unsigned":                ct(model.ContractFilter{Signed: unsigned}, page),
		"management contract --unsigned --count":        ct(model.ContractFilter{Signed: unsigned}, count),
		"management contract --unpaid":                  ct(model.ContractFilter{Paid: unpaid}, page, ordered),
		"management contract --unpaid --count":          ct(model.ContractFilter{Paid: unpaid}, count),
		"management contract --unpaid by amount": ct(model.ContractFilter{Paid: unpaid},
			model.ListOptions{Limit: 50, Sort: "amount_due", Desc: true}, sorted), // the page's 50 rows, read in order
		"management contract --signed --unpaid":         ct(model.ContractFilter{Signed: signed, Paid: unpaid}, page),
		"management contract --signed --unpaid --count": ct(model.ContractFilter{Signed: signed, Paid: unpaid}, count),
		"management contract --client":                  ct(model.ContractFilter{ClientID: client}, page),

		"commercial event --mine":                    ev(model.EventFilter{SalesContactID: salesID}, page),
		"commercial event --mine --count":            ev(model.EventFilter{SalesContactID: salesID}, count),
		"commercial event --mine --upcoming":         ev(model.EventFilter{SalesContactID: salesID, Upcoming: true}, page, sorted),
		"commercial event --mine --upcoming --count": ev(model.EventFilter{SalesContactID: salesID, Upcoming: true}, count),
		"commercial event --client":                  ev(model.EventFilter{ClientID: client}, page, sorted),
		"commercial event --contract":                ev(model.EventFilter{ContractID: contract}, page),
		"support event --mine":                       ev(model.EventFilter{SupportContactID: supportID}, page),
		"support event --mine --count":               ev(model.EventFilter{SupportContactID: supportID}, count),
		"support event --mine --upcoming":            ev(model.EventFilter{SupportContactID: supportID, Upcoming: true}, page, sorted),
		"support event --mine --upcoming --count":    ev(model.EventFilter{SupportContactID: supportID, Upcoming: true}, count),
		"support event --mine --from --to": ev(model.EventFilter{SupportContactID: supportID, From: &from, To: &to}, page,
			sorted),
		"support event --mine --from --to --count": ev(model.EventFilter{SupportContactID: supportID, From: &from, To: &to},
			count),
		"management event --no-support":                    ev(model.EventFilter{NoSupport: true}, page),
		"management event --no-support --count":            ev(model.EventFilter{NoSupport: true}, count),
		"management event --no-support --upcoming":         ev(model.EventFilter{NoSupport: true, Upcoming: true}, page, sorted),
		"management event --no-support --upcoming --count": ev(model.EventFilter{NoSupport: true, Upcoming: true}, count),
		"management event --support --upcoming":            ev(model.EventFilter{SupportContactID: support2ID, Upcoming: true}, page, sorted),
		"management event --support":                       ev(model.EventFilter{SupportContactID: support2ID}, page),
		"management event --upcoming":                      ev(model.EventFilter{Upcoming: true}, page, sorted),
		"management event --upcoming --count":              ev(model.EventFilter{Upcoming: true}, count),
		"management event --from --to":                     ev(model.EventFilter{From: &from, To: &to}, page, sorted),
		"management event --from --to --count":             ev(model.EventFilter{From: &from, To: &to}, count),
		"management event --client":                        ev(model.EventFilter{ClientID: client}, page, sorted),
		"management event location~":                       ev(model.EventFilter{}, term(page, "location", "~", "saint malo"), scanEvents),
		"management user --department":                     us(model.UserFilter{Department: "support"}, page),
		"management user --search":                         us(model.UserFilter{Search: "sales"}, page),
	}
}

// TestMatrixCellsUseIndexes runs EXPLAIN QUERY PLAN on the statements of
// every cell of the performance matrix, as the stores build them, on
// SQLite without statistics (as in use), and fails when one reads a whole
// big table or sorts, unless the cell allows that step (matrixCell.allow).
func TestMatrixCellsUseIndexes(t *testing.T) {
	db := MustOpenEngine(t, SQLite)
	for name, c := range matrixCells() {
		t.Run(name, func(t *testing.T) {
			var stmts []string
			var stmtArgs [][]any
			db.trace = func(q string, args []any) {
				if strings.HasPrefix(q, "SELECT") {
					stmts, stmtArgs = append(stmts, q), append(stmtArgs, args)
				}
			}
			err := db.View(context.Background(), c.run)
			db.trace = nil
			if err != nil {
				t.Fatal(err)
			}
			for i, q := range stmts {
				plan := explainSQL(t, db, q, stmtArgs[i])
				for _, step := range plan {
					m := scanOf.FindStringSubmatch(step)
					bad := m != nil && bigTables[m[1]] != "" || strings.Contains(step, "TEMP B-TREE")
					if !bad {
						continue
					}
					allowed := false
					for _, a := range c.allow {
						allowed = allowed || strings.HasPrefix(step, a) || strings.Contains(step, a) && a == "TEMP B-TREE"
					}
					if !allowed {
						t.Errorf("step %q\n%s\nplan:\n  %s", step, q, strings.Join(plan, "\n  "))
					}
				}
			}
		})
	}
}

// TestMatrixCellsCovered checks that every cell of testdata/bench/
// matrix.tsv has its plan case here, and every case its cell there.
func TestMatrixCellsCovered(t *testing.T) {
	f, err := os.Open("../testdata/bench/matrix.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cells := matrixCells()
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, _, _ := strings.Cut(line, "\t")
		seen[name] = true
		if _, ok := cells[name]; !ok {
			t.Errorf("matrix cell %q has no plan case", name)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for name := range cells {
		if !seen[name] {
			t.Errorf("plan case %q is not in matrix.tsv", name)
		}
	}
}
