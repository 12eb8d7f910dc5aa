package model

import "time"

// ParseTime parses a date as the SPEC accepts it: "YYYY-MM-DD",
// "YYYY-MM-DD HH:MM" or RFC 3339. Without an offset the time is in loc.
func ParseTime(s string, loc *time.Location) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	for _, layout := range []string{"2006-01-02", "2006-01-02 15:04", "2006-01-02T15:04"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, Errorf(EINVALID, "invalid date %q: use YYYY-MM-DD, \"YYYY-MM-DD HH:MM\" or RFC 3339", s)
}
