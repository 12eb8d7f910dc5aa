package query

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	sq "github.com/Masterminds/squirrel"

	"epicevents/model"
)

// fillCopySource writes one row or more of every table, with every kind of
// value (NULLs, booleans, times, large amounts, quotes and accents), and
// deletes the last collaborator, client and audit entry so that the
// highest ids ever given are not the highest ids left.
func fillCopySource(t *testing.T, db *DB) {
	t.Helper()
	db.Now = func() time.Time { return time.Date(2026, 5, 4, 3, 2, 1, 0, time.UTC) }
	alice := pgCollaborator(t, db, "alice", "Martin", model.Management)
	carl := pgCollaborator(t, db, "carl", "O'Neil", model.Commercial)
	sam := pgCollaborator(t, db, "sam", "Zoé", model.Support)
	gone := pgCollaborator(t, db, "gone", "Gone", model.Support)
	at := func(s string) string { return s } // times as the stores bind them
	clients := db.sb.Insert("clients").
		Columns("first_name", "last_name", "email", "phone", "company_name", "sales_contact_id", "created_at", "updated_at")
	contracts := db.sb.Insert("contracts").
		Columns("client_id", "sales_contact_id", "total_amount", "amount_due", "signed", "created_at", "updated_at")
	events := db.sb.Insert("events").Columns("name", "contract_id", "support_contact_id", "event_start", "event_end",
		"location", "attendees", "notes", "created_at", "updated_at")
	mustExec(t, db,
		clients.Values("Jane", "Doe", "jane@acme.test", "+33 1 23 45 67 89", "Acme", carl, at("2026-01-02 03:04:05"), at("2026-02-03 04:05:06")),
		clients.Values("Jean", "Né", "jean@b.test", "0102030405", "Bé & Co", nil, at("2026-01-02 03:04:05"), at("2026-01-02 03:04:05")),
		clients.Values("Del", "Eted", "del@x.test", "0102030405", "X", carl, at("2026-01-02 03:04:05"), at("2026-01-02 03:04:05")),
		contracts.Values(1, carl, int64(100000000000000), int64(99999999999999), true, at("2026-01-03 00:00:00"), at("2026-01-04 00:00:00")),
		contracts.Values(2, nil, 0, 0, false, at("2026-01-03 00:00:00"), at("2026-01-03 00:00:00")),
		events.Values("Gala \"2026\"", 1, sam, at("2026-06-01 18:00:00"), at("2026-06-02 02:00:00"), "Saint-Malo", 100000, "", at("2026-01-05 00:00:00"), at("2026-01-05 00:00:00")),
		events.Values("Off-site", 1, nil, at("2026-07-01 08:00:00"), at("2026-07-01 09:00:00"), "Paris", 0, "chairs\nand tables", at("2026-01-05 00:00:00"), at("2026-01-05 00:00:00")),
		db.sb.Delete("clients").Where(sq.Eq{"id": 3}),
		db.sb.Delete("collaborators").Where(sq.Eq{"id": gone}),
	)
	err := db.Update(context.Background(), func(tx *Tx) error {
		id := int64(1)
		for _, e := range []model.AuditEntry{
			{ActorID: &alice, Actor: "alice", Action: "create", Entity: "user", EntityID: &carl,
				Changes: map[string][2]any{"username": {nil, "carl"}}},
			{ActorID: &carl, Actor: "carl", Action: "pay", Entity: "contract", EntityID: &id,
				Changes: map[string][2]any{"amount_due": {"1000.00", "999.99"}}},
			{Actor: "nobody", Action: "login_failed", Entity: "user"},
			{Actor: "x", Action: "deleted", Entity: "user"},
		} {
			if err := tx.Audit(e); err != nil {
				return err
			}
		}
		if _, err := tx.exec(tx.db.sb.Delete("audit").Where(sq.Eq{"id": 4})); err != nil {
			return err
		}
		return tx.RecordLoginFailure("nobody")
	})
	if err != nil {
		t.Fatal(err)
	}
}

// dump returns every row of every copied table, each value written the
// same way whatever the engine.
// databaseUID reads the identifier of db from its table, past the cache of
// DatabaseID.
func databaseUID(t *testing.T, db *DB) string {
	t.Helper()
	var uid string
	err := db.View(context.Background(), func(tx *Tx) error {
		return tx.queryRow(tx.db.sb.Select("uid").From("database_info").Where(sq.Eq{"id": 1}), &uid)
	})
	if err != nil {
		t.Fatal(err)
	}
	return uid
}

func dump(t *testing.T, db *DB) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	err := db.View(context.Background(), func(tx *Tx) error {
		for _, ct := range copyTables {
			q, args, err := tx.db.sb.Select("*").From(ct.name).OrderBy(ct.order).ToSql()
			if err != nil {
				return err
			}
			rows, err := tx.tx.QueryContext(tx.ctx, q, args...)
			if err != nil {
				return err
			}
			cols, _ := rows.Columns()
			for rows.Next() {
				vals := make([]any, len(cols))
				ptrs := make([]any, len(cols))
				for i := range vals {
					ptrs[i] = &vals[i]
				}
				if err := rows.Scan(ptrs...); err != nil {
					rows.Close()
					return err
				}
				row := ""
				for i, v := range vals {
					row += cols[i] + "=" + canonical(v) + " "
				}
				out[ct.name] = append(out[ct.name], row)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func canonical(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case time.Time:
		return ts(x)
	case bool:
		if x {
			return "1"
		}
		return "0"
	case int64:
		return strconv.FormatInt(x, 10)
	case []byte:
		return strconv.Quote(string(x))
	case string:
		if _, err := time.Parse(timeLayout, x); err == nil { // a time, as SQLite keeps it
			return x
		}
		return strconv.Quote(x)
	}
	return fmt.Sprintf("%T(%v)", v, v)
}

// TestCopy copies a database between every pair of engines: every row
// arrives as it was, ids included, and the target gives new records the
// ids the source would have given.
func TestCopy(t *testing.T) {
	for _, from := range testEngines {
		for _, to := range testEngines {
			t.Run(string(from)+"To"+string(to), func(t *testing.T) {
				src, dst := MustOpenEngine(t, from), MustOpenEngine(t, to)
				fillCopySource(t, src)
				var counts []CopyCount
				err := src.View(context.Background(), func(tx *Tx) (err error) {
					counts, err = tx.CopyTo(dst, func(out *Tx) error {
						return out.Audit(model.AuditEntry{Actor: "alice", Action: "copy", Entity: "database"})
					})
					return err
				})
				if err != nil {
					t.Fatal(err)
				}
				want := []CopyCount{{"departments", 3}, {"collaborators", 3}, {"clients", 2}, {"contracts", 2},
					{"events", 2}, {"audit", 3}, {"login_failures", 1}}
				if !reflect.DeepEqual(counts, want) {
					t.Errorf("counts %v, want %v", counts, want)
				}
				a, b := dump(t, src), dump(t, dst)
				if len(b["audit"]) != 4 {
					t.Fatalf("target audit: %v", b["audit"])
				}
				if last := b["audit"][3]; last[:6] != "id=5 a" { // after the source's deleted 4
					t.Errorf("the copy's own audit entry: %s", last)
				}
				// The copy is the same database, not another one: the
				// sessions made on the source stay valid on it.
				if a, b := databaseUID(t, src), databaseUID(t, dst); a == "" || a != b {
					t.Errorf("database id %q on the source, %q on the copy", a, b)
				}
				b["audit"] = b["audit"][:3]
				for _, table := range copyTables {
					if !slices.Equal(a[table.name], b[table.name]) {
						t.Errorf("%s differ:\nsource %q\ntarget %q", table.name, a[table.name], b[table.name])
					}
				}
				// New records continue after the highest ids ever given.
				if id := pgCollaborator(t, dst, "dora", "D", model.Support); id != 5 {
					t.Errorf("new collaborator id %d, want 5", id)
				}
				mustExec(t, dst, dst.sb.Insert("clients").
					Columns("first_name", "last_name", "email", "phone", "company_name", "created_at", "updated_at").
					Values("N", "N", "n@n.test", "0102030405", "N", "2026-01-01 00:00:00", "2026-01-01 00:00:00"))
				var clientID int64
				err = dst.View(context.Background(), func(tx *Tx) error {
					return tx.queryRow(tx.db.sb.Select("id").From("clients").Where(sq.Eq{"email": "n@n.test"}), &clientID)
				})
				if err != nil || clientID != 4 {
					t.Errorf("new client id %d (%v), want 4", clientID, err)
				}
				// A copy of the copy keeps the same next ids.
				third := MustOpenEngine(t, from)
				err = dst.View(context.Background(), func(tx *Tx) error { _, err := tx.CopyTo(third, nil); return err })
				if err != nil {
					t.Fatal(err)
				}
				if id := pgCollaborator(t, third, "eve", "E", model.Support); id != 6 {
					t.Errorf("copy of the copy: new id %d, want 6", id)
				}
			})
		}
	}
}

// TestCopyRefusesNonEmpty checks that a target holding data is refused
// and left as it was.
func TestCopyRefusesNonEmpty(t *testing.T) {
	ForEachEngine(t, func(t *testing.T, src *DB) {
		fillCopySource(t, src)
		dst := MustOpenEngine(t, src.Dialect)
		pgCollaborator(t, dst, "zed", "Z", model.Management)
		before := dump(t, dst)
		err := src.View(context.Background(), func(tx *Tx) error { _, err := tx.CopyTo(dst, nil); return err })
		if model.ErrorCode(err) != model.ECONFLICT || err.Error() != "the target database is not empty (it has collaborators): "+
			"db copy only fills a new, empty database" {
			t.Fatalf("err = %v", err)
		}
		if !reflect.DeepEqual(before, dump(t, dst)) {
			t.Fatal("the refused target changed")
		}
		// The source itself is not empty either.
		err = src.View(context.Background(), func(tx *Tx) error { _, err := tx.CopyTo(src, nil); return err })
		if model.ErrorCode(err) != model.ECONFLICT {
			t.Fatalf("copy onto itself: %v", err)
		}
	})
}

// TestCopyIsOneTransaction makes a copy fail at its very end: the target
// is left empty, ready for another try.
func TestCopyIsOneTransaction(t *testing.T) {
	ForEachEngine(t, func(t *testing.T, src *DB) {
		fillCopySource(t, src)
		dst := MustOpenEngine(t, src.Dialect)
		empty := dump(t, dst)
		boom := model.Errorf(model.EINTERNAL, "boom")
		err := src.View(context.Background(), func(tx *Tx) error {
			_, err := tx.CopyTo(dst, func(*Tx) error { return boom })
			return err
		})
		if err != boom {
			t.Fatalf("err = %v", err)
		}
		if !reflect.DeepEqual(empty, dump(t, dst)) {
			t.Fatal("a failed copy left rows behind")
		}
		if id := pgCollaborator(t, dst, "dora", "D", model.Support); id != 1 {
			t.Errorf("after a failed copy, new id %d, want 1", id)
		}
	})
}

// TestCopyTablesCoverSchema fails when a migration adds a table that db
// copy does not carry.
func TestCopyTablesCoverSchema(t *testing.T) {
	ForEachEngine(t, func(t *testing.T, db *DB) {
		var q sq.SelectBuilder
		switch db.Dialect {
		case SQLite:
			q = db.sb.Select("name").From("sqlite_master").Where(sq.Eq{"type": "table"})
		case Postgres:
			q = db.sb.Select("table_name").From("information_schema.tables").
				Where("table_schema = current_schema()").Where(sq.Eq{"table_type": "BASE TABLE"})
		}
		var tables []string
		err := db.View(context.Background(), func(tx *Tx) error {
			return tx.query(q, func(r *sql.Rows) error {
				var name string
				if err := r.Scan(&name); err != nil {
					return err
				}
				if name != "schema_migrations" && name != tx.sequences() {
					tables = append(tables, name)
				}
				return nil
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		var copied []string
		for _, ct := range copyTables {
			copied = append(copied, ct.name)
		}
		slices.Sort(tables)
		slices.Sort(copied)
		if !slices.Equal(tables, copied) {
			t.Fatalf("tables %v, db copy carries %v: add the new tables to copyTables", tables, copied)
		}
	})
}

// TestCopyManyRows: a table of more rows than one INSERT binds goes over
// in several INSERTs, every row of it; one INSERT of them all would bind
// more values than SQLite takes (32766).
func TestCopyManyRows(t *testing.T) {
	src, dst := MustOpenDB(t), MustOpenDB(t)
	const n = 4200 // 4200 audit rows of 8 columns: 33600 values
	mustUpdate(t, src, func(tx *Tx) error {
		for i := range n {
			id := int64(i)
			if err := tx.Audit(model.AuditEntry{Actor: "bulk", Action: "update", Entity: "client", EntityID: &id}); err != nil {
				return err
			}
		}
		return nil
	})
	// The rows go in INSERTs of as many rows as copyBatch values allow.
	inserts := 0
	dst.trace = func(q string, _ []any) {
		if strings.HasPrefix(q, "INSERT INTO audit ") {
			inserts++
		}
	}
	err := src.View(context.Background(), func(tx *Tx) error {
		counts, err := tx.CopyTo(dst, func(*Tx) error { return nil })
		for _, c := range counts {
			if c.Table == "audit" && c.Rows != n {
				t.Errorf("copied %d audit rows, want %d", c.Rows, n)
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	dst.trace = nil
	if perInsert := copyBatch / 8; inserts != (n+perInsert-1)/perInsert {
		t.Errorf("%d INSERTs for %d rows, want batches of %d", inserts, n, perInsert)
	}
	if got := ids(t, dst, func(tx *Tx, y func([]any) error) error {
		return tx.ListAudit(model.AuditFilter{}, model.ListOptions{Count: true}, y)
	}); len(got) != 1 || got[0] != n {
		t.Fatalf("target holds %v audit rows, want %d", got, n)
	}
}

func mustDatabaseID(t *testing.T, db *DB) string {
	t.Helper()
	var id string
	err := db.View(context.Background(), func(tx *Tx) (err error) {
		id, err = tx.DatabaseID()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}
