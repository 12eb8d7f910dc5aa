package security

import (
	"testing"

	"epicevents/model"
)

// TestPolicy is the SPEC's permission table, department by department.
func TestPolicy(t *testing.T) {
	const (
		C = model.Commercial
		S = model.Support
		M = model.Management
	)
	allowed := map[Action][]model.Department{
		UserWrite:      {M},
		ClientCreate:   {C},
		ClientUpdate:   {C},
		ClientImport:   {C, M},
		ContractCreate: {M},
		ContractWrite:  {C, M},
		EventCreate:    {C},
		EventAssign:    {M},
		EventUpdate:    {S},
		AuditRead:      {M},
		DBCopy:         {M},
		ReportSales:    {C, M},
	}
	if len(allowed) != len(policy) {
		t.Fatalf("the test covers %d actions, the policy has %d", len(allowed), len(policy))
	}
	for action, who := range allowed {
		for _, d := range model.Departments {
			want := false
			for _, w := range who {
				want = want || w == d
			}
			t.Run(string(action)+"/"+string(d), func(t *testing.T) {
				err := Allow(d, action)
				if want && err != nil {
					t.Fatalf("refused: %v", err)
				}
				if !want && model.ErrorCode(err) != model.EFORBIDDEN {
					t.Fatalf("allowed, or wrong error: %v", err)
				}
			})
		}
	}
	if err := Allow(C, ClientCreate); err != nil {
		t.Fatal(err)
	}
	if err := Allow(S, ClientCreate); err == nil || err.Error() != "permission denied: support cannot create clients" {
		t.Fatalf("message: %v", err)
	}
	if model.ErrorCode(Allow(M, Action("nope"))) != model.EINTERNAL {
		t.Fatal("an unknown action was not an internal error")
	}
}

func TestOwns(t *testing.T) {
	one, two := int64(1), int64(2)
	sales := &model.Collaborator{ID: 1, Department: model.Commercial}
	boss := &model.Collaborator{ID: 9, Department: model.Management}
	if err := Owns(sales, &one, "client 3"); err != nil {
		t.Fatal(err)
	}
	if err := Owns(sales, &two, "client 3"); model.ErrorCode(err) != model.EFORBIDDEN || err.Error() != "permission denied: client 3 is not yours" {
		t.Fatalf("other's record: %v", err)
	}
	if err := Owns(sales, nil, "event 4"); model.ErrorCode(err) != model.EFORBIDDEN {
		t.Fatal("a record without owner was owned")
	}
	if err := Owns(boss, &two, "contract 5"); err != nil {
		t.Fatal(err)
	}
}
