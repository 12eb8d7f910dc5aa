package model

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzParseMoney: any accepted amount is within 0..MaxMoney and prints
// back to a string that parses to the same cents.
func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"0", "1500", "1500.5", "1500.50", "-1", "1e3", "1,5", "1000000000000.00", "1000000000000.01", " 7 ", ".5", "5."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMoney(s)
		if err != nil {
			if ErrorCode(err) != EINVALID {
				t.Fatalf("ParseMoney(%q): error of code %s", s, ErrorCode(err))
			}
			return
		}
		if m < 0 || m > MaxMoney {
			t.Fatalf("ParseMoney(%q) = %d: out of range", s, m)
		}
		if back, err := ParseMoney(m.String()); err != nil || back != m {
			t.Fatalf("round trip of %q: %s gives %d, %v", s, m, back, err)
		}
	})
}

// FuzzParseTime: any accepted date lies within 0001..9999 in UTC, to the
// second, and its RFC 3339 form parses back to the same instant.
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2026-01-01", "2026-01-01 10:00", "2026-01-01T10:00", "9999-12-31T20:00:00-05:00",
		"2026-01-01T10:00:00+24:00", "2026-01-01T10:00:00.5Z", "0001-01-01T00:00:00+01:00", "2026-02-30"} {
		f.Add(s)
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	if paris == nil {
		paris = time.FixedZone("CET", 3600)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseTime(s, paris)
		if err != nil {
			if ErrorCode(err) != EINVALID {
				t.Fatalf("ParseTime(%q): error of code %s", s, ErrorCode(err))
			}
			return
		}
		if d.Location() != time.UTC || d.Nanosecond() != 0 || d.Year() < 1 || d.Year() > 9999 {
			t.Fatalf("ParseTime(%q) = %v", s, d)
		}
		if back, err := ParseTime(d.Format(time.RFC3339), time.UTC); err != nil || !back.Equal(d) {
			t.Fatalf("round trip of %q: %v, %v", s, back, err)
		}
	})
}

// FuzzCheckText: accepted text is valid UTF-8, trimmed, without control
// characters, within its length.
func FuzzCheckText(f *testing.F) {
	for _, s := range []string{"Acme", " Acme ", "a\x00b", "a\x1b[31m", "\xff", "é", "a\tb", "a\nb"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, multiline bool) {
		var got string
		var err error
		if multiline {
			got, err = CheckMultiline("notes", s, 2000)
		} else {
			got, err = CheckText("name", s, 1, 100)
		}
		if err != nil {
			return
		}
		if !utf8.ValidString(got) || got != strings.TrimSpace(got) {
			t.Fatalf("accepted %q as %q", s, got)
		}
		for _, r := range got {
			if isControl(r) && !(multiline && (r == '\t' || r == '\n')) {
				t.Fatalf("accepted the control %U in %q", r, s)
			}
		}
	})
}
