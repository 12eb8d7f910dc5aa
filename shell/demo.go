package shell

import (
	"context"
	"fmt"
	"path/filepath"
)

// DemoURL is the database that --demo opens, in home.
func DemoURL(home string) string { return filepath.Join(home, "demo.db") }

// Demo prepares the shell for the demo database (commands.App.Demo) and
// prints the sample logins.
func Demo(ctx context.Context, s *Shell) error {
	logins, err := s.App.Demo(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(s.Err, "Demo database: %s (sample data only: its initial passwords are printed because it is a demo)\n", s.App.DB.Path)
	for _, l := range logins {
		fmt.Fprintf(s.Err, "  %-9s %-11s password: %s\n", l.Username, l.Department, l.Password)
	}
	fmt.Fprintln(s.Err, "Log in with: login manager (or sales, support, ...)")
	return nil
}
