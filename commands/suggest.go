package commands

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Nearest returns the known name closest to name, for an error message
// that offers a way out of a typing mistake ("clinet" -> "client"), and
// false when none is close enough to be what the operator meant.
//
// Closeness is the optimal string alignment distance (Levenshtein with the
// swap of two neighbouring letters counted as one edit, the commonest slip
// on a keyboard), case folded. A name is close enough when the distance is
// at most a third of its length (at least 1), or when it is the start of
// the known name ("cont" -> "contract"). Ties go to the earlier known name,
// so the caller's order (usually the table's) decides.
func Nearest(name string, known []string) (string, bool) {
	lower := strings.ToLower(name)
	if lower == "" {
		return "", false
	}
	limit := max(1, utf8.RuneCountInString(lower)/3)
	// Every name kept is within limit: a prefix counts as one edit.
	best, bestDist := "", limit+1
	for _, k := range known {
		kl := strings.ToLower(k)
		if kl == lower {
			return k, true
		}
		d := editDistance(lower, kl)
		if utf8.RuneCountInString(lower) >= 2 && strings.HasPrefix(kl, lower) {
			// A prefix is as good as one edit: it is a name left unfinished.
			d = min(d, 1)
		} else if d > limit {
			continue
		}
		if d < bestDist {
			best, bestDist = k, d
		}
	}
	return best, bestDist <= limit
}

// DidYouMean returns ` did you mean "NAME"?` for the known name nearest to
// name, to append to an error message, or "" when none is close.
func DidYouMean(name string, known []string) string {
	if k, ok := Nearest(name, known); ok {
		return fmt.Sprintf(" did you mean %q?", k)
	}
	return ""
}

// editDistance is the optimal string alignment distance between a and b,
// in runes: insertions, deletions, substitutions and transpositions of two
// adjacent runes each cost one.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// Three rows of the dynamic programming table are enough.
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
