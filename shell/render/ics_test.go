package render

import (
	"bufio"
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-ical"

	"epicevents/model"
)

// The iCalendar output is read back with github.com/emersion/go-ical, the
// parser of the go-webdav CalDAV server, and its raw lines are checked
// against RFC 5545 section 3.1 (CRLF, 75 octets, folds between characters).

var icsAt = func(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// icsSamples are events whose text holds every character that TEXT must
// escape or that folding could break.
var icsSamples = []ICSEvent{
	{
		ID: 7, Name: "Fête d'été, \"Soirée\"; l'après-midi", Location: "12, rue de l'Église; Saint-Malo\\Ouest",
		Start: icsAt("2026-07-14T18:30:00+02:00"), End: icsAt("2026-07-15T01:00:00+02:00"),
		ClientName: "Éloïse Müller", ClientEmail: "eloise@acme.test", ClientPhone: "+33 (0)1 02.03.04.05",
		Attendees: 150, SupportContactName: "bob",
		Notes:   "Line one, with a comma; and a semicolon\nLine \"two\"\r\nC:\\path\\to\tfile\rlast — ça va ✓",
		Created: icsAt("2026-01-02T03:04:05Z"), Updated: icsAt("2026-02-03T04:05:06Z"),
	},
	{
		ID: 12, Name: strings.Repeat("é", 60) + strings.Repeat("日本", 30), Location: strings.Repeat("x;", 50),
		Start: icsAt("2026-12-31T23:00:00Z"), End: icsAt("2027-01-01T02:00:00Z"),
		ClientName: "Jean Dupont", ClientEmail: "jean@dupont.test", ClientPhone: "0102030405",
		Attendees: 0, Created: icsAt("2026-03-01T00:00:00Z"), Updated: icsAt("2026-03-01T00:00:00Z"),
	},
}

func writeSamples(t *testing.T, dbID string, events []ICSEvent) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteICS(&buf, dbID, each(events...)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestICSReadsBack(t *testing.T) {
	out := writeSamples(t, "db-42", icsSamples)
	checkICSLines(t, out)
	cal, err := ical.NewDecoder(bytes.NewReader(out)).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot read the output: %v\n%s", err, out)
	}
	for name, want := range map[string]string{"VERSION": "2.0", "PRODID": icsProdID} {
		if got, err := cal.Props.Text(name); err != nil || got != want {
			t.Errorf("%s = %q, %v; want %q", name, got, err, want)
		}
	}
	events := cal.Events()
	if len(events) != len(icsSamples) {
		t.Fatalf("%d events read back, want %d", len(events), len(icsSamples))
	}
	for i, e := range icsSamples {
		got := events[i]
		for name, want := range map[string]string{
			"UID": "event-" + []string{"7", "12"}[i] + "@db-42", "SUMMARY": e.Name, "LOCATION": e.Location,
			"DESCRIPTION": icsWantDescription(e),
		} {
			if v, err := got.Props.Text(name); err != nil || v != want {
				t.Errorf("event %d: %s = %q, %v;\nwant %q", e.ID, name, v, err, want)
			}
		}
		for name, want := range map[string]time.Time{
			"DTSTART": e.Start, "DTEND": e.End, "DTSTAMP": e.Updated, "CREATED": e.Created, "LAST-MODIFIED": e.Updated,
		} {
			v, err := got.Props.DateTime(name, time.Local)
			if err != nil || !v.Equal(want) || v.Location() != time.UTC {
				t.Errorf("event %d: %s = %v, %v; want %v in UTC", e.ID, name, v, err, want.UTC())
			}
		}
	}
	// The encoder of go-ical checks the properties RFC 5545 requires
	// (UID, DTSTAMP, PRODID, VERSION) and how many times each may occur.
	if err := ical.NewEncoder(&bytes.Buffer{}).Encode(cal); err != nil {
		t.Errorf("the calendar read back is not valid: %v", err)
	}
}

// icsWantDescription is what a calendar shows as the description, line
// breaks in the notes read back as LF whichever form they were typed in.
func icsWantDescription(e ICSEvent) string {
	support := e.SupportContactName
	if support == "" {
		support = "none"
	}
	s := "Client: " + e.ClientName + "\nClient e-mail: " + e.ClientEmail + "\nClient phone: " + e.ClientPhone +
		"\nAttendees: " + map[int64]string{150: "150", 0: "0"}[e.Attendees] + "\nSupport contact: " + support
	if e.Notes != "" {
		s += "\nNotes:\n" + strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(e.Notes)
	}
	return s
}

// checkICSLines checks the raw form of every line: CRLF ends, at most 75
// octets, whole UTF-8 characters, continuation lines starting with a space.
func checkICSLines(t *testing.T, out []byte) {
	t.Helper()
	if !bytes.HasSuffix(out, []byte("\r\n")) {
		t.Errorf("the output does not end with CRLF")
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\r\n"), "\r\n")
	folded := 0
	for i, l := range lines {
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d holds a bare CR or LF: %q", i+1, l)
		}
		if len(l) > icsLineMax {
			t.Errorf("line %d is %d octets long: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a UTF-8 character: %q", i+1, l)
		}
		if strings.HasPrefix(l, " ") {
			folded++
		}
	}
	if folded == 0 {
		t.Errorf("no line was folded: the samples are meant to need folding")
	}
	if lines[0] != "BEGIN:VCALENDAR" || lines[len(lines)-1] != "END:VCALENDAR" {
		t.Errorf("the output is not one VCALENDAR: first %q, last %q", lines[0], lines[len(lines)-1])
	}
}

// TestICSFoldEveryAlignment folds a value of multi-byte characters at each
// possible offset, so that a fold falls on every byte of a character once.
func TestICSFoldEveryAlignment(t *testing.T) {
	for pad := 0; pad < 4; pad++ {
		for _, char := range []string{"é", "日", "😀"} {
			name := strings.Repeat("a", pad) + strings.Repeat(char, 80)
			e := icsSamples[1]
			e.Name = name
			out := writeSamples(t, "db", []ICSEvent{e})
			checkICSLines(t, out)
			cal, err := ical.NewDecoder(bytes.NewReader(out)).Decode()
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := cal.Events()[0].Props.Text("SUMMARY"); got != name {
				t.Errorf("pad %d %s: SUMMARY = %q, want %q", pad, char, got, name)
			}
		}
	}
}

// TestICSFoldWidth checks the folds themselves: a line is cut at exactly
// 75 octets when that falls between characters, and continuation lines
// carry 74 octets after their space.
func TestICSFoldWidth(t *testing.T) {
	var buf bytes.Buffer
	iw := &icsWriter{w: bufio.NewWriter(&buf)}
	iw.line("SUMMARY", strings.Repeat("a", 200))
	iw.w.Flush()
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\r\n"), "\r\n")
	want := []int{75, 75, 60} // 208 octets: 75, then 74 and 59 after a space
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d: %q", len(lines), len(want), lines)
	}
	for i, l := range lines {
		if len(l) != want[i] || (i > 0) != strings.HasPrefix(l, " ") {
			t.Errorf("line %d = %q (%d octets), want %d octets", i+1, l, len(l), want[i])
		}
	}
	buf.Reset()
	iw.line("X", strings.Repeat("a", 73))
	iw.w.Flush()
	if got := buf.String(); got != "X:"+strings.Repeat("a", 73)+"\r\n" {
		t.Errorf("a 75-octet line was folded: %q", got)
	}
}

func TestICSText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain", "plain"},
		{`a,b;c\d`, `a\,b\;c\\d`},
		{"one\ntwo\r\nthree\rfour", `one\ntwo\nthree\nfour`},
		{"tab\there", "tab\there"},
		{"bell\a esc\x1b del\x7f c1\u0085 nul\x00", "bell esc del c1 nul"},
		{"bad \xff byte", "bad  byte"},
		{`"quoted"`, `"quoted"`},
		{"Crème brûlée", "Crème brûlée"},
	} {
		if got := icsText(c.in); got != c.want {
			t.Errorf("icsText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestICSUIDStable: the same event of the same database always gets the
// same UID, so that a calendar importing the file again updates it; the
// same id in another database gets another.
func TestICSUIDStable(t *testing.T) {
	first := writeSamples(t, "db-1", icsSamples[:1])
	changed := icsSamples[0]
	changed.Name, changed.Updated = "Renamed", changed.Updated.Add(time.Hour)
	again := writeSamples(t, "db-1", []ICSEvent{changed})
	other := writeSamples(t, "db-2", icsSamples[:1])
	uid := func(out []byte) string {
		cal, err := ical.NewDecoder(bytes.NewReader(out)).Decode()
		if err != nil {
			t.Fatal(err)
		}
		v, _ := cal.Events()[0].Props.Text("UID")
		return v
	}
	if uid(first) != uid(again) {
		t.Errorf("the UID changed with the event: %q then %q", uid(first), uid(again))
	}
	if uid(first) == uid(other) {
		t.Errorf("two databases give event 7 the same UID %q", uid(first))
	}
}

func TestICSEmptyCalendar(t *testing.T) {
	out := writeSamples(t, "db", nil)
	want := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:" + icsProdID + "\r\nCALSCALE:GREGORIAN\r\n" +
		"X-WR-CALNAME:Epic Events\r\nEND:VCALENDAR\r\n"
	if string(out) != want {
		t.Errorf("empty calendar:\n%q\nwant\n%q", out, want)
	}
}

// TestICSFromRecords reads events from the records a list or show gives,
// keyed by the event keys, and refuses records of anything else.
func TestICSFromRecords(t *testing.T) {
	cols := []string{"id", "name", "contract_id", "client_id", "client_name", "client_email", "client_phone",
		"support_contact_id", "support_contact", "event_start", "event_end", "location", "attendees", "notes",
		"created_at", "updated_at"}
	e := icsSamples[0]
	rows := [][]any{
		{e.ID, e.Name, int64(3), int64(4), e.ClientName, e.ClientEmail, e.ClientPhone, int64(9), e.SupportContactName,
			e.Start, e.End, e.Location, e.Attendees, e.Notes, e.Created, e.Updated},
		{int64(8), "No support", int64(3), int64(4), "A B", "a@b.test", "0102030405", nil, nil,
			e.Start, e.End, "Here", int64(2), "", e.Created, e.Updated},
	}
	events, err := icsEvents(cols, rowsOf(rows...))
	if err != nil {
		t.Fatal(err)
	}
	var got []ICSEvent
	events(func(e ICSEvent) error { got = append(got, e); return nil })
	if len(got) != 2 || got[0] != e {
		t.Fatalf("events read from records:\n%+v\nwant first\n%+v", got, e)
	}
	if got[1].SupportContactName != "" || got[1].ID != 8 || got[1].Notes != "" || got[1].Attendees != 2 {
		t.Errorf("an event without support contact: %+v", got[1])
	}
	if !strings.Contains(ICSDescription(got[1]), "Support contact: none") {
		t.Errorf("a missing support contact is not shown as none: %q", ICSDescription(got[1]))
	}

	_, err = icsEvents([]string{"id", "first_name", "last_name"}, nil)
	var me *model.Error
	if !errors.As(err, &me) || me.Code != model.EUSAGE {
		t.Errorf("client records as ics: %v, want a usage error", err)
	}
}
