package render

import "epicevents/commands"

// DefaultColumns are the columns a list table shows when --columns is not
// given, per entity: what a person needs to recognise a record and act on
// it, narrow enough for most terminals. Ids and internal keys of related
// records (sales_contact_id, client_id of an event) stay out: their names
// are shown instead. JSON and CSV keep every key, for scripts.
var DefaultColumns = map[string][]string{
	"user":     {"id", "username", "first_name", "last_name", "email", "phone", "department"},
	"client":   {"id", "first_name", "last_name", "company_name", "email", "phone", "sales_contact"},
	"contract": {"id", "client_name", "sales_contact", "total_amount", "amount_due", "signed", "created_at"},
	"event":    {"id", "name", "client_name", "event_start", "event_end", "location", "attendees", "support_contact"},
	"audit":    {"id", "at", "actor", "action", "entity", "entity_id", "changes"},
}

// entities is the order in which a result's columns are matched against
// DefaultColumns.
var entities = []string{"user", "client", "contract", "event", "audit"}

// AllColumns is the Columns option of --columns all: every key.
var AllColumns = commands.AllColumns

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// columns are the columns of a result that are shown.
type columns struct {
	keys  []string // the keys shown, in order
	index []int    // where each is in the result's rows; nil: all, in order
	all   int      // how many columns the result's rows have
}

// pickColumns returns the columns of a result with keys that are shown for
// the Columns option want; a nil want means every key, or the entity's
// DefaultColumns when defaults is set (list tables).
func pickColumns(keys, want []string, defaults bool) (columns, error) {
	every := columns{keys: keys, all: len(keys)}
	switch {
	case commands.IsAllColumns(want):
		return every, nil
	case want == nil && defaults:
		want = defaultColumns(keys)
		if want == nil {
			return every, nil
		}
	case want == nil:
		return every, nil
	}
	if err := commands.CheckColumns(want, keys); err != nil {
		return columns{}, err
	}
	c := columns{keys: want, index: make([]int, len(want)), all: len(keys)}
	for i, k := range want {
		c.index[i] = indexOf(keys, k)
	}
	return c, nil
}

// defaultColumns returns the DefaultColumns of the entity whose keys are
// keys: the first entity all of whose default columns are among them. A
// result of another kind (a report) has nil, and shows every column.
func defaultColumns(keys []string) []string {
	for _, e := range entities {
		def := DefaultColumns[e]
		found := true
		for _, k := range def {
			if indexOf(keys, k) < 0 {
				found = false
				break
			}
		}
		if found {
			return def
		}
	}
	return nil
}

// project returns the shown values of row, in dst's storage.
func (c columns) project(dst, row []any) []any {
	dst = dst[:0]
	for _, i := range c.index {
		dst = append(dst, row[i])
	}
	return dst
}

// values returns the shown values of a record.
func (c columns) values(rec []any) []any {
	if c.index == nil {
		return rec
	}
	return c.project(nil, rec)
}
