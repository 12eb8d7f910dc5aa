package query

import (
	"context"
	"testing"
)

// TestMigrationGapApplied: a database that has the last migration but not
// one before it (migrations land out of order: 0005 before 0004) gets the
// missing one at the next start, not only databases behind the last.
func TestMigrationGapApplied(t *testing.T) {
	forEachEngineURL(t, func(t *testing.T, url string) {
		ctx := context.Background()
		db := MustOpenURL(t, url)
		all, _ := loadMigrations(db.Dialect)
		// As if 0002 had landed after the others: not applied, not recorded.
		if _, err := db.write.ExecContext(ctx, "DELETE FROM schema_migrations WHERE version = 2"); err != nil {
			t.Fatal(err)
		}
		drop := "DROP INDEX events_name"
		if db.Dialect == Postgres {
			drop += ", events_name_lower"
		}
		if _, err := db.write.ExecContext(ctx, drop); err != nil {
			t.Fatal(err)
		}
		v, n, err := MustOpenURL(t, url).schemaState(ctx)
		if err != nil || v != all[len(all)-1].version || n != len(all) {
			t.Fatalf("after reopening: version %d, %d of %d migrations applied, %v", v, n, len(all), err)
		}
	})
}
