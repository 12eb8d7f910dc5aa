package query

import (
	"database/sql"
	"errors"
	"strconv"

	sq "github.com/Masterminds/squirrel"

	"epicevents/model"
)

// collaboratorColumns reads the department by subquery (see byID): every
// command reads its collaborator by id.
const collaboratorColumns = "u.id, u.username, u.email, u.password_hash, u.first_name, u.last_name, u.phone, " +
	departmentName + ", u.created_at, u.updated_at"

// getCollaborator reads the collaborator that the statement q selects.
func (tx *Tx) getCollaborator(q sq.Sqlizer, ref any) (*model.Collaborator, error) {
	var c model.Collaborator
	err := tx.queryRow(q,
		&c.ID, &c.Username, &c.Email, &c.PasswordHash, &c.FirstName, &c.LastName, &c.Phone,
		&c.Department, timeCol{&c.CreatedAt}, timeCol{&c.UpdatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("collaborator", ref)
	}
	return &c, err
}

// CollaboratorByID returns the collaborator with the given id. Every
// command reads its collaborator so: the statement is built once.
func (tx *Tx) CollaboratorByID(id int64) (*model.Collaborator, error) {
	q, err := tx.db.cachedSQL("collaborator by id", func(b sq.StatementBuilderType) sq.Sqlizer {
		return userByID.from(b.Select(collaboratorColumns)).Where(sq.Eq{"u.id": id})
	})
	if err != nil {
		return nil, err
	}
	return tx.getCollaborator(sq.Expr(q, id), id)
}

// Collaborator returns the collaborator named by ref, an id or a username.
func (tx *Tx) Collaborator(ref string) (*model.Collaborator, error) {
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		return tx.CollaboratorByID(id)
	}
	return tx.getCollaborator(userByID.from(tx.db.sb.Select(collaboratorColumns)).Where(sq.Eq{"u.username": ref}), ref)
}

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

// UpdateCollaborator writes every field of c but its password.
func (tx *Tx) UpdateCollaborator(c *model.Collaborator) error {
	c.UpdatedAt = tx.now
	_, err := tx.exec(tx.db.sb.Update("collaborators").SetMap(map[string]any{
		"username": c.Username, "email": c.Email, "first_name": c.FirstName, "last_name": c.LastName,
		"phone": c.Phone, "department_id": departmentID(c.Department), "updated_at": ts(tx.now),
	}).Where(sq.Eq{"id": c.ID}))
	return err
}

// SetPassword stores a new password hash for the collaborator.
func (tx *Tx) SetPassword(id int64, hash string) error {
	_, err := tx.exec(tx.db.sb.Update("collaborators").
		SetMap(map[string]any{"password_hash": hash, "updated_at": ts(tx.now)}).Where(sq.Eq{"id": id}))
	return err
}

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
	if f.Search != "" {
		where = append(where, users.searchCond(f.Search))
	}
	return tx.list(users, where, opts, yield)
}

// UsernamesLike returns up to limit usernames starting with prefix, of the
// given department when it is not empty, for completion.
func (tx *Tx) UsernamesLike(prefix string, dept model.Department, limit int) ([][2]string, error) {
	q := users.from(tx.db.sb.Select("u.username", "u.first_name || ' ' || u.last_name")).
		Where(tx.db.startsWith("u.username", prefix)).OrderBy("u.username").Limit(uint64(limit))
	if dept != "" {
		q = q.Where(sq.Eq{"d.name": string(dept)})
	}
	var out [][2]string
	err := tx.query(q, func(r *sql.Rows) error {
		var u, n string
		if err := r.Scan(&u, &n); err != nil {
			return err
		}
		out = append(out, [2]string{u, n})
		return nil
	})
	return out, err
}
