package commands

import "testing"

// TestNoTestCommandsInProduction checks that the table of a build without
// the epicevents_testhooks tag has no test command: test-panic exists in
// the pseudo-terminal tests' build only (shell/ends_test.go).
func TestNoTestCommandsInProduction(t *testing.T) {
	if cmds := testCommands(); len(cmds) > 0 {
		t.Skip("built with epicevents_testhooks")
	}
	for _, c := range Table() {
		if c.Name == "test-panic" {
			t.Fatal("test-panic is in the command table of a production build")
		}
	}
}
