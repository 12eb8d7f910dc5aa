//go:build epicevents_testhooks

package commands

// testCommands are the commands that only test builds, with the
// epicevents_testhooks tag, have in their table: test-panic, which panics.
// No real command can be made to panic on purpose, and the pseudo-terminal
// tests must check that a panic inside a command prints "error: internal
// error", keeps the shell running and leaves the terminal as it was.
// Production builds do not contain this file (testhooks_off.go).
func testCommands() []*Command {
	return []*Command{testPanicCommand}
}

var testPanicCommand = &Command{
	Name: "test-panic", Short: "panic inside a command (test builds only)", Public: true,
	Run: func(*Ctx) (Result, error) { panic("test-panic") },
}
