package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"
	"unicode/utf8"
)

// The objects are written by hand, key by key, because the SPEC wants keys
// in Columns order and a map would sort them.

// jsonRecord writes one object and a newline.
func jsonRecord(w io.Writer, cols []string, rec []any) error {
	buf, err := appendObject(nil, cols, rec)
	if err != nil {
		return err
	}
	_, err = w.Write(append(buf, '\n'))
	return err
}

// jsonList writes an array with one object per line, streaming: each row is
// encoded into one reused buffer and handed to a bufio.Writer.
func jsonList(w io.Writer, cols []string, rows func(func([]any) error) error) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var buf []byte
	n := 0
	err := rows(func(row []any) error {
		if n == 0 {
			buf = append(buf[:0], "[\n"...)
		} else {
			buf = append(buf[:0], ",\n"...)
		}
		n++
		var err error
		if buf, err = appendObject(buf, cols, row); err != nil {
			return err
		}
		_, err = bw.Write(buf)
		return err
	})
	if err != nil {
		// What was written goes out, so the output stops where the error hit.
		bw.Flush()
		return err
	}
	if n == 0 {
		bw.WriteString("[]\n")
	} else {
		bw.WriteString("\n]\n")
	}
	return bw.Flush()
}

// appendObject appends {"col":value,...} to buf.
func appendObject(buf []byte, cols []string, vals []any) ([]byte, error) {
	buf = append(buf, '{')
	for i, col := range cols {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = appendString(buf, col)
		buf = append(buf, ':')
		var err error
		if buf, err = appendValue(buf, vals[i]); err != nil {
			return nil, fmt.Errorf("render: column %q: %w", col, err)
		}
	}
	return append(buf, '}'), nil
}

// appendValue appends v as JSON: null, a number, a boolean, an RFC 3339 UTC
// time, embedded raw JSON, or a string for anything else.
func appendValue(buf []byte, v any) ([]byte, error) {
	switch v := deref(v).(type) {
	case nil:
		return append(buf, "null"...), nil
	case string:
		return appendString(buf, v), nil
	case int64:
		return strconv.AppendInt(buf, v, 10), nil
	case int:
		return strconv.AppendInt(buf, int64(v), 10), nil
	case int32:
		return strconv.AppendInt(buf, int64(v), 10), nil
	case bool:
		return strconv.AppendBool(buf, v), nil
	case time.Time:
		return appendString(buf, v.UTC().Format(time.RFC3339)), nil
	case json.RawMessage:
		if len(v) == 0 {
			return append(buf, "null"...), nil
		}
		// Compact keeps one array element on one line, and refuses
		// invalid JSON that would break the whole document.
		out := bytes.NewBuffer(buf)
		if err := json.Compact(out, v); err != nil {
			return nil, err
		}
		return out.Bytes(), nil
	default:
		return appendString(buf, plainText(v)), nil
	}
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string. Unlike encoding/json it leaves
// <, > and & alone, since the output is read by people and scripts, not
// embedded in HTML.
func appendString(buf []byte, s string) []byte {
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			buf = append(buf, s[start:i]...)
			switch b {
			case '"', '\\':
				buf = append(buf, '\\', b)
			case '\n':
				buf = append(buf, '\\', 'n')
			case '\r':
				buf = append(buf, '\\', 'r')
			case '\t':
				buf = append(buf, '\\', 't')
			default:
				buf = append(buf, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			buf = append(buf, s[start:i]...)
			buf = append(buf, `\ufffd`...)
			i += size
			start = i
			continue
		}
		// U+2028 and U+2029 are valid JSON but end lines in JavaScript.
		if r == '\u2028' || r == '\u2029' {
			buf = append(buf, s[start:i]...)
			buf = append(buf, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}
