package commands

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"epicevents/model"
	"epicevents/query"
	"epicevents/security"
)

var eventArg = Arg{Name: "ID", Complete: CompleteEvent}

// eventFieldFlags are the flags of the fields support may change.
var eventFieldFlags = []Flag{
	{Name: "name", Value: "N", Usage: "name of the event"},
	{Name: "start", Value: "T", Usage: "start: YYYY-MM-DD, \"YYYY-MM-DD HH:MM\" or RFC 3339"},
	{Name: "end", Value: "T", Usage: "end, after the start"},
	{Name: "location", Value: "L", Usage: "where it takes place"},
	{Name: "attendees", Value: "N", Usage: "expected number of attendees"},
	{Name: "notes", Value: "TEXT", Usage: "notes, up to 2000 characters"},
}

var eventCommand = calendar(records(events, "event", "events: list, show, create, update, assign", eventArg,
	[]Flag{
		{Name: "mine", Usage: "only my clients' events (commercial), or the events I support (support)"},
		{Name: "no-support", Usage: "only events without a support contact"},
		{Name: "support", Value: "USER", Usage: "only the events this collaborator supports (none: without)", Complete: CompleteSupport},
		{Name: "contract", Value: "ID", Usage: "only the events of this contract", Complete: CompleteContr},
		{Name: "client", Value: "ID", Usage: "only the events of this client", Complete: CompleteClient},
		{Name: "from", Value: "DATE", Usage: "only events starting at or after DATE"},
		{Name: "to", Value: "DATE", Usage: "only events starting before DATE (a date alone: up to its end)"},
		{Name: "upcoming", Usage: "only events starting from now on"},
	}, listEvents,
	&Command{
		Name: "create", Short: "create an event on a signed contract of one of your clients",
		Flags: append(required(append([]Flag{{Name: "contract", Value: "ID", Usage: "the signed contract", Complete: CompleteContr}},
			eventFieldFlags[:5]...)...), eventFieldFlags[5]),
		Action: security.EventCreate, Write: true, Run: createEvent,
	},
	&Command{
		Name: "update", Short: "change an event: its details (its support contact) or its support contact (management)",
		Args: []Arg{eventArg},
		Long: "Support changes the details of the events they support; management changes only the support contact.",
		Flags: append(append([]Flag(nil), eventFieldFlags...),
			Flag{Name: "support", Value: "USER", Usage: "the support contact, or none (management)", Complete: CompleteSupport}),
		Either: []security.Action{security.EventUpdate, security.EventAssign},
		Write:  true, Run: updateEvent,
	},
	&Command{
		Name: "assign", Short: "set an event's support contact (management), like update --support",
		Args:   []Arg{eventArg, {Name: "USER", Complete: CompleteSupport}},
		Action: security.EventAssign, Write: true,
		Run: func(c *Ctx) (Result, error) { return updateEvent(c, &eventUpdateOptions{Support: &c.Args[1]}) },
	},
))

// calendar marks the list and show of events as Calendar commands: their
// records are events, which --format ics prints.
func calendar(c *Command) *Command {
	for _, s := range c.Sub {
		s.Calendar = s.Calendar || s.Name == "list" || s.Name == "show"
	}
	return c
}

type eventListOptions struct {
	Mine, NoSupport                 bool
	Support, Contract, Client, From *string
	To                              *string
	Upcoming                        bool
}

func listEvents(c *Ctx, o *eventListOptions) (Result, error) {
	var f model.EventFilter
	var err error
	if f.SalesContactID, f.SupportContactID, err = c.mine(o.Mine); err != nil {
		return Result{}, err
	}
	f.NoSupport = o.NoSupport
	if o.Support != nil {
		ref := *o.Support
		switch {
		case isNone(ref):
			f.NoSupport = true
		case f.NoSupport:
			return Result{}, usagef("--no-support and --support %s exclude each other", ref)
		default:
			u, err := c.collaboratorIn(ref, model.Support, "support contact")
			if err != nil {
				return Result{}, err
			}
			if f.SupportContactID != nil && *f.SupportContactID != u.ID {
				return Result{}, usagef("--mine and --support name two different support contacts: use one")
			}
			f.SupportContactID = &u.ID
		}
	}
	if f.ContractID, err = optionalID(o.Contract, "contract"); err != nil {
		return Result{}, err
	}
	if f.ClientID, err = optionalID(o.Client, "client"); err != nil {
		return Result{}, err
	}
	if f.From, f.To, err = c.period(o.From, o.To); err != nil {
		return Result{}, err
	}
	f.Upcoming = o.Upcoming
	return c.list(query.EventKeys, func(yield func([]any) error) error {
		return c.Tx.ListEvents(f, c.List, yield)
	})
}

// period reads --from and --to, each optional: from <= t < to, a date
// alone in --to standing for the end of its day. A period that holds no
// time (--from after --to, or at it) is refused: it would select nothing.
func (c *Ctx) period(fromFlag, toFlag *string) (from, to *time.Time, err error) {
	if from, err = c.optionalDate(fromFlag, false); err != nil {
		return nil, nil, err
	}
	if to, err = c.optionalDate(toFlag, true); err != nil {
		return nil, nil, err
	}
	if from != nil && to != nil && !from.Before(*to) {
		return nil, nil, model.Errorf(model.EINVALID, "--from must be before --to")
	}
	return from, to, nil
}

// optionalDate reads the date given to an optional flag, nil when it is
// absent. With end set, a date without a time stands for the end of that
// day: --to 2026-06-30 includes the 30th.
func (c *Ctx) optionalDate(v *string, end bool) (*time.Time, error) {
	if v == nil {
		return nil, nil
	}
	t, err := model.ParseTime(*v, c.App.Location)
	if err != nil {
		return nil, err
	}
	if _, err := time.Parse("2006-01-02", *v); err == nil && end {
		t = model.DayAfter(t, c.App.Location)
	}
	return &t, nil
}

func isNone(ref string) bool { return strings.EqualFold(ref, "none") }

type eventCreateOptions struct{ Contract, Name, Start, End, Location, Attendees, Notes string }

func createEvent(c *Ctx, o *eventCreateOptions) (Result, error) {
	id, err := parseID("contract", o.Contract)
	if err != nil {
		return Result{}, err
	}
	k, err := c.Tx.ContractByID(id)
	if err != nil {
		return Result{}, err
	}
	cl, err := c.Tx.ClientByID(k.ClientID)
	if err != nil {
		return Result{}, err
	}
	if err := security.Owns(c.Actor, cl.SalesContactID, fmt.Sprintf("contract %d", id)); err != nil {
		return Result{}, err
	}
	if !k.Signed {
		return Result{}, model.Errorf(model.ECONFLICT, "contract %d is not signed: events are created on signed contracts only", id)
	}
	e := model.Event{Name: o.Name, ContractID: id, Location: o.Location, Notes: o.Notes}
	upd, err := c.eventValues(&eventUpdateOptions{Start: &o.Start, End: &o.End, Attendees: &o.Attendees})
	if err != nil {
		return Result{}, err
	}
	e.Start, e.End, e.Attendees = *upd.Start, *upd.End, *upd.Attendees
	return c.save(change{
		entity: events, action: "create", record: &e,
		fields: func() map[string]any { return eventFields(&e) },
		write:  func() (int64, error) { return e.ID, c.Tx.CreateEvent(&e) },
	})
}

// eventValues returns the update that the event's flags give: the text
// fields as they are, the dates and the number of attendees parsed.
func (c *Ctx) eventValues(o *eventUpdateOptions) (model.EventUpdate, error) {
	upd := model.EventUpdate{Name: o.Name, Location: o.Location, Notes: o.Notes}
	var err error
	if upd.Start, err = c.optionalTime(o.Start); err != nil {
		return upd, err
	}
	if upd.End, err = c.optionalTime(o.End); err != nil {
		return upd, err
	}
	if o.Attendees != nil {
		n, err := strconv.ParseInt(strings.TrimSpace(*o.Attendees), 10, 64)
		if err != nil {
			return upd, model.Errorf(model.EINVALID, "invalid number of attendees %q: use a whole number from 0 to %d", *o.Attendees, model.MaxAttendees)
		}
		upd.Attendees = &n
	}
	return upd, nil
}

func (c *Ctx) optionalTime(v *string) (*time.Time, error) {
	if v == nil {
		return nil, nil
	}
	t, err := model.ParseTime(*v, c.App.Location)
	return &t, err
}

type eventUpdateOptions struct{ Name, Start, End, Location, Attendees, Notes, Support *string }

// updateEvent carries out event update and event assign. Support changes
// the details of their own events and never the support contact;
// management changes the support contact and nothing else.
func updateEvent(c *Ctx, o *eventUpdateOptions) (Result, error) {
	upd, err := c.eventValues(o)
	if err != nil {
		return Result{}, err
	}
	assign := o.Support != nil
	details := len(upd.Fields()) > 0
	dept := c.Actor.Department
	// The department's rights first, before anything is read.
	switch {
	case assign:
		if err := security.Allow(dept, security.EventAssign); err != nil {
			return Result{}, err
		}
		if details {
			return Result{}, model.Errorf(model.EFORBIDDEN,
				"permission denied: %s changes only the support contact of events (%s given)", dept, strings.Join(upd.Fields(), ", "))
		}
	case details || security.Allow(dept, security.EventAssign) != nil:
		if err := security.Allow(dept, security.EventUpdate); err != nil {
			return Result{}, err
		}
	}
	e, id, err := load(c, "event", c.Tx.EventByID)
	if err != nil {
		return Result{}, err
	}
	if details {
		if err := security.Owns(c.Actor, e.SupportContactID, fmt.Sprintf("event %d", id)); err != nil {
			return Result{}, err
		}
	}
	before := eventFields(e)
	action := "update"
	if assign {
		action, upd.Support = "assign", true
		name := ""
		if !isNone(*o.Support) {
			u, err := c.collaboratorIn(*o.Support, model.Support, "support contact")
			if err != nil {
				return Result{}, err
			}
			upd.SupportContactID, name = &u.ID, u.Username
		}
		e.SupportContactName = name
	}
	upd.Apply(e)
	return c.save(change{
		entity: events, action: action, record: e, before: before, id: id,
		fields: func() map[string]any { return eventFields(e) },
		write:  func() (int64, error) { return id, c.Tx.UpdateEvent(e) },
	})
}

// eventFields are the audited fields of an event; times in RFC 3339.
func eventFields(e *model.Event) map[string]any {
	var support any
	if e.SupportContactID != nil {
		support = e.SupportContactName
	}
	return map[string]any{"name": e.Name, "contract_id": e.ContractID,
		"support_contact_id": idValue(e.SupportContactID), "support_contact": support,
		"event_start": e.Start.UTC().Format(time.RFC3339), "event_end": e.End.UTC().Format(time.RFC3339),
		"location": e.Location, "attendees": e.Attendees, "notes": e.Notes}
}
