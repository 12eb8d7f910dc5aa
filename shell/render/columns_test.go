package render

import (
	"strings"
	"testing"

	"epicevents/commands"
	"epicevents/model"
)

// header returns the keys in the header of a list table.
func header(out string) string {
	return strings.Join(strings.Fields(strings.NewReplacer("│", " ").Replace(strings.Split(out, "\n")[1])), ",")
}

func TestDefaultColumns(t *testing.T) {
	for _, entity := range entities {
		t.Run(entity, func(t *testing.T) {
			out := MustRender(t, Table, entityList(entity, 2), noColor)
			if got, want := header(out), strings.Join(DefaultColumns[entity], ","); got != want {
				t.Fatalf("table columns %s, want %s", got, want)
			}
			all := noColor
			all.Columns = AllColumns
			if got, want := header(MustRender(t, Table, entityList(entity, 2), all)), strings.Join(entityKeys[entity], ","); got != want {
				t.Fatalf("--columns all: %s, want %s", got, want)
			}
			// JSON and CSV keep every key, for scripts.
			csv := MustRender(t, CSV, entityList(entity, 2), noColor)
			if got, want := strings.Split(csv, "\n")[0], strings.Join(entityKeys[entity], ","); got != want {
				t.Fatalf("CSV header %s, want %s", got, want)
			}
		})
	}
	t.Run("OtherResultsShowAll", func(t *testing.T) {
		res := commands.Result{Columns: []string{"collaborator", "contracts", "total"}, List: true}
		if got := header(MustRender(t, Table, res, noColor)); got != "collaborator,contracts,total" {
			t.Fatalf("columns %s", got)
		}
	})
}

func TestColumnsOption(t *testing.T) {
	opts := noColor
	opts.Columns = []string{"email", "id"}
	t.Run("Table", func(t *testing.T) {
		if got := header(MustRender(t, Table, entityList("client", 2), opts)); got != "email,id" {
			t.Fatalf("columns %s", got)
		}
	})
	t.Run("CSV", func(t *testing.T) {
		got := MustRender(t, CSV, entityList("client", 2), opts)
		if want := "email,id\nZoé.Dupont-1@example.com,1\nAna.Dupont-2@example.com,2\n"; got != want {
			t.Fatalf("got %q, want %q", got, want)
		}
	})
	t.Run("JSON", func(t *testing.T) {
		got := MustRender(t, JSON, entityList("client", 1), opts)
		if want := "[\n{\"email\":\"Zoé.Dupont-1@example.com\",\"id\":1}\n]\n"; got != want {
			t.Fatalf("got %q, want %q", got, want)
		}
	})
	t.Run("Record", func(t *testing.T) {
		rec := commands.Result{Columns: entityKeys["client"], Record: entityRow("client", 3)}
		if got := MustRender(t, JSON, rec, opts); got != "{\"email\":\"Chloé.Dupont-3@example.com\",\"id\":3}\n" {
			t.Fatalf("got %q", got)
		}
		if got := MustRender(t, Table, rec, opts); strings.Count(got, "\n") != 4 || !strings.Contains(got, "│ email │ Chloé") {
			t.Fatalf("got:\n%s", got)
		}
	})
	t.Run("Unknown", func(t *testing.T) {
		bad := noColor
		bad.Columns = []string{"id", "emial"}
		for _, f := range []Format{Table, JSON, CSV} {
			var out strings.Builder
			err := Render(&out, f, entityList("client", 2), bad)
			if model.ErrorCode(err) != model.EUSAGE || out.Len() != 0 {
				t.Fatalf("%s: %v, %q written", f, err, out.String())
			}
			want := `unknown column "emial": did you mean "email"? columns: id, first_name, last_name, email, phone, ` +
				`company_name, sales_contact_id, sales_contact, created_at, updated_at, or all`
			if err.Error() != want {
				t.Fatalf("message:\n%s\nwant:\n%s", err, want)
			}
		}
	})
}
