package commands

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestReferenceIsCurrent: docs/commands.md is what go generate makes of
// the table today.
func TestReferenceIsCurrent(t *testing.T) {
	want := Reference(Table())
	if committed, err := os.ReadFile("../docs/commands.md"); err != nil {
		t.Fatal(err)
	} else if string(committed) != want {
		t.Fatal("docs/commands.md is stale: run go generate ./commands")
	}
}

// TestReferenceNamesEverything: every visible command, flag, argument and
// filter field of the table is in the reference, with who may run it.
func TestReferenceNamesEverything(t *testing.T) {
	ref := Reference(Table())
	walk(Table(), func(c *Command) {
		if !strings.Contains(ref, "\n## "+c.Path()+"\n") {
			t.Errorf("no section for %s", c.Path())
		}
		for _, f := range c.Flags {
			if !strings.Contains(ref, "`--"+f.Name+"`") {
				t.Errorf("%s: --%s is missing", c.Path(), f.Name)
			}
		}
		for _, f := range c.Fields {
			if !strings.Contains(ref, "`"+f+"`") {
				t.Errorf("%s: field %s is missing", c.Path(), f)
			}
		}
	})
	for _, want := range []string{
		"| `user create` | create a collaborator (the password is asked) | management |",
		"| `contract update` | change a contract's amounts, or sign it | commercial, management |",
		"| `event update` | change an event: its details (its support contact) or its support contact (management) | support, management |",
		"| `client list` | list clients | every logged-in collaborator |",
		"| `setup` | create the first collaborator, in management (first run only) | anyone, without logging in |",
		"| `--total` | AMOUNT | yes | total amount, like 1500.00 |",
	} {
		if !strings.Contains(ref, want) {
			t.Errorf("the reference lacks %q", want)
		}
	}
}

// TestDocsStayInTheRepository: the README and docs/ link only to files of
// the repository (or to web addresses): someone who clones epicevents can
// follow every link.
func TestDocsStayInTheRepository(t *testing.T) {
	docs, err := filepath.Glob("../docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	link := regexp.MustCompile(`\]\(([^)#\s]+)[^)]*\)`)
	root, _ := filepath.Abs("..")
	for _, doc := range append(docs, "../README.md") {
		text, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range link.FindAllStringSubmatch(string(text), -1) {
			target := m[1]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			abs, _ := filepath.Abs(filepath.Join(filepath.Dir(doc), target))
			if rel, err := filepath.Rel(root, abs); err != nil || strings.HasPrefix(rel, "..") {
				t.Errorf("%s links %s, outside the repository", doc, target)
			} else if _, err := os.Stat(abs); err != nil {
				t.Errorf("%s links %s, which does not exist", doc, target)
			}
		}
	}
}
