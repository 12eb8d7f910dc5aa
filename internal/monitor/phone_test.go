package monitor

import (
	"strings"
	"testing"

	"github.com/getsentry/sentry-go"

	"epicevents/model"
)

// phoneForms are phone numbers of every form the model accepts (6 to 20
// digits with + - . ( ) and spaces), the shortest ones first: the scrubber
// must hide each of them wherever it appears.
var phoneForms = []string{
	"123456", "+123456", "12-34-56", "12.34.56", "12 34 56", "1 2 3 4 5 6", "(12) 3456", "(12)34-56",
	"+1 (555) 010-9999", "06.12.34.56.78", "+33 6 12 34 56 78", "(555) 123-4567", "0033-612-345-678",
	"12345678901234567890", "+44 (0)20 7946 0958",
}

// TestRedactHidesEveryPhoneForm: each accepted phone form, alone, in a
// sentence, quoted, in a tag and in a breadcrumb, never reaches Sentry.
func TestRedactHidesEveryPhoneForm(t *testing.T) {
	for _, p := range phoneForms {
		if _, err := model.CheckPhone(p); err != nil {
			t.Fatalf("%q is not a phone the model accepts: %v", p, err)
		}
		for _, s := range []string{p, "call " + p + " today", `phone "` + p + `"`, "phone=" + p + ",", "client: Jane, " + p} {
			if got := redact(s); strings.Contains(got, p) || !strings.Contains(got, redacted) {
				t.Errorf("redact(%q) = %q", s, got)
			}
		}
		event := Scrub(&sentry.Event{Message: "update " + p, Tags: map[string]string{"phone_number": p},
			Breadcrumbs: []*sentry.Breadcrumb{{Message: "was " + p}}})
		if strings.Contains(event.Message, p) || strings.Contains(event.Tags["phone_number"], p) ||
			strings.Contains(event.Breadcrumbs[0].Message, p) {
			t.Errorf("phone %q sent: %q %v %q", p, event.Message, event.Tags, event.Breadcrumbs[0].Message)
		}
	}
}

// TestRedactKeepsShortNumbers: five digits or fewer are ids, counts and
// years, not phones. (An amount of 6 digits or more, like 123456.50, is a
// phone to the validation rules, so it is hidden: TestRedact_Hides.)
func TestRedactKeepsShortNumbers(t *testing.T) {
	for _, s := range []string{"contract 12345", "event 1234 of 2026", "12-34-5", "1 2 3 4 5", "amount 1234.5"} {
		if got := redact(s); got != s {
			t.Errorf("redact(%q) = %q", s, got)
		}
	}
}
