package render

import (
	"encoding/csv"
	"io"
)

// CSV is RFC 4180 as encoding/csv writes it: fields quoted when they hold a
// comma, a quote or a line break, and lines ending in \n as Unix tools expect.

// csvRecord writes the header and one row.
func csvRecord(w io.Writer, cols []string, rec []any) error {
	return csvList(w, cols, func(yield func([]any) error) error { return yield(rec) })
}

// csvList writes the header and the rows, streaming: csv.Writer buffers its
// output, and one record slice is reused for every row.
func csvList(w io.Writer, cols []string, rows func(func([]any) error) error) error {
	cw := csv.NewWriter(w)
	// LF line ends, as psql --csv writes: with CRLF, encoding/csv would turn
	// a line break inside a field into CRLF and the data would not read back
	// the same (RFC 4180 allows either for the record ends).
	if err := cw.Write(cols); err != nil {
		return err
	}
	record := make([]string, len(cols))
	err := rows(func(row []any) error {
		for i, v := range row {
			record[i] = csvText(v)
		}
		if err := cw.Write(record); err != nil {
			return err
		}
		// csv.Writer keeps the first write error to itself until Flush;
		// asking for it stops a stream whose reader has gone away.
		return cw.Error()
	})
	cw.Flush()
	if err != nil {
		return err
	}
	return cw.Error()
}
