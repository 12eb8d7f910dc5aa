package commands

import "sort"

// created turns the fields of a new record into audit changes: nil -> value.
func created(fields map[string]any) map[string][2]any {
	ch := make(map[string][2]any, len(fields))
	for k, v := range fields {
		ch[k] = [2]any{nil, v}
	}
	return ch
}

// diff returns the audit changes of the changed fields: old -> new.
func diff(before, after map[string]any, changed []string) map[string][2]any {
	ch := make(map[string][2]any, len(changed))
	for _, k := range changed {
		ch[k] = [2]any{before[k], after[k]}
	}
	return ch
}

// fieldNames returns the sorted names of fields.
func fieldNames(fields map[string]any) []string {
	names := make([]string, 0, len(fields))
	for k := range fields {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// list returns a list result streaming the rows that each produces, or the
// count when --count was given.
func (c *Ctx) list(keys []string, each func(yield func([]any) error) error) (Result, error) {
	if c.List.Count {
		var n int64
		err := each(func(r []any) error { n = r[0].(int64); return nil })
		return Result{Count: &n}, err
	}
	return Result{Columns: keys, List: true, Rows: RowIter(each)}, nil
}
