//go:build !epicevents_testhooks

package commands

// testCommands are the commands of test builds (testhooks.go): a
// production build has none.
func testCommands() []*Command { return nil }
