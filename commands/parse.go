package commands

import (
	"slices"
	"strconv"
	"strings"

	"epicevents/model"
	"epicevents/query"
)

// Invocation is one command line, parsed once: the command it names, its
// flags, arguments, filter terms and list options. Dispatch, help, the
// history, monitoring's tag and the audit trail all read this one value;
// completion reads the same parser's lenient result (Partial).
type Invocation struct {
	Cmd *Command
	// Typed is the command's name as typed, alias included ("quit" for
	// exit), for the messages that repeat it.
	Typed string
	Args  []string
	Terms []model.Term
	List  model.ListOptions
	// Format is the --format given to this command, "" for the default.
	Format string
	// Columns is the --columns given to this command, checked against its
	// output keys; nil for the default.
	Columns []string
	// Expanded is --expanded: records shown vertically.
	Expanded bool
	Help     bool

	// given holds the flags as typed, boolean ones as "true"; handlers
	// read them as their typed options, never from here.
	given map[string]string
}

// Saves reports whether the invocation writes to the database when it
// succeeds: a command that writes, but not as a dry run (--dry-run), which
// checks everything and writes nothing.
func (inv *Invocation) Saves() bool {
	return inv.Cmd.Write && inv.given["dry-run"] == ""
}

// Resolve finds the command that words name, walking sub-commands, and
// returns it with the index of the first word after its name. It returns
// nil when the first word is no command.
func Resolve(table []*Command, words []string) (*Command, int) {
	if len(words) == 0 {
		return nil, 0
	}
	cmd := lookup(table, words[0])
	if cmd == nil {
		return nil, 0
	}
	i := 1
	for i < len(words) { // a command without sub-commands looks up none
		s := cmd.Lookup(words[i])
		if s == nil {
			break
		}
		cmd, i = s, i+1
	}
	return cmd, i
}

// Formats are the output formats of --format.
var Formats = []string{"table", "json", "csv", "ics"}

// scan is where the words after a command's name stand: the one reading
// of the flag grammar, strict for Parse and lenient for completion.
type scan struct {
	given    map[string]string
	args     []string
	terms    []model.Term
	value    *Flag // lenient: the flag whose value is the word being typed
	dashdash bool  // after --, every word is an argument
}

// scanWords reads the words after cmd's name. Strict, it refuses an
// unknown flag, a flag given twice and a flag without its value; lenient,
// on a line still being typed, it skips them.
func scanWords(cmd *Command, rest []string, lenient bool) (scan, error) {
	st := scan{given: map[string]string{}}
	for j := 0; j < len(rest); j++ {
		w := rest[j]
		switch {
		case st.dashdash:
			st.args = append(st.args, w)
			continue
		case w == "--":
			st.dashdash = true
			continue
		case !strings.HasPrefix(w, "--"):
			if t, ok := asTerm(cmd, w); ok {
				st.terms = append(st.terms, t)
			} else {
				st.args = append(st.args, w)
			}
			continue
		}
		name, value, hasValue := strings.Cut(w[2:], "=")
		f, ok := cmd.Flag(name)
		_, dup := st.given[name]
		switch {
		case !ok && lenient:
			st.given[name] = value
			continue
		case !ok:
			return st, usagef("unknown flag --%s for %s%s", name, cmd.Path(), suggestFlag(cmd, name))
		case dup && !lenient:
			return st, usagef("--%s given twice", name)
		case f.Value == "" && hasValue && !lenient:
			return st, usagef("--%s takes no value", name)
		case f.Value == "":
			value = "true"
		case !hasValue && j+1 < len(rest):
			j++
			value = rest[j]
		case !hasValue && lenient:
			st.value = &f
		case !hasValue:
			return st, usagef("--%s needs a value (%s)", name, f.Value)
		}
		st.given[name] = value
	}
	return st, nil
}

// asTerm reads w as a filter term FIELD OP VALUE when cmd takes terms and
// w starts with a field name (letters, digits, underscores) directly
// followed by an operator.
func asTerm(cmd *Command, w string) (model.Term, bool) {
	if cmd.Fields == nil {
		return model.Term{}, false
	}
	t, err := ParseTerm(w)
	if err != nil {
		return t, false
	}
	for _, r := range t.Field {
		if !(r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9')) {
			return t, false
		}
	}
	return t, true
}

// Parse resolves words against the table and parses the flags, arguments
// and terms of the command they name.
func Parse(table []*Command, words []string) (*Invocation, error) {
	if len(words) == 0 {
		return nil, usagef("no command")
	}
	cmd, i := Resolve(table, words)
	if cmd == nil {
		hint := DidYouMean(words[0], commandNames(table))
		if hint == "" {
			hint = " type help for the list"
		}
		return nil, usagef("unknown command %q:%s", words[0], hint)
	}
	st, err := scanWords(cmd, words[i:], false)
	if err != nil {
		return nil, err
	}
	inv := &Invocation{Cmd: cmd, Typed: strings.Join(words[:i], " "), given: st.given, Args: st.args, Terms: st.terms, Format: st.given["format"]}
	if inv.Format != "" && !slices.Contains(Formats, inv.Format) {
		return nil, usagef("unknown format %q: use table, json, csv or ics", inv.Format)
	}
	if _, ok := inv.given["help"]; ok {
		inv.Help = true
		return inv, nil
	}
	if cmd.Run == nil { // a group of sub-commands (TestTableIsConsistent)
		if len(inv.Args) > 0 {
			return nil, usagef("unknown sub-command %q of %s:%s use %s", inv.Args[0], cmd.Path(),
				DidYouMean(inv.Args[0], commandNames(cmd.Sub)), subNames(cmd))
		}
		return nil, usagef("%s needs a sub-command: %s", cmd.Path(), subNames(cmd))
	}
	if err := inv.checkArgs(); err != nil {
		return nil, err
	}
	if err := inv.parseColumns(); err != nil {
		return nil, err
	}
	if err := inv.parseList(); err != nil {
		return nil, err
	}
	return inv, inv.checkFormat()
}

// checkFormat refuses --format ics but where the records are events (see
// Command.Calendar), before anything runs: a calendar holds events, a
// count is none, and its events are whole (no --columns). Commands that print no records (login, help) take any
// format, as the shell's format applies to them all.
func (inv *Invocation) checkFormat() error {
	cmd := inv.Cmd
	switch {
	case inv.Format != "ics" || cmd.Local || cmd.Public:
		return nil
	case !cmd.Calendar:
		return usagef("--format ics is for events only (event list, event show)")
	case inv.List.Count:
		return usagef("--format ics lists events: it cannot print a count")
	case inv.Columns != nil:
		return usagef("--format ics prints whole events: --columns does not apply")
	}
	return nil
}

// parseColumns reads --columns and --expanded.
func (inv *Invocation) parseColumns() error {
	inv.Expanded = inv.given["expanded"] != ""
	spec, ok := inv.given["columns"]
	if !ok {
		return nil
	}
	cols, err := ParseColumns(spec)
	if err == nil {
		err = CheckColumns(cols, inv.Cmd.OutputKeys())
	}
	inv.Columns = cols
	return err
}

// commandNames are the names of the commands of list, for did-you-mean.
func commandNames(list []*Command) []string {
	var names []string
	for _, c := range list {
		names = append(names, c.Name)
	}
	return names
}

// suggestFlag is the did-you-mean of an unknown flag --name of cmd.
func suggestFlag(cmd *Command, name string) string {
	var names []string
	for _, f := range cmd.AllFlags() {
		names = append(names, "--"+f.Name)
	}
	if k, ok := Nearest("--"+name, names); ok {
		return ": did you mean " + k + "?"
	}
	return ""
}

func subNames(c *Command) string {
	var names []string
	for _, s := range c.Sub {
		names = append(names, s.Name)
	}
	return strings.Join(names, ", ")
}

// checkArgs checks the number of arguments. The usage line repeats the
// command as typed: quit is answered with "usage: quit", not with the name
// of the entry it is an alias of.
func (inv *Invocation) checkArgs() error {
	cmd := inv.Cmd
	usage := inv.Typed + strings.TrimPrefix(cmd.Usage(), cmd.Path())
	required := 0
	for _, a := range cmd.Args {
		if !a.Optional {
			required++
		}
	}
	switch {
	case len(inv.Args) < required:
		return usagef("missing %s: usage: %s", cmd.Args[len(inv.Args)].Name, usage)
	case len(inv.Args) > len(cmd.Args) && !(len(cmd.Args) > 0 && cmd.Args[len(cmd.Args)-1].Variadic):
		return usagef("unexpected argument %q: usage: %s", inv.Args[len(cmd.Args)], usage)
	}
	return nil
}

func (inv *Invocation) parseList() error {
	if !inv.Cmd.List {
		return nil
	}
	l := &inv.List
	l.Terms = inv.Terms
	l.Sort = inv.given["sort"]
	l.Desc = inv.given["desc"] != ""
	l.Count = inv.given["count"] != ""
	// A limit of 0 would stand for "no limit" in the stores (Limit's zero
	// value): --limit 0 printing every row is refused rather than obeyed
	// the wrong way.
	for name, dst := range map[string]*int64{"limit": &l.Limit, "offset": &l.Offset} {
		min := map[string]int64{"limit": 1}[name]
		if v, ok := inv.given[name]; ok {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < min {
				return usagef("--%s needs a number >= %d, not %q", name, min, v)
			}
			*dst = n
		}
	}
	fields := inv.Cmd.Fields
	if l.Sort != "" && !slices.Contains(fields, l.Sort) {
		return usagef("cannot sort by %q:%s use one of %s", l.Sort, DidYouMean(l.Sort, fields), strings.Join(fields, ", "))
	}
	for _, t := range l.Terms {
		if !slices.Contains(fields, t.Field) {
			return usagef("unknown field %q:%s use one of %s", t.Field, DidYouMean(t.Field, fields), strings.Join(fields, ", "))
		}
	}
	return nil
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

// HoldsPassword reports whether a flag given to the command carries a
// password: a database URL (db copy --to URL) may hold its server's. The
// shell's history does not keep such a line.
func (inv *Invocation) HoldsPassword() bool {
	for _, f := range inv.Cmd.Flags {
		if v, ok := inv.given[f.Name]; ok && f.Value == "URL" && query.URLHasPassword(v) {
			return true
		}
	}
	return false
}
