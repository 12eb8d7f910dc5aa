package query

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"epicevents/model"
)

// TestContainsFoldsUnicodeCase runs contains (~ and --search) on both
// engines: a letter matches its Unicode case forms, accented capitals
// included, and nothing else (accents count); LIKE's and GLOB's wildcards
// and the regular expressions' specials match literally.
func TestContainsFoldsUnicodeCase(t *testing.T) {
	ForEachEngine(t, func(t *testing.T, db *DB) {
		sales := MustCreateCollaborator(t, db, "sales1", model.Commercial)
		names := []string{"Émile", "émile", "EMILE", "Emile", "Zoë", "ZOË", "Straße", "STRAẞE", "Kelvin",
			"100% sûr", "a_b", `back\slash`, "star*[x]?", "dot.plus+", "Øyvind", "ΣΟΦΙΑ", "σοφια"}
		id := map[string]int64{}
		for i, n := range names {
			id[n] = MustCreateClient(t, db, model.Client{FirstName: n, SalesContactID: &sales,
				Email: fmt.Sprintf("client%d@x.example", i)})
		}
		for _, c := range []struct {
			pattern string
			want    []string
		}{
			{"Émile", []string{"Émile", "émile"}},
			{"émile", []string{"Émile", "émile"}},
			{"MILE", []string{"Émile", "émile", "EMILE", "Emile"}},
			{"emile", []string{"EMILE", "Emile"}},
			{"zoë", []string{"Zoë", "ZOË"}},
			{"straße", []string{"Straße", "STRAẞE"}},
			{"kelvin", []string{"Kelvin"}},
			{"KELVIN", []string{"Kelvin"}},
			{"%", []string{"100% sûr"}},
			{"0% S", []string{"100% sûr"}},
			{"_", []string{"a_b"}},
			{`\`, []string{`back\slash`}},
			{"*", []string{"star*[x]?"}},
			{"[x]", []string{"star*[x]?"}},
			{"?", []string{"star*[x]?"}},
			{".", []string{"dot.plus+"}},
			{"+", []string{"dot.plus+"}},
			{"øy", []string{"Øyvind"}},
			{"σοφ", []string{"ΣΟΦΙΑ", "σοφια"}},
		} {
			for _, search := range []bool{false, true} {
				if search && c.pattern == "." { // every e-mail has one
					continue
				}
				f, opts := model.ClientFilter{}, model.ListOptions{}
				if search {
					f.Search = c.pattern
				} else {
					opts.Terms = []model.Term{{Field: "first_name", Op: "~", Value: c.pattern}}
				}
				got := ids(t, db, func(tx *Tx, y func([]any) error) error { return tx.ListClients(f, opts, y) })
				var want []int64
				for _, n := range c.want {
					want = append(want, id[n])
				}
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Errorf("%q (search %v): got %v, want %v (%v)", c.pattern, search, got, want, c.want)
				}
			}
		}
	})
}

// TestContainsPatterns checks the patterns contains binds on SQLite: LIKE
// alone when its ASCII folding decides, LIKE and GLOB otherwise.
func TestContainsPatterns(t *testing.T) {
	for _, c := range []struct{ in, like, glob string }{
		{"acme", "%acme%", ""},
		{"50%_\\", `%50\%\_\\%`, ""},
		{"Émile", "%_mile%", "*[Éé][mM][iI][lL][eE]*"},
		{"ask", "%a__%", "*[aA][sſS][k\u212aK]*"},
		{"*?[", "%*?[%", ""},
	} {
		like, exact := foldLike(c.in)
		if like != c.like || exact != (c.glob == "") {
			t.Errorf("foldLike(%q) = %q, %v; want %q, %v", c.in, like, exact, c.like, c.glob == "")
		}
		if c.glob != "" && foldGlob(c.in) != c.glob {
			t.Errorf("foldGlob(%q) = %q, want %q", c.in, foldGlob(c.in), c.glob)
		}
	}
	if got := foldGlob("*?[é"); got != "*[*][?][[][éÉ]*" {
		t.Errorf("foldGlob = %q", got)
	}
	if got := foldRegexp("a.É*"); got != `[aA]\.[Éé]\*` {
		t.Errorf("foldRegexp = %q", got)
	}
	// Digits and what is not ASCII stand for themselves; every other ASCII
	// character is escaped, those next to the digits included.
	if got := foldRegexp("09/:\u0080日\u007f "); got != "09\\/\\:\u0080日\\\u007f\\ " {
		t.Errorf("foldRegexp = %q", got)
	}
}

// TestContainsEmptyMatchesAll: an empty contains value, --search "" as the
// term FIELD~ alike, is no filter: it matches every record, those whose
// field is missing (no support contact, say) included, on both engines.
func TestContainsEmptyMatchesAll(t *testing.T) {
	ForEachEngine(t, func(t *testing.T, db *DB) {
		sales := MustCreateCollaborator(t, db, "sales1", model.Commercial)
		support := MustCreateCollaborator(t, db, "sup1", model.Support)
		var clients []int64
		for i := range 3 {
			clients = append(clients, MustCreateClient(t, db, model.Client{SalesContactID: &sales,
				Email: fmt.Sprintf("client%d@x.example", i)}))
		}
		k := MustCreateContract(t, db, clients[0], 100, 0, true)
		start := fixedNow.Add(24 * time.Hour)
		events := []int64{
			MustCreateEvent(t, db, model.Event{Name: "Assigned", ContractID: k, Start: start, SupportContactID: &support}),
			MustCreateEvent(t, db, model.Event{Name: "Alone", ContractID: k, Start: start}),
		}
		term := func(field string) model.ListOptions {
			return model.ListOptions{Terms: []model.Term{{Field: field, Op: "~", Value: ""}}}
		}
		for name, c := range map[string]struct {
			list func(*Tx, func([]any) error) error
			want []int64
		}{
			"client --search": {func(tx *Tx, y func([]any) error) error {
				return tx.ListClients(model.ClientFilter{Search: ""}, model.ListOptions{}, y)
			}, clients},
			"client first_name~": {func(tx *Tx, y func([]any) error) error {
				return tx.ListClients(model.ClientFilter{}, term("first_name"), y)
			}, clients},
			"user --search": {func(tx *Tx, y func([]any) error) error {
				return tx.ListUsers(model.UserFilter{Search: ""}, model.ListOptions{}, y)
			}, []int64{sales, support}},
			"user phone~ (empty phones)": {func(tx *Tx, y func([]any) error) error {
				return tx.ListUsers(model.UserFilter{}, term("phone"), y)
			}, []int64{sales, support}},
			"event support_contact~ (none for one)": {func(tx *Tx, y func([]any) error) error {
				return tx.ListEvents(model.EventFilter{}, term("support_contact"), y)
			}, events},
			"event notes~": {func(tx *Tx, y func([]any) error) error {
				return tx.ListEvents(model.EventFilter{}, term("notes"), y)
			}, events},
		} {
			if got := ids(t, db, c.list); !slices.Equal(got, c.want) {
				t.Errorf("%s: got %v, want %v", name, got, c.want)
			}
		}
	})
}
