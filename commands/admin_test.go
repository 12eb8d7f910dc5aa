package commands

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"epicevents/model"
	"epicevents/query"
)

// TestUserCommands: what management does to collaborators, with the audit
// entries and the reports to monitoring each change makes, and none for a
// change that changes nothing.
func TestUserCommands(t *testing.T) {
	e := newEnv(t).as("mia")
	if rows := e.must("user list --department support").Rows; len(rows) != 2 || rows[0]["username"] != "sam" || rows[1]["username"] != "sue" {
		t.Fatalf("support: %v", rows)
	}
	e.fails("user list --department sales", model.EINVALID, `unknown department "sales"`)
	if r := e.must("user show 2").Record; r["username"] != "carl" || r["department"] != "commercial" {
		t.Fatalf("user show 2: %v", r)
	}

	// E-mails are stored lower-case, so that another case is the same
	// address.
	r := e.must("user create --username neo --email Neo.Anderson@Epic.TEST --first-name ' Neo ' --last-name A --department support --phone '+33 6 00 00 00 01'").Record
	if r["email"] != "neo.anderson@epic.test" || r["first_name"] != "Neo" || r["phone"] != "+33 6 00 00 00 01" || r["department"] != "support" {
		t.Fatalf("created %v", r)
	}
	e.fails("user create --username neo2 --email NEO.ANDERSON@epic.test --first-name N --last-name A --department support", model.ECONFLICT, "")
	e.fails("user create --username carl --email other@epic.test --first-name N --last-name A --department support", model.ECONFLICT, "")
	e.fails("user create --username neo3 --email n3@epic.test --first-name N --last-name A --department sales", model.EINVALID, "unknown department")
	e.fails("user create --username neo3 --email n3@epic.test --first-name N --last-name A", model.EUSAGE, "missing --department")
	n := len(e.auditLines(0))
	r = e.must("user update neo --email NEO@Epic.Test --last-name Anderson").Record
	if r["email"] != "neo@epic.test" || r["last_name"] != "Anderson" {
		t.Fatalf("updated %v", r)
	}
	// The same values again: nothing changes, nothing is recorded.
	e.must("user update neo --email neo@epic.test --last-name Anderson")
	e.wantAudit(n, `update user 6 by mia(1) {"email":["neo.anderson@epic.test","neo@epic.test"],"last_name":["A","Anderson"]}`)
	e.fails("user update neo --reassign-to sue", model.EUSAGE, "--reassign-to goes with a change of --department")
	e.fails("user update neo --department sales", model.EINVALID, "unknown department")
	e.fails("user update mia --department support", model.ECONFLICT, "you cannot change your own department")
	e.fails("user update sam --department commercial --reassign-to sam", model.EINVALID, "cannot reassign sam's records to themself")
	e.fails("user update sam --department commercial --reassign-to nobody", model.ENOTFOUND, "collaborator nobody not found")
	e.fails("user delete mia", model.ECONFLICT, "you cannot delete yourself")
	e.fails("user delete nobody", model.ENOTFOUND, "collaborator nobody not found")
	e.fails("user password nobody", model.ENOTFOUND, "collaborator nobody not found")
	// Neo owns nothing: no --reassign-to needed.
	e.must("user update neo --department commercial")
	if out := e.must("user delete neo"); out.Note != "Deleted neo" || out.Record["username"] != "neo" {
		t.Fatalf("delete: %q %v", out.Note, out.Record)
	}
	if out := e.must("user password sue"); out.Note != "Password set for sue" {
		t.Fatalf("password: %q", out.Note)
	}
	want := []string{
		"collaborator create 6 by 1 in support [department email first_name last_name phone username]",
		"collaborator update 6 by 1 in support [email last_name]",
		"collaborator update 6 by 1 in commercial [department]",
		"collaborator delete 6 by 1 in commercial []",
		"collaborator update 5 by 1 in support [password]",
	}
	if !reflect.DeepEqual(e.sent, want) {
		t.Fatalf("reported\n%s\nwant\n%s", lines(e.sent), lines(want))
	}
}

// TestAuditCommand: the audit trail by entity, record and actor, including
// the username of a deleted collaborator or of an unknown login.
func TestAuditCommand(t *testing.T) {
	e := newEnv(t)
	e.failLogin("GHOST", 1)
	e.as("carl").must("client update 1 --company 'Acme Corp'")
	e.as("mia").must("contract sign 1")
	e.must("user delete carl --reassign-to cora")
	for _, tc := range []struct {
		line string
		want []string // actions
	}{
		{"audit", []string{"login_failed", "update", "sign", "reassign", "delete"}},
		{"audit --entity user", []string{"login_failed", "reassign", "delete"}},
		{"audit --entity contract --id 1", []string{"sign"}},
		{"audit --entity client --id 2", nil},
		{"audit --id 1", []string{"update", "sign"}},
		{"audit --actor ghost", []string{"login_failed"}},
		{"audit --actor Ghost", []string{"login_failed"}},
		{"audit --actor carl", []string{"update"}},
		{"audit --actor CARL", []string{"update"}}, // deleted: found by the name the trail keeps
		{"audit --actor mia", []string{"sign", "reassign", "delete"}},
		{"audit --actor 1 --entity user", []string{"reassign", "delete"}},
	} {
		var got []string
		for _, r := range e.must(tc.line).Rows {
			got = append(got, r["action"].(string))
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.line, got, tc.want)
		}
	}
	if out := e.must("audit --count"); out.Count != 5 {
		t.Errorf("audit --count = %d", out.Count)
	}
	e.fails("audit --actor 2", model.ENOTFOUND, "collaborator 2 not found")
	e.fails("audit --id x", model.EUSAGE, `invalid record id "x"`)
}

// TestUpdateEventRights: an event update without fields is a show for
// support and management, and refused to a commercial.
func TestUpdateEventRights(t *testing.T) {
	e := newEnv(t)
	before := e.fingerprint()
	for _, who := range []string{"sam", "mia"} {
		if r := e.as(who).must("event update 1").Record; r["id"] != int64(1) || r["support_contact"] != "sam" {
			t.Fatalf("%s: %v", who, r)
		}
	}
	e.as("carl").fails("event update 1", model.EFORBIDDEN, "permission denied: commercial cannot update events")
	e.as("sue").fails("event update 1 --name X", model.EFORBIDDEN, "event 1 is not yours")
	e.as("mia").fails("event update 1 --support sue --notes x", model.EFORBIDDEN, "only the support contact of events (notes given)")
	e.as("sam").fails("event update 1 --attendees lots", model.EINVALID, `invalid number of attendees "lots"`)
	e.as("sam").fails("event update 1 --start never", model.EINVALID, "invalid date")
	e.as("sam").fails("event update x --notes y", model.EUSAGE, `invalid event id "x"`)
	if e.fingerprint() != before {
		t.Fatal("the database changed")
	}
	// Assigning the support contact it already has changes nothing.
	e.as("mia").must("event assign 1 sam")
	if e.fingerprint() != before {
		t.Fatal("a change to the same support contact was recorded")
	}
}

// TestDBCopy: management copies the database into an empty one, told
// what was copied, with the target's password hidden.
func TestDBCopy(t *testing.T) {
	e := newEnv(t)
	e.failLogin("carl", 1)
	target := filepath.Join(t.TempDir(), "copy.db")
	out := e.as("mia").must("db copy --to sqlite:///" + target)
	for _, part := range []string{"3 departments", "5 collaborators", "2 clients", "4 contracts", "3 events",
		"1 audit entry", "1 failed login", "into sqlite:///" + target} {
		if !strings.Contains(out.Note, part) {
			t.Errorf("note %q lacks %q", out.Note, part)
		}
	}
	e.fails("db copy --to sqlite:///"+target, model.ECONFLICT, "")
	e.fails("db copy", model.EUSAGE, "missing --to URL")
	// A blank --to names no database: it was a file named "   " beside the
	// shell, or "empty DATABASE_URL", a variable nobody set.
	for _, blank := range []string{"''", "'   '"} {
		e.fails("db copy --to "+blank, model.EINVALID, "--to is empty: give the target database, postgres://... or sqlite:///file.db")
	}
	e.as("carl").fails("db copy --to sqlite:///"+target+"2", model.EFORBIDDEN, "commercial cannot copy the database")
	for _, u := range []string{"postgres://alice:s3cret@db.test/crm", "postgres://alice@db.test/crm?password=s3cret"} {
		if got := query.RedactURL(u); strings.Contains(got, "s3cret") || !strings.Contains(got, "alice") {
			t.Errorf("RedactURL(%q) = %q", u, got)
		}
	}
	if got := query.RedactURL("relative.db"); got != "relative.db" {
		t.Errorf("RedactURL = %q", got)
	}
}

// TestLocalCommands: exit, quit and source are answers for the shell to
// carry out; help answers for every command.
func TestLocalCommands(t *testing.T) {
	e := newEnv(t)
	result := func(line string) Result {
		t.Helper()
		var res Result
		if err := e.App.Execute(t.Context(), split(line), func(r Result) error { res = r; return nil }); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		return res
	}
	if !result("exit").Exit || !result("quit").Exit || result("help").Exit {
		t.Error("exit and quit do not ask the shell to end")
	}
	if r := result("source cmds.txt"); r.Source != "cmds.txt" || r.Exit {
		t.Errorf("source: %+v", r)
	}
	e.fails("help nope", model.EUSAGE, `no help for "nope"`)
	for _, line := range []string{"help", "help client", "client list --help"} {
		if r := result(line); r.Text == "" {
			t.Errorf("%s: no text", line)
		}
	}
}

// TestListFlagConflicts: --mine names the actor; with --sales or
// --support naming someone else, the two filters contradict each other.
func TestListFlagConflicts(t *testing.T) {
	e := newEnv(t)
	for _, tc := range []struct {
		who, line string
		rows      int    // when allowed
		msg       string // when refused (usage)
	}{
		{"carl", "client list --mine --sales carl", 1, ""},
		{"carl", "client list --mine --sales cora", 0, "--mine and --sales name two different sales contacts"},
		{"sam", "event list --mine --support sam", 1, ""},
		{"sam", "event list --mine --support sue", 0, "--mine and --support name two different support contacts"},
		{"sam", "event list --mine --support none", 0, ""},
		{"mia", "event list --mine", 0, "management owns no clients, contracts or events"},
		{"mia", "contract list --mine", 0, "management owns no clients, contracts or events"},
		{"carl", "contract list --mine --paid", 0, ""},
		{"carl", "contract list --mine --unpaid --signed", 1, ""},
		{"carl", "contract list --paid --unpaid", 0, "--paid and --unpaid exclude each other"},
		{"carl", "contract list --client x", 0, `invalid client id "x"`},
		{"carl", "event list --contract 0", 0, `invalid contract id "0"`},
		{"carl", "event list --client +1", 0, `invalid client id "+1"`},
	} {
		e.as(tc.who)
		if tc.msg != "" {
			e.fails(tc.line, model.EUSAGE, tc.msg)
			continue
		}
		if n := len(e.must(tc.line).Rows); n != tc.rows {
			t.Errorf("%s as %s: %d rows, want %d", tc.line, tc.who, n, tc.rows)
		}
	}
}
