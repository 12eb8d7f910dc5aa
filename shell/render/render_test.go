package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"epicevents/commands"
	"epicevents/model"
)

// paris is a fixed zone, so table times do not depend on the machine.
var paris = time.FixedZone("CET", 3600)

// noColor is how tests render tables: plain text, times in paris.
var noColor = Options{Location: paris, NoColor: true}

// each yields items one after the other: the rows of a list, or the
// events of a calendar.
func each[T any](items ...T) func(yield func(T) error) error {
	return func(yield func(T) error) error {
		for _, it := range items {
			if err := yield(it); err != nil {
				return err
			}
		}
		return nil
	}
}

// rowsOf returns a RowIter over rows.
func rowsOf(rows ...[]any) commands.RowIter { return each(rows...) }

func count(n int64) *int64 { return &n }

// MustRender renders res and fails the test on an error.
func MustRender(t testing.TB, f Format, res commands.Result, opts Options) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, f, res, opts); err != nil {
		t.Fatalf("Render(%s): %v", f, err)
	}
	return buf.String()
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"table": Table, "json": JSON, "csv": CSV, "ics": ICS, "JSON": JSON} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"xml", ""} {
		got, err := ParseFormat(in)
		if got != "" || model.ErrorCode(err) != model.EUSAGE || err.Error() != `unknown format "`+in+`": use table, json, csv or ics` {
			t.Errorf("ParseFormat(%q) = %q, %v; want the usage error naming the formats", in, got, err)
		}
	}
}

func TestRender(t *testing.T) {
	created := time.Date(2024, 3, 1, 9, 30, 0, 0, time.UTC)
	record := commands.Result{
		Columns: []string{"id", "name", "signed", "created_at"},
		Record:  []any{int64(7), "Kouassi, Ltd", true, created},
	}
	list := commands.Result{
		Columns: []string{"id", "name"},
		Rows:    rowsOf([]any{int64(1), "Ann"}, []any{int64(2), nil}),
		List:    true,
	}
	empty := commands.Result{Columns: []string{"id", "name"}, List: true}
	for _, tc := range []struct {
		name   string
		format Format
		res    commands.Result
		want   string
	}{
		{"RecordJSON", JSON, record, `{"id":7,"name":"Kouassi, Ltd","signed":true,"created_at":"2024-03-01T09:30:00Z"}` + "\n"},
		{"RecordCSV", CSV, record, "id,name,signed,created_at\n7,\"Kouassi, Ltd\",true,2024-03-01T09:30:00Z\n"},
		{"RecordTable", Table, record, "" +
			"┌────────────┬──────────────────┐\n" +
			"│ id         │ 7                │\n" +
			"│ name       │ Kouassi, Ltd     │\n" +
			"│ signed     │ yes              │\n" +
			"│ created_at │ 2024-03-01 10:30 │\n" +
			"└────────────┴──────────────────┘\n"},
		{"ListJSON", JSON, list, "[\n{\"id\":1,\"name\":\"Ann\"},\n{\"id\":2,\"name\":null}\n]\n"},
		{"ListCSV", CSV, list, "id,name\n1,Ann\n2,\n"},
		{"ListTable", Table, list, "" +
			"┌────┬──────┐\n" +
			"│ id │ name │\n" +
			"├────┼──────┤\n" +
			"│  1 │ Ann  │\n" +
			"│  2 │      │\n" +
			"└────┴──────┘\n" +
			"(2 rows)\n"},
		{"EmptyListJSON", JSON, empty, "[]\n"},
		{"EmptyListCSV", CSV, empty, "id,name\n"},
		{"EmptyListTable", Table, empty, "" +
			"┌────┬──────┐\n" +
			"│ id │ name │\n" +
			"└────┴──────┘\n" +
			"(0 rows)\n"},
		{"CountJSON", JSON, commands.Result{Count: count(42)}, "{\"count\":42}\n"},
		{"CountCSV", CSV, commands.Result{Count: count(42)}, "count\n42\n"},
		{"CountTable", Table, commands.Result{Count: count(42)}, "42\n"},
		{"NoteJSON", JSON, commands.Result{Note: "Logged in as alice"}, ""},
		{"NoteCSV", CSV, commands.Result{Note: "Logged in as alice"}, ""},
		{"NoteTable", Table, commands.Result{Note: "Logged in as alice"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := MustRender(t, tc.format, tc.res, noColor); got != tc.want {
				t.Fatalf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

func TestRenderOneRow(t *testing.T) {
	res := commands.Result{Columns: []string{"id"}, Rows: rowsOf([]any{int64(1)}), List: true}
	if got := MustRender(t, Table, res, noColor); !strings.HasSuffix(got, "\n(1 row)\n") {
		t.Fatalf("got:\n%s", got)
	}
}

func TestRenderErrors(t *testing.T) {
	boom := errors.New("boom")
	for _, tc := range []struct {
		name string
		res  commands.Result
		want error
	}{
		{"ShortRecord", commands.Result{Columns: []string{"a", "b"}, Record: []any{1}}, nil},
		{"ShortRow", commands.Result{Columns: []string{"a", "b"}, Rows: rowsOf([]any{1}), List: true}, nil},
		{"RowsError", commands.Result{Columns: []string{"a"}, List: true, Rows: func(func([]any) error) error { return boom }}, boom},
		{"BadRawJSON", commands.Result{Columns: []string{"a"}, Record: []any{json.RawMessage(`{"a":`)}}, nil},
	} {
		for _, f := range []Format{Table, JSON, CSV} {
			if tc.name == "BadRawJSON" && f != JSON {
				continue
			}
			t.Run(tc.name+"/"+string(f), func(t *testing.T) {
				err := Render(&bytes.Buffer{}, f, tc.res, noColor)
				if err == nil || (tc.want != nil && !errors.Is(err, tc.want)) {
					t.Fatalf("Render = %v, want an error (%v)", err, tc.want)
				}
			})
		}
	}
	t.Run("UnknownFormat", func(t *testing.T) {
		err := Render(&bytes.Buffer{}, "xml", commands.Result{Count: count(1)}, noColor)
		if model.ErrorCode(err) != model.EUSAGE {
			t.Fatalf("Render = %v, want a usage error", err)
		}
	})
}
