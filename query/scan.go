package query

import (
	"database/sql"
	"encoding/json"
	"time"

	"epicevents/model"
)

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

// record is one row that rowScanner read, its values found by key: the
// loaders of the stores (ClientByID...) build model values from it.
type record struct {
	e    *entity
	vals []any
}

// get returns the value of key; a key the entity does not have is a bug
// of this package.
func (r record) get(key string) any {
	for i, f := range r.e.fields {
		if f.key == key {
			return r.vals[i]
		}
	}
	panic("query: " + r.e.name + " has no field " + key)
}

func (r record) int(key string) int64         { n, _ := r.get(key).(int64); return n }
func (r record) str(key string) string        { s, _ := r.get(key).(string); return s }
func (r record) bool(key string) bool         { b, _ := r.get(key).(bool); return b }
func (r record) time(key string) time.Time    { t, _ := r.get(key).(time.Time); return t }
func (r record) money(key string) model.Money { m, _ := r.get(key).(model.Money); return m }

// id returns a nullable id: nil when the column is NULL.
func (r record) id(key string) *int64 {
	if n, ok := r.get(key).(int64); ok {
		return &n
	}
	return nil
}

// nullID turns a nullable id column into a pointer.
func nullID(n sql.NullInt64) *int64 {
	if !n.Valid {
		return nil
	}
	v := n.Int64
	return &v
}
