package model

import "time"

// Event is what Epic Events organises for a client under a signed contract.
type Event struct {
	ID                 int64
	Name               string
	ContractID         int64
	ClientID           int64
	ClientName         string
	ClientEmail        string
	ClientPhone        string
	SalesContactID     *int64
	SupportContactID   *int64
	SupportContactName string
	Start              time.Time
	End                time.Time
	Location           string
	Attendees          int64
	Notes              string
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// EventUpdate holds the fields an `event update` changes. SupportContactID
// is set (possibly to a nil id for "none") when Support is true.
type EventUpdate struct {
	Name             *string
	Start            *time.Time
	End              *time.Time
	Location         *string
	Attendees        *int64
	Notes            *string
	Support          bool
	SupportContactID *int64
}

// MaxAttendees is the largest number of attendees an event may have.
const MaxAttendees = 100000

// Validate checks and normalises the event's fields.
func (e *Event) Validate() error {
	var err error
	if e.Name, err = CheckName("name", e.Name); err != nil {
		return err
	}
	if e.Location, err = CheckText("location", e.Location, 1, 200); err != nil {
		return err
	}
	if e.Notes, err = CheckMultiline("notes", e.Notes, 2000); err != nil {
		return err
	}
	if e.Attendees < 0 || e.Attendees > MaxAttendees {
		return Errorf(EINVALID, "attendees must be 0 to %d", MaxAttendees)
	}
	if !e.End.After(e.Start) {
		return Errorf(EINVALID, "the event must end after it starts")
	}
	return nil
}

// Fields lists the names of the fields u changes, other than the support
// contact, in the order of the SPEC's keys.
func (u EventUpdate) Fields() []string {
	var f []string
	for _, p := range []struct {
		name string
		set  bool
	}{
		{"name", u.Name != nil}, {"event_start", u.Start != nil}, {"event_end", u.End != nil},
		{"location", u.Location != nil}, {"attendees", u.Attendees != nil}, {"notes", u.Notes != nil},
	} {
		if p.set {
			f = append(f, p.name)
		}
	}
	return f
}

// Apply copies the set fields of u onto e and returns the names of the
// changed fields.
func (u EventUpdate) Apply(e *Event) []string {
	var changed []string
	set(&changed, "name", &e.Name, u.Name)
	if u.Start != nil && !u.Start.Equal(e.Start) {
		e.Start, changed = *u.Start, append(changed, "event_start")
	}
	if u.End != nil && !u.End.Equal(e.End) {
		e.End, changed = *u.End, append(changed, "event_end")
	}
	set(&changed, "location", &e.Location, u.Location)
	set(&changed, "attendees", &e.Attendees, u.Attendees)
	set(&changed, "notes", &e.Notes, u.Notes)
	if u.Support && !sameID(u.SupportContactID, e.SupportContactID) {
		e.SupportContactID, changed = u.SupportContactID, append(changed, "support_contact_id")
	}
	return changed
}

func sameID(a, b *int64) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && *a == *b)
}
