package commands

import (
	"strings"
	"testing"

	"epicevents/model"
)

func TestParseColumns(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // the keys joined by commas, or "error"
	}{
		{"id,name", "id,name"},
		{" id , name ,", "id,name"},
		{"id,name,id", "id,name"},
		{"all", "all"},
		{"", "error"},
		{",", "error"},
		{"id,all", "error"},
	} {
		got, err := ParseColumns(tc.in)
		if tc.want == "error" {
			if model.ErrorCode(err) != model.EUSAGE {
				t.Errorf("ParseColumns(%q) = %v, %v; want a usage error", tc.in, got, err)
			}
			continue
		}
		if err != nil || strings.Join(got, ",") != tc.want {
			t.Errorf("ParseColumns(%q) = %v, %v; want %s", tc.in, got, err, tc.want)
		}
	}
}

// TestDidYouMean checks that every kind of unknown name in a command line
// is answered with the nearest known one.
func TestParseDidYouMean(t *testing.T) {
	for _, tc := range []struct {
		line, want string
	}{
		{"clinet list", `unknown command "clinet": did you mean "client"?`},
		{"xyzzy", `unknown command "xyzzy": type help for the list`},
		{"client lsit", `unknown sub-command "lsit" of client: did you mean "list"? use list, show, create, update`},
		{"client list --sael bob", `unknown flag --sael for client list: did you mean --sales?`},
		{"client list --colums id", `unknown flag --colums for client list: did you mean --columns?`},
		{"client list compnay_name~acme", `unknown field "compnay_name": did you mean "company_name"? use one of `},
		{"client list --sort last_nmae", `cannot sort by "last_nmae": did you mean "last_name"? use one of `},
		{"client list --columns id,emial", `unknown column "emial": did you mean "email"? columns: id, first_name, `},
		{"client show 1 --columns compnay_name", `unknown column "compnay_name": did you mean "company_name"? columns: `},
		{"set expnaded on", `unknown setting "expnaded": did you mean "expanded"? settings: expanded, pager`},
	} {
		t.Run(tc.line, func(t *testing.T) {
			inv, err := Parse(Table(), strings.Fields(tc.line))
			if err == nil && inv.Cmd.Name == "set" {
				_, err = runSet(&Ctx{Invocation: inv})
			}
			if model.ErrorCode(err) != model.EUSAGE || !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("error %v\nwant a usage error starting %s", err, tc.want)
			}
		})
	}
}

func TestParseColumnsFlags(t *testing.T) {
	inv, err := Parse(Table(), []string{"event", "list", "--columns", "name,id", "--expanded"})
	if err != nil || strings.Join(inv.Columns, ",") != "name,id" || !inv.Expanded {
		t.Fatalf("Parse = %+v, %v", inv, err)
	}
	inv, err = Parse(Table(), []string{"whoami", "--columns=all"})
	if err != nil || !IsAllColumns(inv.Columns) {
		t.Fatalf("Parse = %+v, %v", inv, err)
	}
	// Only commands that print records take them.
	if _, err := Parse(Table(), []string{"logout", "--columns", "id"}); model.ErrorCode(err) != model.EUSAGE {
		t.Fatalf("logout --columns: %v", err)
	}
}

func TestSet(t *testing.T) {
	for _, tc := range []struct {
		line, want, err string
	}{
		{"set", "[]", ""},
		{"set expanded on", "[{expanded on}]", ""},
		{"set pager off expanded auto", "[{pager off} {expanded auto}]", ""},
		{"set expanded", "", "set expanded needs a value: auto, on, off"},
		{"set pager maybe", "", `set pager: "maybe" is not one of on, off`},
	} {
		inv, err := Parse(Table(), strings.Fields(tc.line))
		if err != nil {
			t.Fatal(err)
		}
		res, err := runSet(&Ctx{Invocation: inv})
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("%s: error %v, want %s", tc.line, err, tc.err)
			}
			continue
		}
		if err != nil || res.Set == nil || fmtSettings(res.Set) != tc.want {
			t.Errorf("%s: %v %v, want %s", tc.line, res.Set, err, tc.want)
		}
	}
}

func fmtSettings(s []Setting) string {
	var parts []string
	for _, x := range s {
		parts = append(parts, "{"+x.Name+" "+x.Value+"}")
	}
	return "[" + strings.Join(parts, " ") + "]"
}

func TestCompleteColumns(t *testing.T) {
	c := &Completer{Table: Table()}
	texts := func(words []string, cur string) string {
		var out []string
		for _, s := range c.Complete(words, cur) {
			out = append(out, s.Text)
		}
		return strings.Join(out, " ")
	}
	for _, tc := range []struct {
		words []string
		cur   string
		want  string
	}{
		{[]string{"client", "list", "--columns"}, "", "all id first_name last_name email phone company_name sales_contact_id sales_contact created_at updated_at"},
		{[]string{"client", "list", "--columns"}, "id,fi", "id,first_name"},
		{[]string{"client", "list", "--columns"}, "id,first_name,", "id,first_name,last_name id,first_name,email id,first_name,phone id,first_name,company_name id,first_name,sales_contact_id id,first_name,sales_contact id,first_name,created_at id,first_name,updated_at"},
		{[]string{"event", "show", "3", "--columns"}, "sup", "support_contact_id support_contact"},
		{[]string{"set"}, "", "expanded pager --format --help"},
		{[]string{"set", "expanded"}, "", "auto on off --format --help"},
		{[]string{"set", "pager"}, "o", "on off"},
	} {
		if got := texts(tc.words, tc.cur); got != tc.want {
			t.Errorf("%v %q: %s\nwant %s", tc.words, tc.cur, got, tc.want)
		}
	}
}
