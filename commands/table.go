package commands

// shellOnly is the handler of the commands that the shell and the batch
// runner carry out themselves (exit, source): they are in the table for
// help and completion.
func shellOnly(c *Ctx) (Result, error) {
	return Result{}, usagef("%s works only in the shell and in batches", c.Cmd.Name)
}

var (
	exitCommand   = &Command{Name: "exit", Short: "leave the shell (also quit, Ctrl-D)", Public: true, Run: shellOnly}
	sourceCommand = &Command{Name: "source", Short: "run the commands in FILE, like a batch",
		Args: []Arg{{Name: "FILE", Complete: CompleteFile}}, Public: true, Run: shellOnly}
	helpCommand = &Command{Name: "help", Short: "list the commands, or show help for one",
		Args: []Arg{{Name: "COMMAND", Optional: true, Complete: CompleteCommand}}, Public: true}
)

// Table returns the command table: the one list that dispatch, help and
// completion read.
func Table() []*Command {
	t := []*Command{
		setupCommand, loginCommand, logoutCommand, whoamiCommand, passwdCommand,
		userCommand, clientCommand, contractCommand, eventCommand, auditCommand, dbCommand,
		helpCommand, sourceCommand, exitCommand,
	}
	for _, c := range t {
		link(c)
	}
	return t
}

func init() {
	helpCommand.Run = func(c *Ctx) (Result, error) {
		if len(c.Args) == 0 {
			return Result{Text: Overview(c.App.Table)}, nil
		}
		words := append([]string(nil), c.Args...)
		cmd, n := Resolve(c.App.Table, words)
		if cmd == nil || n < len(words) {
			return Result{}, usagef("no help for %q: type help for the list", words[0])
		}
		return Result{Text: Help(cmd)}, nil
	}
}
