package query

import (
	"database/sql"
	"math"
	"strconv"

	sq "github.com/Masterminds/squirrel"

	"epicevents/model"
)

// Completion lookups: a few records by a prefix of their id or of an
// indexed text column, each with a one-line description.

// likeQuery describes the records that completion looks up by prefix: their
// id, a one-line description, and the indexed text columns matched.
type likeQuery struct {
	id   string
	desc string
	from func(sq.SelectBuilder) sq.SelectBuilder
	text []string
}

// idRange selects the records whose id is in [lo, lo+width), by the
// primary key.
func (q likeQuery) idRange(b sq.StatementBuilderType, lo, width int64) sq.SelectBuilder {
	in := sq.And{sq.GtOrEq{q.id: lo}}
	if lo <= math.MaxInt64-width { // else every id from lo on is in range
		in = append(in, sq.Lt{q.id: lo + width})
	}
	return q.from(b.Select(q.id, q.desc)).Where(in).OrderBy(q.id)
}

// prefixed selects the records whose text column expr starts with prefix,
// ignoring case, through the column's index (startingWith): on SQLite
// without ORDER BY, since SQLite walks the NOCASE index in order and stops
// at the LIMIT, where sorting by the column would sort every match first.
func (q likeQuery) prefixed(db *DB, expr, prefix string) sq.SelectBuilder {
	return db.startingWith(q.from(db.sb.Select(q.id, q.desc)), expr, q.id, prefix)
}

// like returns up to limit pairs of id and description: first the records
// whose id starts with prefix (1, then 10-19, then 100-199, ... each an
// indexed range of the primary key), then those whose text columns start
// with it, each a LIMITed prefix match. An empty prefix gives the newest
// records.
func (tx *Tx) like(q likeQuery, prefix string, limit int) ([][2]string, error) {
	var out [][2]string
	if limit <= 0 {
		return out, nil
	}
	seen := map[int64]bool{}
	add := func(b sq.SelectBuilder) error {
		return tx.query(b.Limit(uint64(limit-len(out))), func(r *sql.Rows) error {
			var id int64
			var desc sql.NullString
			if err := r.Scan(&id, &desc); err != nil {
				return err
			}
			if !seen[id] {
				seen[id] = true
				out = append(out, [2]string{strconv.FormatInt(id, 10), desc.String})
			}
			return nil
		})
	}
	if prefix == "" {
		return out, add(q.from(tx.db.sb.Select(q.id, q.desc)).OrderBy(q.id + " DESC"))
	}
	// An id is written in digits, without a sign or a leading zero.
	if n, err := strconv.ParseInt(prefix, 10, 64); err == nil && '1' <= prefix[0] && prefix[0] <= '9' {
		var maxID int64
		if err := tx.queryRow(q.from(tx.db.sb.Select("COALESCE(MAX("+q.id+"), 0)")), &maxID); err != nil {
			return nil, err
		}
		for lo, width := n, int64(1); lo <= maxID && len(out) < limit; lo, width = lo*10, width*10 {
			if err := add(q.idRange(tx.db.sb, lo, width)); err != nil {
				return nil, err
			}
			if lo > maxID/10 { // the next range would overflow or lie beyond the last id
				break
			}
		}
	}
	for _, expr := range q.text {
		if len(out) >= limit {
			break
		}
		if err := add(q.prefixed(tx.db, expr, prefix)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// ClientsLike returns up to limit clients whose id starts with prefix, or
// whose last name or company starts with it, as pairs of id and
// description ("Jane Doe — Acme"), for completion.
func (tx *Tx) ClientsLike(prefix string, limit int) ([][2]string, error) {
	return tx.like(clientsLike, prefix, limit)
}

var clientsLike = likeQuery{
	id: "c.id", desc: "c.first_name || ' ' || c.last_name || ' — ' || c.company_name",
	from: func(b sq.SelectBuilder) sq.SelectBuilder { return b.From("clients c") },
	text: []string{"c.last_name", "c.company_name"},
}

// ContractsLike returns up to limit contracts whose id starts with prefix,
// or whose client's last name or company starts with it, as pairs of id and
// description ("Jane Doe — Acme (signed)"), for completion.
func (tx *Tx) ContractsLike(prefix string, limit int) ([][2]string, error) {
	return tx.like(contractsLike, prefix, limit)
}

var contractsLike = likeQuery{
	id:   "k.id",
	desc: clientName + " || ' — ' || c.company_name || CASE WHEN k.signed THEN ' (signed)' ELSE ' (unsigned)' END",
	from: func(b sq.SelectBuilder) sq.SelectBuilder {
		return b.From("contracts k").Join("clients c ON c.id = k.client_id")
	},
	text: []string{"c.last_name", "c.company_name"},
}

// EventsLike returns up to limit events whose id or name starts with
// prefix, as pairs of id and description ("Summer party — Jane Doe,
// 2026-06-01"), for completion.
func (tx *Tx) EventsLike(prefix string, limit int) ([][2]string, error) {
	return tx.like(eventsLike, prefix, limit)
}

var eventsLike = likeQuery{
	id:   "e.id",
	desc: "e.name || ' — ' || " + clientName + " || ', ' || SUBSTR(CAST(e.event_start AS TEXT), 1, 10)",
	from: func(b sq.SelectBuilder) sq.SelectBuilder {
		return b.From("events e").Join("clients c ON c.id = e.client_id")
	},
	text: []string{"e.name"},
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
