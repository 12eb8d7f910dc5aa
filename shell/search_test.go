package shell

import (
	"testing"
)

func TestSearchKeys(t *testing.T) {
	var s *search
	type step struct {
		key    string
		shown  string
		prefix string
		passed bool // the key goes on to go-prompt as it is
	}
	run := func(t *testing.T, saved string, steps []step) {
		t.Helper()
		s = &search{history: []string{"client list", "user show sam", "client show 3", "event list --mine"}}
		for _, st := range steps {
			got := s.key([]byte(st.key))
			if st.key == "\x12" && string(got) == "\x12" {
				s.saved, s.shown = saved, saved // begin, run by go-prompt
			}
			p, _ := s.prefix()
			if (string(got) == st.key) != st.passed || s.shown != st.shown || p != st.prefix {
				t.Fatalf("after %q: key %q, shown %q, prefix %q; want shown %q, prefix %q, passed %v",
					st.key, got, s.shown, p, st.shown, st.prefix, st.passed)
			}
		}
	}
	t.Run("FindOlderAndRun", func(t *testing.T) {
		run(t, "", []step{
			{"\x12", "", "(reverse-i-search)`': ", true},
			{"c", "client show 3", "(reverse-i-search)`c': ", false},
			{"l", "client show 3", "(reverse-i-search)`cl': ", false},
			{"\x12", "client list", "(reverse-i-search)`cl': ", false},
			{"\x12", "client list", "(failed reverse-i-search)`cl': ", false},
			{"\r", "client list", "", true},
		})
	})
	t.Run("EscapeKeepsTheLine", func(t *testing.T) {
		run(t, "contract li", []step{
			{"\x12", "contract li", "(reverse-i-search)`': ", true},
			{"sam", "user show sam", "(reverse-i-search)`sam': ", false},
			{"\x1b", "contract li", "", false},
		})
	})
	t.Run("CtrlGKeepsTheLine", func(t *testing.T) {
		run(t, "", []step{
			{"\x12", "", "(reverse-i-search)`': ", true},
			{"user", "user show sam", "(reverse-i-search)`user': ", false},
			{"\x07", "", "", false},
		})
	})
	t.Run("Backspace", func(t *testing.T) {
		run(t, "", []step{
			{"\x12", "", "(reverse-i-search)`': ", true},
			{"show s", "user show sam", "(reverse-i-search)`show s': ", false},
			{"\x7f", "client show 3", "(reverse-i-search)`show ': ", false},
			{"\x1b[D", "client show 3", "", true}, // an arrow leaves, to edit
		})
	})
}
