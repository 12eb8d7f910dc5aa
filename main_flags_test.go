package main

import (
	"testing"

	"epicevents/commands"
	"epicevents/model"
)

// TestGlobalFlagsDeclared checks that the program's flags that completion
// scripts offer (commands.GlobalFlags) are the ones it reads.
func TestGlobalFlagsDeclared(t *testing.T) {
	values := map[string]string{"--format": "json", "--db": "x.db", "-c": "whoami", "-f": "batch"}
	for _, g := range commands.GlobalFlags {
		args := []string{g.Word}
		if g.Value != "" {
			v, ok := values[g.Word]
			if !ok {
				t.Fatalf("%s: no sample value", g.Word)
			}
			args = append(args, v)
		}
		if _, err := parseOptions(args); err != nil {
			t.Errorf("%s: %v", g.Word, err)
		}
		if g.Value != "" {
			if _, err := parseOptions([]string{g.Word}); err == nil {
				t.Errorf("%s takes no value, yet is declared with one", g.Word)
			}
		}
	}
}

// TestGlobalFlagGivenTwice: a global flag given twice is a usage error,
// as a command's own flag is (commands.scanWords): the one rule for every
// flag but -c and -f, which add a line or a file each time.
func TestGlobalFlagGivenTwice(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--format", "json", "--format", "csv"}, "--format given twice"},
		{[]string{"--format=json", "--format=json"}, "--format given twice"},
		{[]string{"--db", "a.db", "--db=b.db"}, "--db given twice"},
		{[]string{"--keep-going", "--keep-going"}, "--keep-going given twice"},
		{[]string{"--no-pager", "--no-pager", "whoami"}, "--no-pager given twice"},
		{[]string{"-V", "--version"}, "--version given twice"},
		{[]string{"--help", "-h"}, "--help given twice"},
		{[]string{"--demo", "--demo"}, "--demo given twice"},
	} {
		_, err := parseOptions(tc.args)
		if model.ErrorCode(err) != model.EUSAGE || model.ErrorMessage(err) != tc.want {
			t.Errorf("%q: err = %v, want usage error %q", tc.args, err, tc.want)
		}
	}
	o, err := parseOptions([]string{"-c", "whoami", "-f", "a", "-c", "help", "-f", "b"})
	if err != nil || len(o.steps) != 4 {
		t.Fatalf("-c and -f repeated: %+v, %v", o.steps, err)
	}
}
