package commands

import (
	"strconv"
	"strings"

	"epicevents/model"
)

// Invocation is a command line resolved against the table: the command,
// its flags, arguments, filter terms and list options.
type Invocation struct {
	Cmd   *Command
	Flags map[string]string // boolean flags hold "true"
	Args  []string
	Terms []model.Term
	List  model.ListOptions
	Help  bool
}

// Resolve finds the command that words name, walking sub-commands, and
// returns it with the index of the first word after its name. It returns
// nil when the first word is no command.
func Resolve(table []*Command, words []string) (*Command, int) {
	var cmd *Command
	for _, c := range table {
		if len(words) > 0 && (c.Name == words[0] || contains(aliases[c.Name], words[0])) {
			cmd = c
		}
	}
	if cmd == nil {
		return nil, 0
	}
	i := 1
	for i < len(words) && len(cmd.Sub) > 0 {
		s := cmd.Lookup(words[i])
		if s == nil {
			break
		}
		cmd, i = s, i+1
	}
	return cmd, i
}

// Formats are the output formats of --format.
var Formats = []string{"table", "json", "csv"}

// aliases are other names of commands.
var aliases = map[string][]string{"exit": {"quit"}}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Parse resolves words against the table and parses the flags, arguments
// and terms of the command they name.
func Parse(table []*Command, words []string) (*Invocation, error) {
	if len(words) == 0 {
		return nil, usagef("no command")
	}
	cmd, i := Resolve(table, words)
	if cmd == nil {
		return nil, usagef("unknown command %q: type help for the list", words[0])
	}
	inv := &Invocation{Cmd: cmd, Flags: map[string]string{}}
	rest := words[i:]
	for j := 0; j < len(rest); j++ {
		w := rest[j]
		if w == "--" {
			inv.Args = append(inv.Args, rest[j+1:]...)
			break
		}
		if !strings.HasPrefix(w, "--") || len(w) == 2 {
			if cmd.Fields != nil && isTerm(w) {
				t, err := ParseTerm(w)
				if err != nil {
					return nil, err
				}
				inv.Terms = append(inv.Terms, t)
				continue
			}
			inv.Args = append(inv.Args, w)
			continue
		}
		name, value, hasValue := strings.Cut(w[2:], "=")
		f, ok := cmd.Flag(name)
		if !ok {
			return nil, usagef("unknown flag --%s for %s", name, cmd.Path())
		}
		if _, dup := inv.Flags[name]; dup {
			return nil, usagef("--%s given twice", name)
		}
		switch {
		case f.Value == "" && hasValue:
			return nil, usagef("--%s takes no value", name)
		case f.Value == "":
			value = "true"
		case !hasValue:
			if j+1 >= len(rest) {
				return nil, usagef("--%s needs a value (%s)", name, f.Value)
			}
			j++
			value = rest[j]
		}
		inv.Flags[name] = value
	}
	if f, ok := inv.Flags["format"]; ok && !contains(Formats, f) {
		return nil, usagef("unknown format %q: use table, json or csv", f)
	}
	if _, ok := inv.Flags["help"]; ok {
		inv.Help = true
		return inv, nil
	}
	if len(cmd.Sub) > 0 && cmd.Run == nil {
		if len(inv.Args) > 0 {
			return nil, usagef("unknown sub-command %q of %s: use %s", inv.Args[0], cmd.Path(), subNames(cmd))
		}
		return nil, usagef("%s needs a sub-command: %s", cmd.Path(), subNames(cmd))
	}
	if err := inv.checkArgs(); err != nil {
		return nil, err
	}
	return inv, inv.parseList()
}

func subNames(c *Command) string {
	var names []string
	for _, s := range c.Sub {
		names = append(names, s.Name)
	}
	return strings.Join(names, ", ")
}

func (inv *Invocation) checkArgs() error {
	cmd := inv.Cmd
	required := 0
	for _, a := range cmd.Args {
		if !a.Optional {
			required++
		}
	}
	switch {
	case len(inv.Args) < required:
		return usagef("missing %s: usage: %s", cmd.Args[len(inv.Args)].Name, cmd.Usage())
	case len(inv.Args) > len(cmd.Args):
		return usagef("unexpected argument %q: usage: %s", inv.Args[len(cmd.Args)], cmd.Usage())
	}
	return nil
}

func (inv *Invocation) parseList() error {
	if !inv.Cmd.List {
		return nil
	}
	l := &inv.List
	l.Terms = inv.Terms
	l.Sort = inv.Flags["sort"]
	l.Desc = inv.Flags["desc"] != ""
	l.Count = inv.Flags["count"] != ""
	for name, dst := range map[string]*int64{"limit": &l.Limit, "offset": &l.Offset} {
		if v, ok := inv.Flags[name]; ok {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 0 {
				return usagef("--%s needs a number >= 0, not %q", name, v)
			}
			*dst = n
		}
	}
	if l.Sort != "" && !contains(inv.Cmd.Fields, l.Sort) {
		return usagef("cannot sort by %q: use one of %s", l.Sort, strings.Join(inv.Cmd.Fields, ", "))
	}
	for _, t := range l.Terms {
		if !contains(inv.Cmd.Fields, t.Field) {
			return usagef("unknown field %q: use one of %s", t.Field, strings.Join(inv.Cmd.Fields, ", "))
		}
	}
	return nil
}

// isTerm reports whether a word looks like FIELD OP VALUE: a field name of
// letters and underscores directly followed by an operator.
func isTerm(w string) bool {
	i := strings.IndexAny(w, "=!<>~")
	if i <= 0 {
		return false
	}
	for _, r := range w[:i] {
		if !(r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9')) {
			return false
		}
	}
	_, err := ParseTerm(w)
	return err == nil
}

// ParseTerm parses one FIELD OP VALUE word.
func ParseTerm(w string) (model.Term, error) {
	i := strings.IndexAny(w, "=!<>~")
	if i <= 0 {
		return model.Term{}, usagef("bad filter %q: use FIELD OP VALUE", w)
	}
	for _, op := range model.Operators {
		if strings.HasPrefix(w[i:], op) {
			return model.Term{Field: w[:i], Op: op, Value: w[i+len(op):]}, nil
		}
	}
	return model.Term{}, usagef("bad operator in %q: use = != < <= > >= ~", w)
}
