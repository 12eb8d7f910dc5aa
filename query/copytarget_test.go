package query

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"epicevents/model"
)

// fileState is what a refused target must keep: its mode, its bytes, and
// the files beside it (no -wal or -shm left behind).
type fileState struct {
	mode  os.FileMode
	data  string
	files []string
}

func stateOf(t *testing.T, path string) fileState {
	t.Helper()
	fi, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	entries, _ := os.ReadDir(filepath.Dir(path))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return fileState{fi.Mode(), string(b), names}
}

// TestCopyTargetRefusedUnchanged: a SQLite target that db copy refuses is
// left exactly as it was: its mode (not set to 0600), its bytes (not
// migrated, not turned to WAL) and its folder (no -wal or -shm file).
func TestCopyTargetRefusedUnchanged(t *testing.T) {
	ctx := context.Background()
	for name, tc := range map[string]struct {
		make func(t *testing.T, path string)
		code string
		msg  string
	}{
		"TextFile": {func(t *testing.T, path string) {
			os.WriteFile(path, []byte("hello, not a database\n"), 0o644)
		}, model.EENV, "is not a database"},
		"ShortFile": {func(t *testing.T, path string) { os.WriteFile(path, []byte("SQL"), 0o644) },
			model.EENV, "is not a database"},
		"NotEmpty": {func(t *testing.T, path string) {
			db := MustOpenURL(t, path)
			pgCollaborator(t, db, "zed", "Z", model.Management)
			db.Close()
		}, model.ECONFLICT, "the target database is not empty (it has collaborators)"},
		"AnotherApplication": {func(t *testing.T, path string) {
			// A rollback-journal database, which opening as ours would
			// also turn to WAL.
			mustSQL(t, path, "CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
		}, model.ECONFLICT, "the target database is not empty (it has a table recipes of another application)"},
		"AnotherApplicationEmptyTable": {func(t *testing.T, path string) {
			mustSQL(t, path, "CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)", "DELETE FROM recipes")
		}, model.ECONFLICT, "table recipes of another application"},
		"Newer": {func(t *testing.T, path string) {
			db := MustOpenURL(t, path)
			db.Close()
			mustSQL(t, path, "INSERT INTO schema_migrations (version, applied_at) VALUES (9999, 'later')")
		}, model.ECONFLICT, "the target database has schema version 9999"},
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "target.db")
			tc.make(t, path)
			os.Chmod(path, 0o644)
			before := stateOf(t, path)
			db, err := OpenCopyTarget(ctx, path)
			if err == nil {
				db.Close()
			}
			if model.ErrorCode(err) != tc.code || !strings.Contains(model.ErrorMessage(err), tc.msg) ||
				strings.Contains(model.ErrorMessage(err), "\n") {
				t.Fatalf("OpenCopyTarget = %v (%s); want %s saying %q", err, model.ErrorCode(err), tc.code, tc.msg)
			}
			if after := stateOf(t, path); !reflect.DeepEqual(before, after) {
				t.Fatalf("the refused target changed: mode %v -> %v, %d -> %d bytes, files %v -> %v",
					before.mode, after.mode, len(before.data), len(after.data), before.files, after.files)
			}
		})
	}
	// The database in use, opened as such, is not changed by a file that
	// is not a database either (its mode stays).
	path := filepath.Join(t.TempDir(), "text.db")
	os.WriteFile(path, []byte("hello\n"), 0o644)
	os.Chmod(path, 0o644)
	before := stateOf(t, path)
	if _, err := Open(ctx, path); model.ErrorCode(err) != model.EENV {
		t.Fatalf("Open(text file) = %v", err)
	}
	if after := stateOf(t, path); !reflect.DeepEqual(before, after) {
		t.Fatalf("Open changed a file that is not a database: %+v -> %+v", before.mode, after.mode)
	}
}

// TestCopyTargetAccepted: a missing file, an empty file and an empty
// epicevents database are targets; they are opened as Open does (0600,
// migrated).
func TestCopyTargetAccepted(t *testing.T) {
	for name, make := range map[string]func(t *testing.T, path string){
		"Missing":   func(t *testing.T, path string) {},
		"EmptyFile": func(t *testing.T, path string) { os.WriteFile(path, nil, 0o644) },
		"EmptyDatabase": func(t *testing.T, path string) {
			db := MustOpenURL(t, path)
			db.Close()
		},
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "target.db")
			make(t, path)
			db, err := OpenCopyTarget(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if v, err := db.SchemaVersion(context.Background()); err != nil || v == 0 {
				t.Fatalf("not migrated: %d, %v", v, err)
			}
			mustMode(t, path, 0o600)
		})
	}
}

// mustSQL runs statements on the SQLite file at path with the driver
// alone, as another program would.
func mustSQL(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func mustMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != want {
		t.Fatalf("mode of %s = %#o, want %#o", path, fi.Mode().Perm(), want)
	}
}

// TestCopyTargetNotEmptyBothEngines: a target holding records is refused
// by OpenCopyTarget on each engine, before anything is written to it.
func TestCopyTargetNotEmptyBothEngines(t *testing.T) {
	forEachEngineURL(t, func(t *testing.T, url string) {
		db := MustOpenURL(t, url)
		pgCollaborator(t, db, "zed", "Z", model.Management)
		before := dump(t, db)
		dst, err := OpenCopyTarget(context.Background(), url)
		if err == nil {
			dst.Close()
		}
		if model.ErrorCode(err) != model.ECONFLICT || !strings.Contains(err.Error(), "not empty (it has collaborators)") {
			t.Fatalf("OpenCopyTarget = %v", err)
		}
		if !reflect.DeepEqual(before, dump(t, db)) {
			t.Fatal("the refused target changed")
		}
	})
}
