package render

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/clipperhouse/displaywidth"

	"epicevents/commands"
	"epicevents/model"
)

func TestTableCells(t *testing.T) {
	at := time.Date(2024, 6, 1, 20, 0, 0, 0, time.UTC)
	long := strings.Repeat("é", 100)
	money := model.Money(150000)
	for _, tc := range []struct {
		name   string
		value  any
		list   string // the cell in a list table
		number bool
		show   string // the value in a show table when it differs
	}{
		{"Nil", nil, "", false, ""},
		{"True", true, "yes", false, ""},
		{"False", false, "no", false, ""},
		{"TimeInLocation", at, "2024-06-01 21:00", false, ""},
		{"Money", model.Money(150000), "1500.00", true, ""},
		{"MoneyPointer", &money, "1500.00", true, ""},
		{"Int", int64(-5), "-5", true, ""},
		{"RawMessage", json.RawMessage("{ \"a\": [1, 2] }"), `{"a":[1,2]}`, false, ""},
		{"Newlines", "a\nb\n\nc", "a b c", false, "a\nb\n\nc"},
		{"Escape", "red\x1b[31m\ttab", "red[31m tab", false, ""},
		{"BidiOverride", "Acme\u202eevil\u2066x\u061c", "Acmeevilx", false, ""},
		{"RightToLeftText", "שלום عربي", "שלום عربي", false, ""},
		{"LongKeptWhole", long, long, false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, num := appendCell(nil, tc.value, paris)
			if string(got) != tc.list || num != tc.number {
				t.Fatalf("list cell = %q (number %v), want %q (number %v)", got, num, tc.list, tc.number)
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

// TestWidth checks the display width of cells against displaywidth, the
// library tablewriter measures with, for every Latin character that the
// fast path counts and for the scripts it leaves to displaywidth.
func TestWidth(t *testing.T) {
	for r := rune(0x20); r < 0x300; r++ {
		if r >= 0x7f && r < 0xa0 {
			continue // control characters never reach a cell (sanitize)
		}
		s := "a" + string(r) + "b"
		if got, want := width([]byte(s)), displaywidth.String(s); got != want {
			t.Fatalf("width(%q) = %d, displaywidth says %d", s, got, want)
		}
	}
	for _, tc := range []struct {
		s    string
		want int
	}{
		{"", 0},
		{"Zoé Noël", 8},
		{"e\u0301", 1},         // e and a combining acute accent
		{"東京", 4},              // CJK: two columns each
		{"Événement à 東京", 16}, // mixed
		{"👍", 2},
		{"👨‍👩‍👧", 2}, // one family: three emoji joined by ZWJ
		{"🇫🇷", 2},    // a flag: two regional indicators
		{"party 🎉!", 9},
	} {
		if got := width([]byte(tc.s)); got != tc.want {
			t.Errorf("width(%q) = %d, want %d", tc.s, got, tc.want)
		}
	}
}

// TestTruncate checks that shortening counts columns, not bytes or runes,
// and never splits a character or a grapheme cluster.
func TestTruncate(t *testing.T) {
	for _, tc := range []struct {
		s    string
		w    int
		want string
	}{
		{"Société Générale", 8, "Société…"},
		{"Société", 7, "Société"},       // fits: untouched
		{"e\u0301tude", 3, "e\u0301t…"}, // the accent stays with its letter
		{"東京都庁舎", 5, "東京…"},
		{"東京都庁舎", 6, "東京…"}, // a wide character does not fit in one column
		{"👨‍👩‍👧 family", 4, "👨‍👩‍👧 …"},
		{"🎉🎉🎉", 4, "🎉…"},
	} {
		got := string(truncate([]byte(tc.s), tc.w))
		if got != tc.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", tc.s, tc.w, got, tc.want)
		}
		if w := displaywidth.String(got); w > tc.w || !utf8.ValidString(got) {
			t.Errorf("truncate(%q, %d) = %q: %d columns", tc.s, tc.w, got, w)
		}
	}
}

// lines returns the lines of out without the last "(N rows)".
func lines(out string) []string {
	ls := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if n := len(ls); n > 0 && strings.HasPrefix(ls[n-1], "(") {
		ls = ls[:n-1]
	}
	return ls
}

// checkFits fails unless every line of out is at most w columns.
func checkFits(t *testing.T, out string, w int) {
	t.Helper()
	for _, l := range strings.Split(out, "\n") {
		if lw := displaywidth.String(l); lw > w {
			t.Fatalf("line of %d columns on a terminal of %d:\n%s\nin:\n%s", lw, w, l, out)
		}
	}
}

// wideText is a list of places whose names are in accented Latin, CJK and
// emoji, long enough to need shortening.
func wideText() commands.Result {
	names := []string{
		"Réception de l'Hôtel de Ville, salle des fêtes Émile-Zola",
		"東京国際フォーラム ホールA 大会議室 東京都千代田区丸の内",
		"Rooftop party 🎉🍾 with the whole team 👨‍👩‍👧 and friends 🇫🇷",
	}
	var rows [][]any
	for i, n := range names {
		rows = append(rows, []any{int64(i + 1), n, model.Money(int64(i+1) * 1234567)})
	}
	return commands.Result{Columns: []string{"id", "location", "total_amount"}, Rows: rowsOf(rows...), List: true}
}

func TestShortenWideCharacters(t *testing.T) {
	for _, w := range []int{40, 50, 61, 80} {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			opts := noColor
			opts.Width = w
			out := MustRender(t, Table, wideText(), opts)
			checkFits(t, out, w)
			ls := lines(out)
			first := displaywidth.String(ls[0])
			for _, l := range ls {
				if displaywidth.String(l) != first {
					t.Fatalf("ragged table:\n%s", out)
				}
			}
			if !strings.Contains(ls[3], "…") {
				t.Fatalf("long text not shortened with …: %s", ls[3])
			}
			for i, l := range ls[3:6] {
				// Amounts whole, on the right of their column.
				amount := model.Money(int64(i+1) * 1234567).String()
				if !strings.HasSuffix(l, " "+amount+" │") {
					t.Fatalf("amount %s cut or not right-aligned: %s", amount, l)
				}
			}
			if strings.Contains(out, "\u200d…") || !utf8.ValidString(out) {
				t.Fatalf("a character or an emoji was split:\n%s", out)
			}
		})
	}
	t.Run("NotATerminal", func(t *testing.T) {
		out := MustRender(t, Table, wideText(), noColor)
		if strings.Contains(out, "…") || !strings.Contains(out, "👨‍👩‍👧 and friends 🇫🇷") {
			t.Fatalf("text shortened off a terminal:\n%s", out)
		}
	})
}

func TestRightAlignment(t *testing.T) {
	res := commands.Result{Columns: []string{"id", "name", "amount_due", "sales_contact_id"}, List: true,
		Rows: rowsOf(
			[]any{int64(7), "Ann", model.Money(5), nil},
			[]any{int64(1234), "Bob", model.Money(1234567), int64(12)},
		)}
	got := MustRender(t, Table, res, noColor)
	want := "" +
		"┌──────┬──────┬────────────┬──────────────────┐\n" +
		"│  id  │ name │ amount_due │ sales_contact_id │\n" +
		"├──────┼──────┼────────────┼──────────────────┤\n" +
		"│    7 │ Ann  │       0.05 │                  │\n" +
		"│ 1234 │ Bob  │   12345.67 │               12 │\n" +
		"└──────┴──────┴────────────┴──────────────────┘\n" +
		"(2 rows)\n"
	if got != want {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestFit(t *testing.T) {
	mk := func(specs ...string) []column {
		var cols []column
		for _, s := range specs {
			var key, kind string
			var w int
			fmt.Sscanf(s, "%s %s %d", &key, &kind, &w)
			cols = append(cols, column{key: key, head: len(key), width: w, text: kind == "text", number: kind == "num"})
		}
		return cols
	}
	widths := func(cols []column) []int {
		var ws []int
		for _, c := range cols {
			ws = append(ws, c.width)
		}
		return ws
	}
	t.Run("FitsAlready", func(t *testing.T) {
		cols := mk("id num 5", "name text 20")
		if !fit(cols, 40, false) || fmt.Sprint(widths(cols)) != "[5 20]" {
			t.Fatalf("%v", widths(cols))
		}
	})
	t.Run("WidestFirst", func(t *testing.T) {
		// 1 + (5+3) + (20+3) + (40+3) = 75: 15 too wide; the 40 goes to
		// 25, the 20 is left alone.
		cols := mk("id num 5", "name text 20", "notes text 40")
		if !fit(cols, 60, false) || fmt.Sprint(widths(cols)) != "[5 20 25]" || tableWidth(cols) != 60 {
			t.Fatalf("%v (%d wide)", widths(cols), tableWidth(cols))
		}
	})
	t.Run("SharedCap", func(t *testing.T) {
		// 35 too wide: both text columns end at the same cap, 22 and 23,
		// and the table is exactly 60 wide.
		cols := mk("id num 5", "name text 40", "notes text 40")
		if !fit(cols, 60, false) || tableWidth(cols) != 60 || widths(cols)[1]+widths(cols)[2] != 45 {
			t.Fatalf("%v (%d wide)", widths(cols), tableWidth(cols))
		}
	})
	t.Run("NumbersAndTimesKept", func(t *testing.T) {
		cols := mk("id num 7", "at time 16", "name text 30")
		if !fit(cols, 45, false) || fmt.Sprint(widths(cols)[:2]) != "[7 16]" {
			t.Fatalf("%v", widths(cols))
		}
	})
	t.Run("FloorIsKeyOrTen", func(t *testing.T) {
		cols := mk("a text 30", "company_name text 30")
		if fit(cols, 20, false) || fmt.Sprint(widths(cols)) != "[30 30]" {
			t.Fatalf("did not fit, but widths changed: %v", widths(cols))
		}
		if fit(cols, 20, true) || fmt.Sprint(widths(cols)) != "[10 12]" {
			t.Fatalf("forced: %v, want the floors", widths(cols))
		}
	})
}

func TestExpanded(t *testing.T) {
	res := func() commands.Result { return entityList("event", 3) }
	t.Run("On", func(t *testing.T) {
		opts := noColor
		opts.Expanded = ExpandedOn
		out := MustRender(t, Table, res(), opts)
		if !strings.HasPrefix(out, "─[ RECORD 1 ]───┬") || strings.Count(out, "[ RECORD ") != 3 ||
			!strings.Contains(out, "\nsupport_contact │ support2\n") || !strings.HasSuffix(out, "\n(3 rows)\n") {
			t.Fatalf("not one block per record:\n%s", out)
		}
	})
	t.Run("AutoTooNarrow", func(t *testing.T) {
		opts := noColor
		opts.Width = 60
		out := MustRender(t, Table, res(), opts)
		if !strings.Contains(out, "[ RECORD 3 ]") {
			t.Fatalf("a table too wide for 60 columns is not vertical:\n%s", out)
		}
		checkFits(t, out, 60)
	})
	t.Run("AutoWideEnough", func(t *testing.T) {
		opts := noColor
		opts.Width = 200
		if out := MustRender(t, Table, res(), opts); strings.Contains(out, "RECORD") {
			t.Fatalf("vertical on a wide terminal:\n%s", out)
		}
	})
	t.Run("OffTooNarrow", func(t *testing.T) {
		opts := noColor
		opts.Width, opts.Expanded = 60, ExpandedOff
		out := MustRender(t, Table, res(), opts)
		if strings.Contains(out, "RECORD") || !strings.Contains(out, "…") {
			t.Fatalf("off: want rows shortened to their floor:\n%s", out)
		}
	})
	t.Run("WrapsLongValues", func(t *testing.T) {
		opts := noColor
		opts.Width, opts.Expanded = 40, ExpandedOn
		list := commands.Result{Columns: []string{"id", "notes"}, List: true,
			Rows: rowsOf([]any{int64(1), strings.Repeat("Prévoir un traiteur végétarien. ", 5)})}
		out := MustRender(t, Table, list, opts)
		checkFits(t, out, 40)
		if !strings.Contains(words(out), words(strings.Repeat("Prévoir un traiteur végétarien. ", 5))) {
			t.Fatalf("vertical form lost text:\n%s", out)
		}
	})
}

func TestParseExpanded(t *testing.T) {
	for _, s := range []string{"auto", "on", "OFF"} {
		if _, err := ParseExpanded(s); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := ParseExpanded("maybe"); model.ErrorCode(err) != model.EUSAGE {
		t.Fatalf("ParseExpanded(maybe) = %v", err)
	}
}

// TestEveryLineFits renders each entity at several terminal widths: in
// table mode, no line is ever wider than the terminal.
func TestEveryLineFits(t *testing.T) {
	for _, entity := range entities {
		for _, w := range []int{40, 60, 80, 100, 120, 160, 200} {
			for _, cols := range [][]string{nil, AllColumns} {
				opts := noColor
				opts.Width, opts.Columns = w, cols
				out := MustRender(t, Table, entityList(entity, 30), opts)
				checkFits(t, out, w)
			}
		}
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
		for _, w := range []int{0, 80} {
			opts := noColor
			opts.Width = w
			got := MustRender(t, Table, res, opts)
			if !strings.Contains(words(got), words(note)) {
				t.Fatalf("show lost part of the note:\n%s", got)
			}
			checkFits(t, got, max(w, 90))
		}
	})
	t.Run("ListOneLine", func(t *testing.T) {
		list := commands.Result{Columns: res.Columns, Rows: rowsOf(res.Record), List: true}
		got := MustRender(t, Table, list, noColor)
		if !strings.Contains(got, "│ "+note+" │") || strings.Count(got, "\n") != 6 {
			t.Fatalf("off a terminal, want the whole note on one line:\n%s", got)
		}
		opts := noColor
		opts.Width = 80
		got = MustRender(t, Table, list, opts)
		if strings.Count(got, "\n") != 6 || !strings.Contains(got, "… │") {
			t.Fatalf("on a terminal, want the note cut on one line:\n%s", got)
		}
		checkFits(t, got, 80)
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

// TestCellStoreSpills writes more cells than fit in memory and reads them
// back in order.
func TestCellStoreSpills(t *testing.T) {
	s := newCellStore()
	defer s.close()
	cols := []column{{}, {}}
	const rows = 300_000 // about 5 MiB of cells: more than spillAt
	for i := range rows {
		if err := s.addRow([]any{int64(i), fmt.Sprintf("name %d é", i)}, cols, noColor); err != nil {
			t.Fatal(err)
		}
	}
	if s.file == nil {
		t.Fatal("nothing went to the file")
	}
	r, err := s.reader()
	if err != nil {
		t.Fatal(err)
	}
	for i := range rows {
		cell, _, err1 := r.cell()
		id := string(cell) // the next call may reuse the bytes
		name, w, err2 := r.cell()
		want := fmt.Sprintf("name %d é", i)
		if err1 != nil || err2 != nil || id != fmt.Sprint(i) || string(name) != want || w != len([]rune(want)) {
			t.Fatalf("row %d: %q %q (%d) %v %v", i, id, name, w, err1, err2)
		}
	}
	if _, _, err := r.cell(); err == nil {
		t.Fatal("a cell after the last")
	}
}
