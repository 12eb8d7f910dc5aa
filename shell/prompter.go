package shell

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"epicevents/model"
)

// TermPrompter asks questions on the terminal: prompts go to Err, answers
// come from In; passwords are read with echo off and never stored.
type TermPrompter struct {
	In  *os.File
	Err io.Writer
}

// ReadLine asks for a visible line.
func (p TermPrompter) ReadLine(prompt string) (string, error) {
	fmt.Fprint(p.Err, prompt)
	line, err := bufio.NewReader(p.In).ReadString('\n')
	if err != nil && line == "" {
		return "", model.Errorf(model.EUSAGE, "no input")
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// ReadPassword asks for a hidden line.
func (p TermPrompter) ReadPassword(prompt string) (string, error) {
	fmt.Fprint(p.Err, prompt)
	b, err := term.ReadPassword(int(p.In.Fd()))
	fmt.Fprintln(p.Err)
	if err != nil {
		return "", model.Errorf(model.EUSAGE, "cannot read the password: %v", err)
	}
	return string(b), nil
}
