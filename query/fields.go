package query

import sq "github.com/Masterminds/squirrel"

// kind is the type of a field, which decides how filter values are parsed
// and how columns are scanned.
type kind int

const (
	kText kind = iota
	kInt
	kMoney
	kBool
	kTime
	kJSON
)

// field is one key of an entity's JSON output and the SQL expression behind
// it. Only these expressions ever reach SQL text: filter and sort fields are
// looked up here, never copied from input.
type field struct {
	key      string
	expr     string
	kind     kind
	contact  bool // a contact id or username: "none" means NULL
	sortable bool
}

// entity describes how one kind of record is listed.
type entity struct {
	name   string // for messages: "client"
	fields []field
	from   func(sq.SelectBuilder) sq.SelectBuilder
	search []string // expressions that --search looks into
	id     string   // the expression of the id
}

// Keys returns the entity's keys in output order.
func (e *entity) Keys() []string {
	keys := make([]string, len(e.fields))
	for i, f := range e.fields {
		keys[i] = f.key
	}
	return keys
}

func (e *entity) field(key string) (field, bool) {
	for _, f := range e.fields {
		if f.key == key {
			return f, true
		}
	}
	return field{}, false
}

func text(key, expr string) field  { return field{key: key, expr: expr, kind: kText, sortable: true} }
func integer(k, expr string) field { return field{key: k, expr: expr, kind: kInt, sortable: true} }
func when(key, expr string) field  { return field{key: key, expr: expr, kind: kTime, sortable: true} }
func money(key, expr string) field { return field{key: key, expr: expr, kind: kMoney, sortable: true} }
func contactID(k, expr string) field {
	return field{key: k, expr: expr, kind: kInt, contact: true, sortable: true}
}
func contactName(k, expr string) field {
	return field{key: k, expr: expr, kind: kText, contact: true, sortable: true}
}

var users = &entity{
	name: "collaborator",
	id:   "u.id",
	fields: []field{
		integer("id", "u.id"), text("username", "u.username"), text("email", "u.email"),
		text("first_name", "u.first_name"), text("last_name", "u.last_name"), text("phone", "u.phone"),
		text("department", "d.name"), when("created_at", "u.created_at"), when("updated_at", "u.updated_at"),
	},
	from: func(b sq.SelectBuilder) sq.SelectBuilder {
		return b.From("collaborators u").Join("departments d ON d.id = u.department_id")
	},
	search: []string{"u.username", "u.email", "u.first_name", "u.last_name"},
}

const clientName = "c.first_name || ' ' || c.last_name"

var clients = &entity{
	name: "client",
	id:   "c.id",
	fields: []field{
		integer("id", "c.id"), text("first_name", "c.first_name"), text("last_name", "c.last_name"),
		text("email", "c.email"), text("phone", "c.phone"), text("company_name", "c.company_name"),
		contactID("sales_contact_id", "c.sales_contact_id"), contactName("sales_contact", "s.username"),
		when("created_at", "c.created_at"), when("updated_at", "c.updated_at"),
	},
	from: func(b sq.SelectBuilder) sq.SelectBuilder {
		return b.From("clients c").LeftJoin("collaborators s ON s.id = c.sales_contact_id")
	},
	search: []string{"c.first_name", "c.last_name", "c.email", "c.company_name"},
}

var contracts = &entity{
	name: "contract",
	id:   "k.id",
	fields: []field{
		integer("id", "k.id"), integer("client_id", "k.client_id"), text("client_name", clientName),
		contactID("sales_contact_id", "k.sales_contact_id"), contactName("sales_contact", "s.username"),
		money("total_amount", "k.total_amount"), money("amount_due", "k.amount_due"),
		{key: "signed", expr: "k.signed", kind: kBool, sortable: true},
		when("created_at", "k.created_at"), when("updated_at", "k.updated_at"),
	},
	from: func(b sq.SelectBuilder) sq.SelectBuilder {
		return b.From("contracts k").Join("clients c ON c.id = k.client_id").
			LeftJoin("collaborators s ON s.id = k.sales_contact_id")
	},
	search: []string{"c.first_name", "c.last_name", "c.company_name"},
}

var events = &entity{
	name: "event",
	id:   "e.id",
	fields: []field{
		integer("id", "e.id"), text("name", "e.name"), integer("contract_id", "e.contract_id"),
		integer("client_id", "k.client_id"), text("client_name", clientName),
		text("client_email", "c.email"), text("client_phone", "c.phone"),
		contactID("support_contact_id", "e.support_contact_id"), contactName("support_contact", "p.username"),
		when("event_start", "e.event_start"), when("event_end", "e.event_end"),
		text("location", "e.location"), integer("attendees", "e.attendees"), text("notes", "e.notes"),
		when("created_at", "e.created_at"), when("updated_at", "e.updated_at"),
	},
	from: func(b sq.SelectBuilder) sq.SelectBuilder {
		return b.From("events e").Join("contracts k ON k.id = e.contract_id").
			Join("clients c ON c.id = k.client_id").
			LeftJoin("collaborators p ON p.id = e.support_contact_id")
	},
	search: []string{"e.name", "e.location", "c.first_name", "c.last_name"},
}

var audits = &entity{
	name: "audit entry",
	id:   "a.id",
	fields: []field{
		integer("id", "a.id"), when("at", "a.at"), contactID("actor_id", "a.actor_id"), text("actor", "a.actor"),
		text("action", "a.action"), text("entity", "a.entity"), integer("entity_id", "a.entity_id"),
		{key: "changes", expr: "a.changes", kind: kJSON},
	},
	from: func(b sq.SelectBuilder) sq.SelectBuilder { return b.From("audit a") },
}

// Keys of each entity, in output order, for the commands' completion and help.
var (
	UserKeys     = users.Keys()
	ClientKeys   = clients.Keys()
	ContractKeys = contracts.Keys()
	EventKeys    = events.Keys()
	AuditKeys    = audits.Keys()
)
