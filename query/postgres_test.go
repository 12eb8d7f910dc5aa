package query

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	sq "github.com/Masterminds/squirrel"
	"github.com/jackc/pgx/v5/pgconn"

	"epicevents/internal/pgtest"
	"epicevents/model"
)

// pgCollaborator creates a collaborator of dept, for the tests of this file.
func pgCollaborator(t *testing.T, db *DB, username, lastName string, dept model.Department) int64 {
	t.Helper()
	c := model.Collaborator{Username: username, Email: username + "@epic.test", PasswordHash: "x",
		FirstName: username, LastName: lastName, Department: dept}
	if err := db.Update(context.Background(), func(tx *Tx) error { return tx.CreateCollaborator(&c) }); err != nil {
		t.Fatal(err)
	}
	return c.ID
}

// mustExec runs statements in one write transaction.
func mustExec(t *testing.T, db *DB, stmts ...sq.Sqlizer) {
	t.Helper()
	err := db.Update(context.Background(), func(tx *Tx) error {
		for _, s := range stmts {
			if _, err := tx.exec(s); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestMigrationsSameVersions(t *testing.T) {
	versions := map[Dialect][]int{}
	for _, d := range testEngines {
		ms, err := loadMigrations(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			versions[d] = append(versions[d], m.version)
		}
	}
	if !reflect.DeepEqual(versions[SQLite], versions[Postgres]) {
		t.Fatalf("migration versions differ: sqlite %v, postgres %v: each migration needs its twin in migrations/postgres",
			versions[SQLite], versions[Postgres])
	}
	if _, err := fs.Stat(migrations, "migrations/postgres"); err != nil {
		t.Fatal(err)
	}
}

// TestTranslateDriver checks the PostgreSQL errors that have an operator's
// message, the same as SQLite's.
func TestTranslateDriver(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		code string
		msg  string
	}{
		{"Username", &pgconn.PgError{Code: "23505", TableName: "collaborators", ConstraintName: "collaborators_username_key"},
			model.ECONFLICT, "a collaborator with this username already exists"},
		{"ClientEmail", &pgconn.PgError{Code: "23505", TableName: "clients", ConstraintName: "clients_email_key"},
			model.ECONFLICT, "a client with this email already exists"},
		{"NoTableName", &pgconn.PgError{Code: "23505", ConstraintName: "collaborators_email_key"},
			model.ECONFLICT, "a collaborator with this email already exists"},
		{"PrimaryKey", &pgconn.PgError{Code: "23505", TableName: "collaborators", ConstraintName: "collaborators_pkey"},
			model.ECONFLICT, "a collaborator with this id already exists"},
		{"Check", &pgconn.PgError{Code: "23514"}, model.EINVALID, "value out of range"},
		{"ForeignKey", &pgconn.PgError{Code: "23503"}, model.ECONFLICT, "the record is still referenced by others"},
		{"Canceled", &pgconn.PgError{Code: "57014"}, model.ECANCELED, "canceled"},
		{"Serialization", &pgconn.PgError{Code: "40001"}, model.ECONFLICT, "the database is busy: try again"},
		{"Deadlock", &pgconn.PgError{Code: "40P01"}, model.ECONFLICT, "the database is busy: try again"},
		{"LockTimeout", &pgconn.PgError{Code: "55P03"}, model.ECONFLICT, "the database is busy: try again"},
		{"Wrapped", fmt.Errorf("insert: %w", &pgconn.PgError{Code: "23514"}), model.EINVALID, "value out of range"},
		{"Other", &pgconn.PgError{Code: "42601", Message: "syntax error"}, model.EINTERNAL, "internal error"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := translate(tc.err)
			if model.ErrorCode(err) != tc.code || model.ErrorMessage(err) != tc.msg {
				t.Fatalf("translate = %q (%s), want %q (%s)", model.ErrorMessage(err), model.ErrorCode(err), tc.msg, tc.code)
			}
		})
	}
	t.Run("KeepsTheCause", func(t *testing.T) {
		if err := translate(&pgconn.PgError{Code: "40001"}); !lostRace(err) {
			t.Fatalf("a translated serialization failure is no longer recognised: %v", err)
		}
	})
}

// TestConnectionRefused checks that an unreachable server is a clear
// error, without the password.
func TestConnectionRefused(t *testing.T) {
	_, err := Open(context.Background(), "postgres://someone:s3cret@127.0.0.1:1/nothing?sslmode=disable&connect_timeout=2")
	msg := model.ErrorMessage(err)
	if err == nil || !strings.HasPrefix(msg, "cannot connect to the database: ") || strings.Contains(msg, "s3cret") {
		t.Fatalf("Open = %v", msg)
	}
	// One line, naming the server and the cause, when pgx tried several
	// times (sslmode=prefer tries TLS, then not) or several servers, each
	// of which it would put on a line of its own.
	for _, url := range []string{
		"postgres://someone:s3cret@127.0.0.1:1/nothing?connect_timeout=2",
		"postgres://someone:s3cret@127.0.0.1:1,127.0.0.1:2/nothing?connect_timeout=2",
	} {
		_, err = Open(context.Background(), url)
		mustEnvError(t, err, "127.0.0.1:1", "connection refused")
		if msg := model.ErrorMessage(err); strings.Contains(msg, "s3cret") || strings.Contains(msg, "\t") ||
			strings.Count(msg, "127.0.0.1:1 (") != 1 {
			t.Errorf("%s: %q", url, msg)
		}
	}
	_, err = Open(context.Background(), "postgres://someone:s3cret@127.0.0.1:1,127.0.0.1:2/nothing?connect_timeout=2")
	mustEnvError(t, err, "127.0.0.1:2", "connection refused")
	_, err = Open(context.Background(), "postgres://someone:s3cret@127.0.0.1:5432/db?sslmode=bogus")
	if model.ErrorCode(err) != model.EINVALID || strings.Contains(err.Error(), "s3cret") {
		t.Fatalf("bad URL: %v", err)
	}
}

// TestOneLine: a driver's message of several lines reads as one, each
// line once, a heading followed by its attempts.
func TestOneLine(t *testing.T) {
	for in, want := range map[string]string{
		"":                       "",
		"refused":                "refused",
		"failed to connect:":     "failed to connect:",
		"failed:\n\ta\n\tb\n\ta": "failed: a; b",
		"a\nb\n\n a ":            "a; b",
		"a:\n":                   "a:",
	} {
		wantResult(t, "oneLine", oneLine, in, want)
	}
}

// TestPostgresSessionSettings: epicevents' connections name themselves,
// run in UTC and wait 10 s for a lock, unless the URL says otherwise (the
// time zone excepted: times are UTC whatever the URL says).
func TestPostgresSessionSettings(t *testing.T) {
	base := pgtest.URL(t)
	show := func(url string) (app, lock, tz string) {
		db := MustOpenURL(t, url)
		err := db.View(context.Background(), func(tx *Tx) error {
			for _, v := range []struct {
				name string
				dest *string
			}{{"application_name", &app}, {"lock_timeout", &lock}, {"timezone", &tz}} {
				if err := tx.tx.QueryRowContext(tx.ctx, "SHOW "+v.name).Scan(v.dest); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return app, lock, tz
	}
	if app, lock, tz := show(base); app != "epicevents" || lock != "10s" || tz != "UTC" {
		t.Errorf("defaults: application_name %q, lock_timeout %q, timezone %q", app, lock, tz)
	}
	if app, lock, tz := show(base + "&application_name=crm-night&lock_timeout=2s&TimeZone=Europe/Paris"); app != "crm-night" || lock != "2s" || tz != "UTC" {
		t.Errorf("from the URL: application_name %q, lock_timeout %q, timezone %q", app, lock, tz)
	}
}

// TestErrorsBothEngines checks that constraint failures read the same on
// both engines.
func TestErrorsBothEngines(t *testing.T) {
	ForEachEngine(t, func(t *testing.T, db *DB) {
		alice := pgCollaborator(t, db, "alice", "Martin", model.Commercial)
		create := func(username, email string) error {
			c := model.Collaborator{Username: username, Email: email, PasswordHash: "x", FirstName: "A", LastName: "B",
				Department: model.Support}
			return db.Update(context.Background(), func(tx *Tx) error { return tx.CreateCollaborator(&c) })
		}
		for _, tc := range []struct {
			name string
			err  error
			code string
			msg  string
		}{
			{"ErrUsername", create("alice", "other@epic.test"), model.ECONFLICT, "a collaborator with this username already exists"},
			{"ErrEmail", create("bob", "alice@epic.test"), model.ECONFLICT, "a collaborator with this email already exists"},
			{"ErrCheck", db.Update(context.Background(), func(tx *Tx) error {
				_, err := tx.exec(tx.db.sb.Insert("clients").
					Columns("first_name", "last_name", "email", "phone", "company_name", "sales_contact_id", "created_at", "updated_at").
					Values("J", "D", "j@d.test", "0102030405", "Acme", alice, ts(tx.now), ts(tx.now)))
				if err != nil {
					return err
				}
				_, err = tx.exec(tx.db.sb.Insert("contracts").
					Columns("client_id", "sales_contact_id", "total_amount", "amount_due", "signed", "created_at", "updated_at").
					Values(1, alice, 100, 200, false, ts(tx.now), ts(tx.now)))
				return err
			}), model.EINVALID, "value out of range"},
			{"ErrForeignKey", db.Update(context.Background(), func(tx *Tx) error {
				_, err := tx.exec(tx.db.sb.Insert("clients").
					Columns("first_name", "last_name", "email", "phone", "company_name", "sales_contact_id", "created_at", "updated_at").
					Values("J", "D", "j@d.test", "0102030405", "Acme", 999, ts(tx.now), ts(tx.now)))
				return err
			}), model.ECONFLICT, "the record is still referenced by others"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				if model.ErrorCode(tc.err) != tc.code || model.ErrorMessage(tc.err) != tc.msg {
					t.Fatalf("err = %v (%s), want %q", tc.err, model.ErrorCode(tc.err), tc.msg)
				}
			})
		}
	})
}

// TestIDsBothEngines checks that ids are given alike: a failed insert uses
// no id, and the id of a deleted record is never given again.
func TestIDsBothEngines(t *testing.T) {
	ForEachEngine(t, func(t *testing.T, db *DB) {
		if id := pgCollaborator(t, db, "alice", "A", model.Management); id != 1 {
			t.Fatalf("first id %d", id)
		}
		c := model.Collaborator{Username: "alice", Email: "x@epic.test", PasswordHash: "x", FirstName: "A", LastName: "B",
			Department: model.Support}
		if err := db.Update(context.Background(), func(tx *Tx) error { return tx.CreateCollaborator(&c) }); err == nil {
			t.Fatal("duplicate accepted")
		}
		bob := pgCollaborator(t, db, "bob", "B", model.Support)
		if bob != 2 {
			t.Fatalf("after a failed insert, id %d, want 2", bob)
		}
		mustExec(t, db, db.sb.Delete("collaborators").Where(sq.Eq{"id": bob}))
		if id := pgCollaborator(t, db, "carl", "C", model.Support); id != 3 {
			t.Fatalf("after deleting 2, id %d, want 3", id)
		}
	})
}

// TestTextBothEngines checks that sorting, contains and prefix matches give
// the same rows in the same order on both engines, whatever the server's
// locale.
func TestTextBothEngines(t *testing.T) {
	results := map[string][]string{}
	var mu sync.Mutex
	ForEachEngine(t, func(t *testing.T, db *DB) {
		for i, name := range []string{"de Gaulle", "Dupont", "Zola", "Élise", "ärger", "100% Sure", "Under_score", "back\\slash"} {
			pgCollaborator(t, db, fmt.Sprintf("u%d", i), name, model.Commercial)
		}
		var got []string
		list := func(label string, opts model.ListOptions, search string) {
			var names []string
			err := db.View(context.Background(), func(tx *Tx) error {
				return tx.ListUsers(model.UserFilter{Search: search}, opts, func(r []any) error {
					names = append(names, r[4].(string))
					return nil
				})
			})
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, label+": "+strings.Join(names, "|"))
		}
		list("sort", model.ListOptions{Sort: "last_name"}, "")
		list("desc", model.ListOptions{Sort: "last_name", Desc: true}, "")
		list("search %", model.ListOptions{}, "0%")
		list("search _", model.ListOptions{}, "r_s")
		list("search \\", model.ListOptions{}, "K\\S")
		list("search case", model.ListOptions{}, "DUP")
		list("term ~", model.ListOptions{Terms: []model.Term{{Field: "last_name", Op: "~", Value: "GAUL"}}}, "")
		list("term <", model.ListOptions{Sort: "last_name", Terms: []model.Term{{Field: "last_name", Op: "<", Value: "Z"}}}, "")
		err := db.View(context.Background(), func(tx *Tx) error {
			for _, p := range []string{"u", "U1", "u_", "%"} {
				names, err := tx.UsernamesLike(p, "", 3)
				if err != nil {
					return err
				}
				got = append(got, fmt.Sprintf("like %s: %v", p, names))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		results[string(db.Dialect)] = got
		mu.Unlock()
	})
	if pg, ok := results[string(Postgres)]; ok {
		for i, want := range results[string(SQLite)] {
			if pg[i] != want {
				t.Errorf("postgres %s, sqlite %s", pg[i], want)
			}
		}
	}
	if want := "sort: 100% Sure|Dupont|Under_score|Zola|back\\slash|de Gaulle|Élise|ärger"; results[string(SQLite)][0] != want {
		t.Errorf("sqlite %s, want %s", results[string(SQLite)][0], want)
	}
}

// TestTimesBothEngines checks that times come back as they were written,
// in UTC, whatever time zone the PostgreSQL URL asks for.
func TestTimesBothEngines(t *testing.T) {
	at := time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC) // a DST change in Europe
	check := func(t *testing.T, db *DB) {
		db.Now = func() time.Time { return at.In(time.FixedZone("X", 5*3600)) }
		id := pgCollaborator(t, db, "alice", "A", model.Management)
		err := db.Update(context.Background(), func(tx *Tx) error {
			c, err := tx.CollaboratorByID(id)
			if err != nil {
				return err
			}
			if !c.CreatedAt.Equal(at) || c.CreatedAt.Location() != time.UTC {
				t.Errorf("created_at %v, want %v", c.CreatedAt, at)
			}
			if err := tx.RecordLoginFailure("alice"); err != nil {
				return err
			}
			n, last, err := tx.LoginFailures("alice", at.Add(-time.Second))
			if n != 1 || !last.Equal(at) {
				t.Errorf("login failures %d, %v", n, last)
			}
			n, _, _ = tx.LoginFailures("alice", at.Add(time.Second))
			if n != 0 {
				t.Errorf("login failures after %v: %d", at, n)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	ForEachEngine(t, check)
	t.Run("PostgresOtherZone", func(t *testing.T) {
		u, err := url.Parse(pgtest.URL(t))
		if err != nil {
			t.Fatal(err)
		}
		q := u.Query()
		q.Set("TimeZone", "Asia/Tokyo")
		u.RawQuery = q.Encode()
		check(t, MustOpenURL(t, u.String()))
	})
}

// TestNoLostUpdates runs read-modify-write transactions from several
// connections at once, each reading a contract's amount due and writing it
// back less one: on both engines, writers take turns and none is lost.
func TestNoLostUpdates(t *testing.T) {
	forEachEngineURL(t, func(t *testing.T, url string) {
		db := MustOpenURL(t, url)
		alice := pgCollaborator(t, db, "alice", "A", model.Commercial)
		now := ts(time.Now())
		mustExec(t, db,
			db.sb.Insert("clients").Columns("first_name", "last_name", "email", "phone", "company_name", "sales_contact_id", "created_at", "updated_at").
				Values("J", "D", "j@d.test", "0102030405", "Acme", alice, now, now),
			db.sb.Insert("contracts").Columns("client_id", "sales_contact_id", "total_amount", "amount_due", "signed", "created_at", "updated_at").
				Values(1, alice, 100000, 100000, true, now, now))
		const workers, each = 8, 25
		var wg sync.WaitGroup
		errs := make(chan error, workers)
		for range workers {
			conn := MustOpenURL(t, url)
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range each {
					err := conn.Update(context.Background(), func(tx *Tx) error {
						var due int64
						if err := tx.queryRow(tx.db.sb.Select("amount_due").From("contracts").Where(sq.Eq{"id": 1}), &due); err != nil {
							return err
						}
						time.Sleep(100 * time.Microsecond) // let the others read the same
						_, err := tx.exec(tx.db.sb.Update("contracts").Set("amount_due", due-1).Where(sq.Eq{"id": 1}))
						return err
					})
					if err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		var due int64
		err := db.View(context.Background(), func(tx *Tx) error {
			return tx.queryRow(tx.db.sb.Select("amount_due").From("contracts").Where(sq.Eq{"id": 1}), &due)
		})
		if err != nil || due != 100000-workers*each {
			t.Fatalf("amount due %d (%v), want %d", due, err, 100000-workers*each)
		}
	})
}

// TestConcurrentOpen opens a new PostgreSQL schema from several connections
// at once: one migrates, the others wait and find it done.
func TestConcurrentOpen(t *testing.T) {
	url := pgtest.URL(t)
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			db, err := Open(context.Background(), url)
			if err == nil {
				db.Close()
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}

// TestBackoffWaits: the waits between attempts double from the first up
// to the longest, each drawn between half and one and a half times its
// value, so that two writers that raced do not race again.
func TestBackoffWaits(t *testing.T) {
	b := backoff{attempts: 10, first: 5 * time.Millisecond, max: 40 * time.Millisecond}
	var waits []time.Duration
	for w, i := b.first, 0; i < 6; w, i = b.next(w), i+1 {
		waits = append(waits, w)
	}
	want := []time.Duration{5, 10, 20, 40, 40, 40}
	for i := range want {
		want[i] *= time.Millisecond
	}
	if !slices.Equal(waits, want) {
		t.Errorf("waits %v, want %v", waits, want)
	}
	const wait = 100 * time.Millisecond
	low, high := false, false
	for range 1000 {
		d := jitter(wait)
		if d < wait/2 || d >= wait*3/2 {
			t.Fatalf("jitter(%v) = %v, want in [%v, %v)", wait, d, wait/2, wait*3/2)
		}
		low, high = low || d < wait, high || d > wait
	}
	if !low || !high {
		t.Errorf("1000 jitters of %v are all on one side of it", wait)
	}
}

// TestRetryPolicy: a write that keeps losing races on PostgreSQL is
// given up after about two seconds of waits in all, which start short.
func TestRetryPolicy(t *testing.T) {
	var total time.Duration
	for w, n := retryPolicy.first, 1; n < retryPolicy.attempts; w, n = retryPolicy.next(w), n+1 {
		total += w
	}
	if retryPolicy.first <= 0 || retryPolicy.first > 10*time.Millisecond || total < time.Second || total > 3*time.Second {
		t.Errorf("first wait %v, %v of waits in all: want a few ms, then about two seconds", retryPolicy.first, total)
	}
}

// TestNoRetryOnSQLite: SQLite's writers take turns, so that a transaction
// is never run again there, whatever its error.
func TestNoRetryOnSQLite(t *testing.T) {
	db := MustOpenEngine(t, SQLite)
	n := 0
	err := db.Update(context.Background(), func(tx *Tx) error { n++; return &pgconn.PgError{Code: pgSerializationFailure} })
	if err == nil || n != 1 {
		t.Fatalf("err %v after %d runs, want one failed run", err, n)
	}
}

// TestRetry checks the retry of transactions that lost a race.
func TestRetry(t *testing.T) {
	fast := backoff{attempts: 4, first: time.Microsecond, max: time.Millisecond}
	race := translate(&pgconn.PgError{Code: "40001"})
	t.Run("ThenSuccess", func(t *testing.T) {
		n := 0
		err := fast.run(context.Background(), func() error {
			if n++; n < 3 {
				return race
			}
			return nil
		})
		if err != nil || n != 3 {
			t.Fatalf("err %v after %d attempts", err, n)
		}
	})
	t.Run("ErrBusy", func(t *testing.T) {
		n := 0
		err := fast.run(context.Background(), func() error { n++; return &pgconn.PgError{Code: "40P01"} })
		if n != 4 || model.ErrorCode(err) != model.ECONFLICT || err.Error() != "the database is busy: try again" {
			t.Fatalf("err %v after %d attempts", err, n)
		}
	})
	t.Run("OtherErrorsOnce", func(t *testing.T) {
		n := 0
		want := model.Errorf(model.EINVALID, "no")
		err := fast.run(context.Background(), func() error { n++; return want })
		if n != 1 || !errors.Is(err, want) {
			t.Fatalf("err %v after %d attempts", err, n)
		}
	})
	t.Run("Canceled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		err := backoff{attempts: 4, first: time.Hour, max: time.Hour}.run(ctx, func() error { return race })
		if model.ErrorCode(err) != model.ECANCELED {
			t.Fatalf("err %v", err)
		}
	})
	// A real one: a transaction that fails with a serialization failure
	// the first time runs again, and its second run commits.
	t.Run("Postgres", func(t *testing.T) {
		db := MustOpenURL(t, pgtest.URL(t))
		n := 0
		err := db.Update(context.Background(), func(tx *Tx) error {
			if n++; n == 1 {
				_, err := tx.tx.ExecContext(tx.ctx, "DO $$ BEGIN RAISE EXCEPTION 'lost' USING ERRCODE = '40001'; END $$")
				return translate(err)
			}
			return tx.RecordLoginFailure("x")
		})
		if err != nil || n != 2 {
			t.Fatalf("err %v after %d runs", err, n)
		}
	})
}

// TestCompletionIndexesPostgres checks that an index can serve every
// completion look-up on PostgreSQL, as TestCompletionUsesIndexes does on
// SQLite: with sequential scans priced out, no plan scans a whole table.
func TestCompletionIndexesPostgres(t *testing.T) {
	db := MustOpenURL(t, pgtest.URL(t))
	for name, q := range map[string]likeQuery{"clients": clientsLike, "contracts": contractsLike, "events": eventsLike} {
		queries := []sq.SelectBuilder{q.idRange(db.sb, 10, 10).Limit(5)}
		for _, expr := range q.text {
			queries = append(queries, q.prefixed(db, expr, "ab").Limit(5))
		}
		for _, b := range queries {
			text, args, err := b.ToSql()
			if err != nil {
				t.Fatal(err)
			}
			var plan []string
			err = db.View(context.Background(), func(tx *Tx) error {
				if _, err := tx.tx.ExecContext(tx.ctx, "SET LOCAL enable_seqscan = off"); err != nil {
					return err
				}
				rows, err := tx.tx.QueryContext(tx.ctx, "EXPLAIN "+text, args...)
				if err != nil {
					return err
				}
				defer rows.Close()
				for rows.Next() {
					var line string
					if err := rows.Scan(&line); err != nil {
						return err
					}
					plan = append(plan, line)
				}
				return rows.Err()
			})
			if err != nil {
				t.Fatal(err)
			}
			if p := strings.Join(plan, "\n"); strings.Contains(p, "Seq Scan") {
				t.Errorf("%s: a full scan for %s:\n%s", name, text, p)
			}
		}
	}
}
