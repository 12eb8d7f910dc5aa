package render

import (
	"encoding/csv"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"epicevents/commands"
	"epicevents/model"
)

// TestCSVQuoting parses the output back: fields with commas, quotes and
// line breaks must come back whole.
func TestCSVQuoting(t *testing.T) {
	cols := []string{"id", "company, name", "notes", "signed", "at", "amount", "changes", "missing"}
	at := time.Date(2024, 6, 1, 20, 0, 0, 0, paris)
	rows := [][]any{
		{int64(1), `Dupont "et fils", SA`, "line 1\nline 2\nline 3", true, at, model.Money(99), json.RawMessage(`{ "a": 1 }`), nil},
		{int64(2), "", `""`, false, at, model.Money(0), json.RawMessage(`[1, "x,y"]`), nil},
	}
	want := [][]string{
		cols,
		{"1", `Dupont "et fils", SA`, "line 1\nline 2\nline 3", "true", "2024-06-01T19:00:00Z", "0.99", `{"a":1}`, ""},
		{"2", "", `""`, "false", "2024-06-01T19:00:00Z", "0.00", `[1,"x,y"]`, ""},
	}
	for _, tc := range []struct {
		name string
		res  commands.Result
		want [][]string
	}{
		{"List", commands.Result{Columns: cols, Rows: rowsOf(rows...), List: true}, want},
		{"Record", commands.Result{Columns: cols, Record: rows[0]}, want[:2]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := MustRender(t, CSV, tc.res, noColor)
			got, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if err != nil {
				t.Fatalf("invalid CSV: %v\n%s", err, out)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}
