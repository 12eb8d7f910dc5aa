package query

import (
	"context"

	"testing"
	"time"

	"epicevents/model"
)

// boundaryDB holds four events around the day 2026-06-01 of a zone two
// hours ahead of UTC, the operator's TZ:
//
//	1 2026-05-31 23:59:59  the last second before the day
//	2 2026-06-01 00:00:00  its first second
//	3 2026-06-01 23:59:59  its last second
//	4 2026-06-02 00:00:00  the first second of the next day
//
// Now is 2026-06-01 00:00:00 in that zone.
func boundaryDB(t *testing.T) *DB {
	t.Helper()
	zone := time.FixedZone("UTC+2", 2*3600)
	db := MustOpenDB(t)
	db.Location = zone
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, zone)
	db.Now = func() time.Time { return now }
	carl := MustCreateCollaborator(t, db, "carl", model.Commercial)
	client := MustCreateClient(t, db, model.Client{Email: "jane@acme.test", SalesContactID: &carl})
	contract := MustCreateContract(t, db, client, 100, 100, true)
	for _, start := range []time.Time{
		now.Add(-time.Second), now, now.Add(24*time.Hour - time.Second), now.Add(24 * time.Hour),
	} {
		MustCreateEvent(t, db, model.Event{Name: "E", ContractID: contract, Start: start, End: start.Add(time.Hour),
			Location: "Paris"})
	}
	return db
}

// TestWholeDayBoundaries: a date without a time stands for the whole day,
// in the operator's zone, for every operator; a precise time for itself.
func TestWholeDayBoundaries(t *testing.T) {
	db := boundaryDB(t)
	events := eventsWhere(model.EventFilter{})
	for _, tc := range []struct {
		term string
		want []int64
	}{
		{"event_start=2026-06-01", []int64{2, 3}},
		{"event_start!=2026-06-01", []int64{1, 4}},
		{"event_start<2026-06-01", []int64{1}},
		{"event_start<=2026-06-01", []int64{1, 2, 3}},
		{"event_start>2026-06-01", []int64{4}},
		{"event_start>=2026-06-01", []int64{2, 3, 4}},
		{"event_start=2026-05-31", []int64{1}},
		{"event_start>=2026-06-02", []int64{4}},
		{"event_start<=2026-05-31", []int64{1}},
		// A precise time is an instant, not a day.
		{"event_start=2026-06-01 00:00", []int64{2}},
		{"event_start<2026-06-01 00:00", []int64{1}},
		{"event_start<=2026-06-01 00:00", []int64{1, 2}},
		{"event_start>2026-06-01 00:00", []int64{3, 4}},
		{"event_start>=2026-06-02 00:00", []int64{4}},
		{"event_start!=2026-06-02 00:00", []int64{1, 2, 3}},
		// With an offset, the zone is the one given: 2026-06-01T22:00Z is
		// the first second of the 2nd in UTC+2.
		{"event_start>=2026-06-01T22:00:00Z", []int64{4}},
		{"event_start<2026-05-31T22:00:00Z", []int64{1}},
	} {
		t.Run(tc.term, func(t *testing.T) {
			assertIDs(t, db, events, model.ListOptions{Terms: []model.Term{mustTerm(t, tc.term)}}, tc.want)
		})
	}
}

// TestEventRangeBoundaries: From <= event_start < To, and Upcoming keeps
// what starts at now or later.
func TestEventRangeBoundaries(t *testing.T) {
	db := boundaryDB(t)
	zone := db.Location
	at := func(d, h int) *time.Time { v := time.Date(2026, 6, d, h, 0, 0, 0, zone); return &v }
	for _, tc := range []struct {
		name string
		f    model.EventFilter
		want []int64
	}{
		{"From", model.EventFilter{From: at(1, 0)}, []int64{2, 3, 4}},
		{"To", model.EventFilter{To: at(1, 0)}, []int64{1}},
		{"Day", model.EventFilter{From: at(1, 0), To: at(2, 0)}, []int64{2, 3}},
		{"Empty", model.EventFilter{From: at(1, 0), To: at(1, 0)}, []int64{}},
		{"Upcoming", model.EventFilter{Upcoming: true}, []int64{2, 3, 4}},
		{"UpcomingTo", model.EventFilter{Upcoming: true, To: at(2, 0)}, []int64{2, 3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assertIDs(t, db, eventsWhere(tc.f), model.ListOptions{}, tc.want)
		})
	}
}

// TestLastDayBoundaries: the whole day 9999-12-31 ends in the year 10000,
// past every storable time; as a bound it still holds the last events
// (on SQLite, "10000-01-01" sorts before "9999-12-31" as text).
func TestLastDayBoundaries(t *testing.T) {
	db := MustOpenDB(t)
	db.Location = time.UTC
	carl := MustCreateCollaborator(t, db, "carl", model.Commercial)
	sam := MustCreateCollaborator(t, db, "sam", model.Support)
	client := MustCreateClient(t, db, model.Client{Email: "jane@acme.test", SalesContactID: &carl})
	contract := MustCreateContract(t, db, client, 100, 100, true)
	for _, start := range []time.Time{
		time.Date(9999, 12, 30, 12, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 0, 0, 0, time.UTC),
	} {
		MustCreateEvent(t, db, model.Event{Name: "E", ContractID: contract, Start: start, End: start.Add(time.Hour - time.Second),
			Location: "Paris", SupportContactID: &sam})
	}
	events := eventsWhere(model.EventFilter{})
	for _, tc := range []struct {
		term string
		want []int64
	}{
		{"event_start=9999-12-31", []int64{2, 3}},
		{"event_start!=9999-12-31", []int64{1}},
		{"event_start<=9999-12-31", []int64{1, 2, 3}},
		{"event_start>9999-12-31", []int64{}},
		{"event_start>=9999-12-31", []int64{2, 3}},
		{"event_end<=9999-12-31", []int64{1, 2, 3}},
	} {
		t.Run(tc.term, func(t *testing.T) {
			assertIDs(t, db, events, model.ListOptions{Terms: []model.Term{mustTerm(t, tc.term)}}, tc.want)
		})
	}
	// --to 9999-12-31 stands for the end of that day.
	end := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	t.Run("To", func(t *testing.T) {
		assertIDs(t, db, eventsWhere(model.EventFilter{To: &end}), model.ListOptions{}, []int64{1, 2, 3})
	})
	t.Run("Report", func(t *testing.T) {
		var figs []model.EventFigures
		err := db.View(context.Background(), func(tx *Tx) (err error) {
			figs, err = tx.EventsReport(model.ReportFilter{To: &end})
			return err
		})
		if err != nil || len(figs) == 0 || figs[0].Events != 3 {
			t.Fatalf("EventsReport to the end of 9999-12-31: %+v, %v; want sam with 3 events", figs, err)
		}
	})
}
