package query

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"epicevents/model"
)

// importClients makes n valid clients of the sales contact sales.
func importClients(n int, sales int64) []*model.Client {
	cs := make([]*model.Client, n)
	for i := range cs {
		cs[i] = &model.Client{FirstName: "Ann", LastName: fmt.Sprintf("Lee %d", i), Email: fmt.Sprintf("ann%d@lee.test", i),
			Phone: "0102030405", CompanyName: "Lee & Co", SalesContactID: &sales}
	}
	return cs
}

func importEntry(actor int64) func(*model.Client) model.AuditEntry {
	return func(c *model.Client) model.AuditEntry {
		id := c.ID
		return model.AuditEntry{ActorID: &actor, Actor: "sales", Action: "import", Entity: "client", EntityID: &id,
			Changes: map[string][2]any{"email": {nil, c.Email}}}
	}
}

// countStatements counts the statements fn runs that start with one of
// prefixes.
func countStatements(db *DB, fn func(), prefixes ...string) int {
	n := 0
	db.trace = func(q string, _ []any) {
		for _, p := range prefixes {
			if strings.HasPrefix(q, p) {
				n++
			}
		}
	}
	defer func() { db.trace = nil }()
	fn()
	return n
}

// TestClientsByEmail finds the e-mails already taken among many, in one
// statement per 500 e-mails, not one per e-mail.
func TestClientsByEmail(t *testing.T) {
	db := MustOpenDB(t)
	sales := MustCreateCollaborator(t, db, "sales", model.Commercial)
	emails := make([]string, 1203)
	for i := range emails {
		emails[i] = fmt.Sprintf("new%d@x.test", i)
	}
	want := map[string]int64{}
	for _, i := range []int{0, 600, 1202} {
		emails[i] = fmt.Sprintf("taken%d@x.test", i)
		want[emails[i]] = MustCreateClient(t, db, model.Client{Email: emails[i], SalesContactID: &sales})
	}
	var got map[string]int64
	n := countStatements(db, func() {
		mustUpdate(t, db, func(tx *Tx) (err error) { got, err = tx.ClientsByEmail(emails); return err })
	}, "SELECT c.email")
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("taken %v, want %v", got, want)
	}
	if n != 3 {
		t.Errorf("%d SELECT statements for 1203 e-mails, want 3", n)
	}
	// Full chunks only, and nothing asked of no e-mail at all.
	for size, want := range map[int]int{1000: 2, 500: 1, 1: 1, 0: 0} {
		n := countStatements(db, func() {
			mustUpdate(t, db, func(tx *Tx) (err error) { got, err = tx.ClientsByEmail(emails[:size]); return err })
		}, "SELECT c.email")
		if n != want {
			t.Errorf("%d SELECT statements for %d e-mails, want %d", n, size, want)
		}
	}
}

// TestCreateClients writes many clients in a few statements, each with its
// id and its audit entry.
func TestCreateClients(t *testing.T) {
	db := MustOpenDB(t)
	sales := MustCreateCollaborator(t, db, "sales", model.Commercial)
	cs := importClients(1234, sales)
	n := countStatements(db, func() {
		mustUpdate(t, db, func(tx *Tx) error { return tx.CreateClients(cs, importEntry(sales)) })
	}, "INSERT INTO clients", "INSERT INTO audit")
	if n != 6 {
		t.Errorf("%d INSERT statements for 1234 clients, want 3 of clients and 3 of audit entries", n)
	}
	// The text of a full chunk's statements is kept for the next import;
	// that of the last chunk, of a size of its own, is not: a long shell
	// importing files of every size would fill the cache.
	withIDs := db.Dialect == Postgres
	for _, table := range []string{"clients", "audit"} {
		if _, ok := db.shapes.Load(manyRows{table, importChunk, withIDs}); !ok {
			t.Errorf("the statement of %d rows into %s is not kept", importChunk, table)
		}
		if _, ok := db.shapes.Load(manyRows{table, 234, withIDs}); ok {
			t.Errorf("the statement of the last 234 rows into %s is kept", table)
		}
	}
	seen := map[int64]bool{}
	mustUpdate(t, db, func(tx *Tx) error {
		for _, c := range cs {
			if c.ID <= 0 || seen[c.ID] || c.CreatedAt.IsZero() {
				t.Fatalf("client %s: id %d, created %v", c.Email, c.ID, c.CreatedAt)
			}
			seen[c.ID] = true
			got, err := tx.ClientByID(c.ID)
			if err != nil || got.Email != c.Email || got.LastName != c.LastName ||
				*got.SalesContactID != sales || !got.CreatedAt.Equal(c.CreatedAt) || !got.UpdatedAt.Equal(c.UpdatedAt) {
				t.Fatalf("client %d read back: %+v, %v; want %+v", c.ID, got, err, c)
			}
		}
		return nil
	})
	entries := map[int64]string{}
	mustUpdate(t, db, func(tx *Tx) error {
		return tx.ListAudit(model.AuditFilter{Entity: "client"}, model.ListOptions{}, func(r []any) error {
			entries[r[6].(int64)] = r[4].(string) + " " + string(r[7].(json.RawMessage))
			return nil
		})
	})
	if len(entries) != len(cs) {
		t.Fatalf("%d audit entries, want %d", len(entries), len(cs))
	}
	for _, c := range cs {
		if want := `import {"email":[null,"` + c.Email + `"]}`; entries[c.ID] != want {
			t.Fatalf("audit of client %d: %q, want %q", c.ID, entries[c.ID], want)
		}
	}
}

// TestCreateClientsWholeChunks: a whole number of chunks runs no
// statement of no rows.
func TestCreateClientsWholeChunks(t *testing.T) {
	db := MustOpenDB(t)
	sales := MustCreateCollaborator(t, db, "sales", model.Commercial)
	cs := importClients(2*importChunk, sales)
	n := countStatements(db, func() {
		mustUpdate(t, db, func(tx *Tx) error { return tx.CreateClients(cs, importEntry(sales)) })
	}, "INSERT INTO clients", "INSERT INTO audit")
	if n != 4 || cs[len(cs)-1].ID == 0 {
		t.Errorf("%d INSERT statements for %d clients, want 4", n, len(cs))
	}
}

// TestCreateClientsAllOrNothing: when a row of a later chunk fails, the
// transaction leaves nothing of the earlier ones.
func TestCreateClientsAllOrNothing(t *testing.T) {
	db := MustOpenDB(t)
	sales := MustCreateCollaborator(t, db, "sales", model.Commercial)
	cs := importClients(900, sales)
	MustCreateClient(t, db, model.Client{Email: cs[700].Email, SalesContactID: &sales})
	err := db.Update(context.Background(), func(tx *Tx) error { return tx.CreateClients(cs, importEntry(sales)) })
	if model.ErrorCode(err) != model.ECONFLICT {
		t.Fatalf("CreateClients with a taken e-mail: %v, want a conflict", err)
	}
	var clients, audit int
	mustUpdate(t, db, func(tx *Tx) error {
		if err := tx.queryRow(tx.db.sb.Select("COUNT(*)").From("clients"), &clients); err != nil {
			return err
		}
		return tx.queryRow(tx.db.sb.Select("COUNT(*)").From("audit"), &audit)
	})
	if clients != 1 || audit != 0 {
		t.Errorf("after a failed import: %d clients, %d audit entries; want 1 and 0", clients, audit)
	}
}

// BenchmarkImportClients checks and writes 10,000 clients in one
// transaction, as `client import` does: go test ./query -bench ImportClients
// (EPICEVENTS_TEST_ENGINE=postgres for PostgreSQL).
func BenchmarkImportClients(b *testing.B) {
	const n = 10000
	for b.Loop() {
		b.StopTimer()
		db := MustOpenDB(b)
		sales := MustCreateCollaborator(b, db, "sales", model.Commercial)
		cs := importClients(n, sales)
		emails := make([]string, n)
		for i, c := range cs {
			emails[i] = c.Email
		}
		b.StartTimer()
		mustUpdate(b, db, func(tx *Tx) error {
			taken, err := tx.ClientsByEmail(emails)
			if err != nil || len(taken) > 0 {
				return fmt.Errorf("taken %v, %v", taken, err)
			}
			return tx.CreateClients(cs, importEntry(sales))
		})
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "rows/s")
}
