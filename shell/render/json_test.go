package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"epicevents/commands"
	"epicevents/model"
)

// point is a type render does not know: it is printed with fmt.Sprint.
type point struct{ X, Y int }

func TestJSONRecordEveryType(t *testing.T) {
	at := time.Date(2024, 6, 1, 20, 0, 0, 0, paris)
	money := model.Money(150000)
	res := commands.Result{
		Columns: []string{"z_id", "a_missing", "name", "count", "signed", "at",
			"amount", "amount_ptr", "nil_money", "changes", "other", "empty_raw"},
		Record: []any{int64(3), nil, "Gala \"été\" <b>\n", 12, false, at,
			money, &money, (*model.Money)(nil), json.RawMessage("{ \"name\": [\"a\", \"b\"] }"),
			point{1, 2}, json.RawMessage(nil)},
	}
	want := `{"z_id":3,"a_missing":null,"name":"Gala \"été\" <b>\n","count":12,"signed":false,` +
		`"at":"2024-06-01T19:00:00Z","amount":"1500.00","amount_ptr":"1500.00","nil_money":null,` +
		`"changes":{"name":["a","b"]},"other":"{1 2}","empty_raw":null}` + "\n"
	got := MustRender(t, JSON, res, noColor)
	if got != want {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}
	if !json.Valid([]byte(got)) {
		t.Fatal("output is not valid JSON")
	}
}

// TestJSONKeyOrder decodes the keys one token at a time: a map would lose
// the order the SPEC asks for.
func TestJSONKeyOrder(t *testing.T) {
	cols := []string{"zeta", "alpha", "mid", "beta"}
	got := MustRender(t, JSON, commands.Result{Columns: cols, Record: []any{1, 2, 3, 4}}, noColor)
	dec := json.NewDecoder(strings.NewReader(got))
	var keys []string
	dec.Token() // {
	for dec.More() {
		tok, _ := dec.Token()
		keys = append(keys, tok.(string))
		dec.Token() // value
	}
	if !reflect.DeepEqual(keys, cols) {
		t.Fatalf("keys = %v, want %v", keys, cols)
	}
}

func TestJSONListRoundTrip(t *testing.T) {
	cols := []string{"id", "name", "notes", "signed", "due", "start"}
	start := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	var rows [][]any
	var want []map[string]any
	for i := range 50 {
		notes := strings.Repeat(fmt.Sprintf("line %d, \"quoted\" \\ \t\u2028 ☃\n", i), i%4)
		rows = append(rows, []any{int64(i), fmt.Sprintf("client %d", i), notes, i%2 == 0,
			model.Money(i * 1001), start.Add(time.Duration(i) * time.Hour)})
		want = append(want, map[string]any{
			"id": float64(i), "name": fmt.Sprintf("client %d", i), "notes": notes,
			"signed": i%2 == 0, "due": model.Money(i * 1001).String(),
			"start": start.Add(time.Duration(i) * time.Hour).Format(time.RFC3339),
		})
	}
	got := MustRender(t, JSON, commands.Result{Columns: cols, Rows: rowsOf(rows...), List: true}, noColor)
	var back []map[string]any
	if err := json.Unmarshal([]byte(got), &back); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, got)
	}
	if !reflect.DeepEqual(back, want) {
		t.Fatalf("round trip differs:\n got %v\nwant %v", back, want)
	}
}

// TestJSONString checks the hand-written string encoder against
// encoding/json, which must decode every output to the input.
func TestJSONString(t *testing.T) {
	for _, s := range []string{
		"", "plain", `quote " and \ backslash`, "ctl \x00\x01\x1f\x7f", "tab\tcr\rnl\n",
		"<html> & co", "é ☃ 😀", "\u2028\u2029", "bad utf8 \xff\xfe end",
	} {
		t.Run(fmt.Sprintf("%q", s), func(t *testing.T) {
			enc := appendString(nil, s)
			var back string
			if err := json.Unmarshal(enc, &back); err != nil {
				t.Fatalf("%s: %v", enc, err)
			}
			if want := string([]rune(s)); back != want { // each bad byte becomes U+FFFD
				t.Fatalf("decoded %q, want %q", back, want)
			}
			if bytes.ContainsAny(enc, "\n\r\u2028") {
				t.Fatalf("%s holds a line break", enc)
			}
		})
	}
}
