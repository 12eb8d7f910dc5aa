package shell

import (
	"sort"
	"strings"
	"time"

	"github.com/c-bata/go-prompt"

	"epicevents/commands"
	"epicevents/model"
	"epicevents/query"
	"epicevents/shell/lex"
)

// Completer suggests the next word of a command line from the command
// table, the same declarations that dispatch and help read: commands,
// sub-commands, flags, the values of flags and arguments by their Complete
// kind, and the fields and operators of filter terms.
//
// Values that live in the database (usernames, record ids) are looked up
// with indexed, LIMITed queries in a short read transaction, and only for a
// logged-in collaborator: nobody lists usernames or clients without logging
// in.
type Completer struct {
	Table []*commands.Command
	// DB answers the lookups; nil turns them off.
	DB *query.DB
	// Lookups reports whether the database may be asked now; nil means yes.
	Lookups func() bool
	// Limit is the most values one lookup returns (default 20).
	Limit int
	// Timeout bounds one lookup (default 500ms): the prompt waits for it.
	Timeout time.Duration
}

// Complete returns the suggestions for the word before the cursor. go-prompt
// replaces that word, up to the last space, with the chosen suggestion.
// Complete never panics: completion must not take the shell down.
func (c *Completer) Complete(d prompt.Document) (out []prompt.Suggest) {
	defer func() {
		if recover() != nil {
			out = nil
		}
	}()
	line := d.TextBeforeCursor()
	if i := strings.LastIndexAny(line, "\r\n"); i >= 0 {
		line = line[i+1:]
	}
	// go-prompt asks again after every key, and after Enter with an empty
	// line: the list of commands shows on Tab only.
	if strings.TrimSpace(line) == "" && d.LastKeyStroke() != prompt.Tab {
		return nil
	}
	words, cur, ok := splitPartial(line)
	if !ok {
		return nil
	}
	return c.complete(words, cur)
}

// splitPartial splits line into its complete words and the word being
// typed, cur, as typed. It fails inside quotes or after a backslash, where a
// suggestion could not replace the word as typed.
func splitPartial(line string) (words []string, cur string, ok bool) {
	start := 0
	var quote byte
	escaped := false
	for i := 0; i < len(line); i++ {
		ch := line[i]
		switch {
		case escaped:
			escaped = false
		case quote != 0:
			if ch == quote {
				quote = 0
			} else if ch == '\\' && quote == '"' {
				escaped = true
			}
		case ch == '\\':
			escaped = true
		case ch == '\'' || ch == '"':
			quote = ch
		case ch == ' ' || ch == '\t':
			start = i + 1
		}
	}
	cur = line[start:]
	if quote != 0 || escaped || strings.ContainsAny(cur, `'"\#`) {
		return nil, "", false
	}
	words, err := lex.Split(line[:start])
	return words, cur, err == nil
}

func (c *Completer) complete(words []string, cur string) []prompt.Suggest {
	if len(words) == 0 {
		return commandSuggests(c.Table, cur)
	}
	cmd, i := commands.Resolve(c.Table, words)
	if cmd == nil {
		return nil
	}
	if i == len(words) && len(cmd.Sub) > 0 && !strings.HasPrefix(cur, "-") {
		return commandSuggests(cmd.Sub, cur)
	}
	st := scanWords(cmd, words[i:])
	switch {
	case st.value != nil:
		return c.values(cmd, st.value.Complete, cur, st.args)
	case st.dashdash:
		return c.argSuggests(cmd, cur, st.args)
	case strings.HasPrefix(cur, "--") && strings.Contains(cur, "="):
		name, value, _ := strings.Cut(cur[2:], "=")
		f, ok := cmd.Flag(name)
		if !ok || f.Value == "" || st.used[name] {
			return nil
		}
		return withPrefix("--"+name+"=", c.values(cmd, f.Complete, value, st.args))
	case strings.HasPrefix(cur, "-"):
		return flagSuggests(cmd, st.used, cur)
	}
	out := c.argSuggests(cmd, cur, st.args)
	if cmd.Fields != nil {
		out = append(out, c.termSuggests(cmd, cur, st.args)...)
	}
	if cur == "" {
		out = append(out, flagSuggests(cmd, st.used, "")...)
	}
	return out
}

// wordState is where a command line stands after its command's name.
type wordState struct {
	used     map[string]bool // flags given
	args     []string        // positional arguments given
	value    *commands.Flag  // the flag whose value is being typed
	dashdash bool            // after --, every word is an argument
}

// scanWords reads the words after the command's name as commands.Parse
// does.
func scanWords(cmd *commands.Command, rest []string) wordState {
	st := wordState{used: map[string]bool{}}
	for j := 0; j < len(rest); j++ {
		w := rest[j]
		switch {
		case st.dashdash:
			st.args = append(st.args, w)
		case w == "--":
			st.dashdash = true
		case strings.HasPrefix(w, "--"):
			name, _, hasValue := strings.Cut(w[2:], "=")
			st.used[name] = true
			f, ok := cmd.Flag(name)
			if !ok || f.Value == "" || hasValue {
				continue
			}
			if j+1 == len(rest) {
				st.value = &f
			}
			j++
		case cmd.Fields != nil && isTerm(w):
		default:
			st.args = append(st.args, w)
		}
	}
	return st
}

// isTerm reports whether w is a filter term, FIELD OP VALUE, as Parse reads
// it.
func isTerm(w string) bool {
	t, err := commands.ParseTerm(w)
	return err == nil && isFieldName(t.Field)
}

func isFieldName(s string) bool {
	for _, r := range s {
		if !(r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
			return false
		}
	}
	return s != ""
}

// argSuggests suggests the value of the next positional argument.
func (c *Completer) argSuggests(cmd *commands.Command, cur string, args []string) []prompt.Suggest {
	if len(args) < len(cmd.Args) {
		return c.values(cmd, cmd.Args[len(args)].Complete, cur, args)
	}
	// help COMMAND SUB: the argument names a command path.
	if len(cmd.Args) > 0 && cmd.Args[0].Complete == commands.CompleteCommand {
		return c.values(cmd, commands.CompleteCommand, cur, args)
	}
	return nil
}

// commandSuggests suggests the commands of list whose name starts with cur.
func commandSuggests(list []*commands.Command, cur string) []prompt.Suggest {
	var out []prompt.Suggest
	for _, c := range list {
		if hasPrefix(c.Name, cur) {
			out = append(out, prompt.Suggest{Text: c.Name, Description: c.Short})
		}
	}
	return out
}

// flagSuggests suggests the flags of cmd not given yet, with their usage.
func flagSuggests(cmd *commands.Command, used map[string]bool, cur string) []prompt.Suggest {
	var out []prompt.Suggest
	for _, f := range cmd.AllFlags() {
		if !used[f.Name] && hasPrefix("--"+f.Name, cur) {
			out = append(out, prompt.Suggest{Text: "--" + f.Name, Description: f.Usage})
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
// the fields that commands.FieldValues names.
func (c *Completer) termSuggests(cmd *commands.Command, cur string, args []string) []prompt.Suggest {
	fields := cmd.Fields
	if i := strings.IndexAny(cur, "=!<>~"); i > 0 {
		field, rest := cur[:i], cur[i:]
		if !contains(fields, field) {
			return nil
		}
		if ops := operatorSuggests(field, rest); ops != nil {
			return ops
		}
		t, err := commands.ParseTerm(cur)
		kind, ok := commands.FieldValues[field]
		if err != nil || !ok || t.Op == "~" {
			return nil
		}
		return withPrefix(field+t.Op, c.values(cmd, kind, t.Value, args))
	}
	var out []prompt.Suggest
	if contains(fields, cur) {
		out = operatorSuggests(cur, "")
	}
	for _, f := range fields {
		if f != cur && hasPrefix(f, cur) {
			out = append(out, prompt.Suggest{Text: f, Description: "filter field"})
		}
	}
	return out
}

// operatorSuggests suggests field followed by each operator that starts
// with op, one-character operators first. Once the operator is typed and
// no longer one starts with it, the value follows: nothing is offered.
func operatorSuggests(field, op string) []prompt.Suggest {
	ops := append([]string(nil), model.Operators...)
	sort.SliceStable(ops, func(i, j int) bool { return len(ops[i]) < len(ops[j]) })
	var out []prompt.Suggest
	for _, o := range ops {
		if strings.HasPrefix(o, op) {
			out = append(out, prompt.Suggest{Text: field + o, Description: operatorUsage[o]})
		}
	}
	if len(out) == 1 && out[0].Text == field+op {
		return nil
	}
	return out
}

func withPrefix(prefix string, list []prompt.Suggest) []prompt.Suggest {
	for i := range list {
		list[i].Text = prefix + list[i].Text
	}
	return list
}

// hasPrefix reports whether s starts with prefix, ignoring case.
func hasPrefix(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
