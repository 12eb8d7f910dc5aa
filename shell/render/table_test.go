package render

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"epicevents/commands"
	"epicevents/model"
)

func TestTableCells(t *testing.T) {
	at := time.Date(2024, 6, 1, 20, 0, 0, 0, time.UTC)
	long := strings.Repeat("é", 100)
	for _, tc := range []struct {
		name  string
		value any
		list  string // the cell in a list table
		show  string // the value in a show table when it differs
	}{
		{"Nil", nil, "", ""},
		{"True", true, "yes", ""},
		{"False", false, "no", ""},
		{"TimeInLocation", at, "2024-06-01 21:00", ""},
		{"Money", model.Money(150000), "1500.00", ""},
		{"Int", int64(-5), "-5", ""},
		{"RawMessage", json.RawMessage("{ \"a\": [1, 2] }"), `{"a":[1,2]}`, ""},
		{"Newlines", "a\nb\n\nc", "a b c", "a\nb\n\nc"},
		{"Escape", "red\x1b[31m\ttab", "red[31m tab", ""},
		{"Long", long, strings.Repeat("é", 59) + "…", long},
		{"Exactly60", strings.Repeat("x", 60), strings.Repeat("x", 60), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := shorten(tableText(tc.value, paris)); got != tc.list {
				t.Fatalf("list cell = %q, want %q", got, tc.list)
			}
			want := tc.show
			if want == "" {
				want = tc.list
			}
			if got := tableText(tc.value, paris); got != want {
				t.Fatalf("show cell = %q, want %q", got, want)
			}
		})
	}
}

// words returns the text of a table without its borders and padding.
func words(table string) string {
	return strings.Join(strings.FieldsFunc(table, func(r rune) bool {
		return strings.ContainsRune(" \n│─┌┐└┘├┤┬┴┼", r)
	}), " ")
}

func TestTableLongNotes(t *testing.T) {
	note := strings.TrimSpace(strings.Repeat("Prévoir un traiteur végétarien. ", 60))
	res := commands.Result{Columns: []string{"id", "notes"}, Record: []any{int64(1), note}}
	t.Run("ShowKeepsAll", func(t *testing.T) {
		got := MustRender(t, Table, res, noColor)
		if !strings.Contains(words(got), words(note)) {
			t.Fatalf("show lost part of the note:\n%s", got)
		}
		for _, line := range strings.Split(got, "\n") {
			if n := len([]rune(line)); n > 90 {
				t.Fatalf("line of %d runes: the note should wrap", n)
			}
		}
	})
	t.Run("ListCuts", func(t *testing.T) {
		list := commands.Result{Columns: res.Columns, Rows: rowsOf(res.Record), List: true}
		got := MustRender(t, Table, list, noColor)
		if !strings.Contains(got, "│ "+shorten(note)+" │") || strings.Count(got, "\n") != 6 {
			t.Fatalf("want the note cut on one line:\n%s", got)
		}
	})
}

func TestTableOptions(t *testing.T) {
	at := time.Date(2024, 6, 1, 20, 0, 0, 0, time.UTC)
	res := commands.Result{Columns: []string{"at"}, Record: []any{at}}
	t.Run("Color", func(t *testing.T) {
		got := MustRender(t, Table, res, Options{Location: time.UTC})
		if !strings.Contains(got, bold+"at"+reset) {
			t.Fatalf("field name not bold:\n%q", got)
		}
		list := commands.Result{Columns: res.Columns, List: true}
		if got := MustRender(t, Table, list, Options{}); !strings.Contains(got, bold+"at"+reset) {
			t.Fatalf("header not bold:\n%q", got)
		}
	})
	t.Run("NoColor", func(t *testing.T) {
		if got := MustRender(t, Table, res, noColor); strings.Contains(got, "\x1b") {
			t.Fatalf("escape sequence with NoColor:\n%q", got)
		}
	})
	t.Run("NilLocationIsLocal", func(t *testing.T) {
		got := MustRender(t, Table, res, Options{NoColor: true})
		if want := at.In(time.Local).Format(tableTime); !strings.Contains(got, want) {
			t.Fatalf("want %s in:\n%s", want, got)
		}
	})
	t.Run("JSONAndCSVIgnoreLocation", func(t *testing.T) {
		for _, f := range []Format{JSON, CSV} {
			if got := MustRender(t, f, res, noColor); !strings.Contains(got, "2024-06-01T20:00:00Z") {
				t.Fatalf("%s: want UTC time in:\n%s", f, got)
			}
		}
	})
}
