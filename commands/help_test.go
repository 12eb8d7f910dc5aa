package commands

import (
	"strings"
	"testing"
)

// TestHelp checks the sections of a command's help, each only where the
// declaration has something to put in it.
func TestHelp(t *testing.T) {
	table := Table()
	find := func(path ...string) *Command {
		c, n := Resolve(table, path)
		if c == nil || n != len(path) {
			t.Fatalf("no command %q", path)
		}
		return c
	}
	for _, tc := range []struct {
		path    []string
		want    []string
		wantNot []string
	}{
		{[]string{"whoami"},
			[]string{"Usage: whoami\n\nshow the logged-in collaborator\n\nFlags:\n", "  --format FORMAT        table, json, csv or ics (events), for this command\n",
				"  --help                 show help for this command\n"},
			[]string{"Sub-commands:", "TERMS", "\n\n\n"}},
		{[]string{"contract"},
			[]string{"\nSub-commands:\n  list       list contracts\n", "  pay        record a payment"},
			[]string{"TERMS", "\n\n\n"}},
		{[]string{"contract", "update"},
			[]string{"\n\nWithout --due, a new --total moves the amount due", "  --total AMOUNT"},
			[]string{"Sub-commands:", "TERMS", "\n\n\n"}},
		{[]string{"client", "list"},
			[]string{"\nTERMS are FIELD OP VALUE words, all of which must hold.\nOP: = != < <= > >= ~ (contains). FIELD: id, first_name,",
				"  --sort FIELD", "  --desc  "},
			[]string{"Sub-commands:", "\n\n\n"}},
	} {
		h := Help(find(tc.path...))
		for _, w := range tc.want {
			if !strings.Contains(h, w) {
				t.Errorf("help %s: no %q in\n%s", strings.Join(tc.path, " "), w, h)
			}
		}
		for _, w := range tc.wantNot {
			if strings.Contains(h, w) {
				t.Errorf("help %s: %q in\n%s", strings.Join(tc.path, " "), w, h)
			}
		}
		if long := find(tc.path...).Long; long != "" && strings.Count(h, strings.TrimSpace(long)) != 1 {
			t.Errorf("help %s: the long text is not there once:\n%s", strings.Join(tc.path, " "), h)
		}
	}
}
