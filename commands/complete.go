package commands

import (
	"context"
	"slices"
	"sort"
	"strings"
	"time"

	"epicevents/model"
	"epicevents/query"
)

// Suggestion is one completion of the word being typed.
type Suggestion struct {
	Text        string
	Description string
}

// Completer suggests the next word of a command line from the command
// table, read by the parser in its lenient mode, the one that dispatch uses
// strictly: commands, sub-commands, flags, the values of flags and
// arguments by their Complete kind, and the fields and operators of filter
// terms.
//
// Values that live in the database (usernames, record ids) are looked up
// with indexed, LIMITed queries in a short read transaction, and only for a
// logged-in collaborator: nobody lists usernames or clients without logging
// in.
type Completer struct {
	Table []*Command
	// DB answers the lookups; nil turns them off.
	DB *query.DB
	// Lookups reports whether the database may be asked now; nil means yes.
	Lookups func() bool
	// Limit is the most values one lookup returns (default 20).
	Limit int
	// Timeout bounds one lookup (default 500ms): the prompt waits for it.
	Timeout time.Duration
}

// Completer returns the completer of the app's table and database, which
// looks values up only for a collaborator logged in: a session that holds,
// checked against the database as a command checks it, before each lookup.
// A session ended meanwhile (a new password, a department changed) looks
// nothing up, even in a shell opened before.
func (a *App) Completer() *Completer {
	return &Completer{Table: a.Table, DB: a.DB, Lookups: func() bool { return a.loggedIn(context.Background()) }}
}

// Complete returns the suggestions for cur, the word being typed after the
// complete words.
func (c *Completer) Complete(words []string, cur string) []Suggestion {
	if len(words) == 0 {
		return commandSuggests(c.Table, cur)
	}
	cmd, i := Resolve(c.Table, words)
	if cmd == nil {
		return nil
	}
	if i == len(words) && len(cmd.Sub) > 0 && !strings.HasPrefix(cur, "-") {
		return commandSuggests(cmd.Sub, cur)
	}
	st, _ := scanWords(cmd, words[i:], true)
	switch {
	case st.value != nil:
		return c.values(cmd, st.value.Complete, cur, st.args)
	case st.dashdash:
		return c.argSuggests(cmd, cur, st.args)
	case strings.HasPrefix(cur, "--") && strings.Contains(cur, "="):
		name, value, _ := strings.Cut(cur[2:], "=")
		f, ok := cmd.Flag(name)
		if _, used := st.given[name]; !ok || f.Value == "" || used {
			return nil
		}
		return withPrefix("--"+name+"=", c.values(cmd, f.Complete, value, st.args))
	case strings.HasPrefix(cur, "-"):
		return flagSuggests(cmd, st.given, cur)
	}
	out := c.argSuggests(cmd, cur, st.args)
	if cmd.Fields != nil {
		out = append(out, c.termSuggests(cmd, cur, st.args)...)
	}
	if cur == "" {
		out = append(out, flagSuggests(cmd, st.given, "")...)
	}
	return out
}

// argSuggests suggests the value of the next positional argument.
func (c *Completer) argSuggests(cmd *Command, cur string, args []string) []Suggestion {
	if len(args) < len(cmd.Args) {
		return c.values(cmd, cmd.Args[len(args)].Complete, cur, args)
	}
	// help COMMAND SUB: the argument names a command path.
	if len(cmd.Args) > 0 && cmd.Args[0].Complete == CompleteCommand {
		return c.values(cmd, CompleteCommand, cur, args)
	}
	return nil
}

// commandSuggests suggests the commands of list whose name starts with cur.
func commandSuggests(list []*Command, cur string) []Suggestion {
	var out []Suggestion
	for _, c := range Visible(list) {
		if hasPrefix(c.Name, cur) {
			out = append(out, Suggestion{Text: c.Name, Description: c.Short})
		}
	}
	return out
}

// flagSuggests suggests the flags of cmd not given yet, with their usage.
func flagSuggests(cmd *Command, given map[string]string, cur string) []Suggestion {
	var out []Suggestion
	for _, f := range cmd.AllFlags() {
		if _, used := given[f.Name]; !used && hasPrefix("--"+f.Name, cur) {
			out = append(out, Suggestion{Text: "--" + f.Name, Description: f.Usage})
		}
	}
	return out
}

// operatorUsage describes the operators of model.Operators.
var operatorUsage = map[string]string{
	"=": "equals", "!=": "differs from", "<": "less than", "<=": "at most",
	">": "greater than", ">=": "at least", "~": "contains (any case)",
}

// termSuggests suggests filter terms: the fields that start with cur, then,
// once a field is typed, the field with each operator, then the values of
// the fields that FieldValues names.
func (c *Completer) termSuggests(cmd *Command, cur string, args []string) []Suggestion {
	fields := cmd.Fields
	if i := strings.IndexAny(cur, "=!<>~"); i > 0 {
		field, rest := cur[:i], cur[i:]
		if !slices.Contains(fields, field) {
			return nil
		}
		if ops := operatorSuggests(field, rest); ops != nil {
			return ops
		}
		t, err := ParseTerm(cur)
		kind, ok := FieldValues[field]
		if err != nil || !ok || t.Op == "~" {
			return nil
		}
		return withPrefix(field+t.Op, c.values(cmd, kind, t.Value, args))
	}
	var out []Suggestion
	if slices.Contains(fields, cur) {
		out = operatorSuggests(cur, "")
	}
	for _, f := range fields {
		if f != cur && hasPrefix(f, cur) {
			out = append(out, Suggestion{Text: f, Description: "filter field"})
		}
	}
	return out
}

// operatorSuggests suggests field followed by each operator that starts
// with op, one-character operators first. Once the operator is typed and
// no longer one starts with it, the value follows: nothing is offered.
func operatorSuggests(field, op string) []Suggestion {
	ops := append([]string(nil), model.Operators...)
	sort.SliceStable(ops, func(i, j int) bool { return len(ops[i]) < len(ops[j]) })
	var out []Suggestion
	for _, o := range ops {
		if strings.HasPrefix(o, op) {
			out = append(out, Suggestion{Text: field + o, Description: operatorUsage[o]})
		}
	}
	if len(out) == 1 && out[0].Text == field+op {
		return nil
	}
	return out
}

func withPrefix(prefix string, list []Suggestion) []Suggestion {
	for i := range list {
		list[i].Text = prefix + list[i].Text
	}
	return list
}

// hasPrefix reports whether s starts with prefix, ignoring case.
func hasPrefix(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
