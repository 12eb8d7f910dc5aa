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

var eventCommand = &Command{
	Name:  "event",
	Short: "events: list, show, create, update, assign",
	Sub: []*Command{
		{
			Name: "list", Short: "list events", List: true, Fields: query.EventKeys,
			Flags: []Flag{
				{Name: "mine", Usage: "only my clients' events (commercial), or the events I support (support)"},
				{Name: "no-support", Usage: "only events without a support contact"},
				{Name: "support", Value: "USER", Usage: "only the events this collaborator supports (none: without)", Complete: CompleteSupport},
				{Name: "contract", Value: "ID", Usage: "only the events of this contract", Complete: CompleteContr},
				{Name: "client", Value: "ID", Usage: "only the events of this client", Complete: CompleteClient},
				{Name: "from", Value: "DATE", Usage: "only events starting at or after DATE"},
				{Name: "to", Value: "DATE", Usage: "only events starting before DATE (a date alone: up to its end)"},
				{Name: "upcoming", Usage: "only events starting from now on"},
			},
			Run: listEvents,
		},
		{
			Name: "show", Short: "show one event", Args: []Arg{eventArg},
			Run: func(c *Ctx) (Result, error) {
				id, err := parseID("event", c.Args[0])
				if err != nil {
					return Result{}, err
				}
				return c.showEvent(id)
			},
		},
		{
			Name: "create", Short: "create an event on a signed contract of one of your clients",
			Flags: append([]Flag{{Name: "contract", Value: "ID", Usage: "the signed contract", Complete: CompleteContr}},
				eventFieldFlags...),
			Action: security.EventCreate, Write: true, Run: createEvent,
		},
		{
			Name: "update", Short: "change an event: its details (its support contact) or its support contact (management)",
			Args: []Arg{eventArg},
			Long: "Support changes the details of the events they support; management changes only the support contact.",
			Flags: append(append([]Flag(nil), eventFieldFlags...),
				Flag{Name: "support", Value: "USER", Usage: "the support contact, or none (management)", Complete: CompleteSupport}),
			Write: true, Run: updateEvent,
		},
		{
			Name: "assign", Short: "set an event's support contact (management), like update --support",
			Args:   []Arg{eventArg, {Name: "USER", Complete: CompleteSupport}},
			Action: security.EventAssign, Write: true,
			Run: func(c *Ctx) (Result, error) {
				c.Flags["support"] = c.Args[1]
				return updateEvent(c)
			},
		},
	},
}

func listEvents(c *Ctx) (Result, error) {
	var f model.EventFilter
	var err error
	if c.Flags["mine"] != "" {
		if f.SalesContactID, f.SupportContactID, err = c.mine(); err != nil {
			return Result{}, err
		}
	}
	f.NoSupport = c.Flags["no-support"] != ""
	if ref, ok := c.Flags["support"]; ok {
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
	if f.ContractID, err = c.flagID("contract", "contract"); err != nil {
		return Result{}, err
	}
	if f.ClientID, err = c.flagID("client", "client"); err != nil {
		return Result{}, err
	}
	if f.From, err = c.flagDate("from", false); err != nil {
		return Result{}, err
	}
	if f.To, err = c.flagDate("to", true); err != nil {
		return Result{}, err
	}
	f.Upcoming = c.Flags["upcoming"] != ""
	return c.list(query.EventKeys, func(yield func([]any) error) error {
		return c.Tx.ListEvents(f, c.List, yield)
	})
}

// flagDate reads a date flag. With end set, a date without a time stands
// for the end of that day: --to 2026-06-30 includes the 30th.
func (c *Ctx) flagDate(flag string, end bool) (*time.Time, error) {
	v, ok := c.Flags[flag]
	if !ok {
		return nil, nil
	}
	t, err := model.ParseTime(v, c.App.Location)
	if err != nil {
		return nil, err
	}
	if _, err := time.Parse("2006-01-02", v); err == nil && end {
		t = t.AddDate(0, 0, 1)
	}
	return &t, nil
}

func isNone(ref string) bool { return strings.EqualFold(ref, "none") }

func createEvent(c *Ctx) (Result, error) {
	var contractRef, start, end, attendees string
	e := model.Event{Notes: c.Flags["notes"]}
	if err := c.requireFlags(map[string]*string{"contract": &contractRef, "name": &e.Name, "start": &start,
		"end": &end, "location": &e.Location, "attendees": &attendees}); err != nil {
		return Result{}, err
	}
	id, err := parseID("contract", contractRef)
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
	e.ContractID = id
	upd := model.EventUpdate{}
	if err := c.eventValues(&upd, map[string]string{"start": start, "end": end, "attendees": attendees}); err != nil {
		return Result{}, err
	}
	e.Start, e.End, e.Attendees = *upd.Start, *upd.End, *upd.Attendees
	if err := e.Validate(); err != nil {
		return Result{}, err
	}
	if err := c.Tx.CreateEvent(&e); err != nil {
		return Result{}, err
	}
	if err := c.audit("create", "event", e.ID, created(eventFields(&e))); err != nil {
		return Result{}, err
	}
	return c.showEvent(e.ID)
}

// eventValues parses the typed values of an event's flags (dates, the
// number of attendees) into upd.
func (c *Ctx) eventValues(upd *model.EventUpdate, vals map[string]string) error {
	for _, p := range []struct {
		flag string
		dst  **time.Time
	}{{"start", &upd.Start}, {"end", &upd.End}} {
		if v, ok := vals[p.flag]; ok {
			t, err := model.ParseTime(v, c.App.Location)
			if err != nil {
				return err
			}
			*p.dst = &t
		}
	}
	if v, ok := vals["attendees"]; ok {
		n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil {
			return model.Errorf(model.EINVALID, "invalid number of attendees %q: use a whole number from 0 to %d", v, model.MaxAttendees)
		}
		upd.Attendees = &n
	}
	return nil
}

// updateEvent carries out event update and event assign. Support changes
// the details of their own events and never the support contact;
// management changes the support contact and nothing else.
func updateEvent(c *Ctx) (Result, error) {
	var upd model.EventUpdate
	c.optional(map[string]**string{"name": &upd.Name, "location": &upd.Location, "notes": &upd.Notes})
	vals := map[string]string{}
	for _, f := range []string{"start", "end", "attendees"} {
		if v, ok := c.Flags[f]; ok {
			vals[f] = v
		}
	}
	if err := c.eventValues(&upd, vals); err != nil {
		return Result{}, err
	}
	supportRef, assign := c.Flags["support"]
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
	id, err := parseID("event", c.Args[0])
	if err != nil {
		return Result{}, err
	}
	e, err := c.Tx.EventByID(id)
	if err != nil {
		return Result{}, err
	}
	if details {
		if err := security.Owns(c.Actor, e.SupportContactID, fmt.Sprintf("event %d", id)); err != nil {
			return Result{}, err
		}
	}
	before := eventFields(e)
	if assign {
		upd.Support = true
		name := ""
		if !isNone(supportRef) {
			u, err := c.collaboratorIn(supportRef, model.Support, "support contact")
			if err != nil {
				return Result{}, err
			}
			upd.SupportContactID, name = &u.ID, u.Username
		}
		e.SupportContactName = name
	}
	upd.Apply(e)
	if err := e.Validate(); err != nil {
		return Result{}, err
	}
	after := eventFields(e)
	if changed := changedKeys(before, after); len(changed) > 0 {
		if err := c.Tx.UpdateEvent(e); err != nil {
			return Result{}, err
		}
		action := "update"
		if assign {
			action = "assign"
		}
		if err := c.audit(action, "event", id, diff(before, after, changed)); err != nil {
			return Result{}, err
		}
	}
	return c.showEvent(id)
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

func (c *Ctx) showEvent(id int64) (Result, error) {
	rec, err := c.Tx.ShowEvent(id)
	return Result{Columns: query.EventKeys, Record: rec}, err
}
