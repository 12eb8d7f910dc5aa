package monitor

import (
	"regexp"
	"sync"
)

// pattern is a regular expression compiled when it is first used. The
// scrubber's patterns serve only reports, which most runs never send: a
// one-shot command or --version does not pay for compiling them
// (docs/performance.md, start-up).
type pattern struct {
	expr string
	once sync.Once
	re   *regexp.Regexp
}

func lazyPattern(expr string) *pattern { return &pattern{expr: expr} }

func (p *pattern) get() *regexp.Regexp {
	p.once.Do(func() { p.re = regexp.MustCompile(p.expr) })
	return p.re
}

func (p *pattern) MatchString(s string) bool { return p.get().MatchString(s) }

func (p *pattern) ReplaceAllString(s, repl string) string { return p.get().ReplaceAllString(s, repl) }

func (p *pattern) ReplaceAllLiteralString(s, repl string) string {
	return p.get().ReplaceAllLiteralString(s, repl)
}

func (p *pattern) ReplaceAllStringFunc(s string, repl func(string) string) string {
	return p.get().ReplaceAllStringFunc(s, repl)
}

func (p *pattern) FindAllStringIndex(s string, n int) [][]int {
	return p.get().FindAllStringIndex(s, n)
}

func (p *pattern) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return p.get().FindAllStringSubmatchIndex(s, n)
}

// patterns are every pattern of the package, for the test that compiles
// them all: a mistake in one shows in the tests, not in a report.
func patterns() []*pattern {
	return []*pattern{secretAssignment, secretFlag, bearer, urlPassword, jwt, bcryptHash, email, moduleVersion,
		timestamp, phoneRun, digitsOnly, sensitiveKey, commandWord, fieldName}
}
