package query

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"testing"
	"time"

	sq "github.com/Masterminds/squirrel"

	"epicevents/model"
)

// fixedNow is the time of the test databases that pin their clock.
var fixedNow = time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)

// mustUpdate runs fn in a write transaction and fails the test on error.
func mustUpdate(tb testing.TB, db *DB, fn func(*Tx) error) {
	tb.Helper()
	if err := db.Update(context.Background(), fn); err != nil {
		tb.Fatal(err)
	}
}

// MustCreateCollaborator creates a collaborator of dept with a dummy hash.
func MustCreateCollaborator(tb testing.TB, db *DB, username string, dept model.Department) int64 {
	tb.Helper()
	u := model.Collaborator{Username: username, Email: username + "@epic.test", PasswordHash: "x",
		FirstName: username, LastName: "Test", Department: dept}
	mustUpdate(tb, db, func(tx *Tx) error { return tx.CreateCollaborator(&u) })
	return u.ID
}

// MustCreateClient creates a client of the given sales contact.
func MustCreateClient(tb testing.TB, db *DB, c model.Client) int64 {
	tb.Helper()
	if c.FirstName == "" {
		c.FirstName = "Jane"
	}
	if c.LastName == "" {
		c.LastName = "Doe"
	}
	if c.Phone == "" {
		c.Phone = "0102030405"
	}
	if c.CompanyName == "" {
		c.CompanyName = "Acme"
	}
	if err := c.Validate(); err != nil {
		tb.Fatal(err)
	}
	mustUpdate(tb, db, func(tx *Tx) error { return tx.CreateClient(&c) })
	return c.ID
}

// MustCreateContract creates a contract for a client, with its sales contact.
func MustCreateContract(tb testing.TB, db *DB, clientID int64, total, due model.Money, signed bool) int64 {
	tb.Helper()
	k := model.Contract{ClientID: clientID, TotalAmount: total, AmountDue: due, Signed: signed}
	mustUpdate(tb, db, func(tx *Tx) error {
		cl, err := tx.ClientByID(clientID)
		if err != nil {
			return err
		}
		k.SalesContactID = cl.SalesContactID
		return tx.CreateContract(&k)
	})
	return k.ID
}

// MustCreateEvent creates an event.
func MustCreateEvent(tb testing.TB, db *DB, e model.Event) int64 {
	tb.Helper()
	if e.Location == "" {
		e.Location = "Paris"
	}
	if e.End.IsZero() {
		e.End = e.Start.Add(3 * time.Hour)
	}
	if err := e.Validate(); err != nil {
		tb.Fatal(err)
	}
	mustUpdate(tb, db, func(tx *Tx) error { return tx.CreateEvent(&e) })
	return e.ID
}

func ptr[T any](v T) *T { return &v }

// ids collects the ids (the first column) of a list.
func ids(tb testing.TB, db *DB, list func(*Tx, func([]any) error) error) []int64 {
	tb.Helper()
	out := []int64{}
	err := db.View(context.Background(), func(tx *Tx) error {
		return list(tx, func(r []any) error {
			out = append(out, r[0].(int64))
			return nil
		})
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

func TestClientStore(t *testing.T) {
	db := MustOpenDB(t)
	db.Now = func() time.Time { return fixedNow }
	carl := MustCreateCollaborator(t, db, "carl", model.Commercial)
	id := MustCreateClient(t, db, model.Client{Email: "jane@acme.test", SalesContactID: &carl})

	t.Run("Get", func(t *testing.T) {
		mustUpdate(t, db, func(tx *Tx) error {
			c, err := tx.ClientByID(id)
			if err != nil {
				return err
			}
			if c.FullName() != "Jane Doe" || c.SalesContactName != "carl" || *c.SalesContactID != carl ||
				!c.CreatedAt.Equal(fixedNow) {
				t.Fatalf("client = %+v", c)
			}
			return nil
		})
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		err := db.View(context.Background(), func(tx *Tx) error { _, err := tx.ClientByID(99); return err })
		if model.ErrorCode(err) != model.ENOTFOUND || err.Error() != "client 99 not found" {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrEmailTaken", func(t *testing.T) {
		c := model.Client{FirstName: "A", LastName: "B", Email: "jane@acme.test", Phone: "0102030405", CompanyName: "X"}
		err := db.Update(context.Background(), func(tx *Tx) error { return tx.CreateClient(&c) })
		if model.ErrorCode(err) != model.ECONFLICT || err.Error() != "a client with this email already exists" {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("Update", func(t *testing.T) {
		later := fixedNow.Add(time.Hour)
		db.Now = func() time.Time { return later }
		defer func() { db.Now = func() time.Time { return fixedNow } }()
		mustUpdate(t, db, func(tx *Tx) error {
			c, err := tx.ClientByID(id)
			if err != nil {
				return err
			}
			c.CompanyName = "Acme Corp"
			return tx.UpdateClient(c)
		})
		mustUpdate(t, db, func(tx *Tx) error {
			c, err := tx.ClientByID(id)
			if c.CompanyName != "Acme Corp" || !c.UpdatedAt.Equal(later) || !c.CreatedAt.Equal(fixedNow) {
				t.Fatalf("after update: %+v", c)
			}
			return err
		})
	})
	t.Run("ShowClient", func(t *testing.T) {
		mustUpdate(t, db, func(tx *Tx) error {
			rec, err := tx.ShowClient(id)
			if err != nil {
				return err
			}
			if len(rec) != len(ClientKeys) || rec[7] != "carl" {
				t.Fatalf("record = %v", rec)
			}
			return nil
		})
	})
}

func TestClientsLike(t *testing.T) {
	db := MustOpenDB(t)
	carl := MustCreateCollaborator(t, db, "carl", model.Commercial)
	for i := 1; i <= 19; i++ {
		c := model.Client{Email: "c" + string(rune('a'+i)) + "@x.test", SalesContactID: &carl}
		switch i {
		case 3:
			c.LastName, c.CompanyName = "Zola", "Zenith"
		case 5:
			c.CompanyName = "Zed_100%"
		}
		MustCreateClient(t, db, c)
	}
	like := func(prefix string, limit int) [][2]string {
		var out [][2]string
		err := db.View(context.Background(), func(tx *Tx) error {
			var err error
			out, err = tx.ClientsLike(prefix, limit)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	first := func(pairs [][2]string) []string {
		var s []string
		for _, p := range pairs {
			s = append(s, p[0])
		}
		return s
	}
	for _, tc := range []struct {
		prefix string
		limit  int
		want   []string
	}{
		{"1", 20, []string{"1", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19"}},
		{"1", 2, []string{"1", "10"}},
		{"1", 1, []string{"1"}},
		{"12", 10, []string{"12"}},
		{"19", 10, []string{"19"}},
		{"9", 10, []string{"9"}},
		{"20", 10, nil},
		{"0", 10, nil},
		{"01", 10, nil}, {"+1", 10, nil}, {"-1", 10, nil},
		{"z", 10, []string{"3", "5"}},
		{"Zed_", 10, []string{"5"}},
		{"Ze%", 10, nil}, // % is no wildcard
		{"", 3, []string{"19", "18", "17"}},
		{"", 0, nil}, {"1", 0, nil}, {"z", 0, nil},
		{"x' OR 1=1 --", 10, nil},
	} {
		if got := first(like(tc.prefix, tc.limit)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ClientsLike(%q, %d) = %v, want %v", tc.prefix, tc.limit, got, tc.want)
		}
	}
	// Each look-up stops once it has limit records: no statement asks for
	// more, none runs for nothing.
	for _, tc := range []struct {
		prefix string
		limit  int
		want   int // statements
	}{
		{"", 0, 0}, {"1", 0, 0}, {"z", 0, 0},
		{"1", 1, 2},  // the last id, then ids 1 (full)
		{"1", 5, 3},  // the last id, ids 1 and 10-19 (full)
		{"1", 20, 5}, // the last id, ids 1 and 10-19, then last names and companies
		{"z", 5, 2},  // last names, then companies
	} {
		n := countStatements(db, func() { like(tc.prefix, tc.limit) }, "SELECT")
		if n != tc.want {
			t.Errorf("ClientsLike(%q, %d) ran %d statements, want %d", tc.prefix, tc.limit, n, tc.want)
		}
	}
	if got := like("3", 1); len(got) != 1 || got[0][1] != "Jane Zola — Zenith" {
		t.Errorf("description = %v", got)
	}
}

// TestClientsLikeLargeIDs: the ranges of ids that a prefix stands for
// reach the largest id without overflowing, and no further.
func TestClientsLikeLargeIDs(t *testing.T) {
	db := MustOpenDB(t)
	carl := MustCreateCollaborator(t, db, "carl", model.Commercial)
	for i := 1; i <= 12; i++ {
		MustCreateClient(t, db, model.Client{Email: fmt.Sprintf("c%d@x.test", i), SalesContactID: &carl})
	}
	mustUpdate(t, db, func(tx *Tx) error {
		for from, to := range map[int64]int64{11: math.MaxInt64, 12: 9000000000000000001} {
			if _, err := tx.exec(tx.db.sb.Update("clients").Set("id", to).Where(sq.Eq{"id": from})); err != nil {
				return err
			}
		}
		return nil
	})
	for prefix, want := range map[string]string{
		"9":                   "[9 9000000000000000001 9223372036854775807]",
		"92":                  "[9223372036854775807]",
		"9223372036854775807": "[9223372036854775807]",
		"9223372036854775806": "[]",
		"900000000000000000":  "[9000000000000000001]",
		"1":                   "[1 10]",
	} {
		var ids []string
		err := db.View(context.Background(), func(tx *Tx) error {
			got, err := tx.ClientsLike(prefix, 10)
			for _, p := range got {
				ids = append(ids, p[0])
			}
			return err
		})
		if err != nil || fmt.Sprint(ids) != want && !(want == "[]" && ids == nil) {
			t.Errorf("ClientsLike(%q) = %v, %v; want %s", prefix, ids, err, want)
		}
	}
}
