package query

import (
	"context"
	"strconv"
	"testing"

	sq "github.com/Masterminds/squirrel"

	"epicevents/model"
)

// TestDatabaseID: two databases set up at the same moment get different
// identifiers; a database keeps its own across opens; one made before the
// identifier existed (schema version 2) gets one on upgrade, and its failed
// logins move from the username to the account.
func TestDatabaseID(t *testing.T) {
	forEachEngineURL(t, func(t *testing.T, url string) {
		a, b := MustOpenURL(t, url), MustOpenEngine(t, SQLite)
		idA, idB := mustDatabaseID(t, a), mustDatabaseID(t, b)
		if idA == idB || len(idA) != 32 || len(idB) != 32 {
			t.Fatalf("ids %q and %q: want two different 32-digit ids", idA, idB)
		}
		if again := mustDatabaseID(t, MustOpenURL(t, url)); again != idA {
			t.Fatalf("id changed on reopen: %q, then %q", idA, again)
		}
		// Back to version 2, with a failed login of a known username.
		aliceID := MustCreateCollaborator(t, a, "alice", model.Commercial)
		mustUpdate(t, a, func(tx *Tx) error {
			for _, b := range []sq.Sqlizer{
				tx.db.sb.Delete("database_info"),
				tx.db.sb.Delete("schema_migrations").Where(sq.Eq{"version": 3}),
				tx.db.sb.Delete("login_failures"),
				tx.db.sb.Insert("login_failures").Columns("username", "at").Values("alice", ts(tx.now)),
				tx.db.sb.Insert("login_failures").Columns("username", "at").Values("ghost", ts(tx.now)),
			} {
				if _, err := tx.exec(b); err != nil {
					return err
				}
			}
			return nil
		})
		if _, err := a.write.Exec("DROP TABLE database_info"); err != nil {
			t.Fatal(err)
		}
		up := MustOpenURL(t, url)
		if id := mustDatabaseID(t, up); id == idA || len(id) != 32 {
			t.Fatalf("id after upgrade %q (before %q)", id, idA)
		}
		err := up.View(context.Background(), func(tx *Tx) error {
			for key, want := range map[string]int{"#" + itoa(aliceID): 1, "alice": 0, "ghost": 1} {
				n, _, err := tx.LoginFailures(key, tx.now.Add(-1))
				if err != nil {
					return err
				}
				if n != want {
					t.Errorf("failures of %s after upgrade: %d, want %d", key, n, want)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestLoginKey: every form that names one account counts under one key.
func TestLoginKey(t *testing.T) {
	mgr := &model.Collaborator{ID: 1, Username: "mgr"}
	for _, tc := range []struct {
		c     *model.Collaborator
		typed string
		want  string
	}{
		{mgr, "mgr", "#1"}, {mgr, "1", "#1"}, {mgr, "0001", "#1"}, {mgr, "+1", "#1"},
		{nil, "Ghost ", "ghost"}, {nil, "ghost", "ghost"}, {nil, "007", "#7"}, {nil, "+7", "#7"},
	} {
		if got := LoginKey(tc.c, tc.typed); got != tc.want {
			t.Errorf("LoginKey(%v, %q) = %q, want %q", tc.c, tc.typed, got, tc.want)
		}
	}
}
