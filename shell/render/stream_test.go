package render

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"epicevents/commands"
	"epicevents/model"
)

// wideColumns are the 16 columns of an event, the widest list.
var wideColumns = []string{"id", "name", "contract_id", "client_id", "client_name", "client_email",
	"client_phone", "support_contact_id", "support_contact", "event_start", "event_end", "location",
	"attendees", "notes", "created_at", "updated_at"}

// wideRow returns a new event-like row i, so that a renderer keeping rows
// would keep all of them.
func wideRow(i int) []any {
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute)
	var support any
	if i%3 != 0 {
		support = fmt.Sprintf("support%d", i%50)
	}
	return []any{int64(i), fmt.Sprintf("Event %d, \"annual\"", i), int64(i / 2), int64(i / 7),
		fmt.Sprintf("Client %d", i/7), fmt.Sprintf("client%d@example.com", i/7), "+33 6 12 34 56 78",
		int64(i % 50), support, at, at.Add(3 * time.Hour), "12 rue de la Paix, Paris",
		int64(i % 300), strings.Repeat("note ", i%40), at, at.Add(time.Hour)}
}

// wideRows streams n fresh rows; calls counts how many times it was run.
func wideRows(n int, calls *int, each func(i int)) commands.RowIter {
	return func(yield func([]any) error) error {
		*calls++
		for i := range n {
			if each != nil {
				each(i)
			}
			if err := yield(wideRow(i)); err != nil {
				return err
			}
		}
		return nil
	}
}

// countingWriter counts bytes and keeps none of them.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

func heapAlloc() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestStreamingDoesNotRetainRows renders 300,000 rows as JSON and CSV and
// measures the live heap while the rows flow: a renderer that collected the
// rows would hold hundreds of MiB by the last sample.
func TestStreamingDoesNotRetainRows(t *testing.T) {
	if testing.Short() {
		t.Skip("300,000 rows")
	}
	const rows = 300_000
	const bound = 32 << 20
	for _, f := range []Format{JSON, CSV} {
		t.Run(string(f), func(t *testing.T) {
			base := heapAlloc()
			var peak uint64
			sample := func(i int) {
				if i > 0 && i%60_000 == 0 {
					peak = max(peak, heapAlloc())
				}
			}
			calls := 0
			w := &countingWriter{}
			res := commands.Result{Columns: wideColumns, Rows: wideRows(rows, &calls, sample), List: true}
			if err := Render(w, f, res, Options{}); err != nil {
				t.Fatal(err)
			}
			if calls != 1 {
				t.Fatalf("Rows run %d times, want once", calls)
			}
			if w.n < rows*100 {
				t.Fatalf("only %d bytes written: output not flushed", w.n)
			}
			if peak > base && peak-base > bound {
				t.Fatalf("heap grew by %d MiB while streaming", (peak-base)>>20)
			}
			t.Logf("%d MiB written, heap growth %d KiB", w.n>>20, (int64(peak)-int64(base))>>10)
		})
	}
}

// TestTableLongLists checks that a table of many rows is sized on all of
// them, not on its first: a late id with more digits and a late wider cell
// are shown whole and aligned with the first line (off a terminal nothing
// is cut), while the live heap stays flat because the cells move to a
// temporary file.
func TestTableLongLists(t *testing.T) {
	if testing.Short() {
		t.Skip("100,000 rows")
	}
	const rows = 100_000
	const bound = 12 << 20
	base := heapAlloc()
	var peak uint64
	calls := 0
	all := wideRows(rows, &calls, func(i int) {
		if i > 0 && i%20_000 == 0 {
			peak = max(peak, heapAlloc())
		}
	})
	res := commands.Result{Columns: wideColumns, List: true, Rows: func(yield func([]any) error) error {
		if err := all(yield); err != nil {
			return err
		}
		late := wideRow(1_234_567)
		late[1] = strings.Repeat("wide ", 20)
		return yield(late)
	}}
	lw := &lineWriter{}
	if err := Render(lw, Table, res, noColor); err != nil {
		t.Fatal(err)
	}
	if peak > base && peak-base > bound {
		t.Fatalf("heap grew by %d MiB while measuring a table", (peak-base)>>20)
	}
	t.Logf("heap growth %d KiB", (int64(peak)-int64(base))>>10)
	if want := rows + 1 + 4 + 1; lw.lines != want || lw.partial.Len() != 0 {
		t.Fatalf("%d lines, want %d", lw.lines, want)
	}
	if last := lw.last[2]; last != fmt.Sprintf("(%d rows)", rows+1) {
		t.Fatalf("last line %q", last)
	}
	if lw.ragged != "" {
		t.Fatalf("line not aligned with the first (%d runes):\n%s", lw.width, lw.ragged)
	}
	late := lw.last[0]
	if !strings.Contains(late, "│ 1234567 │ "+strings.Repeat("wide ", 20)) || strings.Contains(late, "…") {
		t.Fatalf("late cells cut: %s", late)
	}
	if calls != 1 {
		t.Fatalf("Rows run %d times, want once", calls)
	}
}

// lineWriter checks a table as it is written, keeping only its last lines
// so that the test does not hold the output in memory.
type lineWriter struct {
	partial strings.Builder
	lines   int
	width   int       // of the first line, in runes
	ragged  string    // the first line of another width, but "(N rows)"
	last    [3]string // the last lines
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.partial.Write(p)
	text := w.partial.String()
	w.partial.Reset()
	for {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			w.partial.WriteString(text)
			return len(p), nil
		}
		line := text[:i]
		text = text[i+1:]
		w.lines++
		n := len([]rune(line))
		switch {
		case w.lines == 1:
			w.width = n
		case n != w.width && !strings.HasPrefix(line, "(") && w.ragged == "":
			w.ragged = line
		}
		w.last = [3]string{w.last[1], w.last[2], line}
	}
}

// TestStreamingStopsOnWriteError checks that a failing writer (a closed
// pipe) stops the rows instead of formatting all of them for nothing.
func TestStreamingStopsOnWriteError(t *testing.T) {
	for _, f := range []Format{JSON, CSV} {
		t.Run(string(f), func(t *testing.T) {
			seen := 0
			calls := 0
			res := commands.Result{Columns: wideColumns, Rows: wideRows(100_000, &calls, func(i int) { seen = i }), List: true}
			if err := Render(failingWriter{}, f, res, Options{}); err == nil {
				t.Fatal("Render succeeded on a failing writer")
			}
			if seen > 1_000 {
				t.Fatalf("%d rows rendered after the writer failed", seen)
			}
		})
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, io.ErrClosedPipe }

func BenchmarkRender1000(b *testing.B) {
	rows := make([][]any, 1000)
	for i := range rows {
		rows[i] = wideRow(i)
		rows[i][6] = model.Money(i * 12345) // a Stringer among the values
	}
	res := commands.Result{Columns: wideColumns, Rows: rowsOf(rows...), List: true}
	for _, f := range []Format{Table, JSON, CSV} {
		b.Run(string(f), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := Render(io.Discard, f, res, Options{Location: time.UTC, NoColor: true}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
