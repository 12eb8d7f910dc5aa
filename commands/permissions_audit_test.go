package commands

import (
	"fmt"
	"strings"
	"testing"
)

// permissionAuditEntries are the audit entries each allowed write of
// TestPermissions adds, in order, as auditLines formats them. ACTOR stands
// for whoever ran it: the same write by a commercial and by management
// records the same changes under two names. Fixture ids: mia 1, carl 2,
// cora 3, sam 4, sue 5.
var permissionAuditEntries = map[string][]string{
	"UserCreate": {`create user 6 by ACTOR {"department":[null,"support"],"email":[null,"neo@epic.test"],"first_name":[null,"Neo"],"last_name":[null,"N"],"phone":[null,""],"username":[null,"neo"]}`},
	"UserUpdate": {`update user 5 by ACTOR {"phone":["","0611223344"]}`},
	// The password itself, or its hash, is never in the trail.
	"UserPassword": {`password user 5 by ACTOR {}`},
	"UserDelete": {
		`reassign user 5 by ACTOR {"owner":["sue","sam"]}`,
		`delete user 5 by ACTOR {"department":["support",null],"email":["sue@epic.test",null],"first_name":["Sue",null],"last_name":["Test",null],"phone":["",null],"username":["sue",null]}`,
	},

	"ClientCreate":    {`create client 3 by ACTOR {"company_name":[null,"Lee"],"email":[null,"ann@lee.test"],"first_name":[null,"Ann"],"last_name":[null,"Lee"],"phone":[null,"0102030409"],"sales_contact_id":[null,2]}`},
	"ClientUpdateOwn": {`update client 1 by ACTOR {"company_name":["Acme","Acme Corp"]}`},
	// One entry per imported client, as client create writes it.
	"ClientImport": {
		`import client 3 by ACTOR {"company_name":[null,"Lee"],"email":[null,"ann@lee.test"],"first_name":[null,"Ann"],"last_name":[null,"Lee"],"phone":[null,"0102030405"],"sales_contact_id":[null,2]}`,
		`import client 4 by ACTOR {"company_name":[null,"Ray, Inc."],"email":[null,"bob@ray.test"],"first_name":[null,"Bob"],"last_name":[null,"Ray"],"phone":[null,"0102030406"],"sales_contact_id":[null,2]}`,
	},
	"ClientImportForOthers": {
		`import client 3 by ACTOR {"company_name":[null,"Lee"],"email":[null,"ann@lee.test"],"first_name":[null,"Ann"],"last_name":[null,"Lee"],"phone":[null,"0102030405"],"sales_contact_id":[null,3]}`,
		`import client 4 by ACTOR {"company_name":[null,"Ray, Inc."],"email":[null,"bob@ray.test"],"first_name":[null,"Bob"],"last_name":[null,"Ray"],"phone":[null,"0102030406"],"sales_contact_id":[null,3]}`,
	},

	"ContractCreate":        {`create contract 5 by ACTOR {"amount_due":[null,"10.00"],"client_id":[null,1],"sales_contact_id":[null,2],"signed":[null,false],"total_amount":[null,"10.00"]}`},
	"ContractUpdateOwn":     {`update contract 1 by ACTOR {"amount_due":["1000.00","1200.00"],"total_amount":["1000.00","1200.00"]}`},
	"ContractUpdateOthers":  {`update contract 4 by ACTOR {"amount_due":["4000.00","1200.00"],"total_amount":["4000.00","1200.00"]}`},
	"ContractUpdateSignOwn": {`update contract 1 by ACTOR {"signed":[false,true]}`},
	"ContractSignOwn":       {`sign contract 1 by ACTOR {"signed":[false,true]}`},
	"ContractSignOthers":    {`sign contract 4 by ACTOR {"signed":[false,true]}`},
	"ContractPayOwn":        {`pay contract 2 by ACTOR {"amount_due":["2000.00","1900.00"],"payment":[null,"100.00"]}`},
	"ContractPayOthers":     {`pay contract 3 by ACTOR {"amount_due":["3000.00","2900.00"],"payment":[null,"100.00"]}`},

	"EventCreateOwn":         {`create event 4 by ACTOR {"attendees":[null,10],"contract_id":[null,2],"event_end":[null,"2026-09-02T00:00:00Z"],"event_start":[null,"2026-09-01T00:00:00Z"],"location":[null,"Nantes"],"name":[null,"Party"],"notes":[null,""],"support_contact":[null,null],"support_contact_id":[null,null]}`},
	"EventUpdateOwn":         {`update event 1 by ACTOR {"attendees":[50,60],"notes":["","chairs"]}`},
	"EventUpdateSupport":     {`assign event 1 by ACTOR {"support_contact":["sam","sue"],"support_contact_id":[4,5]}`},
	"EventUpdateSupportNone": {`assign event 1 by ACTOR {"support_contact":["sam",null],"support_contact_id":[4,null]}`},
	"EventAssign":            {`assign event 3 by ACTOR {"support_contact":[null,"sam"],"support_contact_id":[null,4]}`},
	"EventAssignOwn":         {`assign event 1 by ACTOR {"support_contact":["sam","sue"],"support_contact_id":[4,5]}`},
}

// permissionAudit returns the audit entries that the allowed write name of
// TestPermissions adds when run by username, whose id is id. A write
// without entries in permissionAuditEntries fails the test: every write
// must say what it records.
func permissionAudit(t *testing.T, name, username string, id int64) []string {
	t.Helper()
	entries, ok := permissionAuditEntries[name]
	if !ok {
		t.Fatalf("%s is an allowed write without its audit entries in permissionAuditEntries", name)
	}
	actor := fmt.Sprintf("%s(%d)", username, id)
	want := make([]string, len(entries))
	for i, e := range entries {
		want[i] = strings.Replace(e, "ACTOR", actor, 1)
	}
	return want
}
