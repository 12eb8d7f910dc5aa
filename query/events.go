package query

import (
	"time"

	sq "github.com/Masterminds/squirrel"

	"epicevents/model"
)

// CreateEvent inserts e, which must be valid, and sets its id and times.
// The event keeps its contract's client and sales contact (migration 0004).
func (tx *Tx) CreateEvent(e *model.Event) error {
	e.CreatedAt, e.UpdatedAt = tx.now, tx.now
	return tx.queryRow(tx.db.sb.Insert("events").
		Columns("name", "contract_id", "client_id", "sales_contact_id", "support_contact_id", "event_start", "event_end",
			"location", "attendees", "notes", "created_at", "updated_at").
		Values(e.Name, e.ContractID,
			sq.Expr("(SELECT k.client_id FROM contracts k WHERE k.id = ?)", e.ContractID),
			sq.Expr("(SELECT k.sales_contact_id FROM contracts k WHERE k.id = ?)", e.ContractID),
			e.SupportContactID, ts(e.Start), ts(e.End), e.Location, e.Attendees, e.Notes, ts(tx.now), ts(tx.now)).
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
	// The event's copy of its client's sales contact (UpdateClient).
	where := eqIf(nil, "e.sales_contact_id", f.SalesContactID)
	where = eqIf(where, "e.support_contact_id", f.SupportContactID)
	if f.NoSupport {
		where = append(where, sq.Eq{"e.support_contact_id": nil})
	}
	where = eqIf(where, "e.contract_id", f.ContractID)
	where = eqIf(where, "e.client_id", f.ClientID)
	if f.From != nil || f.To != nil || f.Upcoming {
		where = append(where, startsBetween(f, tx.now))
	}
	return tx.list(events, where, opts, yield)
}

// Bounds of the dates the SPEC accepts (years 0001 to 9999, UTC).
var (
	firstTime = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	lastTime  = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)
)

// startsBetween bounds event_start on both sides, the bound that f leaves
// open at the first or last date the SPEC accepts, which changes no result:
// SQLite, without statistics, takes a range open on one side for a large
// part of the table and walks the whole table in id order instead of the
// range of events_start (--upcoming: 60 ms instead of 6).
func startsBetween(f model.EventFilter, now time.Time) sq.Sqlizer {
	from, to := firstTime, lastTime
	if f.From != nil {
		from = *f.From
	}
	if f.Upcoming && now.After(from) {
		from = now
	}
	cond := sq.And{sq.GtOrEq{"e.event_start": ts(from)}}
	if f.To != nil {
		return append(cond, before("e.event_start", *f.To))
	}
	return append(cond, sq.LtOrEq{"e.event_start": ts(to)})
}
