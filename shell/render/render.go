// Package render prints a commands.Result on the operator's terminal or in a
// pipe: as an aligned table, as JSON or as CSV (SPEC section 4, "Output").
//
// JSON and CSV lists are streamed row by row so that a list of hundreds of
// thousands of rows never sits in memory. A table must see every row before
// it draws the first, to size its columns on all of them: it keeps its
// cells in a compact buffer that moves to a temporary file past a few MiB
// (cells.go). Tables fit the terminal (layout.go), or show each record
// vertically (expanded.go).
package render

import (
	"fmt"
	"io"
	"strings"
	"time"

	"epicevents/commands"
	"epicevents/model"
)

// Format is an output format: table, json, csv or ics.
type Format string

// The output formats of the --format flag.
const (
	Table Format = "table"
	JSON  Format = "json"
	CSV   Format = "csv"
	// ICS is iCalendar (RFC 5545), for events only (ics.go).
	ICS Format = "ics"
)

// ParseFormat returns the Format named s. An unknown name is a usage error.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimSpace(s))); f {
	case Table, JSON, CSV, ICS:
		return f, nil
	}
	return "", model.Errorf(model.EUSAGE, "unknown format %q: use table, json, csv or ics", s)
}

// Options tune the rendering. JSON and CSV only heed Columns: their times
// are always RFC 3339 in UTC and they are never colored or shortened.
type Options struct {
	// Location is the time zone of times in tables; nil means time.Local.
	Location *time.Location
	// NoColor turns off the bold header of tables, for pipes, files and
	// NO_COLOR.
	NoColor bool
	// Width is the width of the terminal in columns, which tables fit; 0
	// when standard output is not a terminal: nothing is shortened then,
	// and lists are vertical only when Expanded is ExpandedOn.
	Width int
	// Expanded says when a list shows its records vertically.
	Expanded Expanded
	// Columns are the keys shown, in order (--columns). nil means every
	// key in JSON, CSV and a record's table, and the entity's default
	// columns in a list's table (DefaultColumns); AllColumns means every
	// key everywhere.
	Columns []string
	// totals is how many of the last rows of a list are totals (a
	// report's total line): set apart, and not counted in "(N rows)".
	totals int
}

// Render writes res to w in format f.
//
// A Count is printed as a number, a Record as one object (field/value rows in
// a table), and a list (List, Rows, or Columns without a Record) as an array,
// possibly empty. A Result with no Columns and no Count writes nothing: its
// Note is for the caller to print on stderr.
func Render(w io.Writer, f Format, res commands.Result, opts Options) error {
	if _, err := ParseFormat(string(f)); err != nil {
		return err
	}
	if opts.Location == nil {
		opts.Location = time.Local
	}
	switch {
	case f == ICS:
		return renderICS(w, res)
	case res.Count != nil:
		return renderCount(w, f, *res.Count)
	case len(res.Columns) == 0:
		return nil
	case res.List || res.Rows != nil || res.Record == nil:
		if f == Table && (res.Total != nil || res.Bars != nil) {
			rows, err := reportTable(res, opts)
			if err != nil {
				return err
			}
			res.Rows = rows
			if len(res.Total) == len(res.Columns) {
				opts.totals = 1
			}
		}
		pick, err := pickColumns(res.Columns, opts.Columns, f == Table)
		if err != nil {
			return err
		}
		return renderList(w, f, pick, res.Rows, opts)
	default:
		if len(res.Record) != len(res.Columns) {
			return fmt.Errorf("render: record has %d values for %d columns", len(res.Record), len(res.Columns))
		}
		pick, err := pickColumns(res.Columns, opts.Columns, false)
		if err != nil {
			return err
		}
		return renderRecord(w, f, pick.keys, pick.values(res.Record), opts)
	}
}

func renderCount(w io.Writer, f Format, n int64) error {
	var err error
	switch f {
	case JSON:
		_, err = fmt.Fprintf(w, "{\"count\":%d}\n", n)
	case CSV:
		_, err = fmt.Fprintf(w, "count\n%d\n", n)
	default:
		_, err = fmt.Fprintf(w, "%d\n", n)
	}
	return err
}

func renderRecord(w io.Writer, f Format, cols []string, rec []any, opts Options) error {
	switch f {
	case JSON:
		return jsonRecord(w, cols, rec)
	case CSV:
		return csvRecord(w, cols, rec)
	default:
		return tableRecord(w, cols, rec, opts)
	}
}

func renderList(w io.Writer, f Format, pick columns, rows commands.RowIter, opts Options) error {
	if rows == nil {
		rows = func(func([]any) error) error { return nil }
	}
	// Every row is checked against the header so that a handler bug shows
	// up as an error, not as a shifted CSV column or a short JSON object;
	// then only the columns shown are passed on, in one reused slice.
	var shown []any
	checked := func(yield func([]any) error) error {
		return rows(func(row []any) error {
			if len(row) != pick.all {
				return fmt.Errorf("render: row has %d values for %d columns", len(row), pick.all)
			}
			if pick.index == nil {
				return yield(row)
			}
			shown = pick.project(shown, row)
			return yield(shown)
		})
	}
	switch f {
	case JSON:
		return jsonList(w, pick.keys, checked)
	case CSV:
		return csvList(w, pick.keys, checked)
	default:
		return tableList(w, pick.keys, checked, opts)
	}
}
