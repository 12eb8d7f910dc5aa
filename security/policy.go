package security

import (
	"fmt"

	"epicevents/model"
)

// Action is something a collaborator may be allowed to do. Reading (list
// and show) needs only a valid session, so it is not an Action.
type Action string

// The actions of the permission policy (SPEC section 3).
const (
	UserWrite      Action = "user.write"      // user create, update, delete, password
	ClientCreate   Action = "client.create"   // the creator becomes the sales contact
	ClientUpdate   Action = "client.update"   // own clients only
	ClientImport   Action = "client.import"   // for themself (commercial), for a commercial (management)
	ContractCreate Action = "contract.create" // management
	ContractWrite  Action = "contract.write"  // update, sign, pay: own clients' (commercial) or all (management)
	EventCreate    Action = "event.create"    // own clients, signed contract
	EventAssign    Action = "event.assign"    // the support contact only (management)
	EventUpdate    Action = "event.update"    // other fields, own events (support)
	AuditRead      Action = "audit.read"      // management
	DBCopy         Action = "db.copy"         // management: the copy holds every password hash
	ReportSales    Action = "report.sales"    // commercial (own row), management (all)
)

// rule says which departments may take an action at all, and how the
// refusal reads ("support cannot create clients").
type rule struct {
	what    string
	allowed []model.Department
}

var policy = map[Action]rule{
	UserWrite:      {"manage collaborators", []model.Department{model.Management}},
	ClientCreate:   {"create clients", []model.Department{model.Commercial}},
	ClientUpdate:   {"update clients", []model.Department{model.Commercial}},
	ClientImport:   {"import clients", []model.Department{model.Commercial, model.Management}},
	ContractCreate: {"create contracts", []model.Department{model.Management}},
	ContractWrite:  {"change contracts", []model.Department{model.Commercial, model.Management}},
	EventCreate:    {"create events", []model.Department{model.Commercial}},
	EventAssign:    {"assign support to events", []model.Department{model.Management}},
	EventUpdate:    {"update events", []model.Department{model.Support}},
	AuditRead:      {"read the audit trail", []model.Department{model.Management}},
	DBCopy:         {"copy the database", []model.Department{model.Management}},
	ReportSales:    {"see the sales report", []model.Department{model.Commercial, model.Management}},
}

// Allowed returns the departments that may take action a at all, in the
// order of model.Departments: the permission policy, for the command
// reference (docs/commands.md).
func Allowed(a Action) []model.Department {
	var out []model.Department
	for _, d := range model.Departments {
		if Allow(d, a) == nil {
			out = append(out, d)
		}
	}
	return out
}

// Allow checks that collaborators of department d may take action a at
// all. It is checked before any data is read; ownership rules that need the
// record (Owns) are checked once it is loaded.
func Allow(d model.Department, a Action) error {
	r, ok := policy[a]
	if !ok {
		// A bug, not the operator's doing: its text goes to monitoring only.
		return fmt.Errorf("security: no policy for %s", a)
	}
	for _, x := range r.allowed {
		if x == d {
			return nil
		}
	}
	return model.Errorf(model.EFORBIDDEN, "permission denied: %s cannot %s", d, r.what)
}

// Owns checks the ownership rules: a commercial acts only on records of
// their own clients (owner is the client's sales contact), support only on
// the events they support (owner is the support contact). Management's
// rights are not limited by ownership. what names the record for the
// message: "client 12".
func Owns(actor *model.Collaborator, owner *int64, what string) error {
	if actor.Department == model.Management {
		return nil
	}
	if owner != nil && *owner == actor.ID {
		return nil
	}
	return model.Errorf(model.EFORBIDDEN, "permission denied: %s is not yours", what)
}
