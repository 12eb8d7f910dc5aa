package commands

import (
	"strings"
	"testing"

	"epicevents/model"
)

// FuzzParse: any line of words parses to an invocation of a command of
// the table, or fails with a usage or input error; never a panic, never
// an internal error.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"client list --mine", "login alice", "event list location~\"Saint Malo\" attendees>=100",
		"contract pay 1 10.5", "user create --username x", "help client", "client", "--format json client list",
		"event update 1 --support none", "audit --entity user --id 1", "source x.batch", "exit"} {
		f.Add(s)
	}
	table := Table()
	f.Fuzz(func(t *testing.T, line string) {
		inv, err := Parse(table, strings.Fields(line))
		if err != nil {
			if c := model.ErrorCode(err); c == model.EINTERNAL || c == "" {
				t.Fatalf("Parse(%q): %v of code %q", line, err, c)
			}
			return
		}
		if inv == nil || inv.Cmd == nil {
			t.Fatalf("Parse(%q) gave no command", line)
		}
		if len(inv.Terms) > 0 && inv.Terms[0].Field == "" {
			t.Fatalf("Parse(%q): a term without a field", line)
		}
	})
}

// FuzzParseTerm: an accepted term has a field and one of the operators,
// and FIELD OP VALUE gives the word back.
func FuzzParseTerm(f *testing.F) {
	for _, s := range []string{"a=b", "attendees>=100", "name~x", "x!=", "=x", "a<=>b", "é=1", "a==b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, w string) {
		term, err := ParseTerm(w)
		if err != nil {
			if model.ErrorCode(err) != model.EUSAGE {
				t.Fatalf("ParseTerm(%q): %v", w, err)
			}
			return
		}
		if term.Field == "" || term.Field+term.Op+term.Value != w {
			t.Fatalf("ParseTerm(%q) = %+v", w, term)
		}
		found := false
		for _, op := range model.Operators {
			found = found || op == term.Op
		}
		if !found {
			t.Fatalf("ParseTerm(%q): operator %q", w, term.Op)
		}
	})
}
