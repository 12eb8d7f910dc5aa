// Command gendocs writes the command reference, docs/commands.md, from the
// command table and the permission policy (go generate ./commands).
package main

import (
	"flag"
	"fmt"
	"os"

	"epicevents/commands"
)

func main() {
	out := flag.String("o", "docs/commands.md", "the file to write")
	flag.Parse()
	if err := os.WriteFile(*out, []byte(commands.Reference(commands.Table())), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}
