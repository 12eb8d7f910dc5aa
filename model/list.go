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

// Limits of a list's filters. A contains value or a search becomes a LIKE
// pattern, and each term a bound value: SQLite refuses a pattern over 50 kB
// and a statement over its number of parameters, which a pasted value or a
// generated command line can reach. These bounds are far above what an
// operator types, and well under the engines' limits.
const (
	MaxTerms       = 64      // filter terms of one command
	MaxFilterValue = 4 << 10 // bytes of one term's value or of a search
)

// CheckFilters refuses more than MaxTerms terms (a usage error, 2) and a
// value or search longer than MaxFilterValue bytes (invalid input, 6).
func CheckFilters(terms []Term, search string) error {
	if len(terms) > MaxTerms {
		return Errorf(EUSAGE, "too many filter terms (%d): at most %d", len(terms), MaxTerms)
	}
	for _, t := range terms {
		if len(t.Value) > MaxFilterValue {
			return Errorf(EINVALID, "the value of the filter on %s is %d bytes long: at most %d", t.Field, len(t.Value), MaxFilterValue)
		}
	}
	if len(search) > MaxFilterValue {
		return Errorf(EINVALID, "the search text is %d bytes long: at most %d", len(search), MaxFilterValue)
	}
	return nil
}
