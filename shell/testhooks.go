//go:build epicevents_testhooks

package shell

import "epicevents/commands"

// Built with the epicevents_testhooks tag only, for the pseudo-terminal
// tests: the interactive shell gets a command, test-panic, that panics. No
// real command can be made to panic on purpose, and the tests must check
// that a panic inside a command prints "error: internal error", keeps the
// shell running and leaves the terminal as it was. Production builds do not
// contain this file.
func init() {
	testHooks = append(testHooks, func(s *Shell) {
		s.App.Table = append(s.App.Table, &commands.Command{
			Name: "test-panic", Short: "panic inside a command (test builds only)", Public: true,
			Run: func(*commands.Ctx) (commands.Result, error) { panic("test-panic") },
		})
	})
}
