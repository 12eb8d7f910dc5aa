package query

import (
	sq "github.com/Masterminds/squirrel"

	"epicevents/model"
)

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
	where := eqIf(nil, "c.sales_contact_id", f.SalesContactID)
	where = eqIf(where, "e.support_contact_id", f.SupportContactID)
	if f.NoSupport {
		where = append(where, sq.Eq{"e.support_contact_id": nil})
	}
	where = eqIf(where, "e.contract_id", f.ContractID)
	where = eqIf(where, "k.client_id", f.ClientID)
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
