package query

import (
	"strings"
	"unicode"
	"unicode/utf8"

	sq "github.com/Masterminds/squirrel"
)

// Contains (the ~ of TERMS, and --search) ignores case the Unicode way, the
// same on both engines and for every field: a letter of the pattern matches
// any letter of its case-folding orbit (Go's unicode.SimpleFold: e/E, é/É,
// ß/ẞ, k/K/K (Kelvin sign), s/S/ſ). Nothing else is folded: accents count
// (e does not match é), text is not normalized, and ß does not match "ss".
//
// Neither engine can do it alone: SQLite's LIKE and LOWER fold ASCII letters
// only, and so does PostgreSQL's LOWER on the C collation of the schema.
// Each letter of the pattern becomes instead the set of its case forms:
//   - SQLite: expr LIKE p, which ignores the case of ASCII letters and where
//     every other letter with case forms is "_" (any one character), then
//     expr GLOB g, where each of those letters is [éÉ]. LIKE alone decides
//     when the pattern has no such letter (the usual case); otherwise GLOB
//     only looks at the rows LIKE kept, so that the cost stays LIKE's.
//   - PostgreSQL: expr ~ r, a regular expression where each letter with case
//     forms is [eE], every other character literal.
//
// An empty s is no filter: every row contains the empty text, those whose
// expr is NULL (a missing contact) included, which LIKE '%%' would leave
// out.
func containsFolded(d Dialect, expr, s string) sq.Sqlizer {
	if s == "" {
		return sq.Expr("1 = 1")
	}
	if d == Postgres {
		return sq.Expr("("+expr+") ~ ?", foldRegexp(s))
	}
	like, exact := foldLike(s)
	if exact {
		return sq.Expr("("+expr+") LIKE ? ESCAPE '\\'", like)
	}
	return sq.Expr("(("+expr+") LIKE ? ESCAPE '\\' AND ("+expr+") GLOB ?)", like, foldGlob(s))
}

// caseForms returns r and the other letters of its case-folding orbit, or
// nil when r has no other case form.
func caseForms(r rune) []rune {
	forms := []rune{r}
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		forms = append(forms, f)
	}
	if len(forms) == 1 {
		return nil
	}
	return forms
}

// asciiOnly reports whether every rune of forms is ASCII: SQLite's LIKE
// then matches any of them by itself.
func asciiOnly(forms []rune) bool {
	for _, f := range forms {
		if f >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldLike returns the LIKE pattern of contains s for SQLite, its wildcards
// escaped, and whether it decides alone: false when a letter of s has case
// forms beyond ASCII, which the pattern leaves to "_".
func foldLike(s string) (string, bool) {
	var b strings.Builder
	exact := true
	b.WriteByte('%')
	for _, r := range s {
		if forms := caseForms(r); forms != nil && !asciiOnly(forms) {
			b.WriteByte('_')
			exact = false
			continue
		}
		switch r {
		case '%', '_', '\\':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('%')
	return b.String(), exact
}

// writeForms writes the set of r's case forms ([éÉ]), which GLOB and
// PostgreSQL's regular expressions read alike, and reports whether r has
// any: a rune without case forms is left to the caller.
func writeForms(b *strings.Builder, r rune) bool {
	forms := caseForms(r)
	if forms == nil {
		return false
	}
	b.WriteByte('[')
	b.WriteString(string(forms))
	b.WriteByte(']')
	return true
}

// foldGlob returns the GLOB pattern of contains s for SQLite: case-sensitive,
// each letter with case forms as the set of them, GLOB's own wildcards
// matched literally.
func foldGlob(s string) string {
	var b strings.Builder
	b.WriteByte('*')
	for _, r := range s {
		if writeForms(&b, r) {
			continue
		}
		switch r {
		case '*', '?', '[':
			b.WriteByte('[')
			b.WriteRune(r)
			b.WriteByte(']')
			continue
		}
		b.WriteRune(r)
	}
	b.WriteByte('*')
	return b.String()
}

// foldRegexp returns the regular expression of contains s for PostgreSQL:
// each letter with case forms as the set of them, every other ASCII
// character but letters and digits escaped, so that it matches literally.
func foldRegexp(s string) string {
	var b strings.Builder
	for _, r := range s {
		if writeForms(&b, r) {
			continue
		}
		// ASCII letters all have case forms: they never reach here.
		if r < utf8.RuneSelf && !('0' <= r && r <= '9') {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
