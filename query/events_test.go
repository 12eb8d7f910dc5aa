package query

import (
	"context"
	"strings"
	"testing"
	"time"

	sq "github.com/Masterminds/squirrel"

	"epicevents/model"
)

func TestEventStore(t *testing.T) {
	db := MustOpenDB(t)
	carl := MustCreateCollaborator(t, db, "carl", model.Commercial)
	sam := MustCreateCollaborator(t, db, "sam", model.Support)
	client := MustCreateClient(t, db, model.Client{Email: "jane@acme.test", SalesContactID: &carl})
	contract := MustCreateContract(t, db, client, 100000, 100000, true)
	start := time.Date(2026, 6, 1, 18, 0, 0, 0, time.UTC)
	id := MustCreateEvent(t, db, model.Event{Name: "Gala", ContractID: contract, Start: start, Attendees: 150})

	t.Run("Get", func(t *testing.T) {
		mustUpdate(t, db, func(tx *Tx) error {
			e, err := tx.EventByID(id)
			if err != nil {
				return err
			}
			if e.ClientID != client || e.ClientName != "Jane Doe" || e.ClientEmail != "jane@acme.test" ||
				*e.SalesContactID != carl || e.SupportContactID != nil || !e.Start.Equal(start) ||
				!e.End.Equal(start.Add(3*time.Hour)) || e.Attendees != 150 {
				t.Fatalf("event = %+v", e)
			}
			return nil
		})
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		err := db.View(context.Background(), func(tx *Tx) error { _, err := tx.EventByID(99); return err })
		if model.ErrorCode(err) != model.ENOTFOUND {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrUnknownContract", func(t *testing.T) {
		e := model.Event{Name: "X", ContractID: 99, Start: start, End: start.Add(time.Hour), Location: "P"}
		err := db.Update(context.Background(), func(tx *Tx) error { return tx.CreateEvent(&e) })
		if model.ErrorCode(err) != model.ECONFLICT {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("Update", func(t *testing.T) {
		mustUpdate(t, db, func(tx *Tx) error {
			e, err := tx.EventByID(id)
			if err != nil {
				return err
			}
			e.SupportContactID, e.Notes = &sam, "chairs"
			return tx.UpdateEvent(e)
		})
		mustUpdate(t, db, func(tx *Tx) error {
			e, err := tx.EventByID(id)
			if e.SupportContactName != "sam" || e.Notes != "chairs" {
				t.Fatalf("after update: %+v", e)
			}
			return err
		})
	})
	t.Run("EventsLike", func(t *testing.T) {
		MustCreateEvent(t, db, model.Event{Name: "gathering", ContractID: contract, Start: start})
		mustUpdate(t, db, func(tx *Tx) error {
			got, err := tx.EventsLike("ga", 10)
			if err != nil {
				return err
			}
			if len(got) != 2 || got[0] != [2]string{"1", "Gala — Jane Doe, 2026-06-01"} || got[1][0] != "2" {
				t.Fatalf("EventsLike = %v", got)
			}
			return nil
		})
	})
	t.Run("ContractsLike", func(t *testing.T) {
		mustUpdate(t, db, func(tx *Tx) error {
			got, err := tx.ContractsLike("ac", 10)
			if err != nil {
				return err
			}
			if len(got) != 1 || got[0] != [2]string{"1", "Jane Doe — Acme (signed)"} {
				t.Fatalf("ContractsLike = %v", got)
			}
			return nil
		})
	})
}

// TestCompletionUsesIndexes checks, on SQLite, that the completion
// look-ups never scan a whole table: they stay instant on large databases.
func TestCompletionUsesIndexes(t *testing.T) {
	db := MustOpenEngine(t, SQLite) // PostgreSQL's: TestCompletionIndexesPostgres
	for name, q := range map[string]likeQuery{"clients": clientsLike, "contracts": contractsLike, "events": eventsLike} {
		plans := explain(t, db, q.idRange(db.sb, 10, 10).Limit(5))
		for _, expr := range q.text {
			plans = append(plans, explain(t, db, q.prefixed(db, expr, "ab").Limit(5))...)
		}
		for _, p := range plans {
			if strings.HasPrefix(p, "SCAN") || strings.Contains(p, "TEMP B-TREE") {
				t.Errorf("%s: %s", name, p)
			}
		}
	}
}

// explain returns SQLite's query plan for b.
func explain(t *testing.T, db *DB, b sq.SelectBuilder) []string {
	t.Helper()
	q, args, err := b.ToSql()
	if err != nil {
		t.Fatal(err)
	}
	var plan []string
	err = db.View(context.Background(), func(tx *Tx) error {
		rows, err := tx.tx.QueryContext(tx.ctx, "EXPLAIN QUERY PLAN "+q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				return err
			}
			plan = append(plan, detail)
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return plan
}
