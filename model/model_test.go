package model

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestParseMoney(t *testing.T) {
	for in, want := range map[string]Money{
		"1500": 150000, "1500.5": 150050, "1500.50": 150050, "0": 0, "0.01": 1, "1000000000000.00": MaxMoney,
	} {
		if got, err := ParseMoney(in); err != nil || got != want {
			t.Errorf("ParseMoney(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"1000000000000.01", "10000000000000", "1500.505", "-1", "-0.5", "1e3", "1,500",
		"1500.", ".5", "", "abc", "99999999999999999999"} {
		if got, err := ParseMoney(in); ErrorCode(err) != EINVALID {
			t.Errorf("ParseMoney(%q) = %v, %v; want EINVALID", in, got, err)
		}
	}
	if s := Money(150050).String(); s != "1500.50" {
		t.Fatalf("String = %q", s)
	}
	if s := Money(7).String(); s != "0.07" {
		t.Fatalf("String = %q", s)
	}
}

func TestNormalizeEmail(t *testing.T) {
	good := map[string]string{"Alice@Example.COM": "alice@example.com", " bob@x.io ": "bob@x.io"}
	for in, want := range good {
		if got, err := NormalizeEmail(in); err != nil || got != want {
			t.Errorf("NormalizeEmail(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "alice", "alice@", "@x.io", "Alice <a@x.io>", "a@localhost", "a b@x.io"} {
		if _, err := NormalizeEmail(in); ErrorCode(err) != EINVALID {
			t.Errorf("NormalizeEmail(%q) accepted", in)
		}
	}
}

func TestCheckPhone(t *testing.T) {
	for _, in := range []string{"123456", "+33 6 12 34 56 78", "(555) 123-4567", "06.12.34.56.78", "12345678901234567890"} {
		if _, err := CheckPhone(in); err != nil {
			t.Errorf("CheckPhone(%q): %v", in, err)
		}
	}
	for _, in := range []string{"", "12345", "123456789012345678901", "12345a", "phone", "+33/612345"} {
		if _, err := CheckPhone(in); ErrorCode(err) != EINVALID {
			t.Errorf("CheckPhone(%q) accepted", in)
		}
	}
}

func TestCheckText(t *testing.T) {
	if got, err := CheckName("name", "  Zoé  "); err != nil || got != "Zoé" {
		t.Fatalf("got %q %v", got, err)
	}
	if _, err := CheckName("name", "   "); ErrorCode(err) != EINVALID {
		t.Fatal("blank name accepted")
	}
	if _, err := CheckName("name", strings.Repeat("é", 100)); err != nil {
		t.Fatal("100 characters refused")
	}
	if _, err := CheckName("name", strings.Repeat("é", 101)); ErrorCode(err) != EINVALID {
		t.Fatal("101 characters accepted")
	}
	if _, err := CheckText("notes", "", 0, 2000); err != nil {
		t.Fatal("empty notes refused")
	}
}

func TestCheckUsername(t *testing.T) {
	for _, in := range []string{"alice", "j.doe", "a1", "x_y-z"} {
		if _, err := CheckUsername(in); err != nil {
			t.Errorf("CheckUsername(%q): %v", in, err)
		}
	}
	for _, in := range []string{"", "a", "1abc", "Alice", "a b", "123", strings.Repeat("a", 33)} {
		if _, err := CheckUsername(in); ErrorCode(err) != EINVALID {
			t.Errorf("CheckUsername(%q) accepted", in)
		}
	}
}

func TestParseTime(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no time zone data")
	}
	for in, want := range map[string]string{
		"2026-06-01":                "2026-05-31T22:00:00Z",
		"2026-06-01 18:30":          "2026-06-01T16:30:00Z",
		"2026-06-01T18:30:00+02:00": "2026-06-01T16:30:00Z",
		"2026-06-01T18:30:00Z":      "2026-06-01T18:30:00Z",
	} {
		got, err := ParseTime(in, paris)
		if err != nil || got.Format(time.RFC3339) != want {
			t.Errorf("ParseTime(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	for _, in := range []string{"", "tomorrow", "2026-13-01", "01/06/2026"} {
		if _, err := ParseTime(in, paris); ErrorCode(err) != EINVALID {
			t.Errorf("ParseTime(%q) accepted", in)
		}
	}
}

func TestContractRules(t *testing.T) {
	c := Contract{ID: 1, TotalAmount: 100, AmountDue: 101}
	if ErrorCode(c.Validate()) != EINVALID {
		t.Fatal("amount due above total accepted")
	}
	c = Contract{ID: 1, TotalAmount: 100, AmountDue: 50, Signed: true}
	no := false
	if _, err := (ContractUpdate{Signed: &no}).Apply(&c); ErrorCode(err) != ECONFLICT {
		t.Fatalf("unsigning: %v", err)
	}
}

func TestEventRules(t *testing.T) {
	start := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	ok := Event{Name: "Party", Location: "Paris", Start: start, End: start.Add(time.Hour)}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	for name, mutate := range map[string]func(*Event){
		"EndBeforeStart": func(e *Event) { e.End = e.Start.Add(-time.Hour) },
		"EndAtStart":     func(e *Event) { e.End = e.Start },
		"TooMany":        func(e *Event) { e.Attendees = MaxAttendees + 1 },
		"Negative":       func(e *Event) { e.Attendees = -1 },
		"NoLocation":     func(e *Event) { e.Location = " " },
		"LongNotes":      func(e *Event) { e.Notes = strings.Repeat("x", 2001) },
	} {
		t.Run(name, func(t *testing.T) {
			e := ok
			mutate(&e)
			if ErrorCode(e.Validate()) != EINVALID {
				t.Fatal("accepted")
			}
		})
	}
}

func TestExitCodes(t *testing.T) {
	for code, want := range map[string]int{"": 0, EUSAGE: 2, EUNAUTHENTICATED: 3, EFORBIDDEN: 4,
		ENOTFOUND: 5, EINVALID: 6, ECONFLICT: 7, EINTERNAL: 1, EENV: 1} {
		var err error
		if code != "" {
			err = Errorf(code, "x")
		}
		if got := ExitCode(err); got != want {
			t.Errorf("ExitCode(%s) = %d, want %d", code, got, want)
		}
	}
	if ErrorMessage(errString("disk on fire at /secret")) != "internal error" {
		t.Fatal("an internal error's text reached the operator")
	}
}

// TestInternalModelErrorHidden: an *Error of code EINTERNAL (issue 10,
// point 5) shows "internal error", wrapped or not; an environment error
// shows its message, which names the file and the cause.
func TestInternalModelErrorHidden(t *testing.T) {
	for _, err := range []error{
		Errorf(EINTERNAL, "cannot connect to postgres://u:secret@db"),
		fmt.Errorf("open: %w", Errorf(EINTERNAL, "no policy for x")),
	} {
		if got := ErrorMessage(err); got != "internal error" {
			t.Errorf("ErrorMessage(%v) = %q, want internal error", err, got)
		}
	}
	if got := ErrorMessage(Errorf(EENV, "the disk holding /x.db is full")); got != "the disk holding /x.db is full" {
		t.Errorf("environment error hidden: %q", got)
	}
}

type errString string

func (e errString) Error() string { return string(e) }

// TestContactLengths: an e-mail address is at most 254 characters, its
// local part (before @) at most 64, as SMTP carries them (RFC 5321); a
// phone is at most 50 characters in all, however its 6 to 20 digits are
// spaced. Without a cap a 100 KB "phone" of dashes was stored.
func TestContactLengths(t *testing.T) {
	local64 := strings.Repeat("a", 64)
	domain := strings.Repeat("d", 63) + "." + strings.Repeat("e", 63) + "." + strings.Repeat("f", 58) + ".io" // 189
	if e := local64 + "@" + domain; len(e) != 254 {
		t.Fatalf("fixture is %d long", len(e))
	}
	for _, in := range []string{local64 + "@x.io", local64 + "@" + domain} {
		if _, err := NormalizeEmail(in); err != nil {
			t.Errorf("NormalizeEmail(%d characters): %v", len(in), err)
		}
	}
	for _, in := range []string{local64 + "a@x.io", local64 + "@" + domain + "x", strings.Repeat("a", 100000) + "@x.io"} {
		_, err := NormalizeEmail(in)
		wantInvalid(t, err, "at most 254 characters, 64 before the @")
	}
	fifty := "1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 ----------" // 20 digits, 50 characters
	if _, err := CheckPhone(fifty); err != nil {
		t.Errorf("CheckPhone(50 characters): %v", err)
	}
	for _, in := range []string{fifty + "-", strings.Repeat("-", 100000) + "123456", "123" + strings.Repeat(" ", 100000) + "456"} {
		_, err := CheckPhone(in)
		wantInvalid(t, err, "at most 50 characters")
	}
}

// TestDayAfter: a day lasts from its midnight to the next one in the
// operator's time zone: 23 hours on the spring change, 25 on the autumn one.
func TestDayAfter(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	for day, hours := range map[string]float64{"2030-03-31": 23, "2030-10-27": 25, "2030-06-01": 24} {
		start, err := ParseTime(day, paris)
		if err != nil {
			t.Fatal(err)
		}
		end := DayAfter(start, paris)
		if got := end.Sub(start).Hours(); got != hours || end.Location() != time.UTC || end.In(paris).Format("15:04") != "00:00" {
			t.Errorf("%s: the day after starts at %v, %v hours later; want %v hours, at midnight", day, end.In(paris), got, hours)
		}
	}
	utc := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	if got := DayAfter(utc, time.UTC); !got.Equal(utc.Add(24 * time.Hour)) {
		t.Errorf("UTC: %v", got)
	}
	// Where the clocks skip midnight, a day starts at the instant they
	// skip to: 01:00 on the day they go forward.
	for _, tc := range []struct {
		zone, day  string
		start, end string // UTC
	}{
		{"America/Santiago", "2030-09-07", "2030-09-07T04:00:00Z", "2030-09-08T04:00:00Z"},
		{"America/Santiago", "2030-09-08", "2030-09-08T04:00:00Z", "2030-09-09T03:00:00Z"},
		{"Asia/Beirut", "2030-03-30", "2030-03-29T22:00:00Z", "2030-03-30T22:00:00Z"},
		{"Asia/Beirut", "2030-03-31", "2030-03-30T22:00:00Z", "2030-03-31T21:00:00Z"},
	} {
		loc, err := time.LoadLocation(tc.zone)
		if err != nil {
			t.Skip("no time zone database:", err)
		}
		start, err := ParseTime(tc.day, loc)
		end := DayAfter(start, loc)
		if err != nil || start.Format(time.RFC3339) != tc.start || end.Format(time.RFC3339) != tc.end {
			t.Errorf("%s %s: [%v, %v), %v; want [%s, %s)", tc.zone, tc.day, start, end, err, tc.start, tc.end)
		}
		if got := start.In(loc).Format("2006-01-02"); got != tc.day {
			t.Errorf("%s %s starts on %s", tc.zone, tc.day, got)
		}
	}
}

// TestSystemCause: the system's reason of a failure on a file, without the
// operation and the path Go puts before it; other errors as they are.
func TestSystemCause(t *testing.T) {
	plain := errors.New("plain")
	for _, tc := range []struct{ err, want error }{
		{&fs.PathError{Op: "open", Path: "/x", Err: syscall.ENOSPC}, syscall.ENOSPC},
		{fmt.Errorf("saving: %w", &os.LinkError{Op: "rename", Old: "a", New: "b", Err: syscall.EACCES}), syscall.EACCES},
		{plain, plain},
		{nil, nil},
	} {
		if got := SystemCause(tc.err); got != tc.want {
			t.Errorf("SystemCause(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}
