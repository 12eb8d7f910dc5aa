package query

import (
	"fmt"
	"time"

	sq "github.com/Masterminds/squirrel"
)

// timeLayout is how times are bound: UTC, fixed width, so that SQLite's
// text comparison orders them like time and PostgreSQL reads them as
// timestamps.
const timeLayout = "2006-01-02 15:04:05"

// ts formats t as a bound value.
func ts(t time.Time) string { return t.UTC().Format(timeLayout) }

// before returns expr < t. The end of the whole day 9999-12-31 (--to
// 9999-12-31, event_start<=9999-12-31) lies in the year 10000, past every
// storable time, and as text on SQLite "10000-..." sorts before
// "9999-...": such a bound is written expr <= the last storable second,
// which holds for the same rows (times are whole seconds).
func before(expr string, t time.Time) sq.Sqlizer {
	if t.After(lastTime) {
		return sq.LtOrEq{expr: ts(lastTime)}
	}
	return sq.Lt{expr: ts(t)}
}

// notBefore returns expr >= t, which no stored time meets when t lies past
// the last storable second (before).
func notBefore(expr string, t time.Time) sq.Sqlizer {
	if t.After(lastTime) {
		return sq.Gt{expr: ts(lastTime)}
	}
	return sq.GtOrEq{expr: ts(t)}
}

// timeCol scans a time stored as text (SQLite) or as a timestamp (PostgreSQL).
type timeCol struct{ t *time.Time }

// Scan implements sql.Scanner.
func (c timeCol) Scan(v any) error {
	switch x := v.(type) {
	case nil: // a NULL, as MAX() of no rows: the zero time
		*c.t = time.Time{}
		return nil
	case time.Time:
		*c.t = x.UTC()
		return nil
	case string:
		return c.parse(x)
	case []byte:
		return c.parse(string(x))
	}
	return fmt.Errorf("cannot scan %T into a time", v)
}

func (c timeCol) parse(s string) error {
	// Times written by ts, the only ones epicevents writes, are parsed by
	// hand: an export of 300,000 events reads 1,200,000 of them.
	if t, ok := parseTimeLayout(s); ok {
		*c.t = t
		return nil
	}
	for _, layout := range []string{timeLayout, time.RFC3339Nano, "2006-01-02 15:04:05Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			*c.t = t.UTC()
			return nil
		}
	}
	return fmt.Errorf("cannot parse time %q", s)
}

// parseTimeLayout parses s in timeLayout, "2006-01-02 15:04:05", as UTC.
func parseTimeLayout(s string) (time.Time, bool) {
	if len(s) != len(timeLayout) || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':' {
		return time.Time{}, false
	}
	var v [6]int
	for i, at := range [6][2]int{{0, 4}, {5, 7}, {8, 10}, {11, 13}, {14, 16}, {17, 19}} {
		for _, c := range []byte(s[at[0]:at[1]]) {
			if c < '0' || c > '9' {
				return time.Time{}, false
			}
			v[i] = v[i]*10 + int(c-'0')
		}
	}
	if v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31 || v[3] > 23 || v[4] > 59 || v[5] > 59 {
		return time.Time{}, false
	}
	t := time.Date(v[0], time.Month(v[1]), v[2], v[3], v[4], v[5], 0, time.UTC)
	if t.Day() != v[2] { // February 30th and the like
		return time.Time{}, false
	}
	return t, true
}
