package commands

import (
	"time"

	"epicevents/model"
	"epicevents/security"
)

// The keys of the reports, in output order.
var (
	SalesReportKeys  = []string{"sales_contact", "clients", "contracts_signed", "contracts_unsigned", "total_signed", "paid", "amount_due"}
	EventsReportKeys = []string{"support_contact", "events", "attendees"}
)

// reportPeriod is the default period of the events report: the next 30
// days.
const reportPeriod = 30 * 24 * time.Hour

var reportCommand = &Command{
	Name:  "report",
	Short: "figures per collaborator: sales, events",
	Sub: []*Command{
		{
			Name: "sales", Short: "per commercial: clients, contracts signed and unsigned, total signed, paid, due",
			Long: "Contracts count for the sales contact that contract list shows for them; --from and --to keep " +
				"the contracts created in that period (clients count whatever the period). A commercial sees " +
				"their own row, management everyone's. In a table, each amount draws a bar scaled to the " +
				"largest of its column, and a last line gives the totals.",
			Flags: []Flag{
				{Name: "from", Value: "DATE", Usage: "only contracts created at or after DATE"},
				{Name: "to", Value: "DATE", Usage: "only contracts created before DATE (a date alone: up to its end)"},
			},
			Action: security.ReportSales, Run: reportSales,
		},
		{
			Name: "events", Short: "per support collaborator: events and attendees, and the events without support",
			Long: "Events starting in the next 30 days, or from --from to --to as on event list. Support sees " +
				"their own line; a commercial the events of their own clients; management everything. The last " +
				"row, \"none\" (support_contact null in JSON and CSV), counts the events without support.",
			Flags: []Flag{
				{Name: "from", Value: "DATE", Usage: "only events starting at or after DATE (default: now)"},
				{Name: "to", Value: "DATE", Usage: "only events starting before DATE (a date alone: up to its end)"},
			},
			Run: reportEvents,
		},
	},
}

type reportOptions struct{ From, To *string }

// filter reads --from and --to as event list does: From <= t < To.
func (o *reportOptions) filter(c *Ctx) (model.ReportFilter, error) {
	var f model.ReportFilter
	var err error
	f.From, f.To, err = c.period(o.From, o.To)
	return f, err
}

func reportSales(c *Ctx, o *reportOptions) (Result, error) {
	f, err := o.filter(c)
	if err != nil {
		return Result{}, err
	}
	if c.Actor.Department == model.Commercial {
		f.SalesContactID = &c.Actor.ID
	}
	figures, err := c.Tx.SalesReport(f)
	if err != nil {
		return Result{}, err
	}
	var rows [][]any
	var total model.SalesFigures
	for _, r := range figures {
		rows = append(rows, []any{contactName(r.SalesContactID, r.SalesContact), r.Clients, r.ContractsSigned,
			r.ContractsUnsigned, r.TotalSigned, r.Paid, r.AmountDue})
		total.Add(r)
	}
	return Result{Columns: SalesReportKeys, List: true, Rows: fixedRows(rows),
		Total: []any{"total", total.Clients, total.ContractsSigned, total.ContractsUnsigned,
			total.TotalSigned, total.Paid, total.AmountDue},
		Bars: []string{"total_signed", "paid", "amount_due"}}, nil
}

func reportEvents(c *Ctx, o *reportOptions) (Result, error) {
	f, err := o.filter(c)
	if err != nil {
		return Result{}, err
	}
	if f.From == nil && f.To == nil {
		now := c.Tx.Now()
		to := now.Add(reportPeriod)
		f.From, f.To = &now, &to
	}
	switch c.Actor.Department {
	case model.Commercial:
		f.SalesContactID = &c.Actor.ID
	case model.Support:
		f.SupportContactID = &c.Actor.ID
	}
	figures, err := c.Tx.EventsReport(f)
	if err != nil {
		return Result{}, err
	}
	var rows [][]any
	var events, attendees int64
	for _, r := range figures {
		rows = append(rows, []any{contactName(r.SupportContactID, r.SupportContact), r.Events, r.Attendees})
		events += r.Events
		attendees += r.Attendees
	}
	return Result{Columns: EventsReportKeys, List: true, Rows: fixedRows(rows),
		Total: []any{"total", events, attendees}}, nil
}

// contactName is a report's contact: the username, or nil (JSON null) for
// the row of the records without one.
func contactName(id *int64, username string) any {
	if id == nil {
		return nil
	}
	return username
}

// fixedRows streams rows held in memory.
func fixedRows(rows [][]any) RowIter {
	return func(yield func([]any) error) error {
		for _, r := range rows {
			if err := yield(r); err != nil {
				return err
			}
		}
		return nil
	}
}
