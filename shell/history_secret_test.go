package shell

import (
	"testing"

	"epicevents/commands"
	"epicevents/shell/lex"
)

// TestHistoryDropsSecretFlags: a line that tries to give a password,
// secret or token as a flag, in any spelling (one or two dashes, = or a
// space, any case, a short name such as pwd), or as an extra argument, may
// hold one: it is never kept. Commands that only look alike are.
func TestHistoryDropsSecretFlags(t *testing.T) {
	s := &Shell{App: &commands.App{Table: commands.Table()}}
	for _, line := range []string{
		"login alice -password hunter2",
		"login alice --pwd hunter2",
		"login alice -pwd hunter2",
		"login alice --password=hunter2",
		"login alice -password=hunter2",
		"login alice --PASSWORD hunter2",
		"login alice --passwd hunter2",
		"login alice --pass hunter2",
		"passwd --new hunter2",
		"passwd hunter2",
		"login alice hunter2",
		"user password sue hunter2",
		"user create --username x --email x@y.test --first-name X --last-name Y --department support --password hunter2",
		"setup --username x --email x@y.test --first-name X --last-name Y --secret s3cret",
		"login --api-token eyJhbGciOiJIUzI1NiJ9.x.y",
	} {
		if keepInHistory(s.parse(lex.NewLine(line))) {
			t.Errorf("kept %q", line)
		}
	}
	for _, line := range []string{
		"login alice",
		"passwd",
		"user password sue",
		"client list last_name~pass",
		"client list --search password",
		"event update 1 --notes 'the password is on the board'",
	} {
		if !keepInHistory(s.parse(lex.NewLine(line))) {
			t.Errorf("dropped %q", line)
		}
	}
}
