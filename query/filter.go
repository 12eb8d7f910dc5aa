package query

import (
	"strconv"
	"strings"
	"time"

	sq "github.com/Masterminds/squirrel"

	"epicevents/model"
)

// The filter compiler: TERMS (FIELD OP VALUE), --search and a store's own
// conditions become the WHERE of a list, every value bound.

// compileTerm turns one FIELD OP VALUE term into a condition with a bound
// value. The field must be one of the entity's keys; its SQL expression
// comes from the entity, never from the input.
func (e *entity) compileTerm(t model.Term, env listEnv) (sq.Sqlizer, error) {
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
		return containsFolded(env.dialect, f.expr, t.Value), nil
	}
	if f.kind == kJSON {
		return nil, model.Errorf(model.EUSAGE, "%s: only ~ (contains) applies", t.Field)
	}
	if f.kind == kTime {
		return timeTerm(f, t, env.loc)
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

// listEnv is what compiling a list's conditions needs of its database: the
// time zone of dates without one, and the engine (containsFolded).
type listEnv struct {
	loc     *time.Location
	dialect Dialect
}

func (db *DB) listEnv() listEnv { return listEnv{loc: db.loc(), dialect: db.Dialect} }

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
	start, end := v, model.DayAfter(v, loc)
	switch t.Op {
	case "=":
		return sq.And{notBefore(f.expr, start), before(f.expr, end)}, nil
	case "!=":
		return sq.Or{before(f.expr, start), notBefore(f.expr, end)}, nil
	case "<":
		return before(f.expr, start), nil
	case "<=":
		return before(f.expr, end), nil
	case ">":
		return notBefore(f.expr, end), nil
	}
	return notBefore(f.expr, start), nil
}

// search matches text in any of the entity's search expressions.
func (e *entity) searchCond(d Dialect, text string) sq.Sqlizer {
	or := sq.Or{}
	for _, expr := range e.search {
		or = append(or, containsFolded(d, expr, text))
	}
	return or
}

// aliases returns whether the conditions of a list, where and the TERMS of
// opts, name a column of the join with the given alias. The conditions'
// text is made of the entity's own expressions, values being bound, so
// that "c." in it can only be a column of c.
func (e *entity) aliases(where []sq.Sqlizer, opts model.ListOptions, env listEnv) (func(string) bool, error) {
	conds := sq.And(append([]sq.Sqlizer(nil), where...))
	for _, t := range opts.Terms {
		c, err := e.compileTerm(t, env)
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

func (e *entity) filter(q sq.SelectBuilder, where []sq.Sqlizer, opts model.ListOptions, env listEnv) (sq.SelectBuilder, error) {
	for _, w := range where {
		q = q.Where(w)
	}
	for _, t := range opts.Terms {
		c, err := e.compileTerm(t, env)
		if err != nil {
			return q, err
		}
		q = q.Where(c)
	}
	return q, nil
}
