package monitor

import "testing"

// TestPatternsCompile compiles every pattern of the package, which the
// program itself compiles only when a report needs it, and checks that a
// pattern waits for its first use.
func TestPatternsCompile(t *testing.T) {
	for _, p := range patterns() {
		if p.get() == nil {
			t.Errorf("%q did not compile", p.expr)
		}
	}
	p := lazyPattern(`^a+$`)
	if p.re != nil {
		t.Fatal("compiled before its first use")
	}
	if !p.MatchString("aaa") || p.MatchString("ab") {
		t.Error("MatchString")
	}
}
