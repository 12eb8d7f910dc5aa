package query

import (
	"fmt"
	"time"
)

// timeLayout is how times are bound: UTC, fixed width, so that SQLite's
// text comparison orders them like time and PostgreSQL reads them as
// timestamps.
const timeLayout = "2006-01-02 15:04:05"

// ts formats t as a bound value.
func ts(t time.Time) string { return t.UTC().Format(timeLayout) }

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
	for _, layout := range []string{timeLayout, time.RFC3339Nano, "2006-01-02 15:04:05Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			*c.t = t.UTC()
			return nil
		}
	}
	return fmt.Errorf("cannot parse time %q", s)
}
