package query

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"epicevents/model"
)

// filterDB is a small data set in which every filter selects something and
// leaves something out. Ids are in creation order:
//
//	collaborators: 1 carl, 2 cora (commercial), 3 sam, 4 sue (support), 5 mia (management)
//	clients:   1 Jane Doe (carl), 2 John O'Brien "100% Fun_Co" (cora),
//	           3 Bobby Tables "x' OR 1=1 --" (carl), 4 Ann Nobody (no sales contact)
//	contracts: 1 client 1, 1000.00 due 1000.00, unsigned
//	           2 client 1, 2500.50 due 0, signed (paid)
//	           3 client 2, 500.00 due 200.00, signed
//	           4 client 3, 0.99 due 0.99, unsigned
//	events:    1 "Gala" on 2, 2026-06-01 18:00, Saint Malo, 150, sam, notes `say "hi"`
//	           2 "Kickoff" on 3, 2026-07-15 09:00, Paris, 20, no support, notes `C:\temp\%`
//	           3 "Retro 50%_off" on 2, 2025-12-31 20:00, Lyon, 75, sue
//
// Now is 2026-06-15 12:00 UTC.
func filterDB(t *testing.T) *DB {
	t.Helper()
	db := MustOpenDB(t)
	db.Now = func() time.Time { return fixedNow }
	db.Location = time.UTC
	carl := MustCreateCollaborator(t, db, "carl", model.Commercial)
	cora := MustCreateCollaborator(t, db, "cora", model.Commercial)
	sam := MustCreateCollaborator(t, db, "sam", model.Support)
	sue := MustCreateCollaborator(t, db, "sue", model.Support)
	MustCreateCollaborator(t, db, "mia", model.Management)
	c1 := MustCreateClient(t, db, model.Client{Email: "jane@acme.test", Phone: "+33 1 23 45 67 89", SalesContactID: &carl})
	c2 := MustCreateClient(t, db, model.Client{FirstName: "John", LastName: "O'Brien", Email: "john@obrien.test",
		CompanyName: "100% Fun_Co", SalesContactID: &cora})
	c3 := MustCreateClient(t, db, model.Client{FirstName: "Robert'); DROP TABLE clients;--", LastName: "Tables",
		Email: "bobby@tables.test", CompanyName: "x' OR 1=1 --", SalesContactID: &carl})
	MustCreateClient(t, db, model.Client{FirstName: "Ann", LastName: "Nobody", Email: "ann@none.test", CompanyName: "Orphan"})
	MustCreateContract(t, db, c1, 100000, 100000, false)
	k2 := MustCreateContract(t, db, c1, 250050, 0, true)
	k3 := MustCreateContract(t, db, c2, 50000, 20000, true)
	MustCreateContract(t, db, c3, 99, 99, false)
	day := func(d string) time.Time { t, _ := time.Parse("2006-01-02 15:04", d); return t }
	MustCreateEvent(t, db, model.Event{Name: "Gala", ContractID: k2, Start: day("2026-06-01 18:00"),
		End: day("2026-06-01 23:00"), Location: "Saint Malo", Attendees: 150, SupportContactID: &sam, Notes: `say "hi"`})
	MustCreateEvent(t, db, model.Event{Name: "Kickoff", ContractID: k3, Start: day("2026-07-15 09:00"),
		Location: "Paris", Attendees: 20, Notes: `C:\temp\%`})
	MustCreateEvent(t, db, model.Event{Name: "Retro 50%_off", ContractID: k2, Start: day("2025-12-31 20:00"),
		End: day("2026-01-01 02:00"), Location: "Lyon", Attendees: 75, SupportContactID: &sue})
	mustUpdate(t, db, func(tx *Tx) error {
		for _, e := range []model.AuditEntry{
			{ActorID: &carl, Actor: "carl", Action: "create", Entity: "client", EntityID: &c1,
				Changes: map[string][2]any{"email": {nil, "jane@acme.test"}}},
			{ActorID: &sam, Actor: "sam", Action: "update", Entity: "event", EntityID: ptr(int64(1)),
				Changes: map[string][2]any{"notes": {"", `say "hi"`}}},
			{Actor: "ghost", Action: "login_failed", Entity: "user"},
		} {
			if err := tx.Audit(e); err != nil {
				return err
			}
		}
		return nil
	})
	return db
}

// assertIDs lists with l and opts and fails unless the ids are want.
func assertIDs(t *testing.T, db *DB, l lister, opts model.ListOptions, want []int64) {
	t.Helper()
	got, err := listIDs(db, l, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("ids %v, want %v", got, want)
	}
}

type lister func(tx *Tx, opts model.ListOptions, yield func([]any) error) error

func clientsWhere(f model.ClientFilter) lister {
	return func(tx *Tx, o model.ListOptions, y func([]any) error) error { return tx.ListClients(f, o, y) }
}
func contractsWhere(f model.ContractFilter) lister {
	return func(tx *Tx, o model.ListOptions, y func([]any) error) error { return tx.ListContracts(f, o, y) }
}
func eventsWhere(f model.EventFilter) lister {
	return func(tx *Tx, o model.ListOptions, y func([]any) error) error { return tx.ListEvents(f, o, y) }
}
func usersWhere(f model.UserFilter) lister {
	return func(tx *Tx, o model.ListOptions, y func([]any) error) error { return tx.ListUsers(f, o, y) }
}
func auditWhere(f model.AuditFilter) lister {
	return func(tx *Tx, o model.ListOptions, y func([]any) error) error { return tx.ListAudit(f, o, y) }
}

// listIDs runs a list and returns the ids it yields, or its error.
func listIDs(db *DB, l lister, opts model.ListOptions) ([]int64, error) {
	out := []int64{}
	err := db.View(context.Background(), func(tx *Tx) error {
		return l(tx, opts, func(r []any) error {
			out = append(out, r[0].(int64))
			return nil
		})
	})
	return out, err
}

func TestNamedFilters(t *testing.T) {
	db := filterDB(t)
	at := func(s string) *time.Time { v, _ := time.Parse("2006-01-02 15:04", s); return &v }
	carl, cora, sam, sue := ptr(int64(1)), ptr(int64(2)), ptr(int64(3)), ptr(int64(4))
	for _, tc := range []struct {
		name string
		list lister
		want []int64
	}{
		{"ClientAll", clientsWhere(model.ClientFilter{}), []int64{1, 2, 3, 4}},
		{"ClientSales", clientsWhere(model.ClientFilter{SalesContactID: carl}), []int64{1, 3}},
		{"ClientMineSupport", clientsWhere(model.ClientFilter{SupportContactID: sam}), []int64{1}},
		{"ClientSearchName", clientsWhere(model.ClientFilter{Search: "OBRI"}), []int64{2}},
		{"ClientSearchEmail", clientsWhere(model.ClientFilter{Search: "tables.test"}), []int64{3}},
		{"ClientSearchPercent", clientsWhere(model.ClientFilter{Search: "%"}), []int64{2}},
		{"ClientSearchUnderscore", clientsWhere(model.ClientFilter{Search: "_"}), []int64{2}},
		{"ClientSearchInjection", clientsWhere(model.ClientFilter{Search: "x' OR 1=1 --"}), []int64{3}},
		{"ClientSearchQuote", clientsWhere(model.ClientFilter{Search: "'"}), []int64{2, 3}},
		{"ContractMineCommercial", contractsWhere(model.ContractFilter{SalesContactID: carl}), []int64{1, 2, 4}},
		{"ContractMineSupport", contractsWhere(model.ContractFilter{SupportContactID: sam}), []int64{2}},
		{"ContractClient", contractsWhere(model.ContractFilter{ClientID: ptr(int64(1))}), []int64{1, 2}},
		{"ContractSigned", contractsWhere(model.ContractFilter{Signed: ptr(true)}), []int64{2, 3}},
		{"ContractUnsigned", contractsWhere(model.ContractFilter{Signed: ptr(false)}), []int64{1, 4}},
		{"ContractPaid", contractsWhere(model.ContractFilter{Paid: ptr(true)}), []int64{2}},
		{"ContractUnpaid", contractsWhere(model.ContractFilter{Paid: ptr(false)}), []int64{1, 3, 4}},
		{"ContractSignedUnpaid", contractsWhere(model.ContractFilter{Signed: ptr(true), Paid: ptr(false)}), []int64{3}},
		{"EventMineCommercial", eventsWhere(model.EventFilter{SalesContactID: carl}), []int64{1, 3}},
		{"EventMineCommercial2", eventsWhere(model.EventFilter{SalesContactID: cora}), []int64{2}},
		{"EventSupport", eventsWhere(model.EventFilter{SupportContactID: sam}), []int64{1}},
		{"EventSupport2", eventsWhere(model.EventFilter{SupportContactID: sue}), []int64{3}},
		{"EventNoSupport", eventsWhere(model.EventFilter{NoSupport: true}), []int64{2}},
		{"EventContract", eventsWhere(model.EventFilter{ContractID: ptr(int64(2))}), []int64{1, 3}},
		{"EventClient", eventsWhere(model.EventFilter{ClientID: ptr(int64(2))}), []int64{2}},
		{"EventFrom", eventsWhere(model.EventFilter{From: at("2026-01-01 00:00")}), []int64{1, 2}},
		{"EventFromExact", eventsWhere(model.EventFilter{From: at("2026-06-01 18:00")}), []int64{1, 2}},
		{"EventTo", eventsWhere(model.EventFilter{To: at("2026-06-01 18:00")}), []int64{3}},
		{"EventFromTo", eventsWhere(model.EventFilter{From: at("2026-01-01 00:00"), To: at("2026-07-01 00:00")}), []int64{1}},
		{"EventUpcoming", eventsWhere(model.EventFilter{Upcoming: true}), []int64{2}},
		{"EventUpcomingMine", eventsWhere(model.EventFilter{Upcoming: true, SalesContactID: carl}), []int64{}},
		{"UserDepartment", usersWhere(model.UserFilter{Department: "support"}), []int64{3, 4}},
		{"UserSearch", usersWhere(model.UserFilter{Search: "CAR"}), []int64{1}},
		{"AuditEntity", auditWhere(model.AuditFilter{Entity: "event"}), []int64{2}},
		{"AuditEntityID", auditWhere(model.AuditFilter{Entity: "client", EntityID: ptr(int64(1))}), []int64{1}},
		{"AuditActor", auditWhere(model.AuditFilter{ActorID: carl}), []int64{1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assertIDs(t, db, tc.list, model.ListOptions{}, tc.want)
		})
	}
}

// TestTermOperators runs each operator on each kind of field: text, int,
// money, bool, time, contact (with none) and JSON.
func TestTermOperators(t *testing.T) {
	db := filterDB(t)
	clients, contracts, events := clientsWhere(model.ClientFilter{}), contractsWhere(model.ContractFilter{}), eventsWhere(model.EventFilter{})
	audit := auditWhere(model.AuditFilter{})
	for _, tc := range []struct {
		list  lister
		term  string
		want  []int64
		code  string
		field string
	}{
		// text
		{list: clients, term: "last_name=Doe", want: []int64{1}},
		{list: clients, term: "last_name!=Doe", want: []int64{2, 3, 4}},
		{list: clients, term: "last_name<M", want: []int64{1}},
		{list: clients, term: "last_name<=Doe", want: []int64{1}},
		{list: clients, term: "last_name>Doe", want: []int64{2, 3, 4}},
		{list: clients, term: "last_name>=Tables", want: []int64{3}},
		{list: clients, term: "last_name~BRI", want: []int64{2}},
		{list: events, term: "client_email~acme", want: []int64{1, 3}},
		{list: contracts, term: "client_name~o'b", want: []int64{3}},
		// int
		{list: contracts, term: "client_id=1", want: []int64{1, 2}},
		{list: contracts, term: "client_id!=1", want: []int64{3, 4}},
		{list: contracts, term: "client_id<2", want: []int64{1, 2}},
		{list: contracts, term: "client_id<=2", want: []int64{1, 2, 3}},
		{list: contracts, term: "client_id>2", want: []int64{4}},
		{list: contracts, term: "client_id>=2", want: []int64{3, 4}},
		{list: events, term: "attendees>=100", want: []int64{1}},
		{list: events, term: "attendees=abc", code: model.EINVALID},
		{list: events, term: "attendees~1", code: model.EUSAGE},
		// money
		{list: contracts, term: "amount_due=0", want: []int64{2}},
		{list: contracts, term: "amount_due!=0.99", want: []int64{1, 2, 3}},
		{list: contracts, term: "amount_due>0", want: []int64{1, 3, 4}},
		{list: contracts, term: "total_amount>=1000", want: []int64{1, 2}},
		{list: contracts, term: "total_amount<1", want: []int64{4}},
		{list: contracts, term: "total_amount<=500", want: []int64{3, 4}},
		{list: contracts, term: "total_amount=2500.5", want: []int64{2}},
		{list: contracts, term: "total_amount=1.234", code: model.EINVALID},
		{list: contracts, term: "total_amount=-1", code: model.EINVALID},
		// bool
		{list: contracts, term: "signed=true", want: []int64{2, 3}},
		{list: contracts, term: "signed=no", want: []int64{1, 4}},
		{list: contracts, term: "signed!=true", want: []int64{1, 4}},
		{list: contracts, term: "signed=maybe", code: model.EINVALID},
		// time: a date alone is the whole day
		{list: events, term: "event_start=2026-06-01", want: []int64{1}},
		{list: events, term: "event_start!=2026-06-01", want: []int64{2, 3}},
		{list: events, term: "event_start<2026-06-01", want: []int64{3}},
		{list: events, term: "event_start<=2026-06-01", want: []int64{1, 3}},
		{list: events, term: "event_start>2026-06-01", want: []int64{2}},
		{list: events, term: "event_start>=2026-06-01", want: []int64{1, 2}},
		{list: events, term: "event_start=2026-06-01 18:00", want: []int64{1}},
		{list: events, term: "event_start>=2026-06-01 19:00", want: []int64{2}},
		{list: events, term: "event_start=2026-06-01T20:00:00+02:00", want: []int64{1}},
		{list: events, term: "event_end<2026-01-02", want: []int64{3}},
		{list: events, term: "created_at=2026-06-15", want: []int64{1, 2, 3}},
		{list: events, term: "event_start=tomorrow", code: model.EINVALID},
		{list: events, term: "event_start~2026", code: model.EUSAGE},
		// contacts, with none
		{list: events, term: "support_contact=none", want: []int64{2}},
		{list: events, term: "support_contact=NONE", want: []int64{2}},
		{list: events, term: "support_contact!=none", want: []int64{1, 3}},
		{list: events, term: "support_contact=sam", want: []int64{1}},
		{list: events, term: "support_contact!=sam", want: []int64{2, 3}},
		{list: events, term: "support_contact~s", want: []int64{1, 3}},
		{list: events, term: "support_contact_id=none", want: []int64{2}},
		{list: events, term: "support_contact_id=3", want: []int64{1}},
		{list: events, term: "support_contact_id!=3", want: []int64{2, 3}},
		{list: events, term: "support_contact<none", code: model.EUSAGE},
		{list: clients, term: "sales_contact=none", want: []int64{4}},
		{list: clients, term: "sales_contact=carl", want: []int64{1, 3}},
		{list: clients, term: "sales_contact!=carl", want: []int64{2, 4}},
		{list: contracts, term: "sales_contact_id=2", want: []int64{3}},
		{list: audit, term: "actor_id=none", want: []int64{3}},
		// JSON
		{list: audit, term: "changes~ACME", want: []int64{1}},
		{list: audit, term: "changes=x", code: model.EUSAGE},
		// unknown field
		{list: clients, term: "nope=1", code: model.EUSAGE, field: "id, first_name, last_name"},
	} {
		t.Run(tc.term, func(t *testing.T) {
			term := mustTerm(t, tc.term)
			got, err := listIDs(db, tc.list, model.ListOptions{Terms: []model.Term{term}})
			if model.ErrorCode(err) != tc.code {
				t.Fatalf("err = %v, want code %q", err, tc.code)
			}
			if tc.code != "" {
				if !strings.Contains(err.Error(), tc.field) {
					t.Fatalf("message %q lacks %q", err, tc.field)
				}
				return
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("ids %v, want %v", got, tc.want)
			}
		})
	}
}

func mustTerm(t *testing.T, s string) model.Term {
	t.Helper()
	for i := range s {
		for _, op := range model.Operators {
			if strings.HasPrefix(s[i:], op) {
				return model.Term{Field: s[:i], Op: op, Value: s[i+len(op):]}
			}
		}
	}
	t.Fatalf("no operator in %q", s)
	return model.Term{}
}

// TestTermValuesLiteral checks that quotes, LIKE wildcards, backslashes
// and SQL fragments in values match themselves and nothing else.
func TestTermValuesLiteral(t *testing.T) {
	db := filterDB(t)
	clients, events := clientsWhere(model.ClientFilter{}), eventsWhere(model.EventFilter{})
	for _, tc := range []struct {
		list lister
		term model.Term
		want []int64
	}{
		{clients, model.Term{Field: "company_name", Op: "~", Value: "%"}, []int64{2}},
		{clients, model.Term{Field: "company_name", Op: "~", Value: "_"}, []int64{2}},
		{clients, model.Term{Field: "company_name", Op: "~", Value: "0%_"}, []int64{}},
		{clients, model.Term{Field: "company_name", Op: "~", Value: "0% f"}, []int64{2}},
		{clients, model.Term{Field: "company_name", Op: "=", Value: "x' OR 1=1 --"}, []int64{3}},
		{clients, model.Term{Field: "company_name", Op: "~", Value: "x' OR 1=1 --"}, []int64{3}},
		{clients, model.Term{Field: "last_name", Op: "=", Value: "x' OR 1=1 --"}, []int64{}},
		{clients, model.Term{Field: "last_name", Op: "=", Value: "' OR '1'='1"}, []int64{}},
		{clients, model.Term{Field: "last_name", Op: "~", Value: "'"}, []int64{2}},
		{clients, model.Term{Field: "first_name", Op: "~", Value: "'); DROP TABLE clients;--"}, []int64{3}},
		{clients, model.Term{Field: "email", Op: "=", Value: `" OR ""="`}, []int64{}},
		{events, model.Term{Field: "name", Op: "~", Value: "50%_"}, []int64{3}},
		{events, model.Term{Field: "name", Op: "~", Value: "%_"}, []int64{3}},
		{events, model.Term{Field: "notes", Op: "~", Value: `"hi"`}, []int64{1}},
		{events, model.Term{Field: "notes", Op: "~", Value: `\`}, []int64{2}},
		{events, model.Term{Field: "notes", Op: "~", Value: `\%`}, []int64{2}},
		{events, model.Term{Field: "notes", Op: "=", Value: `C:\temp\%`}, []int64{2}},
		{events, model.Term{Field: "location", Op: "~", Value: `\`}, []int64{}},
	} {
		t.Run(tc.term.Field+tc.term.Op+tc.term.Value, func(t *testing.T) {
			assertIDs(t, db, tc.list, model.ListOptions{Terms: []model.Term{tc.term}}, tc.want)
		})
	}
	// The tables are all still there.
	if got, err := listIDs(db, clients, model.ListOptions{}); err != nil || len(got) != 4 {
		t.Fatalf("clients after the injections: %v %v", got, err)
	}
}

func TestListOptions(t *testing.T) {
	db := filterDB(t)
	clients := clientsWhere(model.ClientFilter{})
	for _, tc := range []struct {
		name string
		opts model.ListOptions
		want []int64
		code string
	}{
		{"Sort", model.ListOptions{Sort: "last_name"}, []int64{1, 4, 2, 3}, ""},
		{"SortDesc", model.ListOptions{Sort: "last_name", Desc: true}, []int64{3, 2, 4, 1}, ""},
		{"Desc", model.ListOptions{Desc: true}, []int64{4, 3, 2, 1}, ""},
		{"Limit", model.ListOptions{Limit: 2}, []int64{1, 2}, ""},
		{"Offset", model.ListOptions{Offset: 3}, []int64{4}, ""},
		{"LimitOffset", model.ListOptions{Sort: "company_name", Limit: 2, Offset: 1}, []int64{1, 4}, ""},
		{"Count", model.ListOptions{Count: true, Terms: []model.Term{{Field: "sales_contact", Op: "=", Value: "carl"}}}, []int64{2}, ""},
		{"SortUnknown", model.ListOptions{Sort: "password_hash"}, nil, model.EUSAGE},
		{"SortInjection", model.ListOptions{Sort: "id; DROP TABLE clients"}, nil, model.EUSAGE},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := listIDs(db, clients, tc.opts)
			if model.ErrorCode(err) != tc.code {
				t.Fatalf("err = %v", err)
			}
			if tc.code == "" && !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("ids %v, want %v", got, tc.want)
			}
		})
	}
}

// TestTermValuesAreBound builds, for every field of every entity and every
// operator, the query of a hostile value, and checks that the value never
// reaches the SQL text: it is always a bound argument.
func TestTermValuesAreBound(t *testing.T) {
	db := MustOpenDB(t)
	const hostile = "x' OR 1=1; DROP TABLE clients; --"
	typed := map[kind]struct{ value, arg string }{ // valid values of the other kinds, and how they are bound
		kInt:   {"987654321", "987654321"},
		kMoney: {"9876543.21", "987654321"},
		kBool:  {"true", "true"},
		kTime:  {"2031-07-13 14:15", "2031-07-13 14:15:00"},
	}
	checked := 0
	for _, e := range []*entity{users, clients, contracts, events, audits} {
		for _, f := range e.fields {
			for _, op := range model.Operators {
				values := []string{hostile}
				if v, ok := typed[f.kind]; ok {
					values = append(values, v.value)
				}
				for _, value := range values {
					name := fmt.Sprintf("%s.%s%s%s", e.name, f.key, op, value)
					for _, count := range []bool{false, true} {
						opts := model.ListOptions{Terms: []model.Term{{Field: f.key, Op: op, Value: value}}}
						q, err := e.selectRows(db.sb, nil, opts, listEnv{loc: time.UTC, dialect: db.Dialect})
						if count {
							q, err = e.filter(e.from(db.sb.Select("COUNT(*)")), nil, opts, listEnv{loc: time.UTC, dialect: db.Dialect})
						}
						if err != nil {
							if value == hostile && f.kind != kText && f.kind != kJSON {
								continue // refused before any SQL is built
							}
							if model.ErrorCode(err) == model.EUSAGE {
								continue // an operator that does not apply to the kind
							}
							t.Fatalf("%s: %v", name, err)
						}
						sqlText, args, err := q.ToSql()
						if err != nil {
							t.Fatalf("%s: %v", name, err)
						}
						want := hostile
						if value != hostile {
							want = typed[f.kind].arg
						} else if op == "~" {
							// Contains binds its pattern (containsFolded).
							want, _ = foldLike(hostile)
							if db.Dialect == Postgres {
								want = foldRegexp(hostile)
							}
						}
						if strings.Contains(sqlText, value) || strings.Contains(sqlText, want) {
							t.Errorf("%s: the value is in the SQL: %s", name, sqlText)
						}
						if !strings.Contains(strings.ToLower(fmt.Sprint(args...)), strings.ToLower(want)) {
							t.Errorf("%s: args %v lack %q", name, args, want)
						}
						checked++
					}
				}
			}
		}
	}
	if checked < 400 {
		t.Fatalf("only %d queries checked", checked)
	}
	t.Logf("%d queries checked", checked)
}

// TestMentions: a join's alias is named only where it starts a word, so
// that "sc.id" or "c_1.id" is not taken for a column of c.
func TestMentions(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"c.id = ?", true},              // at the very start
		{"(c.id = ?)", true},            // after punctuation
		{"x = 1 AND c.id = ?", true},    // after a space
		{"sc.id = ?", false},            // inside a longer name
		{"sc.id = ? OR c.id = ?", true}, // the second one counts
		{"_c.id", false},
		{"0c.id", false}, {"9c.id", false},
		{"ac.id", false}, {"zc.id", false},
		{"Ac.id", false}, {"Zc.id", false},
		// The bytes just outside each range of word bytes.
		{"/c.id", true}, {":c.id", true},
		{"`c.id", true}, {"{c.id", true},
		{"@c.id", true}, {"[c.id", true},
		{"c", false}, {"", false}, {"cid", false},
		{"sc.", false},
	}
	for _, tt := range tests {
		if got := mentions(tt.text)("c"); got != tt.want {
			t.Errorf("mentions(%q)(c) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
