package model

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestCheckPlainRefusesControls(t *testing.T) {
	bad := map[string]string{
		"NUL": "a\x00b", "ESC": "a\x1b[31mb", "BEL": "a\ab", "DEL": "a\x7fb",
		"C1 CSI": "a\u009bb", "C1 NEL": "a\u0085b", "invalid UTF-8": "a\xffb", "CR": "a\rb",
	}
	for name, s := range bad {
		t.Run(name, func(t *testing.T) {
			for _, check := range []func(string) error{
				func(s string) error { _, err := CheckText("company name", s, 1, 200); return err },
				func(s string) error { _, err := CheckName("first name", s); return err },
				func(s string) error { _, err := NormalizeEmail("a" + s + "@b.fr"); return err },
				func(s string) error { _, err := CheckPhone("0612345678" + s); return err },
				func(s string) error { _, err := CheckUsername("ab" + s); return err },
				func(s string) error { _, err := CheckMultiline("notes", s, 2000); return err },
			} {
				if err := check(s); ErrorCode(err) != EINVALID {
					t.Errorf("%q: got %v, want invalid input", s, err)
				}
			}
		})
	}
	for _, s := range []string{"tab\there", "line\nbreak", "two\n\nbreaks"} {
		if got, err := CheckMultiline("notes", s, 2000); err != nil || got != s {
			t.Errorf("notes %q: got %q, %v", s, got, err)
		}
		if _, err := CheckText("location", s, 1, 200); ErrorCode(err) != EINVALID {
			t.Errorf("location %q: got %v, want invalid input", s, err)
		}
	}
	for _, s := range []string{"Émile Zola", "Ünïcödé — ok", "日本語"} {
		if _, err := CheckText("name", s, 1, 200); err != nil {
			t.Errorf("%q refused: %v", s, err)
		}
	}
}

func TestEventValidateRefusesControlsInEveryField(t *testing.T) {
	ok := func() Event {
		s := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
		return Event{Name: "Party", Location: "Paris", Notes: "a\tb\nc", Start: s, End: s.Add(time.Hour)}
	}
	e := ok()
	if err := e.Validate(); err != nil {
		t.Fatalf("valid event refused: %v", err)
	}
	for name, set := range map[string]func(*Event){
		"name": func(e *Event) { e.Name = "P\x1barty" }, "location": func(e *Event) { e.Location = "Pa\x00ris" },
		"notes": func(e *Event) { e.Notes = "x\x07" },
	} {
		e := ok()
		set(&e)
		if err := e.Validate(); ErrorCode(err) != EINVALID {
			t.Errorf("%s: got %v, want invalid input", name, err)
		}
	}
}

func TestParseTimeBounds(t *testing.T) {
	for _, s := range []string{
		"9999-12-31T20:00:00-05:00", // year 10000 in UTC
		"0001-01-01T00:00:00+01:00", // year 0 in UTC
		"2026-01-01T10:00:00+24:00",
		"2026-01-01T10:00:00-24:00",
		"2026-01-01T10:00:00.5Z",
		"2026-01-01T10:00:00.000Z",
		"10000-01-01",
	} {
		if _, err := ParseTime(s, time.UTC); ErrorCode(err) != EINVALID {
			t.Errorf("%s: got %v, want invalid input", s, err)
		}
	}
	if _, err := ParseTime("2026-01-01T10:00:00.5Z", time.UTC); err == nil || !strings.Contains(err.Error(), "fractional seconds") {
		t.Errorf("fractional seconds: unclear message %v", err)
	}
	for s, want := range map[string]time.Time{
		"9999-12-31T23:59:59Z":      time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC),
		"9999-12-31T18:00:00-05:00": time.Date(9999, 12, 31, 23, 0, 0, 0, time.UTC),
		"0001-01-01T00:00:00Z":      time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC),
		"2026-01-01T10:00:00+23:59": time.Date(2025, 12, 31, 10, 1, 0, 0, time.UTC),
	} {
		if got, err := ParseTime(s, time.UTC); err != nil || !got.Equal(want) {
			t.Errorf("%s: got %v, %v; want %v", s, got, err, want)
		}
	}
}

func TestCheckFilters(t *testing.T) {
	terms := make([]Term, MaxTerms)
	terms[0] = Term{Field: "company_name", Op: "~", Value: strings.Repeat("x", MaxFilterValue)}
	if err := CheckFilters(terms, strings.Repeat("x", MaxFilterValue)); err != nil {
		t.Fatalf("at the limits: %v", err)
	}
	if err := CheckFilters(append(terms, Term{}), ""); ErrorCode(err) != EUSAGE {
		t.Errorf("%d terms: %v, want a usage error", MaxTerms+1, err)
	}
	long := []Term{{Field: "company_name", Op: "~", Value: strings.Repeat("x", MaxFilterValue+1)}}
	if err := CheckFilters(long, ""); ErrorCode(err) != EINVALID || !strings.Contains(err.Error(), "company_name") {
		t.Errorf("long value: %v, want invalid input naming the field", err)
	}
	if err := CheckFilters(nil, strings.Repeat("x", MaxFilterValue+1)); ErrorCode(err) != EINVALID {
		t.Errorf("long search: %v, want invalid input", err)
	}
}

// TestCheckMultilineFoldsCRLF: a text pasted from Windows (CRLF line ends)
// is kept with LF line ends; a carriage return elsewhere is still a
// control character, refused.
func TestCheckMultilineFoldsCRLF(t *testing.T) {
	for in, want := range map[string]string{
		"first\r\nsecond":           "first\nsecond",
		"a\r\n\r\nb\r\n":            "a\n\nb",
		"tab\there\r\nand\nmixed\n": "tab\there\nand\nmixed",
	} {
		if got, err := CheckMultiline("notes", in, 2000); err != nil || got != want {
			t.Errorf("%q: got %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"a\rb", "a\r", "a\r\r\nb", "\rb"} {
		if _, err := CheckMultiline("notes", in, 2000); ErrorCode(err) != EINVALID {
			t.Errorf("%q: got %v, want invalid input (a lone carriage return)", in, err)
		}
	}
	// The limit counts the text as kept: 1000 CRLF lines of one letter are
	// 1999 characters once folded.
	if _, err := CheckMultiline("notes", strings.Repeat("x\r\n", 1000), 2000); err != nil {
		t.Errorf("1000 CRLF lines: %v", err)
	}
	s := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	e := Event{Name: "Party", Location: "Paris", Notes: "bring\r\nwine", Start: s, End: s.Add(time.Hour)}
	if err := e.Validate(); err != nil || e.Notes != "bring\nwine" {
		t.Fatalf("event notes: %q, %v", e.Notes, err)
	}
}

// TestCheckPlainRefusesInvisibleFormatting: bidirectional overrides and
// isolates, marks and other invisible format characters (Unicode Cf, and
// the line and paragraph separators) would show a name in another order
// or two different names the same; every text field refuses them, notes
// included, naming the field and the character.
func TestCheckPlainRefusesInvisibleFormatting(t *testing.T) {
	bad := []rune{
		0x202A, 0x202B, 0x202C, 0x202D, 0x202E, // embeddings and overrides
		0x2066, 0x2067, 0x2068, 0x2069, // isolates
		0x200E, 0x200F, 0x061C, // marks
		0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x180E, // zero-width and invisible
		0x2028, 0x2029, 0xE0041, // separators, a tag character
	}
	checks := map[string]func(string) error{
		"company name": func(s string) error { _, err := CheckText("company name", "Acme"+s, 1, 200); return err },
		"first name":   func(s string) error { _, err := CheckName("first name", "Ann"+s+"a"); return err },
		"email":        func(s string) error { _, err := NormalizeEmail("a" + s + "@b.fr"); return err },
		"phone":        func(s string) error { _, err := CheckPhone("0612345678" + s); return err },
		"username":     func(s string) error { _, err := CheckUsername("ab" + s); return err },
		"notes":        func(s string) error { _, err := CheckMultiline("notes", "see "+s+"here", 2000); return err },
	}
	for _, r := range bad {
		code := fmt.Sprintf("U+%04X", r)
		for field, check := range checks {
			err := check(string(r))
			if ErrorCode(err) != EINVALID || !strings.HasPrefix(ErrorMessage(err), field+" ") ||
				!strings.Contains(ErrorMessage(err), code) || strings.ContainsRune(ErrorMessage(err), r) {
				t.Errorf("%s in %s: got %v (%s), want invalid input naming %s and %s", code, field, err, ErrorCode(err), field, code)
			}
		}
	}
	// Visible text of every script stays: accents, combining marks,
	// right-to-left letters, emoji.
	for _, s := range []string{"Zoë", "e\u0301", "محمد", "שלום", "José 👍", "Nguyễn",
		// Joiners where a script or an emoji sequence needs them.
		"می\u200cخواهم", "क्\u200dष", "م\u200dی", "👨\u200d👩\u200d👧", "❤\ufe0f\u200d🔥"} {
		if _, err := CheckText("name", s, 1, 200); err != nil {
			t.Errorf("%q refused: %v", s, err)
		}
		if _, err := CheckMultiline("notes", s, 2000); err != nil {
			t.Errorf("notes %q refused: %v", s, err)
		}
	}
	// Anywhere else a joiner only hides a difference.
	for _, s := range []string{"\u200cمی", "می\u200c", "م\u200c\u200cی", "Ann\u200dé", "é\u200dAnn",
		"👍\u200c👍", "👍\u200d", "a\u200db", "€\u200d€", "·\u200d·"} {
		if _, err := CheckText("name", s, 1, 200); ErrorCode(err) != EINVALID {
			t.Errorf("%q accepted: %v", s, err)
		}
	}
}

// TestCheckPlainRefusesBlankLetters: the Hangul fillers and the Khmer
// inherent vowels are letters or marks, not format characters, yet show
// nothing: a name "\u3164" looked empty in every table. They are refused
// as invisible in every field; Korean and Khmer written with their visible
// letters stay.
func TestCheckPlainRefusesBlankLetters(t *testing.T) {
	for _, r := range []rune{0x115F, 0x1160, 0x3164, 0xFFA0, 0x17B4, 0x17B5} {
		code := fmt.Sprintf("U+%04X", r)
		if _, err := CheckName("first name", string(r)); ErrorCode(err) != EINVALID || !strings.Contains(ErrorMessage(err), code) {
			t.Errorf("first name %s alone: %v, want invalid naming %s", code, err, code)
		}
		if _, err := CheckMultiline("notes", "see "+string(r)+"here", 2000); ErrorCode(err) != EINVALID {
			t.Errorf("notes holding %s: %v, want invalid", code, err)
		}
	}
	for _, s := range []string{"김민수", "한글", "ᄀ\u1161", "សុខា"} {
		if _, err := CheckName("name", s); err != nil {
			t.Errorf("%q refused: %v", s, err)
		}
	}
}

// TestIsBidiControl: the bidirectional formatting characters, the first
// of them (U+061C) included, and nothing around them.
func TestIsBidiControl(t *testing.T) {
	for _, r := range []rune{'\u061c', '\u200e', '\u200f', '\u202a', '\u202e', '\u2066', '\u2069'} {
		if !IsBidiControl(r) {
			t.Errorf("U+%04X is not a bidi control", r)
		}
	}
	for _, r := range []rune{'a', '\u061b', '\u061d', '\u200d', '\u2028', 'ש', 'ع'} {
		if IsBidiControl(r) {
			t.Errorf("U+%04X is a bidi control", r)
		}
	}
}

// TestFoldUsername: a name as typed, in the form usernames have.
func TestFoldUsername(t *testing.T) {
	for in, want := range map[string]string{"mia": "mia", " MIA\t": "mia", "Jean-Luc": "jean-luc", "": ""} {
		if got := FoldUsername(in); got != want {
			t.Errorf("FoldUsername(%q) = %q, want %q", in, got, want)
		}
	}
}
