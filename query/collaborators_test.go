package query

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	sq "github.com/Masterminds/squirrel"

	"epicevents/model"
)

// TestCollaboratorStore: a collaborator read by username or id, its
// password changed, what it owns counted, handed over and deleted; and a
// record shown by id, in the keys' order.
func TestCollaboratorStore(t *testing.T) {
	db := MustOpenDB(t)
	now := fixedNow
	db.Now = func() time.Time { return now }
	carl := MustCreateCollaborator(t, db, "carl", model.Commercial)
	cora := MustCreateCollaborator(t, db, "cora", model.Commercial)
	sam := MustCreateCollaborator(t, db, "sam", model.Support)
	c1 := MustCreateClient(t, db, model.Client{Email: "a@acme.test", SalesContactID: &carl})
	MustCreateClient(t, db, model.Client{Email: "b@acme.test", SalesContactID: &carl})
	k := MustCreateContract(t, db, c1, 100, 100, true)
	e := MustCreateEvent(t, db, model.Event{Name: "Gala", ContractID: k, Start: now, SupportContactID: &sam})

	view := func(fn func(tx *Tx) error) {
		t.Helper()
		if err := db.View(context.Background(), fn); err != nil {
			t.Fatal(err)
		}
	}
	view(func(tx *Tx) error {
		for _, ref := range []string{"carl", "1", "Carl"} {
			u, err := tx.Collaborator(ref)
			if err != nil || u.ID != carl || u.Username != "carl" || u.Department != model.Commercial || u.PasswordHash != "x" ||
				!u.CreatedAt.Equal(now) {
				t.Errorf("Collaborator(%q) = %+v, %v", ref, u, err)
			}
		}
		for _, ref := range []string{"nobody", "99", "car"} {
			if u, err := tx.Collaborator(ref); model.ErrorCode(err) != model.ENOTFOUND || u != nil {
				t.Errorf("Collaborator(%q) = %v, %v", ref, u, err)
			}
		}
		n, err := tx.CountCollaborators()
		if err != nil || n != 3 {
			t.Errorf("CountCollaborators = %d, %v", n, err)
		}
		for id, want := range map[int64]Ownership{carl: {Clients: 2, Contracts: 1}, sam: {Events: 1}, cora: {}} {
			o, err := tx.Owned(id)
			if err != nil || o != want || o.Any() != (want != Ownership{}) {
				t.Errorf("Owned(%d) = %+v, %v; want %+v", id, o, err, want)
			}
		}
		rec, err := tx.ShowUser(carl)
		if err != nil || !reflect.DeepEqual(rec[:3], []any{carl, "carl", "carl@epic.test"}) || rec[6] != "commercial" {
			t.Errorf("ShowUser = %v, %v", rec, err)
		}
		if rec, err := tx.ShowUser(99); model.ErrorCode(err) != model.ENOTFOUND || rec != nil {
			t.Errorf("ShowUser(99) = %v, %v", rec, err)
		}
		rec, err = tx.ShowContract(k)
		if err != nil || rec[0] != k || rec[1] != c1 || rec[2] != "Jane Doe" {
			t.Errorf("ShowContract = %v, %v", rec, err)
		}
		rec, err = tx.ShowEvent(e)
		if err != nil || rec[0] != e || rec[1] != "Gala" || rec[8] != "sam" {
			t.Errorf("ShowEvent = %v, %v", rec, err)
		}
		return nil
	})

	now = now.Add(time.Hour)
	mustUpdate(t, db, func(tx *Tx) error {
		if stamp, err := tx.SetPassword(carl, "new-hash"); err != nil || stamp <= 0 {
			t.Errorf("SetPassword = stamp %d, %v; want a new one", stamp, err)
			return err
		}
		return tx.Reassign(carl, cora)
	})
	view(func(tx *Tx) error {
		u, err := tx.CollaboratorByID(carl)
		if err != nil || u.PasswordHash != "new-hash" || !u.UpdatedAt.Equal(now) {
			t.Errorf("after SetPassword: %+v, %v", u, err)
		}
		for id, want := range map[int64]Ownership{carl: {}, cora: {Clients: 2, Contracts: 1}} {
			if o, err := tx.Owned(id); err != nil || o != want {
				t.Errorf("after Reassign, Owned(%d) = %+v, %v; want %+v", id, o, err, want)
			}
		}
		cl, err := tx.ClientByID(c1)
		if err != nil || *cl.SalesContactID != cora || !cl.UpdatedAt.Equal(now) {
			t.Errorf("client after Reassign: %+v, %v", cl, err)
		}
		return nil
	})
	mustUpdate(t, db, func(tx *Tx) error { return tx.DeleteCollaborator(carl) })
	view(func(tx *Tx) error {
		if _, err := tx.CollaboratorByID(carl); model.ErrorCode(err) != model.ENOTFOUND {
			t.Errorf("deleted collaborator: %v", err)
		}
		return nil
	})
}

// TestLoginFailureStore: failures counted from a time on, that time
// included, with the latest; forgotten per username.
func TestLoginFailureStore(t *testing.T) {
	db := MustOpenDB(t)
	now := fixedNow
	db.Now = func() time.Time { return now }
	for _, at := range []time.Duration{0, time.Minute, 2 * time.Minute} {
		now = fixedNow.Add(at)
		mustUpdate(t, db, func(tx *Tx) error { return tx.RecordLoginFailure("carl") })
	}
	mustUpdate(t, db, func(tx *Tx) error { return tx.RecordLoginFailure("sam") })
	count := func(user string, since time.Time) (int, time.Time) {
		t.Helper()
		var n int
		var last time.Time
		err := db.View(context.Background(), func(tx *Tx) (err error) {
			n, last, err = tx.LoginFailures(user, since)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return n, last
	}
	for _, tc := range []struct {
		user  string
		since time.Duration
		n     int
	}{
		{"carl", -time.Hour, 3}, {"carl", 0, 3}, {"carl", time.Second, 2}, {"carl", time.Minute, 2},
		{"carl", 2 * time.Minute, 1}, {"carl", 2*time.Minute + time.Second, 0}, {"sam", 0, 1}, {"ghost", 0, 0},
	} {
		n, last := count(tc.user, fixedNow.Add(tc.since))
		if n != tc.n || (n > 0 && !last.Equal(fixedNow.Add(2*time.Minute))) {
			t.Errorf("LoginFailures(%s, +%v) = %d, %v; want %d", tc.user, tc.since, n, last, tc.n)
		}
	}
	mustUpdate(t, db, func(tx *Tx) error { return tx.ClearLoginFailures("carl") })
	if n, _ := count("carl", fixedNow.Add(-time.Hour)); n != 0 {
		t.Errorf("after ClearLoginFailures: %d", n)
	}
	if n, _ := count("sam", fixedNow.Add(-time.Hour)); n != 1 {
		t.Errorf("ClearLoginFailures(carl) cleared sam's: %d left", n)
	}
}

// TestOwnershipAny: a collaborator owns something when any count is not
// zero, whichever it is and whatever the others are.
func TestOwnershipAny(t *testing.T) {
	for _, tc := range []struct {
		o    Ownership
		want bool
	}{
		{Ownership{}, false},
		{Ownership{Clients: 1}, true}, {Ownership{Contracts: 1}, true}, {Ownership{Events: 1}, true},
		{Ownership{Clients: 1, Contracts: 1}, true}, {Ownership{Contracts: 1, Events: 1}, true},
		{Ownership{Clients: 1, Events: 1}, true}, {Ownership{Clients: 2, Contracts: 1, Events: 1}, true},
	} {
		if got := tc.o.Any(); got != tc.want {
			t.Errorf("%+v.Any() = %v, want %v", tc.o, got, tc.want)
		}
	}
}

// TestUsernamesLike: the usernames starting with a prefix, ignoring case,
// in order, of one department or of all, up to the limit, with names.
func TestUsernamesLike(t *testing.T) {
	db := MustOpenDB(t)
	for _, u := range []struct {
		name string
		dept model.Department
	}{{"sam", model.Support}, {"sue", model.Support}, {"sid", model.Commercial}, {"mia", model.Management}} {
		MustCreateCollaborator(t, db, u.name, u.dept)
	}
	for _, tc := range []struct {
		prefix string
		dept   model.Department
		limit  int
		want   string
	}{
		{"s", "", 10, "[[sam sam Test] [sid sid Test] [sue sue Test]]"},
		{"S", model.Support, 10, "[[sam sam Test] [sue sue Test]]"},
		{"s", model.Support, 1, "[[sam sam Test]]"},
		{"", model.Management, 10, "[[mia mia Test]]"},
		{"si", model.Support, 10, "[]"},
	} {
		var got [][2]string
		err := db.View(context.Background(), func(tx *Tx) (err error) {
			got, err = tx.UsernamesLike(tc.prefix, tc.dept, tc.limit)
			return err
		})
		if err != nil || fmt.Sprint(got) != tc.want {
			t.Errorf("UsernamesLike(%q, %q, %d) = %v, %v; want %s", tc.prefix, tc.dept, tc.limit, got, err, tc.want)
		}
	}
	// A USER argument names a collaborator whatever its case, as login does.
	for _, ref := range []string{"sam", "SAM", " Sam"[1:], "1"} {
		err := db.View(context.Background(), func(tx *Tx) error {
			u, err := tx.Collaborator(ref)
			if err == nil && u.Username != "sam" {
				t.Errorf("Collaborator(%q) = %s", ref, u.Username)
			}
			return err
		})
		if err != nil {
			t.Errorf("Collaborator(%q): %v", ref, err)
		}
	}
}

// TestSessionStamp: a new username, department or password gives the
// collaborator a new session stamp, whatever else changes with it; other
// fields keep it, and changing back gives yet another one.
func TestSessionStamp(t *testing.T) {
	db := MustOpenDB(t)
	id := MustCreateCollaborator(t, db, "carl", model.Commercial)
	seen := map[int64]bool{0: true}
	last := int64(0)
	step := func(name string, renewed bool, change func(tx *Tx, u *model.Collaborator) error) {
		t.Helper()
		mustUpdate(t, db, func(tx *Tx) error {
			u, err := tx.CollaboratorByID(id)
			if err != nil {
				return err
			}
			if err := change(tx, u); err != nil {
				return err
			}
			read, err := tx.CollaboratorByID(id)
			if err != nil {
				return err
			}
			switch {
			case u.SessionStamp != read.SessionStamp:
				t.Errorf("%s: the store says stamp %d, %d is read back", name, u.SessionStamp, read.SessionStamp)
			case renewed && (seen[read.SessionStamp] || read.SessionStamp <= 0):
				t.Errorf("%s: stamp %d, want a new one (had %v)", name, read.SessionStamp, seen)
			case !renewed && read.SessionStamp != last:
				t.Errorf("%s: stamp %d, want %d kept", name, read.SessionStamp, last)
			}
			seen[read.SessionStamp], last = true, read.SessionStamp
			return nil
		})
	}
	update := func(f func(u *model.Collaborator)) func(tx *Tx, u *model.Collaborator) error {
		return func(tx *Tx, u *model.Collaborator) error { f(u); return tx.UpdateCollaborator(u) }
	}
	step("phone and names", false, update(func(u *model.Collaborator) { u.Phone, u.FirstName, u.Email = "0102030405", "Carlos", "c@x.test" }))
	step("department", true, update(func(u *model.Collaborator) { u.Department = model.Support }))
	step("department back", true, update(func(u *model.Collaborator) { u.Department = model.Commercial }))
	step("username", true, update(func(u *model.Collaborator) { u.Username = "carlos" }))
	step("username and department", true, update(func(u *model.Collaborator) { u.Username, u.Department = "carl", model.Management }))
	step("password", true, func(tx *Tx, u *model.Collaborator) (err error) {
		u.SessionStamp, err = tx.SetPassword(u.ID, "other-hash")
		return err
	})
	step("nothing", false, update(func(u *model.Collaborator) {}))
	// What another writer changes (an older epicevents, SQL by hand) gets
	// a new stamp from the database's trigger.
	raw := func(set map[string]any) func(tx *Tx, u *model.Collaborator) error {
		return func(tx *Tx, u *model.Collaborator) error {
			_, err := tx.exec(tx.db.sb.Update("collaborators").SetMap(set).Where(sq.Eq{"id": u.ID}))
			u.SessionStamp = 0
			if err == nil {
				err = tx.queryRow(tx.db.sb.Select("session_stamp").From("collaborators").Where(sq.Eq{"id": u.ID}), &u.SessionStamp)
			}
			return err
		}
	}
	step("raw password", true, raw(map[string]any{"password_hash": "by-hand"}))
	step("raw username", true, raw(map[string]any{"username": "carla"}))
	step("raw department", true, raw(map[string]any{"department_id": departmentID(model.Support)}))
	step("raw phone", false, raw(map[string]any{"phone": "0600000000"}))
	step("raw same password", false, raw(map[string]any{"password_hash": "by-hand"}))
}
