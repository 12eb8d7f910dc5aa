package commands

import (
	"testing"

	"epicevents/model"
)

// TestPermissions is the permission matrix of SPEC section 3: every command
// run by a commercial (carl), support (sam), management (mia) and nobody,
// against the fixture of newEnv. A refusal exits 4 (3 when not logged in)
// and changes nothing; an allowed write changes something, and adds the
// audit entries of permissionAudit.
//
// Ownership: carl owns client 1 (contracts 1 and 2, events 1 and 3), cora
// owns client 2 (contracts 3 and 4, event 2); sam supports event 1, sue
// event 2, nobody event 3.
func TestPermissions(t *testing.T) {
	const (
		ok   = ""
		deny = model.EFORBIDDEN
	)
	everyone := [3]string{ok, ok, ok}
	commercialOnly := [3]string{ok, deny, deny}
	supportOnly := [3]string{deny, ok, deny}
	managementOnly := [3]string{deny, deny, ok}
	commercialAndManagement := [3]string{ok, deny, ok}
	nobody := [3]string{deny, deny, deny}
	csv := importFile(t, importGood)
	for _, tc := range []struct {
		name string
		line string
		want [3]string // commercial, support, management
	}{
		{"Whoami", "whoami", everyone},
		{"UserList", "user list", everyone},
		{"UserShow", "user show carl", everyone},
		{"UserCreate", "user create --username neo --email neo@epic.test --first-name Neo --last-name N --department support", managementOnly},
		{"UserUpdate", "user update sue --phone 0611223344", managementOnly},
		{"UserPassword", "user password sue", managementOnly},
		{"UserDelete", "user delete sue --reassign-to sam", managementOnly},

		{"ClientList", "client list", everyone},
		{"ClientListFiltered", "client list --sales cora --search roe last_name~R", everyone},
		{"ClientShow", "client show 2", everyone},
		{"ClientCreate", "client create --first-name Ann --last-name Lee --email ann@lee.test --phone 0102030409 --company Lee", commercialOnly},
		{"ClientUpdateOwn", "client update 1 --company 'Acme Corp'", commercialOnly},
		{"ClientUpdateOthers", "client update 2 --company 'Roe Inc'", nobody},
		{"ClientImport", "client import " + csv + " --sales carl", commercialAndManagement},
		{"ClientImportForOthers", "client import " + csv + " --sales cora", managementOnly},

		{"ContractList", "contract list --unsigned", everyone},
		{"ContractShow", "contract show 3", everyone},
		{"ContractCreate", "contract create --client 1 --total 10", managementOnly},
		{"ContractUpdateOwn", "contract update 1 --total 1200", commercialAndManagement},
		{"ContractUpdateOthers", "contract update 4 --total 1200", managementOnly},
		{"ContractUpdateSignOwn", "contract update 1 --signed", commercialAndManagement},
		{"ContractSignOwn", "contract sign 1", commercialAndManagement},
		{"ContractSignOthers", "contract sign 4", managementOnly},
		{"ContractPayOwn", "contract pay 2 100", commercialAndManagement},
		{"ContractPayOthers", "contract pay 3 100", managementOnly},

		{"EventList", "event list --upcoming", everyone},
		{"EventShow", "event show 2", everyone},
		{"EventCreateOwn", "event create --contract 2 --name Party --start 2026-09-01 --end 2026-09-02 --location Nantes --attendees 10", commercialOnly},
		{"EventCreateOthers", "event create --contract 3 --name Party --start 2026-09-01 --end 2026-09-02 --location Nantes --attendees 10", nobody},
		{"EventUpdateOwn", "event update 1 --notes chairs --attendees 60", supportOnly},
		{"EventUpdateOthers", "event update 2 --notes chairs", nobody},
		{"EventUpdateUnassigned", "event update 3 --notes chairs", nobody},
		{"EventUpdateSupport", "event update 1 --support sue", managementOnly},
		{"EventUpdateSupportNone", "event update 1 --support none", managementOnly},
		{"EventUpdateSupportAndField", "event update 3 --support sam --notes chairs", nobody},
		{"EventAssign", "event assign 3 sam", managementOnly},
		{"EventAssignOwn", "event assign 1 sue", managementOnly},

		{"ReportSales", "report sales", commercialAndManagement},
		{"ReportSalesPeriod", "report sales --from 2026-01-01 --to 2026-12-31", commercialAndManagement},
		{"ReportEvents", "report events", everyone},

		{"Audit", "audit", managementOnly},
		{"AuditFiltered", "audit --entity event --id 1 --actor sam", managementOnly},
	} {
		for i, who := range []string{"carl", "sam", "mia", ""} {
			want := model.EUNAUTHENTICATED
			if who != "" {
				want = tc.want[i]
			}
			name := map[string]string{"carl": "commercial", "sam": "support", "mia": "management", "": "anonymous"}[who]
			t.Run(tc.name+"/"+name, func(t *testing.T) {
				e := newEnv(t).as(who)
				before, entries := e.fingerprint(), len(e.auditLines(0))
				_, err := e.run(tc.line)
				if got := model.ErrorCode(err); got != want {
					t.Fatalf("%s as %s: %v (code %q), want code %q", tc.line, name, err, got, want)
				}
				after := e.fingerprint()
				cmd, _ := Resolve(e.App.Table, split(tc.line))
				switch {
				case err != nil && after != before:
					t.Fatalf("refused, yet the database changed:\n%s\n---\n%s", before, after)
				case err == nil && !cmd.Write && after != before:
					t.Fatalf("a read changed the database")
				case err == nil && cmd.Write && after == before:
					t.Fatalf("allowed, yet nothing changed")
				case err == nil && cmd.Write:
					e.wantAudit(entries, permissionAudit(t, tc.name, who, e.IDs[who])...)
				}
			})
		}
	}
}
