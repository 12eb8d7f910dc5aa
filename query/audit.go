package query

import (
	"encoding/json"
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

// RecordLoginFailure notes a failed login for username.
func (tx *Tx) RecordLoginFailure(username string) error {
	_, err := tx.exec(tx.db.sb.Insert("login_failures").Columns("username", "at").Values(username, ts(tx.now)))
	return err
}

// LoginFailures returns how many failed logins username has since since,
// and the time of the latest.
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
