package commands

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"

	"epicevents/model"
	"epicevents/query"
)

// importFile writes a CSV file for client import and returns its path.
func importFile(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "clients.csv")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

const importGood = "first_name,last_name,email,phone,company_name\n" +
	"Ann,Lee,Ann@Lee.test,0102030405,Lee\n" +
	"Bob,Ray,bob@ray.test,0102030406,\"Ray, Inc.\"\n"

// runText runs line and returns the text it printed.
func (e *testEnv) runText(line string) (string, error) {
	e.t.Helper()
	var text string
	err := e.App.Execute(context.Background(), split(line), func(r Result) error {
		text += r.Text
		return nil
	})
	return text, err
}

// TestImportOwner: a commercial's clients are theirs, management's are the
// commercial named by --sales, with an audit entry per client by the actor.
func TestImportOwner(t *testing.T) {
	for _, tc := range []struct{ who, flags, owner string }{
		{"carl", "", "carl"},
		{"carl", " --sales carl", "carl"},
		{"mia", " --sales cora", "cora"},
	} {
		t.Run(tc.who+tc.flags, func(t *testing.T) {
			e := newEnv(t).as(tc.who)
			text, err := e.runText("client import " + importFile(t, importGood) + tc.flags)
			if err != nil || text != "2 clients imported\n" {
				t.Fatalf("import: %q, %v", text, err)
			}
			rows := e.must("client list --sort id").Rows
			if len(rows) != 4 {
				t.Fatalf("%d clients, want 4", len(rows))
			}
			for _, r := range rows[2:] {
				if r["sales_contact"] != tc.owner {
					t.Errorf("client %v belongs to %v, want %s", r["id"], r["sales_contact"], tc.owner)
				}
			}
			if rows[2]["email"] != "ann@lee.test" || rows[3]["company_name"] != "Ray, Inc." {
				t.Errorf("imported: %v", rows[2:])
			}
			audit := e.as("mia").must("audit --entity client action=import --sort entity_id").Rows
			if len(audit) != 2 || audit[0]["entity_id"] != rows[2]["id"] || audit[1]["entity_id"] != rows[3]["id"] {
				t.Fatalf("audit entries %v", audit)
			}
			for _, a := range audit {
				if a["actor"] != tc.who {
					t.Errorf("audit entry by %v, want %s", a["actor"], tc.who)
				}
			}
		})
	}
}

// TestImportProblems: every problem at once, named by file and line, and
// nothing imported; conflicts alone are a conflict.
func TestImportProblems(t *testing.T) {
	e := newEnv(t).as("carl")
	before := e.fingerprint()
	path := importFile(t, "first_name,last_name,email,phone,company_name\n"+
		"Ann,Lee,ann@lee.test,0102030405,Lee\n"+
		"Jo,Doe,JANE@acme.test,0102030405,Acme\n"+ // the fixture's client 1
		",Ray,bad,1,Ray\n"+
		"Jo,Roe,john@roe.test,12,Roe\n") // a bad phone does not hide a taken e-mail
	_, err := e.run("client import " + path)
	want := []string{
		path + ": line 3: email: a client with this e-mail already exists (client 1)",
		path + ": line 4: first_name: first name cannot be empty",
		path + `: line 4: email: invalid e-mail "bad"`,
		path + `: line 4: phone: invalid phone "1": 6 to 20 digits, with optional + - . ( ) and spaces`,
		path + ": line 5: email: a client with this e-mail already exists (client 2)",
		path + `: line 5: phone: invalid phone "12": 6 to 20 digits, with optional + - . ( ) and spaces`,
	}
	if got := strings.Split(model.ErrorMessage(err), "\nerror: "); model.ErrorCode(err) != model.EINVALID || !reflect.DeepEqual(got, want) {
		t.Fatalf("code %s, problems\n%q\nwant\n%q", model.ErrorCode(err), got, want)
	}
	path = importFile(t, "first_name,last_name,email,phone,company_name\n"+
		"Jo,Doe,jane@acme.test,0102030405,Acme\n"+
		"Ann,Lee,ann@lee.test,0102030405,Lee\n"+
		"Ann,Lee,ANN@lee.test,0102030405,Lee\n")
	_, err = e.run("client import " + path)
	want = []string{
		path + ": line 2: email: a client with this e-mail already exists (client 1)",
		path + ": line 4: email: ann@lee.test is already on line 3",
	}
	if got := strings.Split(model.ErrorMessage(err), "\nerror: "); model.ErrorCode(err) != model.ECONFLICT || !reflect.DeepEqual(got, want) {
		t.Fatalf("code %s, problems\n%q\nwant\n%q", model.ErrorCode(err), got, want)
	}
	if e.fingerprint() != before {
		t.Fatal("the database changed")
	}
}

func TestImportDryRun(t *testing.T) {
	e := newEnv(t).as("carl")
	before := e.fingerprint()
	text, err := e.runText("client import " + importFile(t, importGood) + " --dry-run")
	if err != nil || text != "2 clients checked, none imported (dry run)\n" {
		t.Fatalf("dry run: %q, %v", text, err)
	}
	out := e.must("client import " + importFile(t, importGood) + " --dry-run --format json")
	if len(out.Rows) != 2 || out.Rows[0]["id"] != nil || out.Rows[0]["email"] != "ann@lee.test" || out.Rows[0]["sales_contact"] != "carl" {
		t.Fatalf("dry run as JSON: %v", out.Rows)
	}
	if e.fingerprint() != before {
		t.Fatal("a dry run changed the database")
	}
}

// TestImportRecords: the records printed for JSON and CSV, made without
// reading the clients back, are what client show prints.
func TestImportRecords(t *testing.T) {
	e := newEnv(t).as("carl")
	out := e.must("client import " + importFile(t, importGood) + " --format csv")
	if len(out.Rows) != 2 {
		t.Fatalf("%d rows", len(out.Rows))
	}
	for _, r := range out.Rows {
		var show []any
		err := e.DB.View(context.Background(), func(tx *query.Tx) (err error) {
			show, err = tx.ShowClient(r["id"].(int64))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if want := zip(query.ClientKeys, show); !reflect.DeepEqual(r, want) {
			t.Errorf("import printed\n%v\nclient show prints\n%v", r, want)
		}
	}
}

// fifo makes a named pipe that nobody writes to.
func fifo(t *testing.T) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "clients.csv")
	if err := syscall.Mkfifo(name, 0o600); err != nil {
		t.Skipf("no FIFO here: %v", err)
	}
	return name
}

// linkLoop returns the name of a symbolic link to itself: a file that is
// there and cannot be opened, whoever runs the test (root reads any mode).
func linkLoop(t *testing.T) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "loop.csv")
	if err := os.Symlink(name, name); err != nil {
		t.Skipf("no symbolic link here: %v", err)
	}
	return name
}
