package query

import (
	"math/rand/v2"

	sq "github.com/Masterminds/squirrel"

	"epicevents/model"
)

// CountCollaborators returns how many collaborators exist.
func (tx *Tx) CountCollaborators() (int64, error) {
	var n int64
	err := tx.queryRow(tx.db.sb.Select("COUNT(*)").From("collaborators"), &n)
	return n, err
}

func departmentID(d model.Department) sq.Sqlizer {
	return sq.Expr("(SELECT id FROM departments WHERE name = ?)", string(d))
}

// CreateCollaborator inserts c, which must be valid and hold a password
// hash, and sets its id and times.
func (tx *Tx) CreateCollaborator(c *model.Collaborator) error {
	c.CreatedAt, c.UpdatedAt = tx.now, tx.now
	return tx.queryRow(tx.db.sb.Insert("collaborators").
		Columns("username", "email", "password_hash", "first_name", "last_name", "phone", "department_id", "created_at", "updated_at").
		Values(c.Username, c.Email, c.PasswordHash, c.FirstName, c.LastName, c.Phone, departmentID(c.Department), ts(tx.now), ts(tx.now)).
		Suffix("RETURNING id"), &c.ID)
}

// UpdateCollaborator writes every field of c but its password. A new
// username or department ends the collaborator's sessions: they get a new
// session stamp (migration 0006), which c.SessionStamp is set to.
func (tx *Tx) UpdateCollaborator(c *model.Collaborator) error {
	c.UpdatedAt = tx.now
	// The expressions of SET read the row as it was before the UPDATE.
	changed := sq.Expr("CASE WHEN username = ? AND department_id = ? THEN session_stamp ELSE ? END",
		c.Username, departmentID(c.Department), newSessionStamp())
	return tx.queryRow(tx.db.sb.Update("collaborators").SetMap(map[string]any{
		"username": c.Username, "email": c.Email, "first_name": c.FirstName, "last_name": c.LastName,
		"phone": c.Phone, "department_id": departmentID(c.Department), "updated_at": ts(tx.now),
		"session_stamp": changed,
	}).Where(sq.Eq{"id": c.ID}).Suffix("RETURNING session_stamp"), &c.SessionStamp)
}

// SetPassword stores a new password hash for the collaborator and ends
// their sessions; it returns their new session stamp, which a session
// opened from now on carries.
func (tx *Tx) SetPassword(id int64, hash string) (stamp int64, err error) {
	err = tx.queryRow(tx.db.sb.Update("collaborators").
		SetMap(map[string]any{"password_hash": hash, "updated_at": ts(tx.now), "session_stamp": newSessionStamp()}).
		Where(sq.Eq{"id": id}).Suffix("RETURNING session_stamp"), &stamp)
	return stamp, err
}

// newSessionStamp returns a random session stamp, from 1 to 2^62: random,
// so that a session saved by a command that never committed (killed
// between the two) cannot match a stamp given later; never 0, the stamp of
// the collaborators who never changed, which the sessions of before
// migration 0006 carry.
func newSessionStamp() int64 { return 1 + rand.Int64N(1<<62) }

// DeleteCollaborator removes the collaborator; it must own nothing.
func (tx *Tx) DeleteCollaborator(id int64) error {
	_, err := tx.exec(tx.db.sb.Delete("collaborators").Where(sq.Eq{"id": id}))
	return err
}

// ShowUser returns the collaborator with the given id as an output record.
func (tx *Tx) ShowUser(id int64) ([]any, error) { return tx.show(userByID, id) }

// ListUsers streams the collaborators matching f and opts.
func (tx *Tx) ListUsers(f model.UserFilter, opts model.ListOptions, yield func([]any) error) error {
	var where []sq.Sqlizer
	if f.Department != "" {
		where = append(where, sq.Eq{"d.name": f.Department})
	}
	if err := model.CheckFilters(nil, f.Search); err != nil {
		return err
	}
	if f.Search != "" {
		where = append(where, users.searchCond(tx.db.Dialect, f.Search))
	}
	return tx.list(users, where, opts, yield)
}
