package commands

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"epicevents/model"
	"epicevents/query"
)

// TestRules checks every rule of SPEC section 2 through the commands:
// invalid input exits 6, a missing record 5, a conflict 7, and a refused
// command (a refused client import included) changes nothing.
func TestRules(t *testing.T) {
	long := func(n int) string { return strings.Repeat("a", n) }
	good := importFile(t, importGood) // a file that a refused import leaves alone
	for _, tc := range []struct {
		name, who, line, code, msg string
	}{
		// clients
		{"ClientEmail", "carl", "client create --first-name A --last-name B --email not-an-email --phone 0102030405 --company C", model.EINVALID, "invalid e-mail"},
		{"ClientEmailName", "carl", "client create --first-name A --last-name B --email 'Ann <a@b.test>' --phone 0102030405 --company C", model.EINVALID, "invalid e-mail"},
		{"ClientPhoneShort", "carl", "client create --first-name A --last-name B --email a@b.test --phone 12345 --company C", model.EINVALID, "invalid phone"},
		{"ClientPhoneLong", "carl", "client create --first-name A --last-name B --email a@b.test --phone 123456789012345678901 --company C", model.EINVALID, "invalid phone"},
		{"ClientPhoneLetters", "carl", "client create --first-name A --last-name B --email a@b.test --phone 01-CALL-NOW --company C", model.EINVALID, "invalid phone"},
		{"ClientFirstNameEmpty", "carl", "client create --first-name '  ' --last-name B --email a@b.test --phone 0102030405 --company C", model.EINVALID, "first name cannot be empty"},
		{"ClientLastNameLong", "carl", "client create --first-name A --last-name " + long(101) + " --email a@b.test --phone 0102030405 --company C", model.EINVALID, "last name must be 1 to 100"},
		{"ClientCompanyLong", "carl", "client create --first-name A --last-name B --email a@b.test --phone 0102030405 --company " + long(201), model.EINVALID, "company name must be 1 to 200"},
		{"ClientMissingFlag", "carl", "client create --first-name A --last-name B --email a@b.test --phone 0102030405", model.EUSAGE, "missing --company"},
		{"ClientUpdateEmail", "carl", "client update 1 --email nope", model.EINVALID, "invalid e-mail"},
		{"ClientEmailTaken", "carl", "client create --first-name A --last-name B --email JOHN@roe.test --phone 0102030405 --company C", model.ECONFLICT, "a client with this email already exists"},
		{"ClientUpdateEmailTaken", "carl", "client update 1 --email john@roe.test", model.ECONFLICT, "already exists"},
		{"ClientNotFound", "carl", "client update 99 --company X", model.ENOTFOUND, "client 99 not found"},
		{"ClientShowNotFound", "sam", "client show 99", model.ENOTFOUND, "client 99 not found"},
		{"ClientBadID", "sam", "client show abc", model.EUSAGE, `invalid client id "abc"`},
		{"ClientSalesNotCommercial", "sam", "client list --sales sue", model.EINVALID, "sue is in support: a sales contact must be in commercial"},
		{"ClientSalesUnknown", "sam", "client list --sales nobody", model.ENOTFOUND, "collaborator nobody not found"},
		{"ClientMineManagement", "mia", "client list --mine", model.EUSAGE, "management owns no clients"},
		{"ClientUnknownField", "sam", "client list password=x", model.EUSAGE, "use one of id, first_name, last_name, email"},
		{"ClientNotYours", "carl", "client update 2 --company X", model.EFORBIDDEN, "permission denied: client 2 is not yours"},
		{"ClientBySupport", "sam", "client create --first-name A --last-name B --email a@b.test --phone 0102030405 --company C", model.EFORBIDDEN, "permission denied: support cannot create clients"},

		// contracts and money
		{"MoneyThreeDecimals", "mia", "contract create --client 1 --total 10.001", model.EINVALID, "at most 2 decimals"},
		{"MoneyNegative", "mia", "contract create --client 1 --total -10", model.EINVALID, "cannot be negative"},
		{"MoneyNotANumber", "mia", "contract create --client 1 --total 1e3", model.EINVALID, "invalid amount"},
		{"MoneyTooLarge", "mia", "contract create --client 1 --total 1000000000000.01", model.EINVALID, "1000000000000.00"},
		{"DueAboveTotal", "mia", "contract create --client 1 --total 100 --due 100.01", model.EINVALID, "cannot exceed the total amount"},
		{"UpdateDueAboveTotal", "mia", "contract update 1 --due 1000.01", model.EINVALID, "cannot exceed the total amount"},
		{"UpdateTotalBelowPaid", "mia", "contract update 2 --due 500", "", ""},
		{"ContractClientNotFound", "mia", "contract create --client 99 --total 10", model.ENOTFOUND, "client 99 not found"},
		{"ContractNotFound", "mia", "contract sign 99", model.ENOTFOUND, "contract 99 not found"},
		{"SignTwice", "mia", "contract sign 2", model.ECONFLICT, "contract 2 is already signed"},
		{"PayZero", "mia", "contract pay 2 0", model.EINVALID, "more than 0.00"},
		{"PayNegative", "mia", "contract pay 2 -5", model.EINVALID, "cannot be negative"},
		{"PayTooMuch", "mia", "contract pay 2 2000.01", model.EINVALID, "exceeds the amount due (2000.00)"},
		{"PayBadAmount", "mia", "contract pay 2 12,50", model.EINVALID, "invalid amount"},
		{"ContractSignedAndUnsigned", "mia", "contract list --signed --unsigned", model.EUSAGE, "exclude each other"},
		{"ContractNotYours", "carl", "contract sign 4", model.EFORBIDDEN, "permission denied: contract 4 is not yours"},

		// events and dates
		{"EventUnsignedContract", "carl", "event create --contract 1 --name P --start 2026-09-01 --end 2026-09-02 --location L --attendees 1", model.ECONFLICT, "contract 1 is not signed"},
		{"EventContractNotFound", "carl", "event create --contract 99 --name P --start 2026-09-01 --end 2026-09-02 --location L --attendees 1", model.ENOTFOUND, "contract 99 not found"},
		{"EventEndBeforeStart", "carl", "event create --contract 2 --name P --start 2026-09-02 --end 2026-09-01 --location L --attendees 1", model.EINVALID, "end after it starts"},
		{"EventEndEqualsStart", "carl", "event create --contract 2 --name P --start '2026-09-02 10:00' --end '2026-09-02 10:00' --location L --attendees 1", model.EINVALID, "end after it starts"},
		{"EventBadDate", "carl", "event create --contract 2 --name P --start 02/09/2026 --end 2026-09-03 --location L --attendees 1", model.EINVALID, "invalid date"},
		{"EventAttendeesNegative", "carl", "event create --contract 2 --name P --start 2026-09-01 --end 2026-09-02 --location L --attendees -1", model.EINVALID, "attendees must be 0 to 100000"},
		{"EventAttendeesTooMany", "carl", "event create --contract 2 --name P --start 2026-09-01 --end 2026-09-02 --location L --attendees 100001", model.EINVALID, "attendees must be 0 to 100000"},
		{"EventAttendeesNotANumber", "carl", "event create --contract 2 --name P --start 2026-09-01 --end 2026-09-02 --location L --attendees many", model.EINVALID, "invalid number of attendees"},
		{"EventNameLong", "carl", "event create --contract 2 --name " + long(101) + " --start 2026-09-01 --end 2026-09-02 --location L --attendees 1", model.EINVALID, "name must be 1 to 100"},
		{"EventLocationEmpty", "carl", "event create --contract 2 --name P --start 2026-09-01 --end 2026-09-02 --location '' --attendees 1", model.EINVALID, "location cannot be empty"},
		{"EventLocationLong", "carl", "event create --contract 2 --name P --start 2026-09-01 --end 2026-09-02 --location " + long(201) + " --attendees 1", model.EINVALID, "location must be 1 to 200"},
		{"EventNotesLong", "carl", "event create --contract 2 --name P --start 2026-09-01 --end 2026-09-02 --location L --attendees 1 --notes " + long(2001), model.EINVALID, "notes must be 0 to 2000"},
		{"EventUpdateEndBeforeStart", "sam", "event update 1 --end 2026-06-30", model.EINVALID, "end after it starts"},
		{"EventSupportNotSupport", "mia", "event assign 1 carl", model.EINVALID, "carl is in commercial: a support contact must be in support"},
		{"EventSupportUnknown", "mia", "event assign 1 nobody", model.ENOTFOUND, "collaborator nobody not found"},
		{"EventNotFound", "mia", "event assign 99 sam", model.ENOTFOUND, "event 99 not found"},
		{"EventListSupportNotSupport", "mia", "event list --support carl", model.EINVALID, "carl is in commercial"},
		{"EventListBadDate", "mia", "event list --from yesterday", model.EINVALID, "invalid date"},
		// A period that holds no time, as report refuses it.
		{"EventListFromAfterTo", "mia", "event list --from 2026-07-02 --to 2026-07-01", model.EINVALID, "--from must be before --to"},
		{"EventListFromAtTo", "mia", "event list --from '2026-07-01 10:00' --to '2026-07-01 10:00'", model.EINVALID, "--from must be before --to"},
		{"EventListNoSupportAndSupport", "mia", "event list --no-support --support sam", model.EUSAGE, "exclude each other"},
		{"EventNotYours", "sam", "event update 2 --notes x", model.EFORBIDDEN, "permission denied: event 2 is not yours"},
		{"EventSupportBySupport", "sam", "event update 1 --support sue", model.EFORBIDDEN, "permission denied: support cannot assign support to events"},
		{"EventFieldsByManagement", "mia", "event update 1 --name X", model.EFORBIDDEN, "permission denied: management cannot update events"},
		{"EventFieldsAndSupportByManagement", "mia", "event update 1 --support sue --name X", model.EFORBIDDEN, "only the support contact"},
		{"EventCreateNotYours", "carl", "event create --contract 3 --name P --start 2026-09-01 --end 2026-09-02 --location L --attendees 1", model.EFORBIDDEN, "contract 3 is not yours"},

		// client import: a refused import imports nothing
		{"ImportBySupport", "sam", "client import /nonexistent.csv", model.EFORBIDDEN, "support cannot import clients"},
		{"ImportManagementWithoutSales", "mia", "client import " + good, model.EUSAGE, "give --sales USER"},
		{"ImportManagementSalesNotCommercial", "mia", "client import " + good + " --sales sue", model.EINVALID, "sue is in support"},
		{"ImportManagementSalesUnknown", "mia", "client import " + good + " --sales nobody", model.ENOTFOUND, "nobody"},
		{"ImportCommercialForAnother", "carl", "client import " + good + " --sales cora", model.EFORBIDDEN, "for themself"},
		{"ImportMissingFile", "carl", "client import /nonexistent.csv", model.ENOTFOUND, "cannot open /nonexistent.csv: no such file or directory"},
		{"ImportUnreadable", "carl", "client import " + linkLoop(t), model.EENV, "loop.csv: too many levels of symbolic links"},
		{"ImportDirectory", "carl", "client import /", model.EINVALID, "/ is not a regular file"},
		// A FIFO with no writer would block a plain open for ever.
		{"ImportFIFO", "carl", "client import " + fifo(t), model.EINVALID, "is not a regular file"},
		{"ImportNotAnonymous", "", "client import " + good, model.EUNAUTHENTICATED, ""},

		// audit
		{"AuditEntity", "mia", "audit --entity invoice", model.EINVALID, "unknown entity"},
		{"AuditActorID", "mia", "audit --actor 99", model.ENOTFOUND, "collaborator 99 not found"},
		{"AuditBySupport", "sam", "audit", model.EFORBIDDEN, "permission denied: support cannot read the audit trail"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t).as(tc.who)
			if tc.code == "" {
				e.must(tc.line)
				return
			}
			e.refuses(tc.line, tc.code, tc.msg)
		})
	}
}

func TestClientCommands(t *testing.T) {
	e := newEnv(t).as("carl")
	out := e.must("client create --first-name ' Ann ' --last-name Lee --email Ann@Lee.TEST --phone '+33 (0)6 12.34-56' --company 'Lee & Sons'")
	r := out.Record
	if r["email"] != "ann@lee.test" || r["first_name"] != "Ann" || r["sales_contact"] != "carl" ||
		r["sales_contact_id"] != e.IDs["carl"] || !r["created_at"].(time.Time).Equal(e.now) {
		t.Fatalf("created %v", r)
	}
	e.now = e.now.Add(time.Hour)
	r = e.must("client update 3 --phone 0700000000 --email ANN@lee.test").Record
	if r["phone"] != "0700000000" || !r["updated_at"].(time.Time).Equal(e.now) || r["created_at"].(time.Time).Equal(e.now) {
		t.Fatalf("updated %v", r)
	}
	// Only the phone changed: the e-mail is the same once lower-cased.
	audit := e.as("mia").must("audit --entity client --id 3").Rows
	if len(audit) != 2 || string(audit[1]["changes"].(json.RawMessage)) != `{"phone":["+33 (0)6 12.34-56","0700000000"]}` {
		t.Fatalf("audit %v", audit)
	}
	// --mine, --sales, --search
	e.as("carl")
	for line, want := range map[string]int{
		"client list --mine": 2, "client list --sales cora": 1, "client list --search LEE": 1,
		"client list --mine --search roe": 0, "client list --count": 3,
	} {
		out := e.must(line)
		if n := len(out.Rows) + int(out.Count); n != want {
			t.Errorf("%s: %d rows, want %d", line, n, want)
		}
	}
	if n := len(e.as("sam").must("client list --mine").Rows); n != 1 {
		t.Errorf("support --mine: %d clients, want 1 (the client of event 1)", n)
	}
}

func TestContractCommands(t *testing.T) {
	e := newEnv(t).as("mia")
	r := e.must("contract create --client 2 --total 1500.5").Record
	if r["total_amount"] != model.Money(150050) || r["amount_due"] != model.Money(150050) || r["signed"] != false ||
		r["sales_contact"] != "cora" || r["client_name"] != "John Roe" {
		t.Fatalf("created %v", r)
	}
	r = e.must("contract create --client 1 --total 1500.50 --due 0 --signed").Record
	if r["amount_due"] != model.Money(0) || r["signed"] != true {
		t.Fatalf("created %v", r)
	}
	if len(e.sent) != 1 || e.sent[0] != "contract signed 6 of client 1 by 1" {
		t.Fatalf("reports %v", e.sent)
	}

	e.as("carl")
	// A new total moves the amount due by the same difference.
	e.must("contract pay 1 250")
	r = e.must("contract update 1 --total 1200").Record
	if r["total_amount"] != model.Money(120000) || r["amount_due"] != model.Money(95000) {
		t.Fatalf("updated %v", r)
	}
	e.fails("contract update 1 --total 200", model.EINVALID, "250.00 paid, more than the new total 200.00")
	// A new total of exactly what was paid leaves nothing due.
	r = e.must("contract update 1 --total 250").Record
	if r["total_amount"] != model.Money(25000) || r["amount_due"] != model.Money(0) {
		t.Fatalf("updated %v", r)
	}
	r = e.must("contract update 1 --total 200 --due 0").Record
	if r["amount_due"] != model.Money(0) {
		t.Fatalf("updated %v", r)
	}
	r = e.must("contract update 1 --signed").Record
	if r["signed"] != true || len(e.sent) != 2 {
		t.Fatalf("updated %v, reports %v", r, e.sent)
	}
	e.must("contract update 1 --signed") // already signed: nothing to do
	e.fails("contract sign 1", model.ECONFLICT, "already signed")
	if len(e.sent) != 2 {
		t.Fatalf("reports %v", e.sent)
	}
	r = e.must("contract pay 2 2000").Record
	if r["amount_due"] != model.Money(0) {
		t.Fatalf("paid %v", r)
	}
	e.fails("contract pay 2 0.01", model.EINVALID, "exceeds the amount due (0.00)")

	audit := e.as("mia").must("audit --entity contract --id 2").Rows
	if len(audit) != 1 || audit[0]["action"] != "pay" ||
		string(audit[0]["changes"].(json.RawMessage)) != `{"amount_due":["2000.00","0.00"],"payment":[null,"2000.00"]}` {
		t.Fatalf("audit %v", audit)
	}
	for line, want := range map[string]int{
		"contract list --signed": 4, "contract list --unsigned": 2, "contract list --paid": 3, "contract list --unpaid": 3,
		"contract list --client 2": 3, "contract list --signed --unpaid": 1, "contract list amount_due>0 client_name~roe": 3,
	} {
		if n := len(e.must(line).Rows); n != want {
			t.Errorf("%s: %d rows, want %d", line, n, want)
		}
	}
	if n := len(e.as("carl").must("contract list --mine").Rows); n != 3 {
		t.Errorf("commercial --mine: %d", n)
	}
	if n := len(e.as("sue").must("contract list --mine").Rows); n != 1 {
		t.Errorf("support --mine: %d", n)
	}
	// sign prints the contract as it is after the change.
	if r := e.as("mia").must("contract sign 5").Record; r["id"] != int64(5) || r["signed"] != true || r["client_name"] != "John Roe" {
		t.Errorf("signed %v", r)
	}
}

func TestEventCommands(t *testing.T) {
	e := newEnv(t).as("carl")
	r := e.must("event create --contract 2 --name Party --start '2026-09-01 18:30' --end 2026-09-02T01:00:00+02:00 --location Nantes --attendees 10 --notes 'bring \"chairs\"'").Record
	if r["event_start"] != time.Date(2026, 9, 1, 18, 30, 0, 0, time.UTC) || r["event_end"] != time.Date(2026, 9, 1, 23, 0, 0, 0, time.UTC) ||
		r["support_contact"] != nil || r["client_email"] != "jane@acme.test" || r["notes"] != `bring "chairs"` {
		t.Fatalf("created %v", r)
	}
	r = e.as("mia").must("event assign 4 sam").Record
	if r["support_contact"] != "sam" {
		t.Fatalf("assigned %v", r)
	}
	r = e.as("sam").must("event update 4 --attendees 12 --location 'Saint Malo' --start 2026-09-01").Record
	if r["attendees"] != int64(12) || r["location"] != "Saint Malo" || r["event_start"] != time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC) {
		t.Fatalf("updated %v", r)
	}
	r = e.as("mia").must("event update 4 --support none").Record
	if r["support_contact"] != nil || r["support_contact_id"] != nil {
		t.Fatalf("unassigned %v", r)
	}
	audit := e.must("audit --entity event --id 4").Rows
	var actions []string
	for _, a := range audit {
		actions = append(actions, a["action"].(string))
	}
	if !reflect.DeepEqual(actions, []string{"create", "assign", "update", "assign"}) {
		t.Fatalf("audit actions %v", actions)
	}
	if got := string(audit[1]["changes"].(json.RawMessage)); got != `{"support_contact":[null,"sam"],"support_contact_id":[null,4]}` {
		t.Fatalf("assign audit %s", got)
	}

	// Filters, now at 2026-06-15 13:00: events 1 (07-01, sam), 2 (08-01, sue), 3 (05-01, none), 4 (09-01, none).
	for who, lines := range map[string]map[string][]int64{
		"carl": {"event list --mine": {1, 3, 4}},
		"sam":  {"event list --mine": {1}},
		"mia": {
			"event list --no-support": {3, 4}, "event list --support none": {3, 4}, "event list --support sue": {2},
			"event list --contract 3": {2}, "event list --client 1": {1, 3, 4}, "event list --upcoming": {1, 2, 4},
			"event list --from 2026-07-01": {1, 2, 4}, "event list --to 2026-07-01": {1, 3},
			"event list --from 2026-07-01 --to '2026-08-01 18:00'": {1}, "event list --upcoming --no-support": {4},
			"event list location~'saint malo' support_contact=none": {4}, "event list --sort event_start --desc --limit 2": {4, 2},
		},
	} {
		e.as(who)
		for line, want := range lines {
			var got []int64
			for _, row := range e.must(line).Rows {
				got = append(got, row["id"].(int64))
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s as %s: %v, want %v", line, who, got, want)
			}
		}
	}
}

// TestDeleteWithRecords checks that a collaborator who owns records is
// deleted only with --reassign-to a collaborator of the same department,
// who takes over clients, contracts and events in the same transaction.
func TestDeleteWithRecords(t *testing.T) {
	e := newEnv(t).as("carl")
	e.must("client update 1 --company 'Acme Corp'")
	e.as("mia")
	e.fails("user delete carl", model.ECONFLICT, "they own 1 client, 2 contracts")
	e.fails("user delete sam", model.ECONFLICT, "they own 1 event")
	e.fails("user delete carl --reassign-to sam", model.EINVALID, "sam is in support")
	e.must("user delete carl --reassign-to cora")
	if n := len(e.must("client list --sales cora").Rows); n != 2 {
		t.Fatalf("cora has %d clients", n)
	}
	if n := len(e.must("contract list sales_contact=cora").Rows); n != 4 {
		t.Fatalf("cora has %d contracts", n)
	}
	e.must("user delete sam --reassign-to sue")
	if n := len(e.must("event list --support sue").Rows); n != 2 {
		t.Fatalf("sue has %d events", n)
	}
	// The trail keeps the username of the deleted collaborator.
	rows := e.must("audit --actor carl").Rows
	if len(rows) != 1 || rows[0]["actor"] != "carl" || rows[0]["entity"] != "client" {
		t.Fatalf("audit of carl: %v", rows)
	}
	// A department change hands the records over the same way.
	e.fails("user update sue --department commercial", model.ECONFLICT, "they own 2 events")
	e.must("user create --username sol --email sol@epic.test --first-name Sol --last-name S --department support")
	e.must("user update sue --department commercial --reassign-to sol")
	if n := len(e.must("event list --support sol").Rows); n != 2 {
		t.Fatalf("sol has %d events", n)
	}
}

func TestDescribeOwnership(t *testing.T) {
	for o, want := range map[query.Ownership]string{
		{Clients: 1, Contracts: 2}:            "1 client, 2 contracts",
		{Events: 1}:                           "1 event",
		{Clients: 3, Contracts: 1, Events: 2}: "3 clients, 1 contract, 2 events",
		{}:                                    "",
	} {
		if got := describe(o); got != want {
			t.Errorf("describe(%+v) = %q, want %q", o, got, want)
		}
	}
}
