package commands

import (
	"epicevents/model"
	"epicevents/security"
)

// readPassword returns a password: asked hidden on a terminal, else read
// from the environment variable env. Passwords are never arguments.
func (c *Ctx) readPassword(prompt, env string) (string, error) {
	if p := c.App.Prompter; p != nil {
		return p.ReadPassword(prompt)
	}
	if pw := c.App.Getenv(env); pw != "" {
		return pw, nil
	}
	return "", usagef("no password: on a terminal it is asked; in batch set %s", env)
}

// newPasswordHash asks for a new password (twice on a terminal, from
// EPICEVENTS_NEW_PASSWORD otherwise), checks the rule and hashes it.
func (c *Ctx) newPasswordHash() (string, error) {
	pw, err := c.readPassword("New password: ", "EPICEVENTS_NEW_PASSWORD")
	if err != nil {
		return "", err
	}
	if err := security.CheckPasswordRule(pw); err != nil {
		return "", err
	}
	if p := c.App.Prompter; p != nil {
		again, err := p.ReadPassword("Repeat new password: ")
		if err != nil {
			return "", err
		}
		if again != pw {
			return "", model.Errorf(model.EINVALID, "the two passwords differ")
		}
	}
	return security.HashPasswordCost(pw, c.App.PasswordCost)
}

// prepareNewPassword is the Prepare of commands that set a new password.
func prepareNewPassword(c *Ctx) error {
	h, err := c.newPasswordHash()
	c.Asked["hash"] = h
	return err
}
