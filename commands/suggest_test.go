package commands

import "testing"

func TestNearest(t *testing.T) {
	commandNames := []string{"setup", "login", "logout", "whoami", "passwd", "user", "client",
		"contract", "event", "audit", "report", "help", "source", "exit", "set"}
	for _, tc := range []struct {
		name  string
		known []string
		want  string // "" for no suggestion
	}{
		{"clinet", commandNames, "client"},     // swapped letters: one edit
		{"cleint", commandNames, "client"},     // swapped letters
		{"evnt", commandNames, "event"},        // a letter missing
		{"eventt", commandNames, "event"},      // a letter too many
		{"contrcat", commandNames, "contract"}, // swapped letters
		{"CLIENT", commandNames, "client"},     // case folded
		{"cont", commandNames, "contract"},     // unfinished
		{"lo", commandNames, "login"},          // unfinished: the first in order
		{"xyzzy", commandNames, ""},            // nothing near
		{"xvnt", commandNames, ""},             // two edits from event: over a third of 4 letters
		{"c", commandNames, ""},                // too short to guess
		{"", commandNames, ""},
		{"emial", []string{"id", "email", "phone"}, "email"},
		{"compnay_name", []string{"company_name", "first_name"}, "company_name"},
		{"--sael", []string{"--sales", "--search"}, "--sales"},
		{"frist_name", []string{"first_name", "last_name"}, "first_name"},
		{"zzzzzzzzzz", []string{"first_name", "last_name"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := Nearest(tc.name, tc.known)
			if got != tc.want || ok != (tc.want != "") {
				t.Fatalf("Nearest(%q) = %q, %v; want %q", tc.name, got, ok, tc.want)
			}
		})
	}
}

func TestDidYouMean(t *testing.T) {
	if got, want := DidYouMean("clinet", []string{"client", "contract"}), ` did you mean "client"?`; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	if got := DidYouMean("qqq", []string{"client"}); got != "" {
		t.Fatalf("got %q for a name near nothing", got)
	}
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"", "abc", 3}, {"kitten", "sitting", 3},
		{"clinet", "client", 1}, {"ab", "ba", 1}, {"évent", "event", 1}, {"ca", "abc", 3},
	} {
		if got := editDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
