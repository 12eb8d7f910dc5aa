package lex

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"testing/quick"

	"epicevents/model"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name string
		line string
		want []string
	}{
		{"Empty", "", nil},
		{"Blanks", " \t  ", nil},
		{"Plain", "user list", []string{"user", "list"}},
		{"Spaces", "  user    list  ", []string{"user", "list"}},
		{"Tabs", "user\t\tlist\t--desc", []string{"user", "list", "--desc"}},
		{"CarriageReturn", "whoami\r", []string{"whoami"}},
		{"NewlineSeparates", "a\nb", []string{"a", "b"}},
		{"Flags", "client create --first-name Jane --company=Acme", []string{"client", "create", "--first-name", "Jane", "--company=Acme"}},
		{"SingleQuotes", "'a b'  c", []string{"a b", "c"}},
		{"SingleQuotesLiteral", `'a\b "c" $x #y'`, []string{`a\b "c" $x #y`}},
		{"DoubleQuotes", `"a b" c`, []string{"a b", "c"}},
		{"DoubleEscapedQuote", `"a\"b"`, []string{`a"b`}},
		{"DoubleEscapes", `"\\ \$ \` + "`" + `"`, []string{`\ $ ` + "`"}},
		{"DoubleKeepsOtherBackslash", `"a\b\n"`, []string{`a\b\n`}},
		{"DoubleSingleQuoteInside", `"it's"`, []string{"it's"}},
		{"DoubleBackslashNewline", "\"a\\\nb\"", []string{"ab"}},
		{"DoubleNewline", "\"a\nb\"", []string{"a\nb"}},
		{"SingleNewline", "'a\nb'", []string{"a\nb"}},
		{"BackslashSpace", `a\ b c`, []string{"a b", "c"}},
		{"BackslashQuote", `O\'Brien`, []string{"O'Brien"}},
		{"BackslashBackslash", `a\\b`, []string{`a\b`}},
		{"BackslashLetter", `\a\b`, []string{"ab"}},
		{"BackslashNewline", "a \\\n b", []string{"a", "b"}},
		{"BackslashNewlineInWord", "ab\\\ncd", []string{"abcd"}},
		{"BackslashNewlineThenHash", "a \\\n#b", []string{"a"}},
		{"JoinedQuotes", `'a'"b"c`, []string{"abc"}},
		{"FilterQuoted", `event list location~"Saint Malo" attendees>=100`, []string{"event", "list", "location~Saint Malo", "attendees>=100"}},
		{"FilterOBrien", `name~"O'Brien"`, []string{"name~O'Brien"}},
		{"FilterOBrienSingle", `name~'O'\''Brien'`, []string{"name~O'Brien"}},
		{"SQLWildcards", `x='%_'`, []string{"x=%_"}},
		{"SQLInjection", `name="'; DROP TABLE clients; --"`, []string{"name='; DROP TABLE clients; --"}},
		{"EmptySingle", "''", []string{""}},
		{"EmptyDouble", `""`, []string{""}},
		{"EmptyWords", `a '' "" b`, []string{"a", "", "", "b"}},
		{"EmptyJoined", `''a""`, []string{"a"}},
		{"Comment", "a #b", []string{"a"}},
		{"CommentOnly", "# just a comment", nil},
		{"CommentWithQuote", "a # it's fine", []string{"a"}},
		{"CommentEndsAtNewline", "a # c\nb", []string{"a", "b"}},
		{"HashInWord", "a#b", []string{"a#b"}},
		{"HashAfterQuote", `''#b`, []string{"#b"}},
		{"HashEscaped", `\#b`, []string{"#b"}},
		{"HashInSingle", `'#b' c`, []string{"#b", "c"}},
		{"HashInDouble", `"# b" c`, []string{"# b", "c"}},
		{"NoExpansion", `$HOME * ~ ?`, []string{"$HOME", "*", "~", "?"}},
		{"Unicode", `client create --first-name Zoé --company "Crêperie Ÿ 日本"`, []string{"client", "create", "--first-name", "Zoé", "--company", "Crêperie Ÿ 日本"}},
		{"UnicodeEscaped", `\é`, []string{"é"}},
		{"Operators", `amount_due!=0 a<b c<=d e>f g>=h`, []string{"amount_due!=0", "a<b", "c<=d", "e>f", "g>=h"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Split(tt.line)
			if err != nil {
				t.Fatalf("Split(%q): %v", tt.line, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("Split(%q) = %q, want %q", tt.line, got, tt.want)
			}
		})
	}
}

func TestSplitError(t *testing.T) {
	tests := []struct {
		name string
		line string
		msg  string
	}{
		{"UnterminatedSingle", "a 'b c", "unterminated quote"},
		{"UnterminatedDouble", `a "b c`, "unterminated quote"},
		{"UnterminatedJoined", `name~"O'Brien`, "unterminated quote"},
		{"UnterminatedEscapedQuote", `"a\"`, "unterminated quote"},
		{"UnterminatedAfterClosed", `'a' "b`, "unterminated quote"},
		{"LoneQuote", `'`, "unterminated quote"},
		{"DoubleEndsInBackslash", `"a\`, "unterminated quote"},
		{"TrailingBackslash", `a b\`, "trailing backslash"},
		{"LoneBackslash", `\`, "trailing backslash"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Split(tt.line)
			if err == nil {
				t.Fatalf("Split(%q) = %q, want an error", tt.line, got)
			}
			if code := model.ErrorCode(err); code != model.EUSAGE {
				t.Errorf("code = %q, want %q", code, model.EUSAGE)
			}
			if err.Error() != tt.msg {
				t.Errorf("message = %q, want %q", err.Error(), tt.msg)
			}
		})
	}
}

func TestQuote(t *testing.T) {
	tests := []struct {
		word, want string
	}{
		{"", "''"},
		{"alice", "alice"},
		{"alice@example.com", "alice@example.com"},
		{"--first-name", "--first-name"},
		{"amount_due>=100", "amount_due>=100"},
		{"client_name~acme", "client_name~acme"},
		{"support_contact!=none", "support_contact!=none"},
		{"a<b", "a<b"},
		{"50%", "50%"},
		{"+33:1,2./_", "+33:1,2./_"},
		{"Saint Malo", "'Saint Malo'"},
		{"location~Saint Malo", "'location~Saint Malo'"},
		{"O'Brien", `'O'\''Brien'`},
		{"'", `''\'''`},
		{`a"b`, `'a"b'`},
		{`a\b`, `'a\b'`},
		{"#tag", "'#tag'"},
		{"$HOME", "'$HOME'"},
		{"*", "'*'"},
		{"Zoé", "'Zoé'"},
		{"a\nb", "'a\nb'"},
	}
	for _, tt := range tests {
		if got := Quote(tt.word); got != tt.want {
			t.Errorf("Quote(%q) = %s, want %s", tt.word, got, tt.want)
		}
	}
}

// checkRoundTrip fails unless Split reads Quote(w) back as [w].
func checkRoundTrip(t *testing.T, w string) bool {
	t.Helper()
	q := Quote(w)
	got, err := Split(q)
	if err != nil || len(got) != 1 || got[0] != w {
		t.Errorf("Split(Quote(%q)) = %q, %v; Quote gave %s", w, got, err, q)
		return false
	}
	return true
}

// tricky is an alphabet weighted toward what the lexer treats specially.
var tricky = []string{
	"a", "Z", "0", " ", "\t", "\n", "\r", "'", `"`, `\`, "#", "$", "`",
	"~", "<", ">", "=", "!", "%", "_", "-", "é", "日", "\x00", "\xff", "''",
	`'\''`, `\'`,
}

func TestQuoteRoundTrip(t *testing.T) {
	cfg := &quick.Config{
		MaxCount: 5000,
		Values: func(v []reflect.Value, r *rand.Rand) {
			var b strings.Builder
			for n := r.Intn(12); n > 0; n-- {
				b.WriteString(tricky[r.Intn(len(tricky))])
			}
			v[0] = reflect.ValueOf(b.String())
		},
	}
	if err := quick.Check(func(w string) bool { return checkRoundTrip(t, w) }, cfg); err != nil {
		t.Error(err)
	}
	// And arbitrary unicode strings, as testing/quick makes them.
	if err := quick.Check(func(w string) bool { return checkRoundTrip(t, w) }, &quick.Config{MaxCount: 5000}); err != nil {
		t.Error(err)
	}
}

func FuzzQuoteRoundTrip(f *testing.F) {
	for _, s := range []string{
		"", "alice", "Saint Malo", "O'Brien", "'", "''", `\`, `"`, "#", "a#b",
		"amount_due>=100", "x=%_", "a\nb", "\r\n", "Zoé 日本", "\x00\xff",
		`'\''`, "$HOME", "`id`",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, w string) {
		checkRoundTrip(t, w)
	})
}

// FuzzSplit checks that Split never panics, and that the words it finds,
// quoted again and joined by spaces, split back to the same words.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"", "a b", `'a'"b"c`, `name~"O'Brien"`, "a #b", "a\\\nb", `"a\"b"`,
		"'unterminated", `trailing\`, "''", `"\$\x"`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		words, err := Split(line)
		if err != nil {
			return
		}
		quoted := make([]string, len(words))
		for i, w := range words {
			quoted[i] = Quote(w)
		}
		again, err := Split(strings.Join(quoted, " "))
		if err != nil {
			t.Fatalf("Split of requoted %q: %v", words, err)
		}
		if len(words) == 0 && len(again) == 0 {
			return
		}
		if !reflect.DeepEqual(again, words) {
			t.Fatalf("requoted %q split to %q", words, again)
		}
	})
}

func BenchmarkSplit(b *testing.B) {
	line := `event list location~"Saint Malo" attendees>=100 support_contact=none --sort event_start --limit 50`
	for b.Loop() {
		if _, err := Split(line); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSplitPartial: a line being typed splits like Split would split it
// whole, with the word under the cursor as typed; inside quotes, after a
// backslash or in a comment there is nothing to complete.
func TestSplitPartial(t *testing.T) {
	for _, tt := range []struct {
		line  string
		words []string
		cur   string
		ok    bool
	}{
		{"", nil, "", true},
		{"cli", nil, "cli", true},
		{"client ", []string{"client"}, "", true},
		{"client list --sa", []string{"client", "list"}, "--sa", true},
		{"event list location~'Saint Malo' att", []string{"event", "list", "location~Saint Malo"}, "att", true},
		{`user show "a b" `, []string{"user", "show", "a b"}, "", true},
		{"event list location~'Saint", nil, "", false},
		{`user show a\`, nil, "", false},
		{`user show a\ b`, nil, "", false},
		{"client list # note", nil, "", false},
		{"client list a#b", nil, "", false},
	} {
		words, cur, ok := SplitPartial(tt.line)
		if ok != tt.ok || cur != tt.cur || !reflect.DeepEqual(words, tt.words) {
			t.Errorf("SplitPartial(%q) = %q, %q, %v; want %q, %q, %v", tt.line, words, cur, ok, tt.words, tt.cur, tt.ok)
		}
	}
}
