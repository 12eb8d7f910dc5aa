package shell

import (
	"context"
	"path/filepath"
)

// DemoURL is the database that --demo opens, in home.
func DemoURL(home string) string { return filepath.Join(home, "demo.db") }

// Demo fills the demo database with sample data when it is empty.
func Demo(ctx context.Context, s *Shell) error { return nil }
