package commands

import (
	"reflect"
	"strings"
	"testing"

	"epicevents/model"
)

func TestParse(t *testing.T) {
	table := Table()
	for _, tc := range []struct {
		name  string
		words []string
		path  string
		flags map[string]string
		args  []string
		terms []model.Term
		code  string
	}{
		{name: "Sub", words: []string{"user", "list"}, path: "user list", flags: map[string]string{}},
		{name: "FlagValue", words: []string{"user", "list", "--department", "support"}, path: "user list",
			flags: map[string]string{"department": "support"}},
		{name: "FlagEquals", words: []string{"user", "list", "--department=support", "--count"}, path: "user list",
			flags: map[string]string{"department": "support", "count": "true"}},
		{name: "Terms", words: []string{"user", "list", "last_name~O'Brien", "id>=2"}, path: "user list",
			flags: map[string]string{}, terms: []model.Term{{Field: "last_name", Op: "~", Value: "O'Brien"}, {Field: "id", Op: ">=", Value: "2"}}},
		{name: "Args", words: []string{"user", "show", "alice"}, path: "user show", flags: map[string]string{}, args: []string{"alice"}},
		{name: "FlagAfterArg", words: []string{"user", "update", "bob", "--phone", "123456"}, path: "user update",
			flags: map[string]string{"phone": "123456"}, args: []string{"bob"}},
		{name: "Alias", words: []string{"quit"}, path: "exit", flags: map[string]string{}},
		{name: "LocalWithoutSubs", words: []string{"help", "client"}, path: "help", flags: map[string]string{}, args: []string{"client"}},
		{name: "UnknownCommand", words: []string{"nope"}, code: model.EUSAGE},
		{name: "UnknownSub", words: []string{"user", "nope"}, code: model.EUSAGE},
		{name: "NoSub", words: []string{"user"}, code: model.EUSAGE},
		{name: "UnknownFlag", words: []string{"user", "list", "--nope"}, code: model.EUSAGE},
		{name: "MissingValue", words: []string{"user", "list", "--department"}, code: model.EUSAGE},
		{name: "BoolWithValue", words: []string{"user", "list", "--count=yes"}, code: model.EUSAGE},
		{name: "Twice", words: []string{"user", "list", "--count", "--count"}, code: model.EUSAGE},
		{name: "MissingArg", words: []string{"user", "show"}, code: model.EUSAGE},
		{name: "ExtraArg", words: []string{"user", "show", "a", "b"}, code: model.EUSAGE},
		{name: "UnknownField", words: []string{"user", "list", "password=x"}, code: model.EUSAGE},
		{name: "BadSort", words: []string{"user", "list", "--sort", "password_hash"}, code: model.EUSAGE},
		{name: "BadLimit", words: []string{"user", "list", "--limit", "-1"}, code: model.EUSAGE},
		{name: "ZeroLimit", words: []string{"user", "list", "--limit", "0"}, code: model.EUSAGE},
		{name: "NegativeOffset", words: []string{"user", "list", "--offset", "-1"}, code: model.EUSAGE},
		{name: "ZeroOffset", words: []string{"user", "list", "--offset", "0"}, path: "user list", flags: map[string]string{"offset": "0"}},
		{name: "BadFormat", words: []string{"user", "list", "--format", "xml"}, code: model.EUSAGE},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inv, err := Parse(table, tc.words)
			if tc.code != "" {
				if model.ErrorCode(err) != tc.code {
					t.Fatalf("err = %v, want code %s", err, tc.code)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if inv.Cmd.Path() != tc.path || !reflect.DeepEqual(inv.given, tc.flags) ||
				!reflect.DeepEqual(inv.Args, tc.args) || !reflect.DeepEqual(inv.Terms, tc.terms) {
				t.Fatalf("got %s %v %v %v", inv.Cmd.Path(), inv.given, inv.Args, inv.Terms)
			}
		})
	}
}

// TestParseTermWords checks which words are read as terms: a field name of
// letters, digits and underscores, in any case, right before an operator.
// A term naming no field of the command is refused as such; any other word
// is an argument.
func TestParseTermWords(t *testing.T) {
	for _, w := range []string{"zZ=x", "aA09_=x", "Z~x", "q9<1"} {
		_, err := Parse(Table(), []string{"client", "list", w})
		if model.ErrorCode(err) != model.EUSAGE || !strings.HasPrefix(model.ErrorMessage(err), "unknown field ") {
			t.Errorf("%s: %v, want an unknown field", w, err)
		}
	}
	for _, w := range []string{"a-b=x", "é=x", "a.b=x", "a b=x", "`=x", "{=x", "@=x", "[=x", "/=x", ":=x"} {
		_, err := Parse(Table(), []string{"client", "list", w})
		if model.ErrorCode(err) != model.EUSAGE || !strings.HasPrefix(model.ErrorMessage(err), "unexpected argument ") {
			t.Errorf("%s: %v, want an argument", w, err)
		}
	}
}

func TestParseTerm(t *testing.T) {
	for w, want := range map[string]model.Term{
		"a=1":             {Field: "a", Op: "=", Value: "1"},
		"a!=1":            {Field: "a", Op: "!=", Value: "1"},
		"a<=1":            {Field: "a", Op: "<=", Value: "1"},
		"a>=1":            {Field: "a", Op: ">=", Value: "1"},
		"a<1":             {Field: "a", Op: "<", Value: "1"},
		"a>1":             {Field: "a", Op: ">", Value: "1"},
		"a~x=y":           {Field: "a", Op: "~", Value: "x=y"},
		"location~Saint ": {Field: "location", Op: "~", Value: "Saint "},
		"a=":              {Field: "a", Op: "=", Value: ""},
	} {
		got, err := ParseTerm(w)
		if err != nil || got != want {
			t.Errorf("ParseTerm(%q) = %v, %v; want %v", w, got, err, want)
		}
	}
}

// TestTableIsConsistent checks the declarations that help and completion
// read: every command has a summary, every runnable command a handler.
func TestTableIsConsistent(t *testing.T) {
	var walk func(c *Command)
	walk = func(c *Command) {
		if c.Short == "" {
			t.Errorf("%s has no summary", c.Path())
		}
		if c.Run == nil && len(c.Sub) == 0 {
			t.Errorf("%s has no handler", c.Path())
		}
		if c.List && c.Fields == nil {
			t.Errorf("%s lists without fields", c.Path())
		}
		for _, s := range c.Sub {
			if s.parent != c {
				t.Errorf("%s is not linked to %s", s.Path(), c.Path())
			}
			walk(s)
		}
	}
	for _, c := range Table() {
		walk(c)
	}
}

// TestFieldValuesNameFields: every field whose values complete is a field
// some list command filters on.
func TestFieldValuesNameFields(t *testing.T) {
	fields := map[string]bool{}
	var walk func(c *Command)
	walk = func(c *Command) {
		for _, f := range c.Fields {
			fields[f] = true
		}
		for _, s := range c.Sub {
			walk(s)
		}
	}
	for _, c := range Table() {
		walk(c)
	}
	for f := range FieldValues {
		if !fields[f] {
			t.Errorf("FieldValues names %q, which no command filters on", f)
		}
	}
}

// TestUsageNamesTheWordTyped: a usage error names the command as the
// operator typed it, alias included: quit now is answered with
// "usage: quit", not with the name of the entry it is an alias of.
func TestUsageNamesTheWordTyped(t *testing.T) {
	table := Table()
	for _, tc := range []struct{ words, want string }{
		{"quit now", `unexpected argument "now": usage: quit`},
		{"exit now", `unexpected argument "now": usage: exit`},
		{"quit now later", `unexpected argument "now": usage: quit`},
		{"user show", "missing USER: usage: user show USER"},
	} {
		_, err := Parse(table, split(tc.words))
		if model.ErrorCode(err) != model.EUSAGE || model.ErrorMessage(err) != tc.want {
			t.Errorf("%s: err = %v, want %q", tc.words, err, tc.want)
		}
	}
}

// TestSaves: what an invocation writes when it succeeds, for the message
// of an output that could not be written.
func TestSaves(t *testing.T) {
	for line, want := range map[string]bool{
		"contract pay 1 10": true, "client import f.csv": true, "client import f.csv --dry-run": false,
		"client list": false, "whoami": false,
	} {
		inv, err := Parse(Table(), strings.Fields(line))
		if err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		if got := inv.Saves(); got != want {
			t.Errorf("%s: Saves() = %v, want %v", line, got, want)
		}
	}
}
