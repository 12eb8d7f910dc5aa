package query

import (
	"database/sql"
	"strings"

	sq "github.com/Masterminds/squirrel"

	"epicevents/model"
)

// The read path of every entity: a list, a show and the loaders of the
// stores (ClientByID...) select an entity's fields through its descriptor
// (fields.go) and scan them with one rowScanner (scan.go).

// selectRows builds the SELECT of the entity's keys with conditions, sort
// and paging.
func (e *entity) selectRows(b sq.StatementBuilderType, where []sq.Sqlizer, opts model.ListOptions, env listEnv) (sq.SelectBuilder, error) {
	cols := make([]string, len(e.fields))
	for i, f := range e.fields {
		cols[i] = f.expr
	}
	order := e.id
	if opts.Sort != "" {
		f, ok := e.field(opts.Sort)
		if !ok || !f.sortable {
			return b.Select(), model.Errorf(model.EUSAGE, "cannot sort by %q: use one of %s", opts.Sort, strings.Join(e.Keys(), ", "))
		}
		order = f.expr
	}
	dir := " ASC"
	if opts.Desc {
		dir = " DESC"
	}
	if opts.Limit > 0 {
		// A page is chosen by ids first, from the indexes and the joins
		// that the conditions and the sort need, and only its rows are then
		// read whole: sorting the 30,000 contracts of a commercial's clients
		// by id costs little, reading all of them to keep 50 costs a lot.
		need, err := e.aliases(where, opts, env)
		if err != nil {
			return b.Select(), err
		}
		sortNeeds := mentions(order)
		page := e.fromJoins(b.Select(e.id), func(a string) bool { return need(a) || sortNeeds(a) })
		if page, err = e.filter(page, where, opts, env); err != nil {
			return page, err
		}
		page = page.OrderBy(order+dir, e.id+dir).Limit(uint64(opts.Limit))
		if opts.Offset > 0 {
			page = page.Offset(uint64(opts.Offset))
		}
		return e.from(b.Select(cols...)).Where(sq.Expr(e.id+" IN (?)", page)).OrderBy(order+dir, e.id+dir), nil
	}
	q, err := e.filter(e.from(b.Select(cols...)), where, opts, env)
	if err != nil {
		return q, err
	}
	q = q.OrderBy(order+dir, e.id+dir)
	if opts.Offset > 0 {
		q = q.Limit(1 << 62).Offset(uint64(opts.Offset)) // SQLite needs a LIMIT before OFFSET
	}
	return q, nil
}

// eqIf appends col = *v to the conditions of a list when v is set: a
// store's named filters (--client, --mine...) are mostly such.
func eqIf[T any](where []sq.Sqlizer, col string, v *T) []sq.Sqlizer {
	if v != nil {
		where = append(where, sq.Eq{col: *v})
	}
	return where
}

// list streams the rows of e matching where and opts to yield, or counts
// them when opts.Count is set.
func (tx *Tx) list(e *entity, where []sq.Sqlizer, opts model.ListOptions, yield func([]any) error) error {
	if err := model.CheckFilters(opts.Terms, ""); err != nil {
		return err
	}
	if opts.Count {
		// Counting needs only the joins that the conditions name: joining
		// 300,000 contracts to their clients just to count them would read
		// the clients for nothing.
		need, err := e.aliases(where, opts, tx.db.listEnv())
		if err != nil {
			return err
		}
		q, err := e.filter(e.fromJoins(tx.db.sb.Select("COUNT(*)"), need), where, opts, tx.db.listEnv())
		if err != nil {
			return err
		}
		var n int64
		if err := tx.queryRow(q, &n); err != nil {
			return err
		}
		return yield([]any{n})
	}
	q, err := e.selectRows(tx.db.sb, where, opts, tx.db.listEnv())
	if err != nil {
		return err
	}
	row := newRowScanner(e)
	return tx.query(q, func(rows *sql.Rows) error {
		vals, err := row.scan(rows)
		if err != nil {
			return err
		}
		return yield(vals)
	})
}

// readKey keys the statement of read for one entity and column (cachedSQL).
type readKey struct {
	e   *entity
	col string
}

// read returns the one record of e whose column col holds v: show, and the
// loaders of the stores (ClientByID...), which read through the same
// descriptor as a list.
func (tx *Tx) read(e *entity, col string, v any) (record, error) {
	q, err := tx.db.cachedSQL(readKey{e, col}, func(b sq.StatementBuilderType) sq.Sqlizer {
		q, _ := e.selectRows(b, []sq.Sqlizer{sq.Eq{col: v}}, model.ListOptions{}, tx.db.listEnv())
		return q
	})
	if err != nil {
		return record{}, err
	}
	rec := record{e: e}
	row := newRowScanner(e)
	err = tx.query(sq.Expr(q, v), func(rows *sql.Rows) error {
		rec.vals, err = row.scan(rows)
		return err
	})
	if err == nil && rec.vals == nil {
		err = notFound(e.name, v)
	}
	return rec, err
}

// load reads the one record of e whose column col holds v, as the model
// value that build makes of it.
func load[T any](tx *Tx, e *entity, col string, v any, build func(record) *T) (*T, error) {
	r, err := tx.read(e, col, v)
	if err != nil {
		return nil, err
	}
	return build(r), nil
}

// show returns the one record of e with the given id, as an output record.
func (tx *Tx) show(e *entity, id int64) ([]any, error) {
	rec, err := tx.read(e, e.id, id)
	return rec.vals, err
}
