package commands

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"epicevents/model"
	"epicevents/query"
	"epicevents/security"
)

// testPassword is the password of every fixture collaborator.
const testPassword = "fixture-password"

// testHash is the bcrypt hash of testPassword, made once and at bcrypt's
// lowest cost: the commands' rules do not depend on the cost, which the
// security package's tests check, and a hash at cost 12 takes a quarter of
// a second for every login a test makes.
var testHash = sync.OnceValue(func() string {
	h, err := bcrypt.GenerateFromPassword([]byte(testPassword), bcrypt.MinCost)
	if err != nil {
		panic(err)
	}
	return string(h)
})

// testNow is the clock of the fixture: events before it are past.
var testNow = time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)

// testEnv is an App on a fresh database holding the fixture:
//
//	collaborators: mia (management), carl, cora (commercial), sam, sue (support)
//	clients:   1 Jane Doe of carl, 2 John Roe of cora
//	contracts: 1 client 1, 1000.00 due 1000.00, unsigned
//	           2 client 1, 2000.00 due 2000.00, signed
//	           3 client 2, 3000.00 due 3000.00, signed
//	           4 client 2, 4000.00 due 4000.00, unsigned
//	events:    1 on contract 2, supported by sam, 2026-07-01
//	           2 on contract 3, supported by sue, 2026-08-01
//	           3 on contract 2, no support, 2026-05-01 (past)
type testEnv struct {
	t    *testing.T
	App  *App
	DB   *query.DB
	IDs  map[string]int64 // collaborators by username
	now  time.Time
	sent []string // reports to monitoring
	// password is what EPICEVENTS_PASSWORD holds: testPassword unless a
	// test types a wrong one.
	password string
}

func newEnv(t *testing.T) *testEnv {
	t.Helper()
	home := t.TempDir()
	db, err := query.Open(context.Background(), filepath.Join(home, "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	e := &testEnv{t: t, DB: db, IDs: map[string]int64{}, now: testNow, password: testPassword}
	db.Now = func() time.Time { return e.now }
	db.Location = time.UTC
	e.App = NewApp(db, home, []byte("a test key of at least 32 bytes!!"))
	e.App.Location = time.UTC
	e.App.PasswordCost = bcrypt.MinCost
	e.App.Getenv = func(k string) string {
		switch k {
		case "EPICEVENTS_PASSWORD":
			return e.password
		case "EPICEVENTS_NEW_PASSWORD":
			return testPassword
		}
		return ""
	}
	e.App.Reporter = reporter{e}
	err = db.Update(context.Background(), func(tx *query.Tx) error {
		for _, u := range []struct {
			name string
			dept model.Department
		}{{"mia", model.Management}, {"carl", model.Commercial}, {"cora", model.Commercial},
			{"sam", model.Support}, {"sue", model.Support}} {
			c := model.Collaborator{Username: u.name, Email: u.name + "@epic.test", PasswordHash: testHash(),
				FirstName: strings.ToUpper(u.name[:1]) + u.name[1:], LastName: "Test", Department: u.dept}
			if err := tx.CreateCollaborator(&c); err != nil {
				return err
			}
			e.IDs[u.name] = c.ID
		}
		for _, c := range []model.Client{
			{FirstName: "Jane", LastName: "Doe", Email: "jane@acme.test", Phone: "0102030405", CompanyName: "Acme"},
			{FirstName: "John", LastName: "Roe", Email: "john@roe.test", Phone: "0102030406", CompanyName: "Roe & Co"},
		} {
			sales := e.IDs["carl"]
			if c.FirstName == "John" {
				sales = e.IDs["cora"]
			}
			c.SalesContactID = &sales
			if err := tx.CreateClient(&c); err != nil {
				return err
			}
		}
		for i, k := range []model.Contract{{ClientID: 1}, {ClientID: 1, Signed: true}, {ClientID: 2, Signed: true}, {ClientID: 2}} {
			k.TotalAmount = model.Money(i+1) * 100000
			k.AmountDue = k.TotalAmount
			cl, err := tx.ClientByID(k.ClientID)
			if err != nil {
				return err
			}
			k.SalesContactID = cl.SalesContactID
			if err := tx.CreateContract(&k); err != nil {
				return err
			}
		}
		day := func(m time.Month) time.Time { return time.Date(2026, m, 1, 18, 0, 0, 0, time.UTC) }
		sam, sue := e.IDs["sam"], e.IDs["sue"]
		for _, ev := range []model.Event{
			{Name: "Gala", ContractID: 2, SupportContactID: &sam, Start: day(7)},
			{Name: "Kickoff", ContractID: 3, SupportContactID: &sue, Start: day(8)},
			{Name: "Launch", ContractID: 2, Start: day(5)},
		} {
			ev.End, ev.Location, ev.Attendees = ev.Start.Add(4*time.Hour), "Paris", 50
			if err := tx.CreateEvent(&ev); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Commands run an hour after the fixture, so that any update shows in
	// updated_at.
	e.now = testNow.Add(time.Hour)
	return e
}

type reporter struct{ e *testEnv }

func (r reporter) CollaboratorChanged(action string, actorID, id int64, dept string, fields []string) {
	r.e.sent = append(r.e.sent, fmt.Sprintf("collaborator %s %d by %d in %s %v", action, id, actorID, dept, fields))
}
func (r reporter) ContractSigned(actorID, contractID, clientID int64) {
	r.e.sent = append(r.e.sent, fmt.Sprintf("contract signed %d of client %d by %d", contractID, clientID, actorID))
}
func (r reporter) LoginLocked(username string) {
	r.e.sent = append(r.e.sent, "login locked "+username)
}

// as logs in username (no one for ""), with a session signed directly:
// the login command itself is tested elsewhere, and bcrypt is slow.
func (e *testEnv) as(username string) *testEnv {
	e.t.Helper()
	if username == "" {
		if err := e.App.Session.Remove(); err != nil {
			e.t.Fatal(err)
		}
		return e
	}
	var u *model.Collaborator
	var dbID string
	err := e.DB.View(context.Background(), func(tx *query.Tx) (err error) {
		if u, err = tx.Collaborator(username); err != nil {
			return err
		}
		dbID, err = tx.DatabaseID()
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
	token, err := security.SignSession(e.App.Key, security.SessionFor(u, dbID, e.now, 24*time.Hour))
	if err == nil {
		err = e.App.Session.Save(token)
	}
	if err != nil {
		e.t.Fatal(err)
	}
	return e
}

// output is what a command produced.
type output struct {
	Record map[string]any
	Rows   []map[string]any
	Count  int64
	Note   string
	Total  map[string]any // a report's total line
	Text   string
}

// run executes one command line, split on blanks, with single quotes
// grouping words.
func (e *testEnv) run(line string) (output, error) {
	e.t.Helper()
	var out output
	err := e.App.Execute(context.Background(), split(line), func(r Result) error {
		out.Note, out.Text = r.Note, r.Text
		if r.Count != nil {
			out.Count = *r.Count
		}
		if r.Record != nil {
			out.Record = zip(r.Columns, r.Record)
		}
		if r.Total != nil {
			out.Total = zip(r.Columns, r.Total)
		}
		if r.Rows != nil {
			return r.Rows(func(row []any) error {
				out.Rows = append(out.Rows, zip(r.Columns, row))
				return nil
			})
		}
		return nil
	})
	return out, err
}

// must runs line and fails the test on error.
func (e *testEnv) must(line string) output {
	e.t.Helper()
	out, err := e.run(line)
	if err != nil {
		e.t.Fatalf("%s: %v", line, err)
	}
	return out
}

// fails runs line and checks that it fails with code and a message
// holding msg.
func (e *testEnv) fails(line, code, msg string) {
	e.t.Helper()
	_, err := e.run(line)
	if model.ErrorCode(err) != code || !strings.Contains(model.ErrorMessage(err), msg) {
		e.t.Fatalf("%s: err = %v (%s), want %s containing %q", line, err, model.ErrorCode(err), code, msg)
	}
}

// refuses runs line and checks that it fails with code and a message
// holding msg, and that the database is as it was.
func (e *testEnv) refuses(line, code, msg string) {
	e.t.Helper()
	before := e.fingerprint()
	e.fails(line, code, msg)
	if e.fingerprint() != before {
		e.t.Fatalf("%s: the database changed", line)
	}
}

func zip(cols []string, vals []any) map[string]any {
	m := make(map[string]any, len(cols))
	for i, c := range cols {
		m[c] = vals[i]
	}
	return m
}

func split(line string) []string {
	var words []string
	var cur strings.Builder
	quoted, in := false, false
	for _, r := range line {
		switch {
		case r == '\'':
			quoted, in = !quoted, true
		case r == ' ' && !quoted:
			if in {
				words = append(words, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteRune(r)
			in = true
		}
	}
	if in {
		words = append(words, cur.String())
	}
	return words
}

// fingerprint is the whole content of the database, as the stores list it:
// collaborators (with password hashes), clients, contracts, events and the
// audit trail. Two equal fingerprints mean nothing changed.
func (e *testEnv) fingerprint() string {
	e.t.Helper()
	var b strings.Builder
	all := model.ListOptions{}
	row := func(r []any) error { fmt.Fprintln(&b, r...); return nil }
	err := e.DB.View(context.Background(), func(tx *query.Tx) error {
		for _, list := range []func() error{
			func() error { return tx.ListUsers(model.UserFilter{}, all, row) },
			func() error { return tx.ListClients(model.ClientFilter{}, all, row) },
			func() error { return tx.ListContracts(model.ContractFilter{}, all, row) },
			func() error { return tx.ListEvents(model.EventFilter{}, all, row) },
			func() error { return tx.ListAudit(model.AuditFilter{}, all, row) },
		} {
			if err := list(); err != nil {
				return err
			}
		}
		for _, name := range []string{"mia", "carl", "cora", "sam", "sue"} {
			u, err := tx.Collaborator(name)
			if err == nil {
				fmt.Fprintln(&b, u.Username, u.PasswordHash)
			}
		}
		return nil
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return b.String()
}
