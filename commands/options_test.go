package commands

import (
	"strings"
	"testing"

	"epicevents/model"
)

// TestHandlersReadDeclaredFlags: a handler's options are the command's
// declared flags, exactly: reading a flag the table does not declare, a
// misspelt one, or one of the wrong type stops the table from being built.
func TestHandlersReadDeclaredFlags(t *testing.T) {
	type good struct {
		Mine       bool
		Sales      *string
		Search     string
		ReassignTo *string
		ID         string
	}
	flags := []Flag{{Name: "mine"}, {Name: "sales", Value: "U"}, {Name: "search", Value: "T"},
		{Name: "reassign-to", Value: "U"}, {Name: "id", Value: "N", Required: true}}
	ok := &Command{Name: "ok", Flags: flags, Run: func(*Ctx, *good) (Result, error) { return Result{}, nil }}
	if _, err := ok.bind(); err != nil {
		t.Fatalf("a matching handler is refused: %v", err)
	}
	type undeclared struct{ Mine, Other bool }
	type misspelt struct{ Mien bool }
	type wrongType struct{ Mine string }
	type optionalRequired struct{ Mine bool }
	for name, c := range map[string]*Command{
		"Undeclared": {Name: "x", Flags: []Flag{{Name: "mine"}},
			Run: func(*Ctx, *undeclared) (Result, error) { return Result{}, nil }},
		"Misspelt": {Name: "x", Flags: []Flag{{Name: "mine"}},
			Run: func(*Ctx, *misspelt) (Result, error) { return Result{}, nil }},
		"WrongType": {Name: "x", Flags: []Flag{{Name: "mine"}},
			Run: func(*Ctx, *wrongType) (Result, error) { return Result{}, nil }},
		"RequiredPointer": {Name: "x", Flags: []Flag{{Name: "sales", Value: "U", Required: true}},
			Run: func(*Ctx, *struct{ Sales *string }) (Result, error) { return Result{}, nil }},
		"FlagsWithoutOptions": {Name: "x", Flags: []Flag{{Name: "mine"}},
			Run: func(*Ctx) (Result, error) { return Result{}, nil }},
		"NotAHandler": {Name: "x", Run: func(*Ctx, *optionalRequired) error { return nil }},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := c.bind(); err == nil {
				t.Fatal("the handler does not match its declaration, yet it is accepted")
			}
		})
	}
}

// TestOptionsFromFlags: the handler sees the flags given, typed, and a
// command with a missing required flag does not run.
func TestOptionsFromFlags(t *testing.T) {
	type opts struct {
		Mine   bool
		Sales  *string
		Search string
		Total  string
	}
	var got opts
	cmd := &Command{Name: "x", Short: "x", Public: true, Local: true,
		Flags: []Flag{{Name: "mine"}, {Name: "sales", Value: "U"}, {Name: "search", Value: "T"},
			{Name: "total", Value: "AMOUNT", Required: true}},
		Run: func(c *Ctx, o *opts) (Result, error) { got = *o; return Result{}, nil }}
	a := &App{Table: []*Command{cmd}}
	run := func(line string) error {
		return a.Execute(t.Context(), strings.Fields(line), func(Result) error { return nil })
	}
	if err := run("x --mine --sales= --total 5"); err != nil {
		t.Fatal(err)
	}
	if !got.Mine || got.Sales == nil || *got.Sales != "" || got.Search != "" || got.Total != "5" {
		t.Fatalf("options %+v", got)
	}
	got = opts{}
	if err := run("x --search s"); model.ErrorCode(err) != model.EUSAGE || !strings.Contains(err.Error(), "missing --total AMOUNT") {
		t.Fatalf("err = %v, want missing --total", err)
	}
	if got.Search != "" {
		t.Fatal("the handler ran without its required flag")
	}
}

// TestTableDeclaresNoSecretFlag: no command takes a password, a secret or
// a token as a flag, so that no line that parses holds one: the history
// keeps only lines that parse.
func TestTableDeclaresNoSecretFlag(t *testing.T) {
	var walk func(c *Command)
	walk = func(c *Command) {
		for _, f := range c.AllFlags() {
			for _, bad := range []string{"pass", "pwd", "secret", "token"} {
				if strings.Contains(strings.ToLower(f.Name), bad) {
					t.Errorf("%s declares --%s", c.Path(), f.Name)
				}
			}
		}
		for _, s := range c.Sub {
			walk(s)
		}
	}
	for _, c := range Table() {
		walk(c)
	}
}
