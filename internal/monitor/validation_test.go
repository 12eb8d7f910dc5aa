package monitor

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"epicevents/model"
)

// messageTemplates are the places a value may take in what is reported.
var messageTemplates = []string{
	"%s", "failed for %s: boom", `{"value":"%s"}`, "<%s>", "(%s)", "[%s]", "x=%s,", "'%s'", "%s.", "a %s\nb",
}

// TestScrubHidesEveryValidEmail (issue 11 finding 15): the scrubber hides
// every address that model.NormalizeEmail accepts, generated at random
// from the characters addresses may hold (the specials of RFC 5322 and
// Unicode) and kept only when the validation rules accept them.
func TestScrubHidesEveryValidEmail(t *testing.T) {
	local := []rune("abcXYZ019.!#$%&'*+-/=?^_`{|}~éüß日本")
	domain := []rune("abcxyz019-.äé日本")
	r := rand.New(rand.NewPCG(1, 2))
	pick := func(set []rune, n int) string {
		var b strings.Builder
		for range n {
			b.WriteRune(set[r.IntN(len(set))])
		}
		return b.String()
	}
	seeds := []string{"josé@exemple.fr", "a{b}@c.com", "a@exämple.fr", "a@[1.2.3.4]", "alice.martin+crm@example.co.uk",
		"!#$%&'*+-/=?^_`{|}~@x.fr", "日本@日本.jp", "a@b-.fr"}
	checked := 0
	for i := 0; checked < 1000 && i < 100000; i++ {
		e := pick(local, 1+r.IntN(12)) + "@" + pick(domain, 1+r.IntN(8)) + "." + pick([]rune("frcomjpä"), 2+r.IntN(2))
		if i < len(seeds) {
			e = seeds[i]
		}
		if _, err := model.NormalizeEmail(e); err != nil {
			continue
		}
		checked++
		for _, tpl := range messageTemplates {
			msg := fmt.Sprintf(tpl, e)
			if got := redact(msg); strings.Contains(got, e) || strings.Contains(got, strings.ToLower(e)) ||
				strings.Contains(got, "@") {
				t.Fatalf("redact(%q) = %q: the address %q shows", msg, got, e)
			}
		}
	}
	if checked < 1000 {
		t.Fatalf("only %d valid addresses generated", checked)
	}
}

// TestScrubHidesEveryValidPhone: the scrubber hides every phone number
// that model.CheckPhone accepts (6 to 20 digits with + - . ( ) and
// spaces, in any layout: 2026-12-03 10 is one), to its last digit.
func TestScrubHidesEveryValidPhone(t *testing.T) {
	chars := []rune("0123456789+-.() ")
	r := rand.New(rand.NewPCG(3, 4))
	seeds := []string{"2026-12-03 10", "+33 6 12 34 56 78", "1500.00", "((1)2)3-4.5+6", "123456", "(555) 123-4567",
		"12345678901234567890", "1-2-3-4-5-6", "...123456..."}
	checked := 0
	for i := 0; checked < 1000 && i < 100000; i++ {
		var b strings.Builder
		for range 6 + r.IntN(25) {
			b.WriteRune(chars[r.IntN(len(chars))])
		}
		p := b.String()
		if i < len(seeds) {
			p = seeds[i]
		}
		p, err := model.CheckPhone(p)
		if err != nil {
			continue
		}
		checked++
		for _, tpl := range messageTemplates {
			msg := fmt.Sprintf(tpl, p)
			if got := redact(msg); strings.ContainsAny(got, "0123456789") {
				t.Fatalf("redact(%q) = %q: digits of the phone %q show", msg, got, p)
			}
		}
	}
	if checked < 1000 {
		t.Fatalf("only %d valid phones generated", checked)
	}
}
