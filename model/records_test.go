package model

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// These tests pin each rule of the records' Validate and Apply methods, so
// that breaking one (a skipped check, a boundary moved by one) fails a
// test of this package, not only an end-to-end script.

func ptr[T any](v T) *T { return &v }

// wantInvalid checks that err is an EINVALID error whose message holds msg.
func wantInvalid(t *testing.T, err error, msg string) {
	t.Helper()
	if ErrorCode(err) != EINVALID || !strings.Contains(err.Error(), msg) {
		t.Fatalf("err = %v, want EINVALID containing %q", err, msg)
	}
}

// mutation makes a good record invalid: Validate then refuses it with a
// message holding msg.
type mutation[T any] struct {
	name   string
	mutate func(*T)
	msg    string
}

// wantEachInvalid runs each mutation, in a subtest of its name, on a fresh
// record from good, and checks Validate's error.
func wantEachInvalid[T any, P interface {
	*T
	Validate() error
}](t *testing.T, good func() T, mutations []mutation[T]) {
	for _, tc := range mutations {
		t.Run(tc.name, func(t *testing.T) {
			r := good()
			tc.mutate(&r)
			wantInvalid(t, P(&r).Validate(), tc.msg)
		})
	}
}

func TestClientValidate(t *testing.T) {
	good := func() Client {
		return Client{FirstName: " Jane ", LastName: " Doe ", Email: " Jane.Doe@Acme.TEST ",
			Phone: " +33 6 12 34 56 78 ", CompanyName: " Acme "}
	}
	c := good()
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	want := Client{FirstName: "Jane", LastName: "Doe", Email: "jane.doe@acme.test",
		Phone: "+33 6 12 34 56 78", CompanyName: "Acme"}
	if !reflect.DeepEqual(c, want) {
		t.Fatalf("normalised to %+v, want %+v", c, want)
	}
	if c.FullName() != "Jane Doe" {
		t.Fatalf("FullName = %q", c.FullName())
	}
	wantEachInvalid(t, good, []mutation[Client]{
		{"FirstName", func(c *Client) { c.FirstName = " " }, "first name cannot be empty"},
		{"LastName", func(c *Client) { c.LastName = "" }, "last name cannot be empty"},
		{"Email", func(c *Client) { c.Email = "jane" }, "invalid e-mail"},
		{"Phone", func(c *Client) { c.Phone = "12345" }, "invalid phone"},
		{"NoPhone", func(c *Client) { c.Phone = "" }, "invalid phone"},
		{"Company", func(c *Client) { c.CompanyName = strings.Repeat("x", 201) }, "company name must be 1 to 200"},
		{"NoCompany", func(c *Client) { c.CompanyName = "" }, "company name cannot be empty"},
	})
}

func TestClientUpdateApply(t *testing.T) {
	c := Client{FirstName: "Jane", LastName: "Doe", Email: "jane@acme.test", Phone: "0102030405", CompanyName: "Acme"}
	got := ClientUpdate{FirstName: ptr("Janet"), LastName: ptr("Doe"), Email: ptr("janet@acme.test"),
		Phone: ptr("0607080910"), CompanyName: ptr("Acme Corp")}.Apply(&c)
	if want := []string{"first_name", "email", "phone", "company_name"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("changed %v, want %v (last_name was set to its own value)", got, want)
	}
	want := Client{FirstName: "Janet", LastName: "Doe", Email: "janet@acme.test", Phone: "0607080910", CompanyName: "Acme Corp"}
	if !reflect.DeepEqual(c, want) {
		t.Fatalf("client %+v, want %+v", c, want)
	}
	if got := (ClientUpdate{LastName: ptr("Roe")}).Apply(&c); !reflect.DeepEqual(got, []string{"last_name"}) || c.LastName != "Roe" {
		t.Fatalf("changed %v, last name %q", got, c.LastName)
	}
	if got := (ClientUpdate{}).Apply(&c); got != nil {
		t.Fatalf("an empty update changed %v", got)
	}
}

func TestCollaboratorValidate(t *testing.T) {
	good := func() Collaborator {
		return Collaborator{Username: " alice ", Email: "Alice@Epic.TEST", FirstName: " Alice ", LastName: " Smith ",
			Department: Support}
	}
	c := good()
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if c.Username != "alice" || c.Email != "alice@epic.test" || c.FirstName != "Alice" || c.LastName != "Smith" || c.Phone != "" {
		t.Fatalf("normalised to %+v", c)
	}
	c = good()
	c.Phone = " 123456 "
	if err := c.Validate(); err != nil || c.Phone != "123456" {
		t.Fatalf("phone %q: %v", c.Phone, err)
	}
	wantEachInvalid(t, good, []mutation[Collaborator]{
		{"Username", func(c *Collaborator) { c.Username = "Alice" }, "invalid username"},
		{"Email", func(c *Collaborator) { c.Email = "alice@" }, "invalid e-mail"},
		{"FirstName", func(c *Collaborator) { c.FirstName = "" }, "first name cannot be empty"},
		{"LastName", func(c *Collaborator) { c.LastName = strings.Repeat("é", 101) }, "last name must be 1 to 100"},
		{"Phone", func(c *Collaborator) { c.Phone = "12-34-5" }, "invalid phone"},
		{"Department", func(c *Collaborator) { c.Department = "sales" }, `unknown department "sales"`},
		{"NoDepartment", func(c *Collaborator) { c.Department = "" }, "unknown department"},
	})
}

func TestCollaboratorUpdateApply(t *testing.T) {
	c := Collaborator{Username: "alice", Email: "alice@epic.test", FirstName: "Alice", LastName: "Smith",
		Phone: "0102030405", Department: Support}
	got := CollaboratorUpdate{Username: ptr("alicia"), Email: ptr("alicia@epic.test"), FirstName: ptr("Alice"),
		LastName: ptr("Jones"), Phone: ptr(""), Department: ptr(Commercial)}.Apply(&c)
	if want := []string{"username", "email", "last_name", "phone", "department"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("changed %v, want %v", got, want)
	}
	want := Collaborator{Username: "alicia", Email: "alicia@epic.test", FirstName: "Alice", LastName: "Jones",
		Department: Commercial}
	if !reflect.DeepEqual(c, want) {
		t.Fatalf("collaborator %+v, want %+v", c, want)
	}
	if got := (CollaboratorUpdate{FirstName: ptr("Al")}).Apply(&c); !reflect.DeepEqual(got, []string{"first_name"}) || c.FirstName != "Al" {
		t.Fatalf("changed %v, first name %q", got, c.FirstName)
	}
}

func TestParseDepartment(t *testing.T) {
	for _, d := range []Department{Commercial, Support, Management} {
		if got, err := ParseDepartment(string(d)); err != nil || got != d {
			t.Errorf("ParseDepartment(%q) = %q, %v", d, got, err)
		}
	}
	for _, s := range []string{"", "Support", "sales", " support"} {
		got, err := ParseDepartment(s)
		if got != "" {
			t.Errorf("ParseDepartment(%q) = %q", s, got)
		}
		wantInvalid(t, err, "use commercial, support or management")
	}
}

func TestContractValidate(t *testing.T) {
	for _, tc := range []struct {
		name       string
		total, due Money
		msg        string // "" when valid
	}{
		{"Zero", 0, 0, ""},
		{"DueEqualsTotal", 100, 100, ""},
		{"Paid", 100, 0, ""},
		{"Max", MaxMoney, MaxMoney, ""},
		{"AboveMax", MaxMoney + 1, 0, "total amount cannot exceed 1000000000000.00"},
		{"NegativeTotal", -1, 0, "amounts cannot be negative"},
		{"NegativeDue", 100, -1, "amounts cannot be negative"},
		{"DueAboveTotal", 100, 101, "amount due (1.01) cannot exceed the total amount (1.00)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := Contract{TotalAmount: tc.total, AmountDue: tc.due}
			err := c.Validate()
			if tc.msg == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			wantInvalid(t, err, tc.msg)
		})
	}
}

func TestContractUpdateApply(t *testing.T) {
	c := Contract{ID: 7, TotalAmount: 100, AmountDue: 100}
	got, err := ContractUpdate{TotalAmount: ptr(Money(200)), AmountDue: ptr(Money(100)), Signed: ptr(true)}.Apply(&c)
	if err != nil || !reflect.DeepEqual(got, []string{"total_amount", "signed"}) {
		t.Fatalf("changed %v, %v", got, err)
	}
	if c.TotalAmount != 200 || c.AmountDue != 100 || !c.Signed {
		t.Fatalf("contract %+v", c)
	}
	// Signing a signed contract again changes nothing and is no error.
	if got, err := (ContractUpdate{Signed: ptr(true), AmountDue: ptr(Money(50))}).Apply(&c); err != nil ||
		!reflect.DeepEqual(got, []string{"amount_due"}) {
		t.Fatalf("changed %v, %v", got, err)
	}
	_, err = ContractUpdate{Signed: ptr(false), AmountDue: ptr(Money(0))}.Apply(&c)
	if ErrorCode(err) != ECONFLICT || !strings.Contains(err.Error(), "contract 7 is signed") || c.AmountDue != 50 {
		t.Fatalf("unsigning: %v, contract %+v", err, c)
	}
	// An unsigned contract may be updated with --signed=false.
	u := Contract{ID: 8, TotalAmount: 100, AmountDue: 100}
	if got, err := (ContractUpdate{Signed: ptr(false)}).Apply(&u); err != nil || got != nil {
		t.Fatalf("unsigned to unsigned: %v, %v", got, err)
	}
}

func TestEventValidateBoundaries(t *testing.T) {
	start := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name      string
		attendees int64
		end       time.Time
		msg       string
	}{
		{"NoAttendees", 0, start.Add(time.Second), ""},
		{"MaxAttendees", MaxAttendees, start.Add(time.Hour), ""},
		{"TooMany", MaxAttendees + 1, start.Add(time.Hour), "attendees must be 0 to 100000"},
		{"Negative", -1, start.Add(time.Hour), "attendees must be 0 to 100000"},
		{"EndAtStart", 1, start, "the event must end after it starts"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := Event{Name: " Gala ", Location: " Paris ", Notes: " chairs ", Start: start, End: tc.end, Attendees: tc.attendees}
			err := e.Validate()
			if tc.msg != "" {
				wantInvalid(t, err, tc.msg)
				return
			}
			if err != nil || e.Name != "Gala" || e.Location != "Paris" || e.Notes != "chairs" {
				t.Fatalf("%+v: %v", e, err)
			}
		})
	}
	good := func() Event { return Event{Name: "Gala", Location: "Paris", Start: start, End: start.Add(time.Hour)} }
	wantEachInvalid(t, good, []mutation[Event]{
		{"Name", func(e *Event) { e.Name = "" }, "name cannot be empty"},
		{"Location", func(e *Event) { e.Location = strings.Repeat("x", 201) }, "location must be 1 to 200"},
		{"Notes", func(e *Event) { e.Notes = strings.Repeat("x", 2001) }, "notes must be 0 to 2000"},
	})
}

func TestEventUpdate(t *testing.T) {
	start := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	sam, sue := int64(4), int64(5)
	base := func() Event {
		return Event{Name: "Gala", Start: start, End: start.Add(time.Hour), Location: "Paris", Attendees: 10,
			Notes: "", SupportContactID: &sam}
	}
	// Fields lists what is set, in the SPEC's order, whether or not it changes.
	all := EventUpdate{Name: ptr("Gala"), Start: ptr(start), End: ptr(start.Add(2 * time.Hour)), Location: ptr("Lyon"),
		Attendees: ptr(int64(10)), Notes: ptr("chairs"), Support: true, SupportContactID: &sue}
	if got, want := all.Fields(), []string{"name", "event_start", "event_end", "location", "attendees", "notes"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("Fields = %v, want %v", got, want)
	}
	if got := (EventUpdate{Notes: ptr("x"), Support: true}).Fields(); !reflect.DeepEqual(got, []string{"notes"}) {
		t.Fatalf("Fields = %v", got)
	}
	if got := (EventUpdate{Support: true}).Fields(); got != nil {
		t.Fatalf("Fields of a support-only update = %v", got)
	}
	for _, tc := range []struct {
		name string
		u    EventUpdate
		want []string
		ok   func(Event) bool
	}{
		{"All", all, []string{"event_end", "location", "notes", "support_contact_id"}, func(e Event) bool {
			return e.End.Equal(start.Add(2*time.Hour)) && e.Location == "Lyon" && e.Notes == "chairs" && *e.SupportContactID == sue
		}},
		{"SameInstantOtherZone", EventUpdate{Start: ptr(start.In(time.FixedZone("X", 3600))),
			End: ptr(start.Add(time.Hour).In(time.FixedZone("X", 3600)))}, nil, func(e Event) bool { return true }},
		{"Start", EventUpdate{Start: ptr(start.Add(-time.Hour))}, []string{"event_start"}, func(e Event) bool {
			return e.Start.Equal(start.Add(-time.Hour))
		}},
		{"NameAttendees", EventUpdate{Name: ptr("Ball"), Attendees: ptr(int64(11))}, []string{"name", "attendees"}, func(e Event) bool {
			return e.Name == "Ball" && e.Attendees == 11
		}},
		{"SupportNone", EventUpdate{Support: true}, []string{"support_contact_id"}, func(e Event) bool { return e.SupportContactID == nil }},
		{"SupportSame", EventUpdate{Support: true, SupportContactID: ptr(sam)}, nil, func(e Event) bool { return *e.SupportContactID == sam }},
		{"SupportNotSet", EventUpdate{SupportContactID: &sue}, nil, func(e Event) bool { return *e.SupportContactID == sam }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := base()
			got := tc.u.Apply(&e)
			if !reflect.DeepEqual(got, tc.want) || !tc.ok(e) {
				t.Fatalf("changed %v, want %v; event %+v", got, tc.want, e)
			}
		})
	}
	// From no support contact to one.
	e := base()
	e.SupportContactID = nil
	if got := (EventUpdate{Support: true, SupportContactID: &sue}).Apply(&e); !reflect.DeepEqual(got, []string{"support_contact_id"}) ||
		e.SupportContactID == nil || *e.SupportContactID != sue {
		t.Fatalf("assign: changed %v", got)
	}
	e.SupportContactID = nil
	if got := (EventUpdate{Support: true}).Apply(&e); got != nil {
		t.Fatalf("none to none: changed %v", got)
	}
}

func TestErrorCodes(t *testing.T) {
	wrapped := fmt.Errorf("loading: %w", Errorf(ENOTFOUND, "client %d not found", 9))
	for _, tc := range []struct {
		err       error
		code, msg string
		exit      int
	}{
		{nil, "", "", 0},
		{wrapped, ENOTFOUND, "client 9 not found", 5},
		{errors.New("disk full at /var/secret"), EINTERNAL, "internal error", 1},
		{Errorf(ECANCELED, "canceled"), ECANCELED, "canceled", 1},
	} {
		if got := ErrorCode(tc.err); got != tc.code {
			t.Errorf("ErrorCode(%v) = %q, want %q", tc.err, got, tc.code)
		}
		if tc.err != nil {
			if got := ErrorMessage(tc.err); got != tc.msg {
				t.Errorf("ErrorMessage(%v) = %q, want %q", tc.err, got, tc.msg)
			}
		}
		if got := ExitCode(tc.err); got != tc.exit {
			t.Errorf("ExitCode(%v) = %d, want %d", tc.err, got, tc.exit)
		}
	}
}

func TestMoneyEdges(t *testing.T) {
	for m, want := range map[Money]string{0: "0.00", 9: "0.09", 99: "0.99", 100: "1.00", -150: "-1.50", -1: "-0.01", MaxMoney: "1000000000000.00"} {
		if got := m.String(); got != want {
			t.Errorf("Money(%d).String() = %q, want %q", int64(m), got, want)
		}
	}
	for in, want := range map[string]Money{"9.99": 999, "1999": 199900, "0.90": 90, " 12.5 ": 1250, "9999999999999.99": 0} {
		got, err := ParseMoney(in)
		if want == 0 {
			wantInvalid(t, err, "at most 1000000000000.00")
			continue
		}
		if err != nil || got != want {
			t.Errorf("ParseMoney(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for in, msg := range map[string]string{"10000000000000": "at most 1000000000000.00", "1.234": "at most 2 decimals",
		"-3": "cannot be negative", "1:5": "use a number", "/1": "use a number"} {
		_, err := ParseMoney(in)
		wantInvalid(t, err, msg)
	}
}

func TestTextMessages(t *testing.T) {
	for _, tc := range []struct {
		s        string
		min, max int
		msg      string
	}{
		{"", 1, 5, "field cannot be empty"},
		{"  ", 1, 5, "field cannot be empty"},
		{"abcdef", 1, 5, "field must be 1 to 5 characters"},
		{"ab", 3, 5, "field must be 3 to 5 characters"},
		{"abcdef", 0, 5, "field must be 0 to 5 characters"},
	} {
		_, err := CheckText("field", tc.s, tc.min, tc.max)
		if ErrorCode(err) != EINVALID || err.Error() != tc.msg {
			t.Errorf("CheckText(%q, %d, %d) = %v, want %q", tc.s, tc.min, tc.max, err, tc.msg)
		}
	}
	for _, s := range []string{"a", "abc", "abcde", " abcde "} {
		if got, err := CheckText("field", s, 1, 5); err != nil || got != strings.TrimSpace(s) {
			t.Errorf("CheckText(%q) = %q, %v", s, got, err)
		}
	}
}

func TestPhoneForms(t *testing.T) {
	// Every form the SPEC accepts: 6 to 20 digits with + - . ( ) and spaces.
	for _, in := range []string{"123456", "+123456", "12-34-56", "12.34.56", "(12) 3456", " 123456 ", "1 2 3 4 5 6",
		"+1 (555) 010-9999", strings.Repeat("9", 20), "+" + strings.Repeat("0", 20)} {
		got, err := CheckPhone(in)
		if err != nil || got != strings.TrimSpace(in) {
			t.Errorf("CheckPhone(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"12345", "+(1) 2-3.4 5", strings.Repeat("9", 21), "123456#", "123456x1", "１２３４５６"} {
		_, err := CheckPhone(in)
		wantInvalid(t, err, "6 to 20 digits")
	}
}

// TestPlainText: the exact messages and bounds of CheckPlain and
// CheckMultiline: NUL named as such, 0x1F and 0x7F..0x9F refused while
// 0x20 and 0xA0 pass, and max characters allowed but not one more.
func TestPlainText(t *testing.T) {
	for _, tc := range []struct {
		s         string
		multiline bool
		msg       string
	}{
		{"a\x00b", false, "f cannot hold NUL characters (tabs and line breaks included)"},
		{"a\x00b", true, "f cannot hold NUL characters (only tabs and line breaks)"},
		{"a\x1fb", false, "f cannot hold control characters (tabs and line breaks included)"},
		{"a\tb", false, "f cannot hold control characters (tabs and line breaks included)"},
		{"a\rb", true, "f cannot hold control characters (only tabs and line breaks)"},
		{"a\x7fb", true, "f cannot hold control characters (only tabs and line breaks)"},
		{"a\u009fb", true, "f cannot hold control characters (only tabs and line breaks)"},
		{"a\xffb", true, "f is not valid UTF-8"},
	} {
		if err := CheckPlain("f", tc.s, tc.multiline); ErrorCode(err) != EINVALID || err.Error() != tc.msg {
			t.Errorf("CheckPlain(%q, %v) = %v, want %q", tc.s, tc.multiline, err, tc.msg)
		}
	}
	for _, s := range []string{"a b", "a\u00a0b", "a\u007eb", "é€"} {
		if err := CheckPlain("f", s, false); err != nil {
			t.Errorf("CheckPlain(%q) = %v", s, err)
		}
	}
	if err := CheckPlain("f", "a\tb\nc", true); err != nil {
		t.Errorf("CheckPlain multiline: %v", err)
	}
	if got, err := CheckMultiline("f", " "+strings.Repeat("é", 5)+"\n", 5); err != nil || got != strings.Repeat("é", 5) {
		t.Errorf("CheckMultiline at max = %q, %v", got, err)
	}
	if _, err := CheckMultiline("f", strings.Repeat("é", 6), 5); ErrorCode(err) != EINVALID || err.Error() != "f must be 0 to 5 characters" {
		t.Errorf("CheckMultiline over max = %v", err)
	}
}
