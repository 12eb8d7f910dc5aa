package model

import "time"

// Operators of filter terms, in the order they are matched when a term is
// parsed (two-character operators first).
var Operators = []string{"!=", "<=", ">=", "=", "<", ">", "~"}

// Term is one filter term, FIELD OP VALUE, of a list command.
type Term struct {
	Field string
	Op    string
	Value string
}

// ListOptions are the LIST FLAGS and TERMS common to every list command.
type ListOptions struct {
	Terms  []Term
	Sort   string
	Desc   bool
	Limit  int64
	Offset int64
	Count  bool
}

// AuditEntry is one line of the audit trail.
type AuditEntry struct {
	ID       int64
	At       time.Time
	ActorID  *int64
	Actor    string
	Action   string
	Entity   string
	EntityID *int64
	Changes  map[string][2]any
}

// UserFilter holds the named filters of `user list`.
type UserFilter struct {
	Department string
	Search     string
}

// ClientFilter holds the named filters of `client list`. SalesContactID
// is --sales, or --mine for a commercial; SupportContactID is --mine for
// support: the clients of the events they support.
type ClientFilter struct {
	SalesContactID   *int64
	SupportContactID *int64
	Search           string
}

// ContractFilter holds the named filters of `contract list`.
// SalesContactID is --mine for a commercial: contracts of the clients whose
// sales contact they are now. SupportContactID is --mine for support: the
// contracts of the events they support.
type ContractFilter struct {
	SalesContactID   *int64
	SupportContactID *int64
	ClientID         *int64
	Signed           *bool
	Paid             *bool
}

// EventFilter holds the named filters of `event list`. SalesContactID is
// --mine for a commercial (events of their clients), SupportContactID
// --mine for support or --support.
type EventFilter struct {
	SalesContactID   *int64
	SupportContactID *int64
	NoSupport        bool
	ContractID       *int64
	ClientID         *int64
	From             *time.Time
	To               *time.Time
	Upcoming         bool
}

// AuditFilter holds the filters of `audit`.
type AuditFilter struct {
	Entity   string
	EntityID *int64
	ActorID  *int64
}
