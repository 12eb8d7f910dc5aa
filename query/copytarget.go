package query

import (
	"context"
	"database/sql"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	sq "github.com/Masterminds/squirrel"

	"epicevents/model"
)

// OpenCopyTarget opens the database at rawURL as the target of db copy,
// which must be new or empty. It is looked at first as it is, read only:
// a target that db copy would refuse is refused before anything of it
// changes (Open sets a SQLite file to 0600, turns it to WAL, migrates it).
// A SQLite file is read without a lock, a -wal or a -shm file (SQLite's
// immutable mode), and refused when it is not a database, holds records,
// holds tables of another application, or was made by a newer epicevents.
// A PostgreSQL schema is refused, unmigrated, when it holds records or was
// made by a newer epicevents; tables of others may share it. A target that
// passes is opened as Open does; CopyTo checks it again, in its
// transaction.
func OpenCopyTarget(ctx context.Context, rawURL string) (*DB, error) {
	dialect, src, err := ParseURL(rawURL)
	if err != nil {
		return nil, invalidf("%v", err)
	}
	switch dialect {
	case SQLite:
		err = inspectSQLiteTarget(ctx, src)
	case Postgres:
		db := &DB{Dialect: Postgres, url: RedactURL(rawURL)}
		if err = db.openPostgres(src); err == nil {
			err = inspectTarget(ctx, db.write, Postgres)
			db.Close()
		}
	}
	if err != nil {
		return nil, err
	}
	return Open(ctx, rawURL)
}

// inspectSQLiteTarget looks at the SQLite file at path, if there is one,
// without changing it. What is no regular file is left to Open to refuse,
// which it does before changing anything.
func inspectSQLiteTarget(ctx context.Context, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	fi, err := os.Lstat(abs)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() == 0 {
		return nil
	}
	f, err := os.Open(abs)
	if err != nil {
		return envf(err, "cannot open the database %s", abs)
	}
	err = checkHeader(f, abs)
	f.Close()
	if err != nil {
		return err
	}
	q := url.Values{}
	q.Set("mode", "ro")
	if wal, err := os.Lstat(abs + "-wal"); err != nil || wal.Size() == 0 {
		// Nothing waits in a -wal file: the file holds all of it, and
		// reading it needs no lock and makes no -wal or -shm file.
		q.Set("immutable", "1")
	}
	conn, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: abs}).EscapedPath()+"?"+q.Encode())
	if err != nil {
		return err
	}
	defer conn.Close()
	db := &DB{Dialect: SQLite, Path: abs}
	return db.named(inspectTarget(ctx, conn, SQLite))
}

// inspectTarget refuses, through conn, a target database that holds
// records, that holds tables of another application (SQLite only: a
// PostgreSQL schema may be shared), or whose schema is newer than this
// epicevents knows.
func inspectTarget(ctx context.Context, conn *sql.DB, d Dialect) error {
	var rows *sql.Rows
	var err error
	if d == Postgres {
		rows, err = conn.QueryContext(ctx, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
	} else {
		rows, err = conn.QueryContext(ctx, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
	}
	if err != nil {
		return translate(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return translate(err)
		}
		tables = append(tables, name)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return translate(err)
	}
	ours := []string{"schema_migrations", "id_sequences"}
	for _, t := range copyTables {
		ours = append(ours, t.name)
	}
	for _, name := range tables {
		if d == SQLite && !slices.Contains(ours, name) {
			return model.Errorf(model.ECONFLICT, "the target database is not empty (it has a table %s of another "+
				"application): db copy only fills a new, empty database", name)
		}
	}
	if slices.Contains(tables, "schema_migrations") {
		ms, err := loadMigrations(d)
		if err != nil {
			return err
		}
		var v int
		if err := conn.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&v); err != nil {
			return translate(err)
		}
		if known := ms[len(ms)-1].version; v > known {
			return versionConflict(v, known)
		}
	}
	for _, t := range copyTables {
		if !t.data || !slices.Contains(tables, t.name) {
			continue
		}
		var one int
		q, _, err := sq.Select("1").From(t.name).Limit(1).ToSql()
		if err != nil {
			return err
		}
		switch err := conn.QueryRowContext(ctx, q).Scan(&one); err {
		case sql.ErrNoRows:
		case nil:
			return notEmptyTarget(t.name)
		default:
			return translate(err)
		}
	}
	return nil
}

// versionConflict refuses a target of schema version to for a copy from
// a database of version from.
func versionConflict(to, from int) error {
	return model.Errorf(model.ECONFLICT, "the target database has schema version %d and this one %d: "+
		"copy with the epicevents that wrote the newer one", to, from)
}

// notEmptyTarget refuses a target that holds rows of table.
func notEmptyTarget(table string) error {
	return model.Errorf(model.ECONFLICT, "the target database is not empty (it has %s): "+
		"db copy only fills a new, empty database", strings.ReplaceAll(table, "_", " "))
}
