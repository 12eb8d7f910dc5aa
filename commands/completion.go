package commands

import (
	"strings"
	"sync"
)

// GlobalFlag is one flag of the program itself, before any command, which
// main reads; completion scripts offer them.
type GlobalFlag struct {
	Word     string // with its dashes: "--format", "-c"
	Value    string // the placeholder of its value, "" for a flag without one
	Usage    string
	Complete Complete
}

// GlobalFlags are the program's own flags (main's parseOptions accepts
// each, a test says so).
var GlobalFlags = []GlobalFlag{
	{Word: "--format", Value: "FORMAT", Usage: "output format: table, json, csv, or ics for events", Complete: CompleteFormat},
	{Word: "--keep-going", Usage: "batch: run every line, exit with the first failure's code"},
	{Word: "--db", Value: "URL", Usage: "the database, instead of DATABASE_URL"},
	{Word: "-c", Value: "LINE", Usage: "run a command line (may be repeated)"},
	{Word: "-f", Value: "FILE", Usage: "run the commands of FILE (- for stdin)", Complete: CompleteFile},
	{Word: "--demo", Usage: "open the shell on a demo database"},
	{Word: "--version", Usage: "print the version"},
	{Word: "-V", Usage: "print the version"},
	{Word: "--help", Usage: "show the usage"},
}

// Shells are the shells that `completion` writes a script for.
var Shells = []string{"bash", "zsh", "fish"}

var completionCommand = &Command{
	Name:  "completion",
	Short: "print a completion script for bash, zsh or fish",
	Long: "Load it in the shell's start-up file:\n" +
		"  bash: source <(epicevents completion bash)     (in ~/.bashrc)\n" +
		"  zsh:  source <(epicevents completion zsh)      (in ~/.zshrc, after compinit)\n" +
		"  fish: epicevents completion fish | source      (in ~/.config/fish/config.fish)\n" +
		"Commands, sub-commands, flags and their fixed values are in the script; usernames, record ids, " +
		"filter terms and files come from the program, for the collaborator logged in.",
	Args:   []Arg{{Name: "SHELL", Complete: CompleteShell}},
	Public: true, Local: true,
	Run: func(c *Ctx) (Result, error) {
		script, err := Script(c.Args[0], c.App.Table)
		if err != nil {
			return Result{}, err
		}
		return Result{Text: script}, nil
	},
}

// completeCommand is the hidden command that completion scripts call for
// what only the program knows: `__complete -- WORDS... CURRENT` prints the
// suggestions for CURRENT after WORDS, one per line, as TEXT, a tab and
// its description. They come from the interactive shell's own completer,
// on the same lenient reading of the line; usernames and record ids only
// for a collaborator whose session holds against the database.
var completeCommand = &Command{
	Name: "__complete", Short: "suggestions for completion scripts", Hidden: true,
	Args:   []Arg{{Name: "WORDS", Optional: true, Variadic: true}},
	Public: true, Local: true,
	Run: func(c *Ctx) (Result, error) {
		if len(c.Args) == 0 {
			return Result{}, nil
		}
		comp := c.App.Completer()
		var once sync.Once
		var ok bool
		comp.Lookups = func() bool {
			once.Do(func() { ok = c.App.loggedIn(c) })
			return ok
		}
		words, cur := c.Args[:len(c.Args)-1], c.Args[len(c.Args)-1]
		var b strings.Builder
		for _, s := range comp.Complete(words, cur) {
			b.WriteString(displayable(s.Text))
			if s.Description != "" {
				b.WriteString("\t" + displayable(s.Description))
			}
			b.WriteString("\n")
		}
		return Result{Text: b.String()}, nil
	},
}
