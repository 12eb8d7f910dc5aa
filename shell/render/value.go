package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"epicevents/model"
)

// tableTime is how tables show times: to the minute, in the operator's zone.
const tableTime = "2006-01-02 15:04"

// deref returns the value a non-nil pointer points to, and nil for a nil
// pointer, so that a *Money or *string from a store renders like its value.
func deref(v any) any {
	for {
		rv := reflect.ValueOf(v)
		if rv.Kind() != reflect.Pointer {
			return v
		}
		if rv.IsNil() {
			return nil
		}
		// A pointer whose method set makes it a Stringer is printed with it.
		if _, ok := v.(fmt.Stringer); ok {
			return v
		}
		v = rv.Elem().Interface()
	}
}

// plainText is the text of v shared by CSV and tables: everything but nil,
// bool and time.Time, whose text differs between the two.
func plainText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	case int:
		return strconv.Itoa(v)
	case int32:
		return strconv.FormatInt(int64(v), 10)
	case json.RawMessage:
		var buf bytes.Buffer
		if json.Compact(&buf, v) != nil {
			return string(v)
		}
		return buf.String()
	case fmt.Stringer:
		return v.String()
	}
	return fmt.Sprint(v)
}

// csvText is the text of v in a CSV field: empty for nil, times in RFC 3339
// UTC like JSON so that a spreadsheet or a script reads the same instant.
func csvText(v any) string {
	switch v := deref(v).(type) {
	case nil:
		return ""
	case bool:
		return strconv.FormatBool(v)
	case time.Time:
		return v.UTC().Format(time.RFC3339)
	default:
		return plainText(v)
	}
}

// tableText is the text of v in a table cell, for a person to read.
func tableText(v any, loc *time.Location) string {
	switch v := deref(v).(type) {
	case nil:
		return ""
	case bool:
		if v {
			return "yes"
		}
		return "no"
	case time.Time:
		return v.In(loc).Format(tableTime)
	case barCell:
		return v.text
	default:
		return sanitize(plainText(v))
	}
}

// sanitize drops control characters but newlines from s, and the
// bidirectional formatting characters, so that a value stored by another
// program cannot move the cursor, recolor the terminal or reverse what
// follows it ("Acme\u202eevil" showing as "Acmelive"); epicevents refuses
// them all on input.
func sanitize(s string) string {
	clean := true
	for _, r := range s {
		if r != '\n' && (unicode.IsControl(r) || r == utf8.RuneError || model.IsBidiControl(r)) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return ' '
		case r == '\n':
			return r
		case unicode.IsControl(r), model.IsBidiControl(r):
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}
