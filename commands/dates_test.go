package commands

import (
	"context"
	"reflect"
	"testing"
	"time"

	"epicevents/model"
	"epicevents/query"
)

// TestEventListDateBoundaries: --from DATE starts at the first second of
// the day, --to DATE ends after its last second (From <= event_start < To),
// a precise time is an instant, and TERMS on a date take the whole day; all
// in the operator's zone (here two hours ahead of UTC).
func TestEventListDateBoundaries(t *testing.T) {
	e := newEnv(t)
	zone := time.FixedZone("UTC+2", 2*3600)
	e.App.Location, e.DB.Location = zone, zone
	day := time.Date(2026, 6, 1, 0, 0, 0, 0, zone)
	// Events 4 to 7, around 2026-06-01; the fixture's 3 (05-01), 1 (07-01)
	// and 2 (08-01) are far from it.
	err := e.DB.Update(context.Background(), func(tx *query.Tx) error {
		for _, start := range []time.Time{day.Add(-time.Second), day, day.Add(24*time.Hour - time.Second), day.Add(24 * time.Hour)} {
			ev := model.Event{Name: "Edge", ContractID: 2, Start: start, End: start.Add(time.Hour), Location: "Paris"}
			if err := tx.CreateEvent(&ev); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	e.as("sam")
	for _, tc := range []struct {
		line string
		want []int64
	}{
		{"event list --from 2026-06-01 --to 2026-06-01", []int64{5, 6}},
		{"event list --to 2026-06-01", []int64{3, 4, 5, 6}},
		{"event list --to 2026-05-31", []int64{3, 4}},
		{"event list --from 2026-06-01", []int64{1, 2, 5, 6, 7}},
		{"event list --from 2026-06-02", []int64{1, 2, 7}},
		{"event list --to '2026-06-01 00:00'", []int64{3, 4}},
		{"event list --from '2026-06-01 00:00' --to '2026-06-02 00:00'", []int64{5, 6}},
		{"event list --from 2026-06-01T21:59:59Z --to 2026-06-01T22:00:00Z", []int64{6}},
		{"event list event_start<=2026-06-01 --from 2026-05-02", []int64{4, 5, 6}},
		{"event list event_start>2026-06-01 --to 2026-06-30", []int64{7}},
		{"event list event_start=2026-06-01", []int64{5, 6}},
		{"event list event_start<2026-06-01 event_start>=2026-05-31", []int64{4}},
	} {
		t.Run(tc.line, func(t *testing.T) {
			if got := eventIDs(t, e, tc.line); !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("ids %v, want %v", got, tc.want)
			}
		})
	}
	// --upcoming: what starts from now on, now included.
	e.now = day
	if got, want := eventIDs(t, e, "event list --upcoming"), []int64{1, 2, 5, 6, 7}; !reflect.DeepEqual(got, want) {
		t.Fatalf("upcoming at the first second of the day: %v, want %v", got, want)
	}
	e.now = day.Add(24 * time.Hour)
	if got, want := eventIDs(t, e, "event list --upcoming --to 2026-06-30"), []int64{7}; !reflect.DeepEqual(got, want) {
		t.Fatalf("upcoming a day later: %v, want %v", got, want)
	}
}

// eventIDs runs an event list and returns the ids of its rows.
func eventIDs(t *testing.T, e *testEnv, line string) []int64 {
	t.Helper()
	ids := []int64{}
	for _, r := range e.must(line).Rows {
		id, ok := r["id"].(int64)
		if !ok {
			t.Fatalf("id %v (%T)", r["id"], r["id"])
		}
		ids = append(ids, id)
	}
	return ids
}
