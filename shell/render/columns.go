package render

import (
	"strings"

	"epicevents/commands"
	"epicevents/model"
)

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
var AllColumns = []string{"all"}

// ParseColumns reads the value of --columns: keys separated by commas, or
// all. Keys are checked against the result's keys when it is rendered, or
// earlier with CheckColumns.
func ParseColumns(spec string) ([]string, error) {
	var keys []string
	seen := map[string]bool{}
	for _, k := range strings.Split(spec, ",") {
		k = strings.TrimSpace(k)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		keys = append(keys, k)
	}
	switch {
	case len(keys) == 0:
		return nil, model.Errorf(model.EUSAGE, "--columns needs keys separated by commas, or all")
	case len(keys) == 1 && keys[0] == "all":
		return AllColumns, nil
	case seen["all"]:
		return nil, model.Errorf(model.EUSAGE, "--columns all stands alone: it shows every key")
	}
	return keys, nil
}

// CheckColumns returns a usage error naming the first of want that is not
// one of keys, with the nearest key and the list of valid ones.
func CheckColumns(want, keys []string) error {
	if isAll(want) {
		return nil
	}
	for _, k := range want {
		if indexOf(keys, k) < 0 {
			return model.Errorf(model.EUSAGE, "unknown column %q:%s columns: %s, or all",
				k, commands.DidYouMean(k, keys), strings.Join(keys, ", "))
		}
	}
	return nil
}

func isAll(want []string) bool { return len(want) == 1 && want[0] == "all" }

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
	case isAll(want):
		return every, nil
	case want == nil && defaults:
		want = defaultColumns(keys)
		if want == nil {
			return every, nil
		}
	case want == nil:
		return every, nil
	}
	if err := CheckColumns(want, keys); err != nil {
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
