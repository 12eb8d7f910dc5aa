package commands

import "sync"

var (
	exitCommand = &Command{Name: "exit", Aliases: []string{"quit"}, Short: "leave the shell (also quit, Ctrl-D)",
		Local: true, Run: func(*Ctx) (Result, error) { return Result{Exit: true}, nil }}
	sourceCommand = &Command{Name: "source", Short: "run the commands in FILE, like a batch",
		Args: []Arg{{Name: "FILE", Complete: CompleteFile}}, Local: true,
		Run: func(c *Ctx) (Result, error) { return Result{Source: c.Args[0]}, nil }}
	helpCommand = &Command{Name: "help", Short: "list the commands, or show help for one",
		Args: []Arg{{Name: "COMMAND", Optional: true, Complete: CompleteCommand}}, Local: true}
)

// Table returns the command table: the one list that dispatch, help,
// completion and docs/commands.md read.
func Table() []*Command {
	t := []*Command{
		setupCommand, loginCommand, logoutCommand, whoamiCommand, passwdCommand,
		userCommand, clientCommand, contractCommand, eventCommand, reportCommand, auditCommand, dbCommand,
		setCommand, helpCommand, sourceCommand, exitCommand, completionCommand, completeCommand,
	}
	t = append(t, testCommands()...)
	linkOnce.Do(func() {
		for _, c := range t {
			link(c)
		}
	})
	return t
}

// linkOnce links the table's commands, which are package variables, once.
var linkOnce sync.Once

func init() {
	helpCommand.Run = func(c *Ctx) (Result, error) {
		if len(c.Args) == 0 {
			return Result{Text: Overview(c.App.Table)}, nil
		}
		cmd, n := Resolve(c.App.Table, c.Args)
		if cmd == nil || n < len(c.Args) {
			return Result{}, usagef("no help for %q: type help for the list", c.Args[0])
		}
		return Result{Text: Help(cmd)}, nil
	}
}
