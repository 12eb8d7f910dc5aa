package query

import (
	"testing"
	"time"

	"epicevents/model"
)

// TestParseTimeLayout checks the hand-written parser of stored times
// against time.Parse: the same time for every valid text, and a refusal
// for the others, which then go to time.Parse's layouts.
func TestParseTimeLayout(t *testing.T) {
	for _, s := range []string{
		"2026-05-01 09:30:00", "1999-12-31 23:59:59", "2024-02-29 00:00:00", "0001-01-01 00:00:00",
		"2026-02-30 10:00:00", "2026-13-01 10:00:00", "2026-00-10 10:00:00", "2026-01-01 24:00:00",
		"2026-01-01 10:60:00", "2026-01-01 10:00:60", "2026-01-01T10:00:00", "2026-01-01 10:00:0x",
		"2026-01-01 10:00", "2026-1-01 10:00:00", "", "2026-05-01 09:30:00Z", "+026-05-01 09:30:00",
	} {
		want, err := time.Parse(timeLayout, s)
		got, ok := parseTimeLayout(s)
		if ok != (err == nil) || (ok && !got.Equal(want)) || (ok && got.Location() != time.UTC) {
			t.Errorf("%q: got %v, %v; time.Parse gives %v, %v", s, got, ok, want, err)
		}
	}
	for sec := int64(-1e10); sec < 1e10; sec += 7777777 {
		s := time.Unix(sec, 0).UTC().Format(timeLayout)
		want, _ := time.Parse(timeLayout, s)
		if got, ok := parseTimeLayout(s); !ok || !got.Equal(want) {
			t.Fatalf("%q: got %v, %v, want %v", s, got, ok, want)
		}
	}
}

// TestTimeColScan: every form a time comes back from either engine, in
// UTC, and an error for anything else.
func TestTimeColScan(t *testing.T) {
	want := time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)
	for _, v := range []any{
		"2026-06-01 08:00:00", []byte("2026-06-01 08:00:00"), want.In(time.FixedZone("X", 7200)),
		"2026-06-01T10:00:00+02:00", "2026-06-01T08:00:00.000Z", "2026-06-01 10:00:00+02:00",
	} {
		var got time.Time
		if err := (timeCol{&got}).Scan(v); err != nil || !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("Scan(%v) = %v, %v", v, got, err)
		}
	}
	got := want
	if err := (timeCol{&got}).Scan(nil); err != nil || !got.IsZero() {
		t.Errorf("Scan(nil) = %v, %v", got, err)
	}
	for _, v := range []any{42, "garbage", []byte("2026-06-01"), "2026-05-00 10:00:00", "2026-01-32 10:00:00", "2026-01-01 10:00:0/"} {
		if err := (timeCol{&got}).Scan(v); err == nil {
			t.Errorf("Scan(%v) accepted: %v", v, got)
		}
	}
	for _, s := range []string{"2026-05-00 10:00:00", "2026-01-32 10:00:00", "2026-01-01 10:00:0/", "2026-12-31 23:59:59"} {
		_, ok := parseTimeLayout(s)
		if _, err := time.Parse(timeLayout, s); ok != (err == nil) {
			t.Errorf("parseTimeLayout(%q) = %v, time.Parse: %v", s, ok, err)
		}
	}
}

// TestWholeDayInTimeZone: a date alone in a filter stands for its day in
// the operator's time zone, midnight to midnight, 25 hours on the day the
// clocks go back.
func TestWholeDayInTimeZone(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	f := field{key: "event_start", expr: "e.event_start", kind: kTime}
	cond, err := timeTerm(f, model.Term{Field: "event_start", Op: "=", Value: "2030-10-27"}, paris)
	if err != nil {
		t.Fatal(err)
	}
	_, args, err := cond.ToSql()
	from, to := ts(time.Date(2030, 10, 26, 22, 0, 0, 0, time.UTC)), ts(time.Date(2030, 10, 27, 23, 0, 0, 0, time.UTC))
	if err != nil || len(args) != 2 || args[0] != from || args[1] != to {
		t.Errorf("event_start=2030-10-27 in Paris binds %v, %v; want [%s %s]", args, err, from, to)
	}
}
