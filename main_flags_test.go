package main

import (
	"testing"

	"epicevents/commands"
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
