package render

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"epicevents/commands"
	"epicevents/model"
)

// iCalendar (RFC 5545) output, for events only: one VEVENT per event, so
// that a collaborator can load their events into the calendar of their
// phone. A calendar that imports the file again recognises each event by
// its UID and updates it instead of adding a copy.

// ICSEvent is one event as it goes into a VEVENT.
type ICSEvent struct {
	ID                 int64
	Name               string
	Start, End         time.Time
	Location           string
	ClientName         string
	ClientEmail        string
	ClientPhone        string
	Attendees          int64
	SupportContactName string // "" when the event has no support contact
	Notes              string
	Created, Updated   time.Time
}

// icsProdID names the program that wrote the calendar (PRODID).
const icsProdID = "-//Epic Events//epicevents//EN"

// icsLineMax is the longest a content line may be, in octets, without its
// CRLF (RFC 5545 section 3.1).
const icsLineMax = 75

// icsTime is the UTC form of DATE-TIME (RFC 5545 section 3.3.5).
const icsTime = "20060102T150405Z"

// ICSUID is the UID of an event: its id and the identifier of its database,
// which together name it for good. Two databases may hold an event 12: the
// database identifier keeps a calendar fed by both from mixing them up.
func ICSUID(eventID int64, databaseID string) string {
	return "event-" + strconv.FormatInt(eventID, 10) + "@" + databaseID
}

// icsWriter writes content lines, folded and ended with CRLF, and keeps
// the first write error.
type icsWriter struct {
	w   *bufio.Writer
	err error
}

// WriteICS writes a VCALENDAR holding one VEVENT per event that events
// yields, streaming; databaseID goes into every UID (ICSUID).
func WriteICS(w io.Writer, databaseID string, events func(yield func(ICSEvent) error) error) error {
	iw := &icsWriter{w: bufio.NewWriter(w)}
	iw.line("BEGIN", "VCALENDAR")
	iw.line("VERSION", "2.0")
	iw.line("PRODID", icsText(icsProdID))
	iw.line("CALSCALE", "GREGORIAN")
	iw.line("X-WR-CALNAME", "Epic Events")
	err := events(func(e ICSEvent) error {
		iw.event(e, databaseID)
		if iw.err == nil {
			// Flushing each event stops a stream whose reader has gone.
			iw.err = iw.w.Flush()
		}
		return iw.err
	})
	if err != nil {
		return err
	}
	iw.line("END", "VCALENDAR")
	if iw.err != nil {
		return iw.err
	}
	return iw.w.Flush()
}

// event writes one VEVENT. DTSTAMP is when the event was last changed: in
// a calendar file without METHOD, RFC 5545 (section 3.8.7.2) says it is
// the time the information was last revised, and a calendar compares it
// to know whether its copy is stale.
func (iw *icsWriter) event(e ICSEvent, databaseID string) {
	iw.line("BEGIN", "VEVENT")
	iw.line("UID", icsText(ICSUID(e.ID, databaseID)))
	iw.line("DTSTAMP", e.Updated.UTC().Format(icsTime))
	iw.line("CREATED", e.Created.UTC().Format(icsTime))
	iw.line("LAST-MODIFIED", e.Updated.UTC().Format(icsTime))
	iw.line("DTSTART", e.Start.UTC().Format(icsTime))
	iw.line("DTEND", e.End.UTC().Format(icsTime))
	iw.line("SUMMARY", icsText(e.Name))
	iw.line("LOCATION", icsText(e.Location))
	iw.line("DESCRIPTION", icsText(ICSDescription(e)))
	iw.line("END", "VEVENT")
}

// ICSDescription is the DESCRIPTION of an event, before escaping: what a
// collaborator needs on the day, one item a line, the notes last.
func ICSDescription(e ICSEvent) string {
	support := e.SupportContactName
	if support == "" {
		support = "none"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Client: %s\n", e.ClientName)
	fmt.Fprintf(&b, "Client e-mail: %s\n", e.ClientEmail)
	fmt.Fprintf(&b, "Client phone: %s\n", e.ClientPhone)
	fmt.Fprintf(&b, "Attendees: %d\n", e.Attendees)
	fmt.Fprintf(&b, "Support contact: %s", support)
	if e.Notes != "" {
		fmt.Fprintf(&b, "\nNotes:\n%s", e.Notes)
	}
	return b.String()
}

// line writes the content line "name:value", folded at icsLineMax octets:
// each continuation line starts with a space, which counts, and a fold
// never falls inside a UTF-8 character, which a reader would otherwise
// have to glue back together from two lines.
func (iw *icsWriter) line(name, value string) {
	if iw.err != nil {
		return
	}
	s := name + ":" + value
	max := icsLineMax
	for len(s) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		iw.write(s[:cut], "\r\n ")
		s = s[cut:]
		max = icsLineMax - 1
	}
	iw.write(s, "\r\n")
}

func (iw *icsWriter) write(s, end string) {
	if iw.err == nil {
		_, iw.err = iw.w.WriteString(s)
	}
	if iw.err == nil {
		_, iw.err = iw.w.WriteString(end)
	}
}

// icsText escapes s as a TEXT value (RFC 5545 section 3.3.11): backslash,
// semicolon and comma get a backslash, every line break (LF, CRLF or a lone
// CR) becomes \n. Other control characters but the tab are not allowed in
// TEXT: they are dropped (the rules refuse them in new data, older rows may
// hold some), as are invalid UTF-8 bytes.
func icsText(s string) string {
	s = strings.ReplaceAll(strings.ToValidUTF8(s, ""), "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r == '\t' || !unicode.IsControl(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// icsKeys are the keys of an event record that a VEVENT needs.
var icsKeys = []string{"id", "name", "event_start", "event_end", "location", "client_name", "client_email",
	"client_phone", "attendees", "support_contact", "notes", "created_at", "updated_at"}

// icsEvents reads ICSEvents from rows of event records whose keys are
// cols. Records of anything else than events are refused: a calendar holds
// events only.
func icsEvents(cols []string, rows func(func([]any) error) error) (func(func(ICSEvent) error) error, error) {
	at := map[string]int{}
	for i, c := range cols {
		at[c] = i
	}
	for _, k := range icsKeys {
		if _, ok := at[k]; !ok {
			return nil, model.Errorf(model.EUSAGE, "--format ics is for events only (event list, event show)")
		}
	}
	return func(yield func(ICSEvent) error) error {
		return rows(func(row []any) error {
			text := func(k string) string { return csvText(row[at[k]]) }
			when := func(k string) time.Time { t, _ := deref(row[at[k]]).(time.Time); return t }
			number := func(k string) int64 { n, _ := deref(row[at[k]]).(int64); return n }
			return yield(ICSEvent{
				ID: number("id"), Name: text("name"), Start: when("event_start"), End: when("event_end"),
				Location: text("location"), ClientName: text("client_name"), ClientEmail: text("client_email"),
				ClientPhone: text("client_phone"), Attendees: number("attendees"),
				SupportContactName: text("support_contact"), Notes: text("notes"),
				Created: when("created_at"), Updated: when("updated_at"),
			})
		})
	}, nil
}

// renderICS writes the events of res, a list or one record, as a
// calendar.
func renderICS(w io.Writer, res commands.Result) error {
	rows := res.Rows
	switch {
	case res.Count != nil:
		return model.Errorf(model.EUSAGE, "--format ics lists events: it cannot print a count")
	case len(res.Columns) == 0:
		return nil
	case res.Record != nil:
		rows = func(yield func([]any) error) error { return yield(res.Record) }
	case rows == nil:
		rows = func(func([]any) error) error { return nil }
	}
	events, err := icsEvents(res.Columns, rows)
	if err != nil {
		return err
	}
	return WriteICS(w, res.DatabaseID, events)
}
