package commands

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"epicevents/model"
)

// completeText completes text typed with the cursor at its end. Its words
// are split at spaces: quoting is the lexer's business (shell/lex), tested
// with the shell's completer.
func completeText(c *Completer, text string) []Suggestion {
	words := strings.Fields(text)
	cur := ""
	if text != "" && !strings.HasSuffix(text, " ") {
		cur, words = words[len(words)-1], words[:len(words)-1]
	}
	return c.Complete(words, cur)
}

func suggestionTexts(list []Suggestion) []string {
	out := []string{}
	for _, s := range list {
		out = append(out, s.Text)
	}
	return out
}

// TestComplete checks every kind of suggestion of the command table: the
// rules of completion live here; the shell only splits the line.
func TestComplete(t *testing.T) {
	// The fixture of newEnv: mia (management), carl and cora (commercial),
	// sam and sue (support); clients Jane Doe (1, Acme, carl's) and John
	// Roe (2, Roe & Co, cora's); contracts 1 to 4; events Gala, Kickoff,
	// Launch.
	db := newEnv(t).DB
	// A generous timeout: a loaded test machine must not fail the test.
	c := &Completer{Table: Table(), DB: db, Timeout: time.Minute}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "cmds.txt"), nil, 0o600)
	os.Mkdir(filepath.Join(dir, "more"), 0o700)
	os.WriteFile(filepath.Join(dir, ".hidden"), nil, 0o600)
	all := []string{"--columns", "--expanded", "--format", "--help"}

	for _, tt := range []struct {
		name, text string
		want       []string
	}{
		{"Commands", "", []string{"setup", "login", "logout", "whoami", "passwd", "user", "client", "contract",
			"event", "report", "audit", "db", "set", "help", "source", "exit", "completion"}},
		{"Command", "cli", []string{"client"}},
		{"CommandAnyCase", "Us", []string{"user"}},
		{"WholeCommand", "client", []string{"client"}},
		{"Settings", "set ", []string{"expanded", "pager", "--format", "--help"}},
		{"SettingValues", "set expanded ", []string{"auto", "on", "off", "--format", "--help"}},
		{"SettingValue", "set pager of", []string{"off"}},
		{"Columns", "event list --columns na", []string{"name"}},
		{"NextColumn", "event list --columns id,na", []string{"id,name"}},
		{"ColumnsNotAgain", "client list --columns id,first_name,first", []string{}},
		{"UnknownCommand", "bogus ", []string{}},
		{"SubCommands", "client ", []string{"list", "show", "create", "update", "import"}},
		{"SubCommand", "contract s", []string{"show", "sign"}},
		{"SubCommandIsNotAFlag", "client --h", []string{"--help"}},
		{"Flag", "event update 1 --sup", []string{"--support"}},
		{"FlagsNotAgain", "contract create --client 1 --total 5 --", []string{"--due", "--signed", "--format", "--help"}},
		{"SupportUsernames", "event update 1 --support ", []string{"none", "sam", "sue"}},
		{"SupportPrefix", "event update 1 --support su", []string{"sue"}},
		{"SupportAssignArg", "event assign 1 ", []string{"none", "sam", "sue", "--format", "--help"}},
		{"SalesUsernames", "client list --sales ", []string{"carl", "cora"}},
		{"AnyUsername", "user delete carl --reassign-to ", []string{"carl", "cora", "mia", "sam", "sue"}},
		{"UserArg", "user show m", []string{"mia"}},
		{"Departments", "user create --department ", []string{"commercial", "support", "management"}},
		{"Formats", "user list --format j", []string{"json"}},
		{"FlagEquals", "client list --sort=comp", []string{"--sort=company_name"}},
		{"FlagEqualsUnknown", "client list --nothing=x", []string{}},
		{"FlagEqualsNoValue", "client list --mine=", []string{}},
		{"FlagEqualsAlreadyGiven", "client list --sort id --sort=", []string{}},
		{"SortFields", "user list --sort first", []string{"first_name"}},
		{"Entities", "audit --entity c", []string{"client", "contract"}},
		{"ClientIDByPrefix", "client show 1", []string{"1"}},
		{"ClientIDByName", "client show doe", []string{"1"}},
		{"ClientIDByCompany", "client show Acm", []string{"1"}},
		{"ClientFlagID", "contract list --client 2", []string{"2"}},
		{"ContractID", "contract sign 2", []string{"2"}},
		{"EventIDByName", "event show lau", []string{"3"}},
		{"TermField", "contract list amount", []string{"amount_due"}},
		{"TermFieldAndLonger", "client list sales_contact", []string{"sales_contact=", "sales_contact<",
			"sales_contact>", "sales_contact~", "sales_contact!=", "sales_contact<=", "sales_contact>=", "sales_contact_id"}},
		{"TermOperator", "contract list amount_due>", []string{"amount_due>", "amount_due>="}},
		{"TermBang", "contract list amount_due!", []string{"amount_due!="}},
		{"TermValue", "contract list amount_due=", []string{}},
		{"TermSupportValues", "event list support_contact=", []string{"support_contact=none", "support_contact=sam", "support_contact=sue"}},
		{"TermSupportPrefix", "event list support_contact!=su", []string{"support_contact!=sue"}},
		{"TermSalesValues", "client list sales_contact=", []string{"sales_contact=carl", "sales_contact=cora"}},
		{"TermBoolValues", "contract list signed=f", []string{"signed=false"}},
		{"TermDepartments", "user list department=s", []string{"department=support"}},
		{"TermClientIDs", "contract list client_id=2", []string{"client_id=2"}},
		{"TermContainsNoValues", "event list support_contact~s", []string{}},
		{"TermUnknownField", "contract list nothing=", []string{}},
		{"NoTermsForShow", "client show 1 company", []string{}},
		{"Help", "help cl", []string{"client"}},
		{"HelpSub", "help contract p", []string{"pay"}},
		{"SourceFiles", "source " + dir + "/", []string{dir + "/cmds.txt", dir + "/more/"}},
		{"ImportFiles", "client import " + dir + "/", []string{dir + "/cmds.txt", dir + "/more/"}},
		{"ImportFlags", "client import x.csv --", []string{"--sales", "--dry-run", "--format", "--help"}},
		{"ImportSales", "client import x.csv --sales ", []string{"carl", "cora"}},
		{"AfterDashDash", "client show -- 2", []string{"2"}},
		{"NotAfterArgs", "client show 1 ", all},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := suggestionTexts(completeText(c, tt.text)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("%q: got %q, want %q", tt.text, got, tt.want)
			}
		})
	}

	t.Run("AfterTerms", func(t *testing.T) {
		// After a term, the fields and the flags not given are offered again.
		got := suggestionTexts(completeText(c, "client list --mine first_name=x "))
		if !slices.Contains(got, "company_name") || !slices.Contains(got, "--sales") || slices.Contains(got, "--mine") {
			t.Errorf("got %q", got)
		}
	})
	t.Run("Descriptions", func(t *testing.T) {
		got := completeText(c, "client show 1")
		if len(got) == 0 || got[0].Description != "Jane Doe — Acme" {
			t.Errorf("got %+v", got)
		}
		got = completeText(c, "event update 1 --sup")
		if len(got) != 1 || got[0].Description != "the support contact, or none (management)" {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("NoLookupsLoggedOut", func(t *testing.T) {
		off := &Completer{Table: Table(), DB: db, Lookups: func() bool { return false }}
		if got := suggestionTexts(completeText(off, "login m")); len(got) != 0 {
			t.Errorf("usernames offered without a session: %q", got)
		}
		if got := suggestionTexts(completeText(off, "user create --department s")); !reflect.DeepEqual(got, []string{"support"}) {
			t.Errorf("got %q", got)
		}
	})
	t.Run("NoDatabase", func(t *testing.T) {
		off := &Completer{Table: Table()}
		if got := suggestionTexts(completeText(off, "client show ")); !reflect.DeepEqual(got, all) {
			t.Errorf("got %q", got)
		}
	})
	t.Run("Limit", func(t *testing.T) {
		two := &Completer{Table: Table(), DB: db, Limit: 2, Timeout: time.Minute}
		if got := suggestionTexts(completeText(two, "user show ")); len(got) < 2 || got[0] != "carl" || got[1] != "cora" ||
			slices.Contains(got, "sam") {
			t.Errorf("limit 2: %q", got)
		}
	})
}

// TestCompleterNeedsALiveSession: the shell's completer looks records up
// only for a session that holds against the database, as a command checks
// it: a session ended by a new password (or a department changed and
// changed back) offers no record, in a shell opened before as well, and
// is left for the next command to remove, saying why.
func TestCompleterNeedsALiveSession(t *testing.T) {
	e := newEnv(t)
	e.must("login carl")
	c := e.App.Completer()
	c.Timeout = time.Minute
	if got := suggestionTexts(completeText(c, "client show ")); !slices.Contains(got, "1") {
		t.Fatalf("logged in: %v, want client 1 offered", got)
	}
	carl, _ := e.App.Session.Load()
	e.as("mia").must("user password carl")
	e.App.Session.Save(carl)
	if got := suggestionTexts(completeText(c, "client show ")); slices.Contains(got, "1") {
		t.Errorf("ended session: %v offered", got)
	}
	if _, err := os.Stat(e.App.Session.Path); err != nil {
		t.Errorf("completion removed the session file: %v", err)
	}
	e.fails("whoami", model.EUNAUTHENTICATED, "your account changed since you logged in")
}
