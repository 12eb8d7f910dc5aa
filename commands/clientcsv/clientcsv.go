// Package clientcsv reads clients from a spreadsheet's CSV export, for
// `client import`: a header row naming the columns by the client's output
// keys, then one client a record. It reads the file as spreadsheets write
// it: UTF-8 with or without a byte order mark, comma or semicolon
// separators (a French spreadsheet writes semicolons), quoted fields that
// hold separators, quotes and line breaks, CRLF, LF or CR line ends, and
// columns without a name and without values (trailing separators). A file
// in UTF-16 or with NUL bytes (not text) is refused in one line.
//
// Every problem is collected with the physical line it is on, so that the
// operator fixes the whole file at once.
package clientcsv

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"epicevents/model"
)

// Columns are the columns a file must have, in any order: the output keys
// of a client that the importer sets.
var Columns = []string{"first_name", "last_name", "email", "phone", "company_name"}

// Limits of one file: an import is a spreadsheet of contacts, and the whole
// file is checked before anything is written.
const (
	MaxRows  = 100_000
	MaxBytes = 32 << 20
)

// Row is one record of the file and the line of the file it starts on (a
// quoted line break makes a record span several lines).
type Row struct {
	Line   int
	Client model.Client
}

// Problem is one error of the file: the line it is on, the column it is
// about (an output key, or "" for the whole line) and what is wrong.
type Problem struct {
	Line  int
	Field string
	Err   *model.Error
}

// String is the problem as the operator reads it: "line N: FIELD: MESSAGE".
func (p Problem) String() string {
	if p.Field == "" {
		return fmt.Sprintf("line %d: %s", p.Line, p.Err.Message)
	}
	return fmt.Sprintf("line %d: %s: %s", p.Line, p.Field, p.Err.Message)
}

func problem(line int, field, code, format string, args ...any) Problem {
	return Problem{Line: line, Field: field, Err: model.Errorf(code, format, args...)}
}

// bom is the UTF-8 byte order mark that spreadsheets put first.
const bom = "\xef\xbb\xbf"

// Read reads the rows of a file. Problems of the header stop the reading:
// without the columns, no record can be read. Problems of records are
// collected and reading goes on. The error is for a file that cannot be
// read at all.
func Read(r io.Reader) ([]Row, []Problem, error) {
	br := bufio.NewReaderSize(io.LimitReader(r, MaxBytes+1), 64<<10)
	if b, _ := br.Peek(len(bom)); string(b) == bom {
		br.Discard(len(bom))
	}
	first, err := br.Peek(4096)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, nil, err
	}
	if p, bad := notText(first); bad {
		return nil, []Problem{p}, nil
	}
	cr := csv.NewReader(&sizeCheck{r: lineEnds{br}})
	cr.Comma = separator(first)
	cr.FieldsPerRecord = -1 // checked here, to name the line
	cr.ReuseRecord = true
	header, err := cr.Read()
	switch {
	case err == io.EOF:
		return nil, []Problem{problem(1, "", model.EINVALID,
			"the file is empty: its first line must name the columns %s", strings.Join(Columns, ","))}, nil
	case err != nil:
		return nil, nil, readError(err)
	}
	line, _ := cr.FieldPos(0) // after any blank lines, which the reader skips
	at, probs := columns(line, header)
	if len(probs) > 0 {
		return nil, probs, nil
	}
	return readRows(cr, at, unnamed(header))
}

// notText reports a file whose first bytes are first as no UTF-8 text: a
// UTF-16 byte order mark (Excel's "Unicode text"), or NUL bytes, which no
// text holds (UTF-16 without a mark, a binary file). Its content is not
// quoted back.
func notText(first []byte) (Problem, bool) {
	switch {
	case bytes.HasPrefix(first, []byte("\xff\xfe")), bytes.HasPrefix(first, []byte("\xfe\xff")),
		bytes.HasPrefix(first, []byte("\x00\x00\xfe\xff")):
		return problem(1, "", model.EINVALID, "UTF-16 or UTF-32 text: save the file as CSV UTF-8"), true
	case bytes.IndexByte(first, 0) >= 0:
		return problem(1, "", model.EINVALID, "not a text file (it holds NUL bytes): save the file as CSV UTF-8"), true
	}
	return Problem{}, false
}

// lineEnds reads a CR that is not before LF as LF: the line end of an old
// Mac export, which the CSV reader does not know (it reads CRLF and LF).
// In a quoted field it stands for a line break too. CRLF and LF pass as
// they are, so that any mix of the three reads.
type lineEnds struct{ r *bufio.Reader }

func (l lineEnds) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for i := bytes.IndexByte(p[:n], '\r'); i >= 0; {
		next := byte(0)
		if i+1 < n {
			next = p[i+1]
		} else if b, perr := l.r.Peek(1); perr == nil {
			next = b[0]
		}
		if next != '\n' {
			p[i] = '\n'
		}
		j := bytes.IndexByte(p[i+1:n], '\r')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return n, err
}

// unnamed returns the indexes of the header's columns without a name: a
// spreadsheet writes one for each empty column after the last one used.
func unnamed(header []string) []int {
	var idx []int
	for i, h := range header {
		if strings.TrimSpace(h) == "" {
			idx = append(idx, i)
		}
	}
	return idx
}

// readRows reads the records after the header; at gives the index of each
// column in a record, empty the indexes of the columns without a name,
// which must hold no value.
func readRows(cr *csv.Reader, at map[string]int, empty []int) ([]Row, []Problem, error) {
	width := len(at) + len(empty)
	var rows []Row
	var probs []Problem
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return rows, probs, nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) && pe.Err != errTooLarge {
			probs = append(probs, problem(pe.StartLine, "", model.EINVALID, "%v", pe.Err))
			continue
		}
		if err != nil {
			return nil, nil, readError(err)
		}
		line, _ := cr.FieldPos(0)
		switch {
		case blank(rec):
			continue // spreadsheets write rows of empty cells
		case len(rec) != width:
			probs = append(probs, problem(line, "", model.EINVALID, "%d fields, the header has %d", len(rec), width))
			continue
		case len(rows) == MaxRows:
			return nil, append(probs, problem(line, "", model.EINVALID, "more than %d clients: split the file", MaxRows)), nil
		}
		if p, bad := notUTF8(line, rec, at); bad {
			probs = append(probs, p)
			continue
		}
		filled := func(i int) bool { return strings.TrimSpace(rec[i]) != "" }
		if i := slices.IndexFunc(empty, filled); i >= 0 {
			probs = append(probs, problem(line, "", model.EINVALID,
				"column %d has no name in the header but a value here: name it or empty it", empty[i]+1))
			continue
		}
		rows = append(rows, Row{Line: line, Client: model.Client{
			FirstName: rec[at["first_name"]], LastName: rec[at["last_name"]], Email: rec[at["email"]],
			Phone: rec[at["phone"]], CompanyName: rec[at["company_name"]],
		}})
	}
}

// separator returns the separator of a file whose first bytes are first:
// the one of comma and semicolon that its header line (the first line that
// is not empty, as the reader skips empty lines) holds more of. Column
// names hold neither.
func separator(first []byte) rune {
	first = bytes.ReplaceAll(bytes.TrimLeft(first, "\r\n"), []byte("\r"), []byte("\n"))
	first, _, _ = bytes.Cut(first, []byte("\n"))
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		return ';'
	}
	return ','
}

// columns maps each column of the header to its index, and reports the
// unknown, repeated and missing ones.
func columns(line int, header []string) (map[string]int, []Problem) {
	at := map[string]int{}
	var probs []Problem
	known := strings.Join(Columns, ",")
	for i, h := range header {
		key := strings.ToLower(strings.TrimSpace(h))
		switch _, seen := at[key]; {
		case key == "":
			// No name: a column left empty (unnamed, checked by readRows).
		case !isColumn(key):
			probs = append(probs, problem(line, clip(strings.TrimSpace(h)), model.EINVALID, "unknown column: the columns are %s", known))
		case seen:
			probs = append(probs, problem(line, key, model.EINVALID, "column given twice"))
		default:
			at[key] = i
		}
	}
	for _, c := range Columns {
		if _, ok := at[c]; !ok {
			probs = append(probs, problem(line, c, model.EINVALID, "missing column: the columns are %s", known))
		}
	}
	return at, probs
}

// clip shortens what a file holds to quote it in an error: a header cell
// of megabytes (or a file that is no CSV) is not written back whole.
func clip(s string) string {
	const most = 40
	if utf8.RuneCountInString(s) <= most {
		return s
	}
	r := []rune(s)
	return string(r[:most]) + "…"
}

func isColumn(key string) bool {
	for _, c := range Columns {
		if c == key {
			return true
		}
	}
	return false
}

// notUTF8 reports the first field of rec that is not UTF-8: a file saved
// as "CSV" by some spreadsheets is in the Windows code page.
func notUTF8(line int, rec []string, at map[string]int) (Problem, bool) {
	for _, c := range Columns {
		if !utf8.ValidString(rec[at[c]]) {
			return problem(line, c, model.EINVALID, "not UTF-8 text: save the file as CSV UTF-8"), true
		}
	}
	return Problem{}, false
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// Check validates the rows by the rules of `client create` and finds the
// e-mails given twice in the file. It normalises the clients in place and
// returns the problems sorted by line.
func Check(rows []Row) []Problem {
	var probs []Problem
	firstLine := map[string]int{}
	for i := range rows {
		r := &rows[i]
		badEmail := false
		for _, fe := range r.Client.CheckFields() {
			var me *model.Error
			if !errors.As(fe.Err, &me) {
				me = model.Errorf(model.EINVALID, "%v", fe.Err)
			}
			probs = append(probs, Problem{Line: r.Line, Field: fe.Field, Err: me})
			badEmail = badEmail || fe.Field == "email"
		}
		if badEmail {
			continue
		}
		if line, ok := firstLine[r.Client.Email]; ok {
			probs = append(probs, problem(r.Line, "email", model.ECONFLICT, "%s is already on line %d", r.Client.Email, line))
			continue
		}
		firstLine[r.Client.Email] = r.Line
	}
	Sort(probs)
	return probs
}

// Sort sorts problems by line, then by column in the order of Columns (a
// problem of the whole line first), keeping the order of problems of one
// field.
func Sort(probs []Problem) {
	slices.SortStableFunc(probs, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(slices.Index(Columns, a.Field), slices.Index(Columns, b.Field)))
	})
}

// Code is the error code of a file with these problems: a conflict when
// every problem is one (e-mails already taken), invalid input otherwise.
func Code(probs []Problem) string {
	for _, p := range probs {
		if p.Err.Code != model.ECONFLICT {
			return model.EINVALID
		}
	}
	return model.ECONFLICT
}

// errTooLarge stops reading a file larger than MaxBytes.
var errTooLarge = errors.New("file too large")

func readError(err error) error {
	if errors.Is(err, errTooLarge) {
		return model.Errorf(model.EINVALID, "the file is larger than %d MiB: split it", MaxBytes>>20)
	}
	return err
}

// sizeCheck fails the reading when more than MaxBytes come through: the
// reader under it is limited to MaxBytes+1.
type sizeCheck struct {
	r io.Reader
	n int64
}

func (s *sizeCheck) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	s.n += int64(n)
	if s.n > MaxBytes {
		return 0, errTooLarge
	}
	return n, err
}
