package query

import (
	"cmp"
	"context"
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	sq "github.com/Masterminds/squirrel"

	"epicevents/model"
)

// migrations holds the schema of each dialect as numbered files,
// NNNN_name.sql, with the same numbers in every dialect.
//
//go:embed migrations
var migrations embed.FS

// migration is one numbered schema change.
type migration struct {
	version int
	name    string
	sql     string
}

func loadMigrations(dialect Dialect) ([]migration, error) {
	dir := "migrations/" + string(dialect)
	entries, err := fs.ReadDir(migrations, dir)
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("bad migration name %s", e.Name())
		}
		body, err := fs.ReadFile(migrations, dir+"/"+e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(body)})
	}
	if len(ms) == 0 {
		return nil, fmt.Errorf("no migration in %s", dir)
	}
	slices.SortFunc(ms, func(a, b migration) int { return cmp.Compare(a.version, b.version) })
	return ms, nil
}

// migrate applies, in order and each in its own write transaction, the
// migrations not yet recorded in schema_migrations.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := loadMigrations(db.Dialect)
	if err != nil {
		return err
	}
	// Nearly every start finds the schema up to date: one read says so,
	// and a one-shot command never opens a write connection for nothing.
	v, n, err := db.schemaState(ctx)
	if err == nil {
		known := ms[len(ms)-1].version
		if v > known {
			// Its schema may hold rules (constraints, triggers) this binary
			// knows nothing of: writing to it could break them.
			return model.Errorf(model.EENV, "the database %s was made by a newer epicevents (schema version %d, "+
				"this one knows up to %d): use that version or a newer one", db.where(), v, known)
		}
		// Up to date only with every migration applied: migrations land
		// out of order (0005 before 0004), and a database migrated in
		// between has the last version without the one before it.
		if v == known && n == len(ms) {
			return nil
		}
	}
	if db.readOnly && (err != nil || n == 0) {
		return model.Errorf(model.EENV, "the database %s is read-only and holds no epicevents data: epicevents cannot set it up without write access", db.where())
	}
	if db.readOnly {
		return model.Errorf(model.EENV, "the database %s is read-only and needs an upgrade to schema version %d: "+
			"open it once with write access", db.where(), ms[len(ms)-1].version)
	}
	unlock, err := db.lockSchema(ctx)
	if err != nil {
		return err
	}
	defer unlock()
	if _, err := db.write.ExecContext(ctx,
		`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return translate(err)
	}
	for _, m := range ms {
		err := db.Update(ctx, func(tx *Tx) error {
			var n int
			if err := tx.queryRow(tx.db.sb.Select("COUNT(*)").From("schema_migrations").
				Where(sq.Eq{"version": m.version}), &n); err != nil || n > 0 {
				return err
			}
			if _, err := tx.tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
			_, err := tx.exec(tx.db.sb.Insert("schema_migrations").Columns("version", "applied_at").
				Values(m.version, ts(tx.now)))
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// schemaState returns the highest migration applied and how many are.
func (db *DB) schemaState(ctx context.Context) (version, count int, err error) {
	err = db.View(ctx, func(tx *Tx) error {
		return tx.queryRow(tx.db.sb.Select("COALESCE(MAX(version), 0)", "COUNT(*)").From("schema_migrations"), &version, &count)
	})
	return version, count, err
}

// SchemaVersion returns the highest migration applied.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := db.View(ctx, func(tx *Tx) error {
		return tx.queryRow(tx.db.sb.Select("COALESCE(MAX(version), 0)").From("schema_migrations"), &v)
	})
	return v, err
}
