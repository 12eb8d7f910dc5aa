package query

import (
	"database/sql"
	"errors"

	sq "github.com/Masterminds/squirrel"

	"epicevents/model"
)

const eventColumns = "e.id, e.name, e.contract_id, k.client_id, " + clientName + ", c.email, c.phone, c.sales_contact_id, " +
	"e.support_contact_id, p.username, e.event_start, e.event_end, e.location, e.attendees, e.notes, e.created_at, e.updated_at"

// EventByID returns the event with the given id, with its client's details
// and sales contact.
func (tx *Tx) EventByID(id int64) (*model.Event, error) {
	var e model.Event
	var sales, support sql.NullInt64
	var supportName sql.NullString
	err := tx.queryRow(events.from(tx.db.sb.Select(eventColumns)).Where(sq.Eq{"e.id": id}),
		&e.ID, &e.Name, &e.ContractID, &e.ClientID, &e.ClientName, &e.ClientEmail, &e.ClientPhone, &sales,
		&support, &supportName, timeCol{&e.Start}, timeCol{&e.End}, &e.Location, &e.Attendees, &e.Notes,
		timeCol{&e.CreatedAt}, timeCol{&e.UpdatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("event", id)
	}
	e.SalesContactID, e.SupportContactID, e.SupportContactName = nullID(sales), nullID(support), supportName.String
	return &e, err
}

// CreateEvent inserts e, which must be valid, and sets its id and times.
func (tx *Tx) CreateEvent(e *model.Event) error {
	e.CreatedAt, e.UpdatedAt = tx.now, tx.now
	return tx.queryRow(tx.db.sb.Insert("events").
		Columns("name", "contract_id", "support_contact_id", "event_start", "event_end", "location", "attendees", "notes",
			"created_at", "updated_at").
		Values(e.Name, e.ContractID, e.SupportContactID, ts(e.Start), ts(e.End), e.Location, e.Attendees, e.Notes,
			ts(tx.now), ts(tx.now)).
		Suffix("RETURNING id"), &e.ID)
}

// UpdateEvent writes every field of e but its contract.
func (tx *Tx) UpdateEvent(e *model.Event) error {
	e.UpdatedAt = tx.now
	res, err := tx.exec(tx.db.sb.Update("events").SetMap(map[string]any{
		"name": e.Name, "support_contact_id": e.SupportContactID, "event_start": ts(e.Start), "event_end": ts(e.End),
		"location": e.Location, "attendees": e.Attendees, "notes": e.Notes, "updated_at": ts(tx.now),
	}).Where(sq.Eq{"id": e.ID}))
	return oneRow(res, err, "event", e.ID)
}

// ShowEvent returns the event with the given id as an output record.
func (tx *Tx) ShowEvent(id int64) ([]any, error) { return tx.show(events, id) }

// ListEvents streams the events matching f and opts. From and To bound
// event_start: From <= event_start < To; Upcoming keeps the events that
// start from now on.
func (tx *Tx) ListEvents(f model.EventFilter, opts model.ListOptions, yield func([]any) error) error {
	var where []sq.Sqlizer
	if f.SalesContactID != nil {
		where = append(where, sq.Eq{"c.sales_contact_id": *f.SalesContactID})
	}
	if f.SupportContactID != nil {
		where = append(where, sq.Eq{"e.support_contact_id": *f.SupportContactID})
	}
	if f.NoSupport {
		where = append(where, sq.Eq{"e.support_contact_id": nil})
	}
	if f.ContractID != nil {
		where = append(where, sq.Eq{"e.contract_id": *f.ContractID})
	}
	if f.ClientID != nil {
		where = append(where, sq.Eq{"k.client_id": *f.ClientID})
	}
	if f.From != nil {
		where = append(where, sq.GtOrEq{"e.event_start": ts(*f.From)})
	}
	if f.To != nil {
		where = append(where, sq.Lt{"e.event_start": ts(*f.To)})
	}
	if f.Upcoming {
		where = append(where, sq.GtOrEq{"e.event_start": ts(tx.now)})
	}
	return tx.list(events, where, opts, yield)
}

// EventsLike returns up to limit events whose id or name starts with
// prefix, as pairs of id and description ("Summer party — Jane Doe,
// 2026-06-01"), for completion.
func (tx *Tx) EventsLike(prefix string, limit int) ([][2]string, error) {
	return tx.like(eventsLike, prefix, limit)
}

var eventsLike = likeQuery{
	id:   "e.id",
	desc: "e.name || ' — ' || " + clientName + " || ', ' || SUBSTR(CAST(e.event_start AS TEXT), 1, 10)",
	from: func(b sq.SelectBuilder) sq.SelectBuilder {
		return b.From("events e").Join("contracts k ON k.id = e.contract_id").Join("clients c ON c.id = k.client_id")
	},
	text: []string{"e.name"},
}
