//go:build linux

// Command demoprompt is a minimal go-prompt shell on console.Parser, built by
// the console package's tests to check in a pseudo-terminal that lines run,
// pastes run line by line and the terminal is restored.
//
// Each line it runs is printed as "ran: LINE mode=cooked" (or mode=raw if the
// terminal was left raw while the command ran). "sleep" takes a second,
// "exit" leaves.
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/c-bata/go-prompt"
	"golang.org/x/sys/unix"

	"epicevents/shell/console"
)

func main() {
	if !console.Available(os.Stdin, os.Stdout) {
		fmt.Fprintln(os.Stderr, "demoprompt: not a terminal")
		os.Exit(2)
	}
	parser := console.NewParser(os.Stdin)
	defer parser.Restore()
	p := prompt.New(
		func(line string) {
			switch line {
			case "exit":
				return
			case "sleep":
				time.Sleep(time.Second)
			}
			fmt.Printf("ran: %s mode=%s\n", line, mode())
		},
		func(prompt.Document) []prompt.Suggest { return nil },
		prompt.OptionParser(parser),
		prompt.OptionPrefix("demo> "),
		prompt.OptionSetExitCheckerOnInput(func(in string, breakline bool) bool {
			return breakline && in == "exit"
		}),
	)
	p.Run()
	fmt.Println("bye")
}

// mode tells whether the terminal is in line mode with echo, as a command
// should find it.
func mode() string {
	t, err := unix.IoctlGetTermios(0, unix.TCGETS)
	if err != nil {
		return err.Error()
	}
	if t.Lflag&unix.ICANON != 0 && t.Lflag&unix.ECHO != 0 {
		return "cooked"
	}
	return "raw"
}
