// Package commands holds the one table of epicevents commands: their names,
// aliases, usage, typed flags, permissions, handlers and completions, and
// the line parser that dispatch, help, history, monitoring and completion
// share. Handlers return results; they never print.
package commands

import (
	"strings"

	"epicevents/model"
	"epicevents/security"
)

// Complete names what a flag's value or an argument completes to.
type Complete string

// The kinds of completion.
const (
	NoComplete      Complete = ""
	CompleteDept    Complete = "department"
	CompleteFormat  Complete = "format"
	CompleteUser    Complete = "user"       // any collaborator
	CompleteSales   Complete = "commercial" // collaborators in commercial
	CompleteSupport Complete = "support"    // collaborators in support (and "none")
	CompleteClient  Complete = "client"     // client ids
	CompleteContr   Complete = "contract"   // contract ids
	CompleteEvent   Complete = "event"      // event ids
	CompleteEntity  Complete = "entity"     // user, client, contract, event
	CompleteCommand Complete = "command"    // command names (help)
	CompleteField   Complete = "field"      // a key of the command's entity (--sort)
	CompleteFile    Complete = "file"
	CompleteBool    Complete = "bool"    // true, false
	CompleteShell   Complete = "shell"   // bash, zsh, fish
	CompleteColumns Complete = "columns" // output keys, one after another after commas
	CompleteSetting Complete = "setting" // a setting of the set command
	// CompleteSettingValue completes the value of the setting before it.
	CompleteSettingValue Complete = "setting value"
)

// FieldValues says what the value of a filter term completes to, by field
// key: `support_contact=` offers support usernames, `signed=` true or false.
var FieldValues = map[string]Complete{
	"department":      CompleteDept,
	"sales_contact":   CompleteSales,
	"support_contact": CompleteSupport,
	"actor":           CompleteUser,
	"client_id":       CompleteClient,
	"contract_id":     CompleteContr,
	"entity":          CompleteEntity,
	"signed":          CompleteBool,
}

// Flag is one --flag of a command. A flag with an empty Value takes no
// value. The handler reads it from the field of its options struct named
// after the flag in CamelCase (--first-name: FirstName): a bool for a flag
// without a value, a string, or a *string when being given matters (nil:
// not given). A required flag is a string; the command refuses to run
// without it.
type Flag struct {
	Name     string // without dashes
	Value    string // the placeholder of its value, "" for a boolean flag
	Usage    string // one line
	Complete Complete
	Required bool
}

// Arg is one positional argument.
type Arg struct {
	Name     string
	Optional bool
	// Variadic, on the last argument, takes every word left.
	Variadic bool
	Complete Complete
}

// Command is one command or sub-command of the table.
type Command struct {
	Name    string
	Aliases []string // other names, like quit for exit
	Short   string   // one line, for help and completion
	Long    string   // more help, optional
	Sub     []*Command
	Flags   []Flag
	Args    []Arg
	// Fields are the keys that TERMS and --sort may name; nil means the
	// command takes no TERMS.
	Fields []string
	// List marks a list command: it takes the LIST FLAGS.
	List bool
	// Keys are the output keys of a show command's record (list commands
	// print their Fields): either makes the command take --columns and
	// --expanded.
	Keys []string
	// Calendar marks the commands whose records are events, which
	// --format ics prints as an iCalendar file; every other command
	// refuses that format.
	Calendar bool
	// Public commands run without a session.
	Public bool
	// Local commands run without the database: no session, no
	// transaction (help, exit, source).
	Local bool
	// Hidden commands run, but help, completion and the reference do not
	// show them (commands meant for programs, not people).
	Hidden bool
	// Action is the permission the command needs beyond a valid session;
	// "" means any logged-in collaborator.
	Action security.Action
	// Either lists the permissions of a command whose handler checks
	// which one applies, from what it was given (event update: the
	// details, or the support contact): the reference lists them.
	Either []security.Action
	// Write commands run in a write transaction.
	Write bool
	// Prepare runs before the transaction, after the permission check, to
	// ask for what the operator must type (passwords): nobody holds the
	// database while the operator types.
	Prepare func(*Ctx) error
	// Check runs after Prepare, before the transaction, with what Prepare
	// asked for or what the caller gave (Relogin): slow work, like the
	// bcrypt comparison of a password, that must hold no lock.
	Check func(*Ctx) error
	// Run is the handler, inside the command's one transaction: a
	// func(*Ctx) (Result, error), or a func(*Ctx, *O) (Result, error) whose
	// options struct O has one field per flag of Flags (see Flag). The
	// table is checked when it is built: a handler that reads a flag the
	// command does not declare makes Table panic.
	Run any

	parent *Command
	run    handler
}

// Path is the full name of the command, like "client list".
func (c *Command) Path() string {
	if c.parent == nil {
		return c.Name
	}
	return c.parent.Path() + " " + c.Name
}

// Named reports whether name is the command's name or one of its aliases.
func (c *Command) Named(name string) bool {
	if c.Name == name {
		return true
	}
	for _, a := range c.Aliases {
		if a == name {
			return true
		}
	}
	return false
}

// Lookup finds a sub-command by name or alias.
func (c *Command) Lookup(name string) *Command {
	return lookup(c.Sub, name)
}

// Visible returns the commands of list that are not hidden.
func Visible(list []*Command) []*Command {
	var out []*Command
	for _, c := range list {
		if !c.Hidden {
			out = append(out, c)
		}
	}
	return out
}

func lookup(list []*Command, name string) *Command {
	for _, s := range list {
		if s.Named(name) {
			return s
		}
	}
	return nil
}

// Flag returns the declaration of the named flag, including the list flags.
func (c *Command) Flag(name string) (Flag, bool) {
	for _, f := range c.AllFlags() {
		if f.Name == name {
			return f, true
		}
	}
	return Flag{}, false
}

// OutputKeys are the keys of what the command prints, which --columns
// chooses from: a list's Fields or a show command's Keys; nil for others.
func (c *Command) OutputKeys() []string {
	if c.Keys != nil {
		return c.Keys
	}
	if c.List {
		return c.Fields
	}
	return nil
}

// AllFlags returns the command's flags followed by the LIST FLAGS when it is
// a list command, --columns and --expanded when it prints records,
// --format and --help.
func (c *Command) AllFlags() []Flag {
	flags := append([]Flag(nil), c.Flags...)
	if c.List {
		flags = append(flags, listFlags...)
	}
	if c.OutputKeys() != nil {
		flags = append(flags, columnsFlag, expandedFlag)
	}
	return append(flags, formatFlag, helpFlag)
}

var (
	helpFlag     = Flag{Name: "help", Usage: "show help for this command"}
	columnsFlag  = Flag{Name: "columns", Value: "KEYS", Usage: "the columns shown: keys separated by commas, or all", Complete: CompleteColumns}
	expandedFlag = Flag{Name: "expanded", Usage: "show each record vertically, one field a line"}
	formatFlag   = Flag{Name: "format", Value: "FORMAT", Usage: "table, json, csv or ics (events), for this command", Complete: CompleteFormat}
)

var listFlags = []Flag{
	{Name: "sort", Value: "FIELD", Usage: "sort by a field", Complete: CompleteField},
	{Name: "desc", Usage: "sort in descending order"},
	{Name: "limit", Value: "N", Usage: "print at most N rows"},
	{Name: "offset", Value: "N", Usage: "skip the first N rows"},
	{Name: "count", Usage: "print only the number of matching rows"},
}

// Usage is the usage line of the command, built from its declaration.
func (c *Command) Usage() string {
	var b strings.Builder
	b.WriteString(c.Path())
	if len(c.Sub) > 0 {
		b.WriteString(" SUBCOMMAND")
	}
	for _, a := range c.Args {
		if a.Variadic {
			a.Name += "..."
		}
		if a.Optional {
			b.WriteString(" [" + a.Name + "]")
		} else {
			b.WriteString(" " + a.Name)
		}
	}
	for _, f := range c.Flags {
		open, end := " [", "]"
		if f.Required {
			open, end = " ", ""
		}
		b.WriteString(open + "--" + f.Name)
		if f.Value != "" {
			b.WriteString(" " + f.Value)
		}
		b.WriteString(end)
	}
	if c.Fields != nil {
		b.WriteString(" [TERMS]")
	}
	if c.List {
		b.WriteString(" [LIST FLAGS]")
	}
	return b.String()
}

// link sets the parents of a command tree and binds each handler to its
// options; a handler that does not match its declaration panics, so that
// no test runs on a table that lies.
func link(c *Command) {
	h, err := c.bind()
	if err != nil {
		panic(err)
	}
	c.run = h
	for _, s := range c.Sub {
		s.parent = c
		link(s)
	}
}

// required returns copies of flags, each required.
func required(flags ...Flag) []Flag {
	out := make([]Flag, len(flags))
	for i, f := range flags {
		f.Required = true
		out[i] = f
	}
	return out
}

func usagef(format string, args ...any) error { return model.Errorf(model.EUSAGE, format, args...) }
