package commands

// Result is what a command handler returns. Handlers never print: the shell
// renders a Result as a table, JSON or CSV.
//
// Exactly one of Record, Rows or Count is set for commands that produce data;
// Note alone is set for commands that only report (login, logout).
//
// Values in Record and in the rows of Rows are one of: nil (a missing value,
// JSON null), string, int64, bool, time.Time (RFC 3339 in JSON and CSV),
// json.RawMessage (embedded as is in JSON, printed as text elsewhere) or a
// fmt.Stringer such as model.Money (rendered as its string).
type Result struct {
	// Columns are the keys of the record or rows, in order.
	Columns []string
	// Record is one record (show, create, update, sign, ...), in Columns order.
	Record []any
	// Rows streams a list; it calls yield once per row and stops at the
	// first error yield returns. A nil Rows with Columns set is an empty list.
	Rows RowIter
	// List marks a list result, rendered as an array even when empty.
	List bool
	// Count is the number of matching rows (list --count).
	Count *int64
	// Note is a message for the operator, printed on stderr.
	Note string
	// Text is printed as it is on stdout (help).
	Text string
	// Format is the --format given to this command, "" for the default.
	Format string
	// DatabaseID identifies the database the records come from, for the
	// UIDs of --format ics (set for that format only).
	DatabaseID string
	// Exit asks the shell to end (exit, quit).
	Exit bool
	// Source names a file whose commands the shell runs as a batch.
	Source string
	// Total is a last row that tables draw under a list (a report's
	// totals); JSON and CSV, one row per record, leave it out.
	Total []any
	// Bars are the amount columns that a table also draws as bars of
	// block characters scaled to the largest value of the column; never
	// in JSON or CSV.
	Bars []string
	// Set holds the settings the set command changes; an empty non-nil Set
	// asks the shell to show its settings.
	Set []Setting
	// Show is the --columns given to this command: the keys shown, in
	// order, or AllColumns; nil for the default.
	Show []string
	// Expanded is the --expanded given to this command: records vertically.
	Expanded bool
}

// RowIter streams rows to yield in order.
type RowIter func(yield func(row []any) error) error
