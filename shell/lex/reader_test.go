package lex

import (
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

// numbered is a logical line without its words.
type numbered struct {
	N    int
	Text string
}

// readLines returns every logical line of r, checking that the reader
// stays at io.EOF once there.
func readLines(t *testing.T, r io.Reader) []Line {
	t.Helper()
	lr := NewReader(r)
	var lines []Line
	for {
		l, err := lr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		lines = append(lines, l)
	}
	if _, err := lr.Next(); err != io.EOF {
		t.Fatalf("Next after the end = %v, want io.EOF", err)
	}
	return lines
}

// readAll returns every logical line of input, checking that the reader
// lexed each as Split does.
func readAll(t *testing.T, r io.Reader) []numbered {
	t.Helper()
	var lines []numbered
	for _, l := range readLines(t, r) {
		words, err := Split(l.Text)
		if !reflect.DeepEqual(l.Words, words) || !reflect.DeepEqual(l.Err, err) {
			t.Fatalf("line %q: words %q, %v; Split gives %q, %v", l.Text, l.Words, l.Err, words, err)
		}
		lines = append(lines, numbered{l.N, l.Text})
	}
	return lines
}

func TestReader(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  []numbered
	}{
		{"Empty", "", nil},
		{"OnlyBlanks", "\n  \n\t\n", nil},
		{"OneLine", "whoami\n", []numbered{{1, "whoami"}}},
		{"NoFinalNewline", "login alice\nwhoami", []numbered{{1, "login alice"}, {2, "whoami"}}},
		{"BlanksAndComments", "# setup\n\nlogin alice\n   # indented comment\n\t\nwhoami\n",
			[]numbered{{3, "login alice"}, {6, "whoami"}}},
		{"CommentWithQuote", "# it's a comment\nwhoami\n", []numbered{{2, "whoami"}}},
		{"CommentWithBackslash", "# ends in \\\nwhoami\n", []numbered{{2, "whoami"}}},
		{"TrailingComment", "whoami # it's me \\\nlogout\n", []numbered{{1, "whoami # it's me \\"}, {2, "logout"}}},
		{"HashInsideWord", "client list name~a#b\n", []numbered{{1, "client list name~a#b"}}},
		{"Continuation", "client create \\\n  --first-name Jane \\\n  --last-name Doe\nwhoami\n",
			[]numbered{{1, "client create   --first-name Jane   --last-name Doe"}, {4, "whoami"}}},
		{"ContinuationJoinsWord", "who\\\nami\n", []numbered{{1, "whoami"}}},
		{"ContinuationNumbering", "# c\n\na \\\nb \\\nc\n\n# d\nx\n",
			[]numbered{{3, "a b c"}, {8, "x"}}},
		{"ContinuationOntoBlank", "a \\\n\nb\n", []numbered{{1, "a "}, {3, "b"}}},
		{"ContinuationThenComment", "a \\\n# not a command\nb\n", []numbered{{1, "a # not a command"}, {3, "b"}}},
		{"EvenBackslashes", "a \\\\\nb\n", []numbered{{1, `a \\`}, {2, "b"}}},
		{"OddBackslashes", "a \\\\\\\nb\n", []numbered{{1, `a \\b`}}},
		{"BackslashInSingleQuotes", "a 'b\\\nc'\n", []numbered{{1, "a 'b\\\nc'"}}},
		{"BackslashInDoubleQuotes", "a \"b\\\nc\"\n", []numbered{{1, `a "bc"`}}},
		{"SingleQuoteSpansLines", "event update 1 --notes 'line one\n\n# not a comment\nline four'\nwhoami\n",
			[]numbered{{1, "event update 1 --notes 'line one\n\n# not a comment\nline four'"}, {5, "whoami"}}},
		{"DoubleQuoteSpansLines", "a \"b\nc\" d\n", []numbered{{1, "a \"b\nc\" d"}}},
		{"QuoteInsideWordSpans", "name~O\\'Brien\nx 'y\nz'\n", []numbered{{1, `name~O\'Brien`}, {2, "x 'y\nz'"}}},
		{"CRLF", "# c\r\nlogin alice\r\n\r\nclient list \\\r\n  --mine\r\n",
			[]numbered{{2, "login alice"}, {4, "client list   --mine"}}},
		{"CRLFInQuote", "a 'b\r\nc'\r\n", []numbered{{1, "a 'b\nc'"}}},
		{"ByteOrderMark", "\uFEFFwhoami\n", []numbered{{1, "whoami"}}},
		{"DanglingContinuation", "a \\\n", []numbered{{1, `a \`}}},
		{"DanglingContinuationNoNewline", "a \\", []numbered{{1, `a \`}}},
		{"DanglingAfterJoin", "a \\\nb \\\n", []numbered{{1, `a b \`}}},
		{"OpenQuoteAtEOF", "a 'b\nc\n", []numbered{{1, "a 'b\nc"}}},
		{"OpenQuoteNoNewline", "x\na \"b", []numbered{{1, "x"}, {2, `a "b`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readAll(t, strings.NewReader(tt.input))
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("lines of %q:\n got %#v\nwant %#v", tt.input, got, tt.want)
			}
			// A byte at a time must give the same lines.
			if one := readAll(t, iotest.OneByteReader(strings.NewReader(tt.input))); !reflect.DeepEqual(one, got) {
				t.Fatalf("one byte at a time: got %#v, want %#v", one, got)
			}
		})
	}
}

// TestReaderSplit checks lines and words together, as a batch reads them.
func TestReaderSplit(t *testing.T) {
	input := "# create a client\n" +
		"client create --first-name 'Jean-Luc' \\\n" +
		"  --last-name \"O'Brien\" \\\n" +
		"  --company \"Crêperie\n" +
		"du Port\" # trailing comment\n" +
		"\n" +
		"event list location~\"Saint Malo\" attendees>=100\n" +
		"event update 3 --notes 'bring\\\n" +
		"#chairs'\n" +
		"broken 'quote\n"
	want := []struct {
		n     int
		words []string
		err   string
	}{
		{2, []string{"client", "create", "--first-name", "Jean-Luc", "--last-name", "O'Brien", "--company", "Crêperie\ndu Port"}, ""},
		{7, []string{"event", "list", "location~Saint Malo", "attendees>=100"}, ""},
		{8, []string{"event", "update", "3", "--notes", "bring\\\n#chairs"}, ""},
		{10, nil, "unterminated quote"},
	}
	lines := readAll(t, strings.NewReader(input))
	if len(lines) != len(want) {
		t.Fatalf("got %d lines %#v, want %d", len(lines), lines, len(want))
	}
	for i, w := range want {
		l := lines[i]
		words, err := Split(l.Text)
		if l.N != w.n {
			t.Errorf("line %d: N = %d, want %d", i, l.N, w.n)
		}
		if w.err != "" {
			if err == nil || err.Error() != w.err {
				t.Errorf("line %d: err = %v, want %q", l.N, err, w.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(words, w.words) {
			t.Errorf("line %d: Split(%q) = %q, %v; want %q", l.N, l.Text, words, err, w.words)
		}
	}
}

// TestReaderLongLine (issue 11 finding 12): a line over MaxLine is refused
// with a usage error and its line number, without being kept, and the
// lines after it are read as usual; a line of MaxLine bytes is fine.
func TestReaderLongLine(t *testing.T) {
	long := strings.Repeat("x", 2<<20) // 2 MiB
	justFits := "client list company_name~" + strings.Repeat("y", MaxLine-len("client list company_name~"))
	input := "# big\nclient list name~" + long + "\nwhoami\nclient list \\\n" + long + "\n" + justFits + "\r\nlogout"
	got := readLines(t, strings.NewReader(input))
	if len(got) != 5 {
		t.Fatalf("got %d lines, want 5", len(got))
	}
	for i, want := range []struct {
		n       int
		tooLong bool
		text    string
	}{{2, true, ""}, {3, false, "whoami"}, {4, true, ""}, {6, false, justFits}, {7, false, "logout"}} {
		l := got[i]
		if l.N != want.n || (l.Err == errTooLong) != want.tooLong || l.Text != want.text {
			t.Errorf("line %d: N %d, err %v, %d bytes; want N %d, too long %v, %d bytes",
				i, l.N, l.Err, len(l.Text), want.n, want.tooLong, len(want.text))
		}
	}
}

func TestReaderError(t *testing.T) {
	boom := errors.New("disk on fire")
	r := NewReader(io.MultiReader(strings.NewReader("whoami\n"), iotest.ErrReader(boom)))
	if l, err := r.Next(); err != nil || l.N != 1 || l.Text != "whoami" {
		t.Fatalf("first Next = %#v, %v", l, err)
	}
	if _, err := r.Next(); !errors.Is(err, boom) {
		t.Fatalf("second Next err = %v, want %v", err, boom)
	}
}

// FuzzReader checks that Reader never panics, numbers lines upward within
// the input, and reads the same lines whatever the read sizes.
func FuzzReader(f *testing.F) {
	for _, s := range []string{
		"", "a\n", "# c\n\na \\\nb\n", "a 'b\nc'\n", "a \"b\\\nc\"", "x\r\ny \\\r\n",
		"a \\", "'", "# it's\n'a\n#b'\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, input string) {
		lines := readAll(t, strings.NewReader(input))
		physical := strings.Count(input, "\n") + 1
		last := 0
		for _, l := range lines {
			if l.N <= last || l.N > physical {
				t.Fatalf("line number %d after %d, input has %d lines: %#v", l.N, last, physical, lines)
			}
			last = l.N
			Split(l.Text) // must not panic; errors are the batch's to report
		}
		if one := readAll(t, iotest.OneByteReader(strings.NewReader(input))); !reflect.DeepEqual(one, lines) {
			t.Fatalf("one byte at a time: got %#v, want %#v", one, lines)
		}
	})
}

func BenchmarkReader(b *testing.B) {
	input := strings.Repeat("# comment\nevent list location~\"Saint Malo\" \\\n  attendees>=100 --limit 50\n\n", 1000)
	for b.Loop() {
		r := NewReader(strings.NewReader(input))
		for {
			if _, err := r.Next(); err != nil {
				break
			}
		}
	}
}

// TestReaderLongLineResync: a line over MaxLine is one refused command up
// to the end of its logical line, read by the same quoting and
// continuation rules as any line: what follows inside a quote it opened,
// or after a backslash that ends it, is part of it, never a command of its
// own. So it is when a quote opened on a short line goes on over MaxLine.
func TestReaderLongLineResync(t *testing.T) {
	long := strings.Repeat("x", MaxLine+10)
	// A backslash whose \r\n is cut between two reads of bufio's 4096 bytes.
	cut := strings.Repeat("a", 4096*20-2) + "\\\r\n"
	for _, tc := range []struct {
		name  string
		input string
		want  []int // the line numbers read: too long first, then whoami's
	}{
		{"OpensDoubleQuote", "event update 1 --notes \"" + long + "\nuser delete alice\nend\"\nwhoami\n", []int{1, 4}},
		{"OpensSingleQuote", "client list 'a" + long + "\nuser delete alice\n'\nwhoami\n", []int{1, 4}},
		{"QuoteWithEscapedQuote", "x \"" + long + "\\\"\nuser delete alice\"\nwhoami\n", []int{1, 3}},
		{"Continues", "client list " + long + " \\\nuser delete alice\nwhoami\n", []int{1, 3}},
		{"ContinuesCRLF", "client list " + long + " \\\r\nuser delete alice\r\nwhoami\r\n", []int{1, 3}},
		{"ContinuesAcrossReads", cut + "user delete alice\nwhoami\n", []int{1, 3}},
		{"CROnlyAtTheEnd", strings.Repeat("a", 4096*20-1) + "\r\nwhoami\n", []int{1, 2}},
		{"QuoteOpenedBefore", "event update 1 --notes \"short\n" + long + "\nuser delete alice\n\"\nwhoami\n", []int{1, 5}},
		{"ManyShortLinesInAQuote", "x '" + strings.Repeat(strings.Repeat("y", 99)+"\n", 700) + "user delete alice\n'\nwhoami\n", []int{1, 703}},
		{"ClosedOnItsLine", "x \"" + long + "\"\nwhoami\n", []int{1, 2}},
		{"QuoteOpenToTheEnd", "x \"" + long + "\nuser delete alice\nwhoami\n", []int{1}},
		{"EscapedQuoteOutside", "x \\\"" + long + "\nwhoami\n", []int{1, 2}},
		{"QuoteInComment", "whoami # it's " + long + "\nwhoami\n", []int{1, 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, r := range []io.Reader{strings.NewReader(tc.input), iotest.OneByteReader(strings.NewReader(tc.input))} {
				lr := NewReader(r)
				var got []int
				for {
					l, err := lr.Next()
					if err == io.EOF {
						break
					}
					if err != nil {
						t.Fatal(err)
					}
					got = append(got, l.N)
					if len(got) == 1 && l.Err != errTooLong {
						t.Fatalf("first line: %v, want too long", l.Err)
					}
					if len(got) > 1 && (l.Text != "whoami" || l.Err != nil) {
						t.Fatalf("line %d read as a command: %.40q, %v", l.N, l.Text, l.Err)
					}
				}
				if !reflect.DeepEqual(got, tc.want) {
					t.Fatalf("lines %v, want %v", got, tc.want)
				}
			}
		})
	}
}
