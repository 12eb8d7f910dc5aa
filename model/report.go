package model

import "time"

// ReportFilter chooses what a report covers. From and To bound a period,
// From <= t < To, of the contracts' created_at (sales) or the events'
// event_start (events); nil leaves that side open. The contact ids narrow
// the report to what one collaborator may see.
type ReportFilter struct {
	From *time.Time
	To   *time.Time
	// SalesContactID keeps, in the sales report, the row of this
	// commercial only; in the events report, only the events of the
	// clients whose sales contact they are.
	SalesContactID *int64
	// SupportContactID keeps, in the events report, the row of this
	// support collaborator only.
	SupportContactID *int64
}

// SalesFigures is one row of the sales report: the figures of one sales
// contact. Contracts count for the sales contact recorded on the contract
// (the one `contract list` shows), clients for the client's sales contact.
type SalesFigures struct {
	// SalesContactID is nil on the row of the records without a sales
	// contact, which only data from outside epicevents can hold.
	SalesContactID    *int64
	SalesContact      string
	Clients           int64
	ContractsSigned   int64
	ContractsUnsigned int64
	// TotalSigned is the sum of the total amounts of the signed contracts.
	TotalSigned Money
	// Paid is what was paid on all the contracts, signed or not: the sum
	// of total minus due.
	Paid Money
	// AmountDue is what is still due on the signed contracts.
	AmountDue Money
}

// Add adds the figures of r to f, for a total: the contact is f's.
func (f *SalesFigures) Add(r SalesFigures) {
	f.Clients += r.Clients
	f.ContractsSigned += r.ContractsSigned
	f.ContractsUnsigned += r.ContractsUnsigned
	f.TotalSigned += r.TotalSigned
	f.Paid += r.Paid
	f.AmountDue += r.AmountDue
}

// EventFigures is one row of the events report: the events of one support
// collaborator, or, with a nil SupportContactID, the events without
// support.
type EventFigures struct {
	SupportContactID *int64
	SupportContact   string
	Events           int64
	Attendees        int64
}
