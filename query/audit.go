package query

import (
	"database/sql"
	"encoding/json"
	"strconv"
	"time"

	sq "github.com/Masterminds/squirrel"

	"epicevents/model"
)

// Audit records one entry of the audit trail, at the transaction's time.
// changes maps a field to its old and new values; callers never put a
// password or hash in it.
func (tx *Tx) Audit(e model.AuditEntry) error {
	values, err := tx.auditRow(e)
	if err != nil {
		return err
	}
	q, err := tx.db.cachedSQL("audit", func(b sq.StatementBuilderType) sq.Sqlizer {
		return b.Insert("audit").Columns("at", "actor_id", "actor", "action", "entity", "entity_id", "changes").Values(values...)
	})
	if err != nil {
		return err
	}
	_, err = tx.exec(sq.Expr(q, values...))
	return err
}

// auditRow returns the values of the audit columns (at, actor_id, actor,
// action, entity, entity_id, changes) for e, at the transaction's time.
func (tx *Tx) auditRow(e model.AuditEntry) ([]any, error) {
	changes := e.Changes
	if changes == nil {
		changes = map[string][2]any{}
	}
	body, err := json.Marshal(changes)
	if err != nil {
		return nil, err
	}
	return []any{ts(tx.now), e.ActorID, e.Actor, e.Action, e.Entity, e.EntityID, string(body)}, nil
}

// ListAudit streams the audit entries matching f and opts.
func (tx *Tx) ListAudit(f model.AuditFilter, opts model.ListOptions, yield func([]any) error) error {
	var where []sq.Sqlizer
	if f.Entity != "" {
		where = append(where, sq.Eq{"a.entity": f.Entity})
	}
	where = eqIf(where, "a.entity_id", f.EntityID)
	where = eqIf(where, "a.actor_id", f.ActorID)
	return tx.list(audits, where, opts, yield)
}

// RecordLoginFailure notes a failed login for the account key names: see
// LoginKey.
func (tx *Tx) RecordLoginFailure(key string) error {
	_, err := tx.exec(tx.db.sb.Insert("login_failures").Columns("username", "at").Values(key, ts(tx.now)))
	return err
}

// LoginKey is the key failed logins are counted under: the account, "#ID",
// for a known collaborator, whatever form named it (username, 1, 0001, +1);
// else the name as typed, trimmed and lower-cased, or "#N" for a number,
// so that 7, 07 and +7 count as one.
func LoginKey(c *model.Collaborator, typed string) string {
	if c != nil {
		return "#" + strconv.FormatInt(c.ID, 10)
	}
	typed = model.FoldUsername(typed)
	if id, err := strconv.ParseInt(typed, 10, 64); err == nil {
		return "#" + strconv.FormatInt(id, 10)
	}
	return typed
}

// LoginFailures returns how many failed logins the account key names (see
// LoginKey) has since since, and the time of the latest.
func (tx *Tx) LoginFailures(username string, since time.Time) (int, time.Time, error) {
	var n int
	var last time.Time
	err := tx.queryRow(tx.db.sb.Select("COUNT(*)", "MAX(at)").From("login_failures").
		Where(sq.Eq{"username": username}).Where(sq.GtOrEq{"at": ts(since)}), &n, timeCol{&last})
	return n, last, err
}

// ClearLoginFailures forgets the failed logins of username, after a
// successful one.
func (tx *Tx) ClearLoginFailures(username string) error {
	_, err := tx.exec(tx.db.sb.Delete("login_failures").Where(sq.Eq{"username": username}))
	return err
}

// DatabaseID returns the identifier of the database, made once when it was
// set up (migrations/*/0003): sessions are bound to it.
func (tx *Tx) DatabaseID() (string, error) {
	if id, ok := tx.db.id.Load().(string); ok {
		return id, nil
	}
	var id string
	if err := tx.queryRow(tx.db.sb.Select("uid").From("database_info").Where(sq.Eq{"id": 1}), &id); err != nil {
		return "", err
	}
	tx.db.id.Store(id)
	return id, nil
}

// LoginFailureTimes returns the times of the failed logins of the account
// key names (see LoginKey) since since, oldest first.
func (tx *Tx) LoginFailureTimes(key string, since time.Time) ([]time.Time, error) {
	var times []time.Time
	err := tx.query(tx.db.sb.Select("at").From("login_failures").
		Where(sq.Eq{"username": key}).Where(sq.GtOrEq{"at": ts(since)}).OrderBy("at"), func(r *sql.Rows) error {
		var at time.Time
		if err := r.Scan(timeCol{&at}); err != nil {
			return err
		}
		times = append(times, at)
		return nil
	})
	return times, err
}
