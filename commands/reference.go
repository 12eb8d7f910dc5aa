package commands

import (
	"fmt"
	"strings"

	"epicevents/model"
	"epicevents/security"
)

//go:generate go run ../internal/gendocs -o ../docs/commands.md

// Reference is the command reference, docs/commands.md, in Markdown: every
// command, sub-command, flag, argument and filter field of the table, and
// who may run it under the permission policy. go generate writes it; a
// test fails when the committed file is stale.
func Reference(table []*Command) string {
	var b strings.Builder
	b.WriteString("# Command reference\n\n" +
		"<!-- Generated from the command table (commands/) and the permission policy (security/)\n" +
		"     by `go generate ./commands`: do not edit by hand. -->\n\n" +
		"Every command and sub-command also takes `--format FORMAT` (" + strings.Join(Formats, ", ") + ",\n" +
		"for this command) and `--help`. `USER` is an id or a username. Everyone logged in may read\n" +
		"everything (`list`, `show`); who may run the others is listed with each command.\n\n")
	b.WriteString("| command | what it does | who may run it |\n|---|---|---|\n")
	walk(table, func(c *Command) {
		if c.Run != nil {
			fmt.Fprintf(&b, "| `%s` | %s | %s |\n", c.Path(), escape(c.Short), who(c))
		}
	})
	b.WriteString("\n## Filter terms and list flags\n\n" +
		"Commands that list take TERMS, extra words `FIELD OP VALUE` (no spaces around OP; quote a value\n" +
		"with spaces), all of which must hold. OP is one of " + code(model.Operators) + " (`~`: contains, any\n" +
		"case); FIELD is one of the command's filter fields; `none` stands for a missing contact.\n" +
		"They also take the LIST FLAGS:\n\n")
	flagTable(&b, listFlags)
	walk(table, func(c *Command) { section(&b, c) })
	return b.String()
}

// walk calls fn on every visible command of list, depth first.
func walk(list []*Command, fn func(*Command)) {
	for _, c := range Visible(list) {
		fn(c)
		walk(c.Sub, fn)
	}
}

// section documents one command.
func section(b *strings.Builder, c *Command) {
	fmt.Fprintf(b, "\n## %s\n\n%s", c.Path(), upper(c.Short))
	if len(c.Aliases) > 0 {
		fmt.Fprintf(b, " Also: %s.", code(c.Aliases))
	}
	fmt.Fprintf(b, "\n\n```\n%s\n```\n\n", c.Usage())
	if c.Long != "" {
		fmt.Fprintf(b, "%s\n\n", strings.TrimSpace(c.Long))
	}
	if len(c.Sub) > 0 {
		b.WriteString("Sub-commands: " + code(names(Visible(c.Sub))) + ".\n")
		return
	}
	fmt.Fprintf(b, "Who may run it: %s.\n", who(c))
	if len(c.Args) > 0 {
		b.WriteString("\n| argument | required | completes to |\n|---|---|---|\n")
		for _, a := range c.Args {
			fmt.Fprintf(b, "| `%s` | %s | %s |\n", a.Name, yes(!a.Optional), a.Complete)
		}
	}
	if len(c.Flags) > 0 {
		b.WriteString("\n")
		flagTable(b, c.Flags)
	}
	if c.Fields != nil {
		fmt.Fprintf(b, "\nFilter fields (TERMS, `--sort`): %s.\n", code(c.Fields))
	}
	if c.List {
		b.WriteString("\nTakes the LIST FLAGS.\n")
	}
}

func flagTable(b *strings.Builder, flags []Flag) {
	b.WriteString("| flag | value | required | what it does |\n|---|---|---|---|\n")
	for _, f := range flags {
		fmt.Fprintf(b, "| `--%s` | %s | %s | %s |\n", f.Name, f.Value, yes(f.Required), escape(f.Usage))
	}
}

// who says who may run c, from the permission policy.
func who(c *Command) string {
	actions := c.Either
	if c.Action != "" {
		actions = append([]security.Action{c.Action}, actions...)
	}
	switch {
	case c.Local:
		return "anyone"
	case c.Public:
		return "anyone, without logging in"
	case len(actions) == 0:
		return "every logged-in collaborator"
	}
	var depts []string
	for _, d := range model.Departments {
		for _, a := range actions {
			if security.Allow(d, a) == nil {
				depts = append(depts, string(d))
				break
			}
		}
	}
	return strings.Join(depts, ", ")
}

func names(list []*Command) []string {
	var out []string
	for _, c := range list {
		out = append(out, c.Name)
	}
	return out
}

func code(words []string) string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = "`" + w + "`"
	}
	return strings.Join(out, ", ")
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return ""
}

func upper(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

// escape keeps a table cell one cell.
func escape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
