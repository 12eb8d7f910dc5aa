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
	// none is the expression that is NULL when there is no contact: the
	// indexed id column, also for the contact's username.
	none string
}

// entity describes how one kind of record is listed.
type entity struct {
	name   string // for messages: "client"
	fields []field
	table  string   // its own table and alias: "contracts k"
	joins  []join   // the tables its other columns come from
	search []string // expressions that --search looks into
	id     string   // the expression of the id
}

// join is a table joined to an entity's own, under an alias.
type join struct {
	alias string // "c"
	left  bool   // LEFT JOIN: the row may have no match (a missing contact)
	on    string // "clients c ON c.id = k.client_id"
	// after is the alias of the join this one goes through, if any.
	after string
}

// from selects from the entity's table and every join.
func (e *entity) from(b sq.SelectBuilder) sq.SelectBuilder {
	return e.fromJoins(b, func(string) bool { return true })
}

// fromJoins selects from the entity's table and the joins that need(alias)
// asks for, with those they go through. Leaving a join out never changes
// which rows are selected: every join is on a foreign key, which holds,
// to a NOT NULL column (a join, which always finds its one row) or to a
// nullable one (a LEFT JOIN, which keeps the row either way).
func (e *entity) fromJoins(b sq.SelectBuilder, need func(alias string) bool) sq.SelectBuilder {
	b = b.From(e.table)
	keep := map[string]bool{}
	for i := len(e.joins) - 1; i >= 0; i-- {
		if j := e.joins[i]; keep[j.alias] || need(j.alias) {
			keep[j.alias], keep[j.after] = true, true
		}
	}
	for _, j := range e.joins {
		switch {
		case !keep[j.alias]:
		case j.left:
			b = b.LeftJoin(j.on)
		default:
			b = b.Join(j.on)
		}
	}
	return b
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
	return field{key: k, expr: expr, kind: kInt, contact: true, sortable: true, none: expr}
}
func contactName(k, expr, id string) field {
	return field{key: k, expr: expr, kind: kText, contact: true, sortable: true, none: id}
}

var users = &entity{
	name: "collaborator",
	id:   "u.id",
	fields: []field{
		integer("id", "u.id"), text("username", "u.username"), text("email", "u.email"),
		text("first_name", "u.first_name"), text("last_name", "u.last_name"), text("phone", "u.phone"),
		text("department", "d.name"), when("created_at", "u.created_at"), when("updated_at", "u.updated_at"),
	},
	table:  "collaborators u",
	joins:  []join{{alias: "d", on: "departments d ON d.id = u.department_id"}},
	search: []string{"u.username", "u.email", "u.first_name", "u.last_name"},
}

const clientName = "c.first_name || ' ' || c.last_name"

var clients = &entity{
	name: "client",
	id:   "c.id",
	fields: []field{
		integer("id", "c.id"), text("first_name", "c.first_name"), text("last_name", "c.last_name"),
		text("email", "c.email"), text("phone", "c.phone"), text("company_name", "c.company_name"),
		contactID("sales_contact_id", "c.sales_contact_id"), contactName("sales_contact", "s.username", "c.sales_contact_id"),
		when("created_at", "c.created_at"), when("updated_at", "c.updated_at"),
	},
	table:  "clients c",
	joins:  []join{{alias: "s", left: true, on: "collaborators s ON s.id = c.sales_contact_id"}},
	search: []string{"c.first_name", "c.last_name", "c.email", "c.company_name"},
}

var contracts = &entity{
	name: "contract",
	id:   "k.id",
	fields: []field{
		integer("id", "k.id"), integer("client_id", "k.client_id"), text("client_name", clientName),
		contactID("sales_contact_id", "k.sales_contact_id"), contactName("sales_contact", "s.username", "k.sales_contact_id"),
		money("total_amount", "k.total_amount"), money("amount_due", "k.amount_due"),
		{key: "signed", expr: "k.signed", kind: kBool, sortable: true},
		when("created_at", "k.created_at"), when("updated_at", "k.updated_at"),
	},
	table: "contracts k",
	joins: []join{
		{alias: "c", on: "clients c ON c.id = k.client_id"},
		{alias: "s", left: true, on: "collaborators s ON s.id = k.sales_contact_id"},
	},
	search: []string{"c.first_name", "c.last_name", "c.company_name"},
}

var events = &entity{
	name: "event",
	id:   "e.id",
	fields: []field{
		integer("id", "e.id"), text("name", "e.name"), integer("contract_id", "e.contract_id"),
		integer("client_id", "e.client_id"), text("client_name", clientName),
		text("client_email", "c.email"), text("client_phone", "c.phone"),
		contactID("support_contact_id", "e.support_contact_id"),
		contactName("support_contact", "p.username", "e.support_contact_id"),
		when("event_start", "e.event_start"), when("event_end", "e.event_end"),
		text("location", "e.location"), integer("attendees", "e.attendees"), text("notes", "e.notes"),
		when("created_at", "e.created_at"), when("updated_at", "e.updated_at"),
	},
	table: "events e",
	// An event keeps its client's id (migration 0004): its client is one
	// join away.
	joins: []join{
		{alias: "c", on: "clients c ON c.id = e.client_id"},
		{alias: "p", left: true, on: "collaborators p ON p.id = e.support_contact_id"},
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
	table: "audit a",
}

// byID derives from e the entity that reads one record by its id (show,
// and the record a command prints after a change): its columns taken from
// joined tables are read by scalar subqueries in expr instead, and it
// selects from the entity's own table alone, from. SQLite prepares a join
// whose WHERE binds a parameter again at every new value of it, which
// costs more than the lookup itself; the same subqueries are prepared once
// per connection and then run from its statement cache. Lists keep the
// joins, which their filters and sorts on joined columns need.
func byID(e *entity, from string, expr map[string]string) *entity {
	one := *e
	one.fields = append([]field(nil), e.fields...)
	for i, f := range one.fields {
		if x, ok := expr[f.key]; ok {
			one.fields[i].expr = x
			delete(expr, f.key)
		}
	}
	if len(expr) > 0 {
		panic("query: byID of " + e.name + ": unknown keys")
	}
	one.table, one.joins = from, nil
	return &one
}

// departmentName is the department of the collaborator u, by subquery
// (byID).
const departmentName = "(SELECT d.name FROM departments d WHERE d.id = u.department_id)"

var (
	userByID   = byID(users, "collaborators u", map[string]string{"department": departmentName})
	clientByID = byID(clients, "clients c", map[string]string{
		"sales_contact": "(SELECT s.username FROM collaborators s WHERE s.id = c.sales_contact_id)"})
)

// withFields derives from e the entity that also reads extra, fields that a
// store's loader needs and no output shows.
func withFields(e *entity, extra ...field) *entity {
	one := *e
	one.fields = append(append([]field(nil), e.fields...), extra...)
	return &one
}

// The loaders' entities: the collaborator with the password hash, which
// login checks; the event with its client's sales contact, whom the
// permission policy asks about.
var (
	collaboratorLoad = withFields(userByID, text("password_hash", "u.password_hash"),
		integer("session_stamp", "u.session_stamp"))
	eventLoad = withFields(events, contactID("sales_contact_id", "c.sales_contact_id"))
)

// Keys of each entity, in output order, for the commands' completion and help.
var (
	UserKeys     = users.Keys()
	ClientKeys   = clients.Keys()
	ContractKeys = contracts.Keys()
	EventKeys    = events.Keys()
	AuditKeys    = audits.Keys()
)
