package model

import (
	"strings"
	"time"
)

// The years a date may lie in, in UTC. Both engines store four-digit
// years: a date past 9999 would be kept by one and refused by the other,
// and could not be written back as RFC 3339.
var (
	minTime = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	maxTime = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)
)

// ParseTime parses a date as the SPEC accepts it: "YYYY-MM-DD",
// "YYYY-MM-DD HH:MM" or RFC 3339. Without an offset the time is in loc.
// Dates are kept to the second, so fractional seconds are refused rather
// than silently dropped; an offset must be below 24 hours (RFC 3339); the
// result, in UTC, must lie within the years 0001 to 9999.
func ParseTime(s string, loc *time.Location) (time.Time, error) {
	t, err := parseTime(s, loc)
	if err != nil {
		return t, err
	}
	if t.Before(minTime) || t.After(maxTime) {
		return time.Time{}, Errorf(EINVALID, "invalid date %q: dates must lie within the years 0001 to 9999 (UTC)", s)
	}
	return t, nil
}

// DayAfter returns, in UTC, the start of the day after the day of t in
// loc: 24 hours after the start of t's day, or 23 or 25 on the days its
// clocks change. A date alone stands for its whole day in loc:
// [t, DayAfter(t, loc)).
func DayAfter(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return startOfDay(y, m, d+1, loc).UTC()
}

// startOfDay returns the first instant of the day y-m-d in loc: its
// midnight, or, where the clocks skip midnight (Santiago, Beirut, on the
// day they go forward), the instant they skip to. time.Date gives a
// skipped midnight as an hour of the day before.
func startOfDay(y int, m time.Month, d int, loc *time.Location) time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, loc)
	if _, _, day := t.Date(); day != time.Date(y, m, d, 12, 0, 0, 0, time.UTC).Day() {
		_, end := t.ZoneBounds() // the change of clocks, the day's first instant
		t = end
	}
	return t
}

func parseTime(s string, loc *time.Location) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		if t.Nanosecond() != 0 || strings.Contains(s, ".") {
			return time.Time{}, Errorf(EINVALID, "invalid date %q: fractional seconds are not kept, give whole seconds", s)
		}
		if _, off := t.Zone(); off <= -24*3600 || off >= 24*3600 {
			return time.Time{}, Errorf(EINVALID, "invalid date %q: an offset must be between -23:59 and +23:59", s)
		}
		return t.UTC(), nil
	}
	if t, err := time.Parse("2006-01-02", s); err == nil { // a date alone: its first instant in loc
		return startOfDay(t.Year(), t.Month(), t.Day(), loc).UTC(), nil
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, Errorf(EINVALID, "invalid date %q: use YYYY-MM-DD, \"YYYY-MM-DD HH:MM\" or RFC 3339", s)
}
