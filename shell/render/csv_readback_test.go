package render

import (
	"encoding/csv"
	"encoding/json"
	"os/exec"
	"reflect"
	"strings"
	"testing"

	"epicevents/commands"
)

// csvTricky are values that text fields accept (model.CheckPlain: line
// feeds and tabs in notes, any printable Unicode) and that CSV must quote.
var csvTricky = [][]any{
	{int64(1), "Acme\nLine2", "a,b", `say "hi"`},
	{int64(2), "tab\there", "two\n\nlines\n", "Émile — 日本"},
	{int64(3), " lead and trail ", "", `"`},
}

func csvTrickyWant() [][]string {
	want := [][]string{{"id", "company_name", "notes", "location"}}
	for _, r := range csvTricky {
		row := []string{csvText(r[0])}
		for _, v := range r[1:] {
			row = append(row, v.(string))
		}
		want = append(want, row)
	}
	return want
}

func renderTricky(t *testing.T) string {
	res := commands.Result{Columns: []string{"id", "company_name", "notes", "location"}, Rows: rowsOf(csvTricky...), List: true}
	return MustRender(t, CSV, res, noColor)
}

// TestCSVReadsBackExactlyGo: what is exported reads back the same with
// Go's reader, and lines end in LF only, as psql --csv writes.
func TestCSVReadsBackExactlyGo(t *testing.T) {
	out := renderTricky(t)
	if strings.Contains(out, "\r") {
		t.Fatalf("CSV holds a carriage return: %q", out)
	}
	got, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("invalid CSV: %v\n%s", err, out)
	}
	if want := csvTrickyWant(); !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q\nwant %q", got, want)
	}
}

// TestCSVReadsBackExactlyPython reads the export with Python's csv module,
// which keeps a CRLF inside a quoted field as it is: a writer that turns
// "Acme\nLine2" into "Acme\r\nLine2" fails here.
func TestCSVReadsBackExactlyPython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed")
	}
	out := renderTricky(t)
	cmd := exec.Command(py, "-c", `import csv, io, json, sys
data = sys.stdin.buffer.read().decode("utf-8")
print(json.dumps(list(csv.reader(io.StringIO(data, newline="")))))`)
	cmd.Stdin = strings.NewReader(out)
	b, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	var got [][]string
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("python3 output %q: %v", b, err)
	}
	if want := csvTrickyWant(); !reflect.DeepEqual(got, want) {
		t.Fatalf("python3 read %q\nwant %q", got, want)
	}
}
