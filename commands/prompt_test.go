package commands

import (
	"errors"
	"reflect"
	"testing"

	"epicevents/model"
)

// fakePrompter answers the questions of a command from a list, and
// records them.
type fakePrompter struct {
	answers []string
	asked   []string
}

func (p *fakePrompter) next(prompt string) (string, error) {
	p.asked = append(p.asked, prompt)
	if len(p.answers) == 0 {
		return "", errors.New("no more answers")
	}
	a := p.answers[0]
	p.answers = p.answers[1:]
	return a, nil
}

func (p *fakePrompter) ReadLine(prompt string) (string, error)     { return p.next(prompt) }
func (p *fakePrompter) ReadPassword(prompt string) (string, error) { return p.next(prompt) }

// TestPrompts: on a terminal, login asks for the missing username and the
// password, and a new password is asked twice and must be typed the same.
func TestPrompts(t *testing.T) {
	e := newEnv(t)
	p := &fakePrompter{answers: []string{"carl", testPassword}}
	e.App.Prompter = p
	if out := e.must("login"); out.Note != "Logged in as carl (commercial)" ||
		!reflect.DeepEqual(p.asked, []string{"Username: ", "Password: "}) {
		t.Fatalf("login: %q, asked %q", out.Note, p.asked)
	}
	e.as("mia")
	before := e.fingerprint()
	for _, tc := range []struct {
		answers []string
		code    string
		msg     string
	}{
		{[]string{"new-password-1", "new-password-2"}, model.EINVALID, "the two passwords differ"},
		{[]string{"short"}, model.EINVALID, "password must be 8 to 72 bytes"},
		{[]string{"new-password-1"}, model.EINTERNAL, ""},
		{nil, model.EINTERNAL, ""},
	} {
		p = &fakePrompter{answers: tc.answers}
		e.App.Prompter = p
		e.fails("user password sue", tc.code, tc.msg)
	}
	if e.fingerprint() != before {
		t.Fatal("a refused password changed the database")
	}
	p = &fakePrompter{answers: []string{"new-password-1", "new-password-1"}}
	e.App.Prompter = p
	e.must("user password sue")
	if !reflect.DeepEqual(p.asked, []string{"New password: ", "Repeat new password: "}) {
		t.Fatalf("asked %q", p.asked)
	}
	e.App.Prompter = &fakePrompter{answers: []string{"sue", "new-password-1"}}
	e.must("login")
	if e.loggedIn() != "sue" {
		t.Fatal("the new password does not log in")
	}
}
