package shell

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestShellStaysAShell: no package under shell/ imports the stores or the
// security package; the shell reaches them through the commands layer.
// Every non-test Go file counts, whatever its build tags.
func TestShellStaysAShell(t *testing.T) {
	forbidden := map[string]bool{"epicevents/query": true, "epicevents/security": true}
	files := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		files++
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if forbidden[p] || strings.HasPrefix(p, "epicevents/query/") {
				t.Errorf("shell/%s imports %s: go through commands", filepath.ToSlash(path), p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 10 {
		t.Fatalf("read only %d files: is the test in shell/?", files)
	}
}
