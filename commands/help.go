package commands

import (
	"fmt"
	"strings"
)

// Overview is the text of `help`: every command with its one-line summary.
func Overview(table []*Command) string {
	var b strings.Builder
	b.WriteString("Commands:\n")
	for _, c := range Visible(table) {
		fmt.Fprintf(&b, "  %-10s %s\n", c.Name, c.Short)
	}
	b.WriteString("\nType help COMMAND, or COMMAND --help, for more.\n")
	return b.String()
}

// Help is the text of `help COMMAND` and `COMMAND --help`, built from the
// declaration.
func Help(c *Command) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: %s\n\n%s\n", c.Usage(), c.Short)
	if c.Long != "" {
		fmt.Fprintf(&b, "\n%s\n", strings.TrimSpace(c.Long))
	}
	if len(c.Sub) > 0 {
		b.WriteString("\nSub-commands:\n")
		for _, s := range Visible(c.Sub) {
			fmt.Fprintf(&b, "  %-10s %s\n", s.Name, s.Short)
		}
	}
	b.WriteString("\nFlags:\n") // every command has --format and --help
	for _, f := range c.AllFlags() {
		name := "--" + f.Name
		if f.Value != "" {
			name += " " + f.Value
		}
		fmt.Fprintf(&b, "  %-22s %s\n", name, f.Usage)
	}
	if c.Fields != nil {
		fmt.Fprintf(&b, "\nTERMS are FIELD OP VALUE words, all of which must hold.\nOP: = != < <= > >= ~ (contains). FIELD: %s.\n", strings.Join(c.Fields, ", "))
	}
	return b.String()
}
