// Command mutation reads the JSON report of a gremlins run on one package
// and prints its efficacy and mutant coverage, and every mutant that
// survived or was not tested, with its source line. It is run by
// testdata/mutation.sh; see docs/mutation.md.
//
// Two things are added to what gremlins reports:
//
//   - Mutants of a condition in a case clause (`case a < b:`), and of the
//     value of a package-level var or const (`30 * 24 * time.Hour`, a
//     help text joined with +), are reported NOT COVERED by gremlins
//     whatever the tests do: go's coverage profile has no block for them.
//     With -workdir (a copy of the module), each of them is applied there
//     and the package's tests run: they count as killed or lived like the
//     others, or not viable when they do not compile ("a" - "b"). Mutants
//     that timed out are tested again there too, one at a time.
//   - With -postgres, mutants that lived on SQLite in a package whose
//     tests run on PostgreSQL too are tested again there with them.
//   - Mutants listed in the ignore file (equivalent or harmless, each with
//     its reason) count neither as killed nor as lived.
//
// It exits with status 1 when the efficacy or the coverage is under its
// threshold.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// report is the part of gremlins' JSON output that is read.
type report struct {
	Files []struct {
		Name      string    `json:"file_name"`
		Mutations []mutants `json:"mutations"`
	} `json:"files"`
}

type mutants struct {
	Type   string `json:"type"`
	Status string `json:"status"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// mutant is one mutation, with its file relative to the module root.
type mutant struct {
	File, Type, Status string
	Line, Column       int
	Source             string // the line it changes, trimmed
	Next               string // the line after it, trimmed: context for the ignore list
	Marked             string // the line with » before the mutated operator
	Note               string // why it is ignored, or how it was tested
}

func main() {
	pkg := flag.String("pkg", "", "the package, relative to the module root (model, commands, ...)")
	in := flag.String("json", "", "the gremlins report (unleash -o)")
	ignore := flag.String("ignore", "testdata/mutation/ignore.txt", "the list of equivalent or harmless mutants")
	workdir := flag.String("workdir", "", "a copy of the module in which to test the mutants that coverage cannot see")
	efficacy := flag.Float64("efficacy", 95, "minimum efficacy, percent")
	coverage := flag.Float64("coverage", 85, "minimum mutant coverage, percent")
	pg := flag.String("postgres", "", "a PostgreSQL test server's URL: mutants that lived on SQLite are tested again on it")
	flag.Parse()
	ms, err := load(*pkg, *in)
	if err == nil && *workdir != "" {
		err = retest(*workdir, *pg, ms)
	}
	var rules []rule
	if err == nil {
		rules, err = loadIgnore(*ignore)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "mutation:", err)
		os.Exit(2)
	}
	applyIgnore(ms, rules)
	if !summarise(os.Stdout, *pkg, ms, *efficacy, *coverage) {
		os.Exit(1)
	}
}

// load reads the mutants of pkg from the gremlins report at path, with
// their source lines.
func load(pkg, path string) ([]*mutant, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var r report
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var ms []*mutant
	for _, f := range r.Files {
		file := filepath.ToSlash(filepath.Join(pkg, f.Name))
		src, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		lines := strings.Split(string(src), "\n")
		for _, m := range f.Mutations {
			mu := &mutant{File: file, Type: m.Type, Status: m.Status, Line: m.Line, Column: m.Column}
			if m.Line >= 1 && m.Line <= len(lines) {
				line := lines[m.Line-1]
				mu.Source, mu.Marked = strings.TrimSpace(line), strings.TrimSpace(line)
				if m.Column >= 1 && m.Column <= len(line) {
					mu.Marked = strings.TrimSpace(line[:m.Column-1] + "»" + line[m.Column-1:])
				}
			}
			if m.Line >= 1 && m.Line < len(lines) {
				mu.Next = strings.TrimSpace(lines[m.Line])
			}
			ms = append(ms, mu)
		}
	}
	return ms, nil
}

// rule is one line of the ignore file: FILE | TYPE | TEXT | WHY. It
// matches the mutants of that type in that file whose line holds TEXT, in
// which » stands right before the mutated operator, and "\n" for the end
// of the line, to name the next one too.
type rule struct {
	file, typ, text, why string
	used                 bool
}

func loadIgnore(path string) ([]rule, error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rules []rule
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p := strings.Split(line, " | ")
		if len(p) != 4 {
			return nil, fmt.Errorf("%s:%d: want FILE | TYPE | TEXT | WHY", path, n)
		}
		rules = append(rules, rule{file: p[0], typ: p[1], text: strings.ReplaceAll(p[2], `\n`, "\n"), why: p[3]})
	}
	return rules, sc.Err()
}

// applyIgnore marks IGNORED the mutants that a rule names and that were
// not killed.
func applyIgnore(ms []*mutant, rules []rule) {
	for _, m := range ms {
		if m.Status == "KILLED" || m.Status == "SKIPPED" {
			continue
		}
		for i := range rules {
			r := &rules[i]
			if r.file == m.File && r.typ == m.Type && strings.Contains(m.Marked+"\n"+m.Next, r.text) {
				m.Status, m.Note, r.used = "IGNORED", r.why, true
				break
			}
		}
	}
}

// summarise prints the figures of pkg and the mutants that need a look,
// and reports whether both thresholds are met.
func summarise(w *os.File, pkg string, ms []*mutant, minEfficacy, minCoverage float64) bool {
	count := map[string]int{}
	for _, m := range ms {
		count[m.Status]++
	}
	killed, lived, uncovered := count["KILLED"], count["LIVED"], count["NOT COVERED"]
	if killed+lived+uncovered == 0 {
		fmt.Fprintf(w, "%-9s no mutant to test (%d skipped, %d ignored)\n", pkg, count["SKIPPED"], count["IGNORED"])
		return true
	}
	efficacy, coverage := 100.0, 100.0
	if killed+lived > 0 {
		efficacy = 100 * float64(killed) / float64(killed+lived)
	}
	coverage = 100 * float64(killed+lived) / float64(killed+lived+uncovered)
	ok := efficacy >= minEfficacy && coverage >= minCoverage
	verdict := "ok"
	if !ok {
		verdict = fmt.Sprintf("FAIL (want efficacy >= %.0f%%, coverage >= %.0f%%)", minEfficacy, minCoverage)
	}
	fmt.Fprintf(w, "%-9s efficacy %6.2f%%  mutant coverage %6.2f%%  killed %d, lived %d, not covered %d, ignored %d, timed out %d, not viable %d  %s\n",
		pkg, efficacy, coverage, killed, lived, uncovered, count["IGNORED"], count["TIMED OUT"], count["NOT VIABLE"], verdict)
	for _, m := range ms {
		switch m.Status {
		case "LIVED", "NOT COVERED", "TIMED OUT", "IGNORED":
			note := ""
			if m.Note != "" {
				note = "  # " + m.Note
			}
			fmt.Fprintf(w, "  %-11s %-22s %s:%d:%d  %s%s\n", m.Status, m.Type, m.File, m.Line, m.Column, m.Source, note)
		}
	}
	return ok
}
