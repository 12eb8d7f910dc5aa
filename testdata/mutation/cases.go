package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// swaps is what each kind of mutant turns an operator into, as gremlins
// does.
var swaps = map[string]map[string]string{
	"CONDITIONALS_BOUNDARY": {"<": "<=", "<=": "<", ">": ">=", ">=": ">"},
	"CONDITIONALS_NEGATION": {"==": "!=", "!=": "==", "<": ">=", "<=": ">", ">": "<=", ">=": "<"},
	"ARITHMETIC_BASE":       {"+": "-", "-": "+", "*": "/", "/": "*", "%": "*"},
	"INCREMENT_DECREMENT":   {"++": "--", "--": "++"},
	"INVERT_NEGATIVES":      {"-": "+"},
}

// retest tests again, one at a time in the module copy at dir, the
// mutants that gremlins could not judge:
//
//   - NOT COVERED mutants in the expression of a case clause, or in the
//     value of a package-level var or const (a command's Long text, a
//     period), where go's coverage profile cannot see them;
//   - TIMED OUT mutants: on a loaded machine a run may just have been slow.
//     The package's tests get two minutes, after which go test fails them:
//     a mutant that makes the tests hang is caught by them.
//
// With a PostgreSQL URL (pg), the mutants that LIVED in a package whose
// tests run on PostgreSQL too (query) are tested again with the PostgreSQL
// half of those tests: gremlins runs each mutant on SQLite only, for time,
// and a mutant of a PostgreSQL path (a retry on serialization failures, a
// COPY) can only be killed there.
//
// Each is applied, the package's tests run, and the file is restored.
func retest(dir, pg string, ms []*mutant) error {
	inCase := map[string]func(line, col int) bool{}
	pgTests := map[string]bool{}
	for _, m := range ms {
		why := "timed out under gremlins, tested again"
		var env []string
		switch m.Status {
		case "LIVED":
			pkgDir := filepath.Dir(m.File)
			uses, ok := pgTests[pkgDir]
			if !ok {
				uses = testsUsePostgres(pkgDir)
				pgTests[pkgDir] = uses
			}
			if pg == "" || !uses {
				continue
			}
			env = []string{pgEnvURL + "=" + pg, pgEnvEngine + "=postgres"}
			why = "lived on SQLite, tested again on PostgreSQL"
		case "TIMED OUT":
		case "NOT COVERED":
			f, ok := inCase[m.File]
			if !ok {
				var err error
				if f, err = unseenExprs(m.File); err != nil {
					return err
				}
				inCase[m.File] = f
			}
			if !f(m.Line, m.Column) {
				continue
			}
			why = "unseen by coverage, tested by testdata/mutation"
		default:
			continue
		}
		status, err := runMutant(dir, m, env)
		if err != nil {
			return err
		}
		m.Status, m.Note = status, why
		fmt.Fprintf(os.Stderr, "  %-11s %s:%d:%d %s (%s)\n", status, m.File, m.Line, m.Column, m.Type, why)
	}
	return nil
}

// unseenExprs returns whether a position of file lies where go's coverage
// profile has no block: in the expressions of a case clause, or in the
// value of a package-level var or const, outside the function literals
// there (whose bodies coverage sees).
func unseenExprs(file string) (func(line, col int) bool, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, 0)
	if err != nil {
		return nil, err
	}
	type span struct{ from, to token.Position }
	var cases, values, seen []span
	add := func(list *[]span, n ast.Node) {
		*list = append(*list, span{fset.Position(n.Pos()), fset.Position(n.End())})
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CaseClause:
			for _, e := range n.List {
				add(&cases, e)
			}
		case *ast.FuncLit:
			add(&seen, n.Body)
		}
		return true
	})
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && (g.Tok == token.VAR || g.Tok == token.CONST) {
			for _, sp := range g.Specs {
				for _, v := range sp.(*ast.ValueSpec).Values {
					add(&values, v)
				}
			}
		}
	}
	before := func(a, b token.Position) bool { return a.Line < b.Line || a.Line == b.Line && a.Column <= b.Column }
	in := func(list []span, p token.Position) bool {
		for _, s := range list {
			if before(s.from, p) && before(p, s.to) {
				return true
			}
		}
		return false
	}
	return func(line, col int) bool {
		p := token.Position{Line: line, Column: col}
		return in(cases, p) || in(values, p) && !in(seen, p)
	}, nil
}

// The variables that give the tests a PostgreSQL server, and make the
// tests that open "the" test database open it there (query/db_test.go).
const (
	pgEnvURL    = "EPICEVENTS_TEST_POSTGRES"
	pgEnvEngine = "EPICEVENTS_TEST_ENGINE"
)

// testsUsePostgres reports whether a test file of the package in dir reads
// the PostgreSQL test server's variable.
func testsUsePostgres(dir string) bool {
	files, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil && strings.Contains(string(b), pgEnvURL) {
			return true
		}
	}
	return false
}

// runMutant applies m in the module copy at dir, runs the tests of its
// package with the extra environment env and restores the file. A mutant
// that does not build is NOT VIABLE.
func runMutant(dir string, m *mutant, env []string) (string, error) {
	path := filepath.Join(dir, m.File)
	orig, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	mutated, err := apply(orig, m)
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(path, mutated, 0o644); err != nil {
		return "", err
	}
	defer os.WriteFile(path, orig, 0o644)
	// The package of the file: pkg itself or one of its sub-packages.
	pkg := "./" + filepath.ToSlash(filepath.Dir(m.File))
	build := exec.Command("go", "build", pkg)
	build.Dir = dir
	if build.Run() != nil {
		return "NOT VIABLE", nil
	}
	test := exec.Command("go", "test", "-count=1", "-failfast", "-timeout", "2m", pkg)
	test.Dir = dir
	test.Env = append(os.Environ(), env...)
	if test.Run() != nil {
		return "KILLED", nil
	}
	return "LIVED", nil
}

// apply returns src with the operator of m at its line and column changed
// as m's type says.
func apply(src []byte, m *mutant) ([]byte, error) {
	lines := strings.SplitAfter(string(src), "\n")
	if m.Line < 1 || m.Line > len(lines) || m.Column < 1 || m.Column > len(lines[m.Line-1]) {
		return nil, fmt.Errorf("%s:%d:%d: no such position", m.File, m.Line, m.Column)
	}
	line := lines[m.Line-1]
	at := m.Column - 1
	for _, n := range []int{2, 1} {
		if at+n > len(line) {
			continue
		}
		if to, ok := swaps[m.Type][line[at:at+n]]; ok {
			lines[m.Line-1] = line[:at] + to + line[at+n:]
			return []byte(strings.Join(lines, "")), nil
		}
	}
	return nil, fmt.Errorf("%s:%d:%d: no %s operator in %q", m.File, m.Line, m.Column, m.Type, strings.TrimSpace(line))
}
