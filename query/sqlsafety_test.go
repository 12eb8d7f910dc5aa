package query

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoSQLFromFormatting fails if SQL is ever assembled from values by
// string formatting in this package: no fmt.Sprint*, and every statement
// handed to database/sql is a string literal, the text squirrel built
// (ToSql), or an embedded migration. Values reach the database only as
// bound parameters.
func TestNoSQLFromFormatting(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			fromToSQL := map[string]bool{}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.AssignStmt:
					// q, args, err := b.ToSql(), or tx.statement(b),
					// which returns what ToSql built (tx.go)
					if call, ok := n.Rhs[0].(*ast.CallExpr); ok && len(n.Rhs) == 1 && (isMethod(call, "ToSql") || isMethod(call, "statement")) {
						if id, ok := n.Lhs[0].(*ast.Ident); ok {
							fromToSQL[id.Name] = true
						}
					}
				case *ast.CallExpr:
					if pkg, name := callee(n); pkg == "fmt" && strings.HasPrefix(name, "Sprint") {
						t.Errorf("%s: fmt.%s in package query: build SQL with squirrel and bind values", fset.Position(n.Pos()), name)
					}
					if arg := sqlArg(n); arg != nil {
						checked++
						if !safeSQL(arg, fromToSQL) {
							t.Errorf("%s: SQL text that is neither a literal, squirrel's ToSql nor a migration", fset.Position(arg.Pos()))
						}
					}
				}
				return true
			})
		}
	}
	if checked == 0 {
		t.Fatal("found no statement to check: the test is looking in the wrong place")
	}
}

func isMethod(call *ast.CallExpr, name string) bool {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	return ok && sel.Sel.Name == name
}

func callee(call *ast.CallExpr) (pkg, name string) {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return "", ""
	}
	if id, ok := sel.X.(*ast.Ident); ok {
		return id.Name, sel.Sel.Name
	}
	return "", sel.Sel.Name
}

// sqlArg returns the SQL argument of a database/sql call, or nil.
func sqlArg(call *ast.CallExpr) ast.Expr {
	_, name := callee(call)
	switch name {
	case "ExecContext", "QueryContext", "QueryRowContext", "PrepareContext":
		if len(call.Args) >= 2 {
			return call.Args[1]
		}
	}
	return nil
}

func safeSQL(e ast.Expr, fromToSQL map[string]bool) bool {
	switch e := e.(type) {
	case *ast.BasicLit:
		return e.Kind == token.STRING
	case *ast.Ident:
		return fromToSQL[e.Name]
	case *ast.SelectorExpr:
		return e.Sel.Name == "sql" // an embedded migration
	}
	return false
}
