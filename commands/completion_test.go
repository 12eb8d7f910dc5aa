package commands

import (
	"context"
	"strings"
	"testing"

	"epicevents/model"
	"epicevents/query"
)

// TestScriptFromTable checks that each script is written from the table:
// every visible command, sub-command and flag, and the fixed values of
// flags, are in it; the hidden command is not offered.
func TestScriptFromTable(t *testing.T) {
	table := Table()
	for _, shell := range Shells {
		t.Run(shell, func(t *testing.T) {
			s, err := Script(shell, table)
			if err != nil {
				t.Fatal(err)
			}
			// fish holds the POSIX functions in a fish string.
			q := func(w string) string { return "'" + w + "'" }
			if shell == "fish" {
				q = func(w string) string { return `\'` + w + `\'` }
			}
			var walk func(list []*Command)
			walk = func(list []*Command) {
				for _, c := range list {
					if c.Hidden {
						if strings.Contains(s, q(c.Name)) {
							t.Errorf("the hidden %s is offered", c.Name)
						}
						continue
					}
					if !strings.Contains(s, q(c.Path())) {
						t.Errorf("no case for %q", c.Path())
					}
					for _, f := range c.AllFlags() {
						if !strings.Contains(s, q("--"+f.Name)) {
							t.Errorf("%s: no --%s", c.Path(), f.Name)
						}
					}
					walk(c.Sub)
				}
			}
			walk(table)
			for _, want := range []string{"user list|--department", "commercial", "management",
				"|--format", "event list|--sort", "support_contact"} {
				if !strings.Contains(s, q(want)) {
					t.Errorf("no %s", want)
				}
			}
			for _, g := range GlobalFlags {
				if !strings.Contains(s, q(g.Word)) {
					t.Errorf("no global %s", g.Word)
				}
			}
		})
	}
	if _, err := Script("tcsh", table); err == nil || !strings.Contains(err.Error(), "unknown shell") {
		t.Fatalf("tcsh: %v", err)
	}
}

// TestScriptFunctions checks the cases of the POSIX functions: a command
// with sub-commands lists them and a leaf has no case there; the loop that
// skips the values of global flags knows the flags that take one.
func TestScriptFunctions(t *testing.T) {
	s, err := Script("bash", Table())
	if err != nil {
		t.Fatal(err)
	}
	_, subs, _ := strings.Cut(s, "_epicevents_subs() {")
	subs, _, _ = strings.Cut(subs, "\n}\n")
	if !strings.Contains(subs, "\n    'client') printf") || !strings.Contains(subs, "\n    '') printf") ||
		strings.Contains(subs, "'client list')") || strings.Contains(subs, "'whoami')") {
		t.Errorf("_epicevents_subs:%s", subs)
	}
	if !strings.Contains(s, "\n        --format|--db|-c|-f)\n") {
		t.Errorf("the global flags that take a value are not skipped with their value:\n%s", s)
	}
}

func TestCompleteCommandHidden(t *testing.T) {
	table := Table()
	if !strings.Contains(Overview(table), "completion") || strings.Contains(Overview(table), "__complete") {
		t.Fatalf("help lists:\n%s", Overview(table))
	}
	inv, err := Parse(table, []string{"__complete", "--", "user", "list", "--department", ""})
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Args) != 4 || inv.Args[3] != "" {
		t.Fatalf("args %q", inv.Args)
	}
}

// TestCompletionCommands runs completion and the hidden __complete that
// its scripts call: one suggestion a line, TEXT, a tab, its description;
// database values only for a collaborator logged in.
func TestCompletionCommands(t *testing.T) {
	e := newEnv(t)
	for _, sh := range Shells {
		if out := e.must("completion " + sh); !strings.Contains(out.Text, "__complete") {
			t.Errorf("completion %s:\n%s", sh, out.Text)
		}
	}
	e.fails("completion tcsh", model.EUSAGE, "tcsh")
	if out := e.must("__complete"); out.Text != "" {
		t.Errorf("__complete without words: %q", out.Text)
	}
	if out := e.must("__complete -- contract si"); out.Text != "sign\tsign a contract (refused if already signed)\n" {
		t.Errorf("sub-command: %q", out.Text)
	}
	if out := e.must("__complete -- client show ''"); strings.Contains(out.Text, "Jane") || !strings.Contains(out.Text, "--format\t") {
		t.Errorf("logged out: %q", out.Text)
	}
	e.as("carl")
	if out := e.must("__complete -- client show 1"); out.Text != "1\tJane Doe — Acme\n" {
		t.Errorf("logged in: %q", out.Text)
	}
	if out := e.must("__complete -- client list --sales c"); out.Text != "carl\tCarl Test\ncora\tCora Test\n" {
		t.Errorf("usernames: %q", out.Text)
	}
	// A description on one line: tabs and line breaks become spaces; what
	// a terminal would act on (an escape sequence, a bell, a C1 control,
	// a bidirectional override, invalid UTF-8) is dropped.
	if got := displayable("a\tb\nc\rd \x1b[2J\x1b]0;pwn\x07\u009bX \u202eevil\xff\u200b\u00ad\ufeff\u2028👨\u200d👩"); got != "a b c d [2J]0;pwnX evil 👨\u200d👩" {
		t.Errorf("displayable: %q", got)
	}
	// A name stored by another program with an escape sequence reaches
	// the completion scripts without it.
	err := e.DB.Update(context.Background(), func(tx *query.Tx) error {
		c, err := tx.ClientByID(1)
		if err != nil {
			return err
		}
		c.FirstName = "Ja\x1b[2Jne\u202e"
		return tx.UpdateClient(c)
	})
	if err != nil {
		t.Fatal(err)
	}
	if out := e.must("__complete -- client show 1"); out.Text != "1\tJa[2Jne Doe — Acme\n" {
		t.Errorf("stored escape sequence: %q", out.Text)
	}
}
