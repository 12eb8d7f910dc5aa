package query

import (
	"fmt"
	"slices"
	"testing"

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
}

// TestSalesContactFollowsClient checks the copies of a client's sales
// contact that its contracts and events keep (migration 0004), through the
// lists that read them: --mine of a commercial and --client. They follow
// the client through a reassignment and an update, on both engines.
func TestSalesContactFollowsClient(t *testing.T) {
	ForEachEngine(t, func(t *testing.T, db *DB) {
		sales1 := MustCreateCollaborator(t, db, "sales1", model.Commercial)
		sales2 := MustCreateCollaborator(t, db, "sales2", model.Commercial)
		client := MustCreateClient(t, db, model.Client{SalesContactID: &sales1, Email: "client@x.example"})
		other := MustCreateClient(t, db, model.Client{SalesContactID: &sales2, Email: "other@x.example"})
		contract := MustCreateContract(t, db, client, 100, 100, true)
		MustCreateContract(t, db, other, 100, 100, true)
		start := fixedNow.AddDate(0, 1, 0)
		event := MustCreateEvent(t, db, model.Event{ContractID: contract, Name: "Gala", Start: start})
		mine := func(sales int64) (contracts, events []int64) {
			contracts = ids(t, db, func(tx *Tx, y func([]any) error) error {
				return tx.ListContracts(model.ContractFilter{SalesContactID: &sales}, model.ListOptions{}, y)
			})
			events = ids(t, db, func(tx *Tx, y func([]any) error) error {
				return tx.ListEvents(model.EventFilter{SalesContactID: &sales}, model.ListOptions{Limit: 50}, y)
			})
			return contracts, events
		}
		expect := func(step string, sales int64, wantContracts, wantEvents []int64) {
			t.Helper()
			k, e := mine(sales)
			if !slices.Equal(k, wantContracts) || !slices.Equal(e, wantEvents) {
				t.Errorf("%s: --mine of %d: contracts %v, events %v; want %v, %v", step, sales, k, e, wantContracts, wantEvents)
			}
		}
		expect("created", sales1, []int64{contract}, []int64{event})
		if got := ids(t, db, func(tx *Tx, y func([]any) error) error {
			return tx.ListEvents(model.EventFilter{ClientID: &client}, model.ListOptions{}, y)
		}); !slices.Equal(got, []int64{event}) {
			t.Errorf("--client: %v, want [%d]", got, event)
		}

		mustUpdate(t, db, func(tx *Tx) error { return tx.Reassign(sales1, sales2) })
		expect("reassigned", sales1, []int64{}, []int64{})
		k, e := mine(sales2)
		if len(k) != 2 || !slices.Equal(e, []int64{event}) {
			t.Errorf("reassigned: --mine of sales2: contracts %v, events %v", k, e)
		}

		mustUpdate(t, db, func(tx *Tx) error {
			c, err := tx.ClientByID(client)
			if err != nil {
				return err
			}
			c.SalesContactID = &sales1
			return tx.UpdateClient(c)
		})
		expect("updated", sales1, []int64{contract}, []int64{event})
	})
}
