package console

import (
	"errors"
	"io"
	"reflect"
	"testing"

	"golang.org/x/sys/unix"
)

// fakeTerminal hands out one queued chunk per read, then EAGAIN as the real
// terminal does when nothing is typed, or end if set.
type fakeTerminal struct {
	chunks []string
	reads  int
	end    error
}

func (f *fakeTerminal) read(buf []byte) (int, error) {
	f.reads++
	if len(f.chunks) == 0 {
		if f.end != nil {
			return 0, f.end
		}
		return 0, unix.EAGAIN
	}
	n := copy(buf, f.chunks[0])
	f.chunks = f.chunks[1:]
	return n, nil
}

// readAll calls next until it reports that nothing is there, and returns
// the chunks go-prompt would have received.
func readAll(t *testing.T, k *keySplitter) []string {
	t.Helper()
	var got []string
	for i := 0; i < 100; i++ {
		b, err := k.next()
		if errors.Is(err, unix.EAGAIN) {
			return got
		}
		if err != nil {
			t.Fatalf("next: %v", err)
		}
		got = append(got, string(b))
	}
	t.Fatal("next never ran out")
	return nil
}

func TestKeySplitter(t *testing.T) {
	type splitCase struct {
		name   string
		chunks []string
		want   []string
	}
	var cases []splitCase
	// A key read alone comes through as it is.
	for name, key := range map[string]string{
		"Letter": "a", "Enter": "\r", "CtrlJ": "\n", "ArrowUp": "\x1b[A", "Delete": "\x1b[3~", "Tab": "\t",
		"CtrlC": "\x03", "CtrlD": "\x04", "LoneByte": "\xc3", "Escape": "\x1b", "CtrlUp": "\x1b[1;5A",
		"SS3Up": "\x1bOA", "AltB": "\x1bb", "AltBackspace": "\x1b\x7f", "UnknownCSI": "\x1b[99;1~",
		"Text": "hello world",
	} {
		cases = append(cases, splitCase{name, []string{key}, []string{key}})
	}
	for _, tc := range append(cases, []splitCase{
		{"TypedKeys", []string{"a", "b", "\r"}, []string{"a", "b", "\r"}},
		{"PasteCR", []string{"x\ry\rz\r"}, []string{"x", "\r", "y", "\r", "z", "\r"}},
		{"PasteLF", []string{"x\ny\n"}, []string{"x", "\r", "y", "\r"}},
		{"PasteCRLF", []string{"x\r\ny\r\n"}, []string{"x", "\r", "y", "\r"}},
		{"PasteNoFinalEnd", []string{"x\ny"}, []string{"x", "\r", "y"}},
		{"PasteEmptyLines", []string{"\r\r"}, []string{"\r", "\r"}},
		{"PasteLeadingEnd", []string{"\rx"}, []string{"\r", "x"}},
		{"PasteTabInLine", []string{"a\tb\rc\r"}, []string{"a\tb", "\r", "c", "\r"}},
		{"AltEnter", []string{"\x1b\r"}, []string{"\x1b", "\r"}},
		{"LineAcrossReads", []string{"ab", "c\rd"}, []string{"ab", "c", "\r", "d"}},
		{"CRLFAcrossReads", []string{"x\r", "\ny\r"}, []string{"x", "\r", "y", "\r"}},
		{"EnterThenCtrlJ", []string{"\r", "\n"}, []string{"\r", "\n"}},
		{"RuneAcrossReads", []string{"ab\xc3", "\xa9\r"}, []string{"ab", "é", "\r"}},
		{"WholeRunes", []string{"é\rà"}, []string{"é", "\r", "à"}},
		{"CtrlCThenLetter", []string{"\x03b\r"}, []string{"\x03", "b", "\r"}},
		{"TextArrowText", []string{"abc\x1b[Adef"}, []string{"abc", "\x1b[A", "def"}},
		{"Backspaces", []string{"ab\x7f\x7fc\r"}, []string{"ab", "\x7f", "\x7f", "c", "\r"}},
		{"CtrlDInPaste", []string{"x\r\x04"}, []string{"x", "\r", "\x04"}},
		{"BracketedPasteMarks", []string{"\x1b[200~x\ry\x1b[201~"}, []string{"x", "\r", "y"}},
	}...) {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeTerminal{chunks: append([]string(nil), tc.chunks...)}
			k := &keySplitter{read: f.read}
			var got []string
			// One readAll per chunk: a real terminal may pause between them.
			for range tc.chunks {
				got = append(got, readAll(t, k)...)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestKeySplitterReadsOnlyWhenEmpty checks that the rest of a paste is handed
// out from the buffer before the terminal is read again.
func TestKeySplitterReadsOnlyWhenEmpty(t *testing.T) {
	f := &fakeTerminal{chunks: []string{"a\rb\r", "c"}}
	k := &keySplitter{read: f.read}
	for i, want := range []string{"a", "\r", "b", "\r"} {
		b, err := k.next()
		if err != nil || string(b) != want {
			t.Fatalf("next #%d = %q, %v; want %q", i, b, err, want)
		}
		if f.reads != 1 {
			t.Fatalf("after next #%d: %d reads, want 1", i, f.reads)
		}
	}
	if b, err := k.next(); err != nil || string(b) != "c" || f.reads != 2 {
		t.Fatalf("next = %q, %v after %d reads; want \"c\" after 2", b, err, f.reads)
	}
}

// TestKeySplitterHangup checks that a terminal that went away makes go-prompt
// clear the line and leave, instead of being polled forever.
func TestKeySplitterHangup(t *testing.T) {
	for _, end := range []error{io.EOF, unix.EIO} {
		t.Run(end.Error(), func(t *testing.T) {
			f := &fakeTerminal{chunks: []string{"par"}, end: end}
			k := &keySplitter{read: f.read}
			var got []string
			for i := 0; i < 4; i++ {
				b, err := k.next()
				if err != nil {
					t.Fatalf("next: %v", err)
				}
				got = append(got, string(b))
			}
			want := []string{"par", "\x03", "\x04", "\x04"}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("got %q, want %q", got, want)
			}
		})
	}
}

func TestKeySplitterOtherErrors(t *testing.T) {
	k := &keySplitter{read: func([]byte) (int, error) { return 0, unix.EINTR }}
	if _, err := k.next(); !errors.Is(err, unix.EINTR) {
		t.Fatalf("next: %v, want EINTR", err)
	}
}
