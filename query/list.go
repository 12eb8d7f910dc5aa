package query

import (
	"database/sql"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	sq "github.com/Masterminds/squirrel"

	"epicevents/model"
)

// compileTerm turns one FIELD OP VALUE term into a condition with a bound
// value. The field must be one of the entity's keys; its SQL expression
// comes from the entity, never from the input.
func (e *entity) compileTerm(t model.Term, loc *time.Location) (sq.Sqlizer, error) {
	f, ok := e.field(t.Field)
	if !ok {
		return nil, model.Errorf(model.EUSAGE, "unknown %s field %q: use one of %s", e.name, t.Field, strings.Join(e.Keys(), ", "))
	}
	if f.contact && strings.EqualFold(t.Value, "none") {
		// A contact is missing when its id is NULL, which its index finds.
		switch t.Op {
		case "=":
			return sq.Eq{f.none: nil}, nil
		case "!=":
			return sq.NotEq{f.none: nil}, nil
		}
		return nil, model.Errorf(model.EUSAGE, "%s: only = and != apply to none", t.Field)
	}
	if t.Op == "~" {
		if f.kind != kText && f.kind != kJSON {
			return nil, model.Errorf(model.EUSAGE, "%s: ~ (contains) applies to text fields only", t.Field)
		}
		return contains(f.expr, t.Value), nil
	}
	if f.kind == kJSON {
		return nil, model.Errorf(model.EUSAGE, "%s: only ~ (contains) applies", t.Field)
	}
	if f.kind == kTime {
		return timeTerm(f, t, loc)
	}
	v, err := parseValue(f, t.Value)
	if err != nil {
		return nil, err
	}
	if f.contact && t.Op == "!=" {
		// "Not sam" includes the records without a contact, which SQL's
		// <> alone would leave out.
		return sq.Or{sq.NotEq{f.expr: v}, sq.Eq{f.expr: nil}}, nil
	}
	return compare(f.expr, t.Op, v), nil
}

// compare builds expr OP ? with v bound.
func compare(expr, op string, v any) sq.Sqlizer {
	switch op {
	case "=":
		return sq.Eq{expr: v}
	case "!=":
		return sq.NotEq{expr: v}
	case "<":
		return sq.Lt{expr: v}
	case "<=":
		return sq.LtOrEq{expr: v}
	case ">":
		return sq.Gt{expr: v}
	}
	return sq.GtOrEq{expr: v}
}

// likeEscaper escapes LIKE's wildcards so that "%" and "_" match literally.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// contains matches expr containing s, case-insensitively, with s bound.
func contains(expr, s string) sq.Sqlizer {
	return sq.Expr("LOWER("+expr+") LIKE ? ESCAPE '\\'", "%"+likeEscaper.Replace(strings.ToLower(s))+"%")
}

func parseValue(f field, s string) (any, error) {
	switch f.kind {
	case kInt:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, model.Errorf(model.EINVALID, "%s: %q is not a number", f.key, s)
		}
		return n, nil
	case kMoney:
		m, err := model.ParseMoney(s)
		if err != nil {
			return nil, err
		}
		return int64(m), nil
	case kBool:
		switch strings.ToLower(s) {
		case "true", "yes", "1":
			return true, nil
		case "false", "no", "0":
			return false, nil
		}
		return nil, model.Errorf(model.EINVALID, "%s: %q is not true or false", f.key, s)
	}
	return s, nil
}

// timeTerm compares a time field. A date without a time stands for the
// whole day: created_at=2026-05-01 matches any time that day.
func timeTerm(f field, t model.Term, loc *time.Location) (sq.Sqlizer, error) {
	v, err := model.ParseTime(t.Value, loc)
	if err != nil {
		return nil, err
	}
	if _, err := time.ParseInLocation("2006-01-02", t.Value, loc); err != nil { // a precise time
		return compare(f.expr, t.Op, ts(v)), nil
	}
	start, end := ts(v), ts(v.AddDate(0, 0, 1))
	switch t.Op {
	case "=":
		return sq.And{sq.GtOrEq{f.expr: start}, sq.Lt{f.expr: end}}, nil
	case "!=":
		return sq.Or{sq.Lt{f.expr: start}, sq.GtOrEq{f.expr: end}}, nil
	case "<":
		return sq.Lt{f.expr: start}, nil
	case "<=":
		return sq.Lt{f.expr: end}, nil
	case ">":
		return sq.GtOrEq{f.expr: end}, nil
	}
	return sq.GtOrEq{f.expr: start}, nil
}

// search matches text in any of the entity's search expressions.
func (e *entity) searchCond(text string) sq.Sqlizer {
	or := sq.Or{}
	for _, expr := range e.search {
		or = append(or, contains(expr, text))
	}
	return or
}

// selectRows builds the SELECT of the entity's keys with conditions, sort
// and paging.
func (e *entity) selectRows(b sq.StatementBuilderType, where []sq.Sqlizer, opts model.ListOptions, loc *time.Location) (sq.SelectBuilder, error) {
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
		need, err := e.aliases(where, opts, loc)
		if err != nil {
			return b.Select(), err
		}
		sortNeeds := mentions(order)
		page := e.fromJoins(b.Select(e.id), func(a string) bool { return need(a) || sortNeeds(a) })
		if page, err = e.filter(page, where, opts, loc); err != nil {
			return page, err
		}
		page = page.OrderBy(order+dir, e.id+dir).Limit(uint64(opts.Limit))
		if opts.Offset > 0 {
			page = page.Offset(uint64(opts.Offset))
		}
		return e.from(b.Select(cols...)).Where(sq.Expr(e.id+" IN (?)", page)).OrderBy(order+dir, e.id+dir), nil
	}
	q, err := e.filter(e.from(b.Select(cols...)), where, opts, loc)
	if err != nil {
		return q, err
	}
	q = q.OrderBy(order+dir, e.id+dir)
	if opts.Offset > 0 {
		q = q.Limit(1 << 62).Offset(uint64(opts.Offset)) // SQLite needs a LIMIT before OFFSET
	}
	return q, nil
}

// aliases returns whether the conditions of a list, where and the TERMS of
// opts, name a column of the join with the given alias. The conditions'
// text is made of the entity's own expressions, values being bound, so
// that "c." in it can only be a column of c.
func (e *entity) aliases(where []sq.Sqlizer, opts model.ListOptions, loc *time.Location) (func(string) bool, error) {
	conds := sq.And(append([]sq.Sqlizer(nil), where...))
	for _, t := range opts.Terms {
		c, err := e.compileTerm(t, loc)
		if err != nil {
			return nil, err
		}
		conds = append(conds, c)
	}
	text, _, err := conds.ToSql()
	if err != nil {
		return nil, err
	}
	return mentions(text), nil
}

// mentions returns whether the SQL text, made of the entity's own
// expressions, names a column of the join with the given alias.
func mentions(text string) func(alias string) bool {
	return func(alias string) bool {
		for i := 0; ; {
			j := strings.Index(text[i:], alias+".")
			if j < 0 {
				return false
			}
			i += j
			if i == 0 || !isWordByte(text[i-1]) {
				return true
			}
			i++
		}
	}
}

func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func (e *entity) filter(q sq.SelectBuilder, where []sq.Sqlizer, opts model.ListOptions, loc *time.Location) (sq.SelectBuilder, error) {
	for _, w := range where {
		q = q.Where(w)
	}
	for _, t := range opts.Terms {
		c, err := e.compileTerm(t, loc)
		if err != nil {
			return q, err
		}
		q = q.Where(c)
	}
	return q, nil
}

// list streams the rows of e matching where and opts to yield, or counts
// them when opts.Count is set.
func (tx *Tx) list(e *entity, where []sq.Sqlizer, opts model.ListOptions, yield func([]any) error) error {
	if opts.Count {
		// Counting needs only the joins that the conditions name: joining
		// 300,000 contracts to their clients just to count them would read
		// the clients for nothing.
		need, err := e.aliases(where, opts, tx.db.loc())
		if err != nil {
			return err
		}
		q, err := e.filter(e.fromJoins(tx.db.sb.Select("COUNT(*)"), need), where, opts, tx.db.loc())
		if err != nil {
			return err
		}
		var n int64
		if err := tx.queryRow(q, &n); err != nil {
			return err
		}
		return yield([]any{n})
	}
	q, err := e.selectRows(tx.db.sb, where, opts, tx.db.loc())
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

// showKey keys the statement of show for one entity (cachedSQL).
type showKey struct{ e *entity }

// show returns the one record of e with the given id.
func (tx *Tx) show(e *entity, id int64) ([]any, error) {
	q, err := tx.db.cachedSQL(showKey{e}, func(b sq.StatementBuilderType) sq.Sqlizer {
		q, _ := e.selectRows(b, []sq.Sqlizer{sq.Eq{e.id: id}}, model.ListOptions{}, tx.db.loc())
		return q
	})
	if err != nil {
		return nil, err
	}
	var rec []any
	row := newRowScanner(e)
	err = tx.query(sq.Expr(q, id), func(rows *sql.Rows) error {
		rec, err = row.scan(rows)
		return err
	})
	if err == nil && rec == nil {
		err = notFound(e.name, id)
	}
	return rec, err
}

// rowScanner scans rows of one entity into values ready to render, reusing
// its scan targets from row to row.
type rowScanner struct {
	e       *entity
	targets []any
	strs    []sql.NullString
	ints    []sql.NullInt64
	bools   []sql.NullBool
	times   []time.Time
}

func newRowScanner(e *entity) *rowScanner {
	n := len(e.fields)
	r := &rowScanner{e: e, targets: make([]any, n), strs: make([]sql.NullString, n),
		ints: make([]sql.NullInt64, n), bools: make([]sql.NullBool, n), times: make([]time.Time, n)}
	for i, f := range e.fields {
		switch f.kind {
		case kText, kJSON:
			r.targets[i] = &r.strs[i]
		case kInt, kMoney:
			r.targets[i] = &r.ints[i]
		case kBool:
			r.targets[i] = &r.bools[i]
		case kTime:
			r.targets[i] = timeCol{&r.times[i]}
		}
	}
	return r
}

func (r *rowScanner) scan(rows *sql.Rows) ([]any, error) {
	if err := rows.Scan(r.targets...); err != nil {
		return nil, err
	}
	vals := make([]any, len(r.e.fields))
	for i, f := range r.e.fields {
		switch f.kind {
		case kText:
			if r.strs[i].Valid {
				vals[i] = r.strs[i].String
			}
		case kJSON:
			vals[i] = json.RawMessage(r.strs[i].String)
		case kInt:
			if r.ints[i].Valid {
				vals[i] = r.ints[i].Int64
			}
		case kMoney:
			vals[i] = model.Money(r.ints[i].Int64)
		case kBool:
			vals[i] = r.bools[i].Bool
		case kTime:
			vals[i] = r.times[i]
		}
	}
	return vals, nil
}

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
	return q.from(b.Select(q.id, q.desc)).Where(sq.And{sq.GtOrEq{q.id: lo}, sq.Lt{q.id: lo + width}}).OrderBy(q.id)
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
	if n, err := strconv.ParseInt(prefix, 10, 64); err == nil && n > 0 && prefix[0] != '+' && prefix[0] != '0' {
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
