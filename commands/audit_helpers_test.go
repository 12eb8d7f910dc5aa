package commands

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"

	"epicevents/model"
	"epicevents/query"
)

// auditLine is one audit entry as a test compares it:
// "ACTION ENTITY ENTITY_ID by ACTOR(ACTOR_ID) CHANGES", the changes as the
// JSON object the audit trail keeps, and "-" for a missing id.
type auditLine = string

// auditLines returns the audit trail, oldest first, from the entry after
// the first skip ones.
func (e *testEnv) auditLines(skip int) []auditLine {
	e.t.Helper()
	var lines []auditLine
	err := e.DB.View(context.Background(), func(tx *query.Tx) error {
		return tx.ListAudit(model.AuditFilter{}, model.ListOptions{Sort: "id"}, func(row []any) error {
			r := zip(query.AuditKeys, row)
			changes, _ := r["changes"].(json.RawMessage)
			lines = append(lines, fmt.Sprintf("%v %v %s by %v(%s) %s", r["action"], r["entity"], idText(r["entity_id"]),
				r["actor"], idText(r["actor_id"]), changes))
			return nil
		})
	})
	if err != nil {
		e.t.Fatal(err)
	}
	if skip > len(lines) {
		return nil
	}
	return lines[skip:]
}

// idText formats an optional id of an audit row: "-" when there is none.
func idText(v any) string {
	rv := reflect.ValueOf(v)
	switch {
	case v == nil, rv.Kind() == reflect.Pointer && rv.IsNil():
		return "-"
	case rv.Kind() == reflect.Pointer:
		return fmt.Sprint(rv.Elem().Interface())
	}
	return fmt.Sprint(v)
}

// wantAudit checks that the audit trail, past its first skip entries,
// holds exactly want.
func (e *testEnv) wantAudit(skip int, want ...auditLine) {
	e.t.Helper()
	got := e.auditLines(skip)
	if len(got) != len(want) {
		e.t.Fatalf("audit entries:\n%s\nwant:\n%s", lines(got), lines(want))
	}
	for i := range got {
		if got[i] != want[i] {
			e.t.Fatalf("audit entry %d:\n got %s\nwant %s", skip+i+1, got[i], want[i])
		}
	}
}

func lines(l []string) string {
	s := ""
	for _, x := range l {
		s += "  " + x + "\n"
	}
	return s
}
