package render

import (
	"encoding/json"
	"fmt"
	"time"

	"epicevents/commands"
	"epicevents/model"
)

// entityKeys are the SPEC's output keys of each entity, in output order.
var entityKeys = map[string][]string{
	"user": {"id", "username", "email", "first_name", "last_name", "phone", "department",
		"created_at", "updated_at"},
	"client": {"id", "first_name", "last_name", "email", "phone", "company_name",
		"sales_contact_id", "sales_contact", "created_at", "updated_at"},
	"contract": {"id", "client_id", "client_name", "sales_contact_id", "sales_contact",
		"total_amount", "amount_due", "signed", "created_at", "updated_at"},
	"event": wideColumns,
	"audit": {"id", "at", "actor_id", "actor", "action", "entity", "entity_id", "changes"},
}

// entityRow returns row i of a list of entity, with values of the types
// the stores return (int64, string, nil, bool, time.Time, model.Money,
// json.RawMessage).
func entityRow(entity string, i int) []any {
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour)
	first, last := []string{"Jean", "Zoé", "Ana", "Chloé"}[i%4], fmt.Sprintf("Dupont-%d", i)
	var contact any
	if i%5 != 0 {
		contact = fmt.Sprintf("sales%d", i%20)
	}
	switch entity {
	case "user":
		return []any{int64(i), fmt.Sprintf("user%d", i), fmt.Sprintf("user%d@epicevents.example", i),
			first, last, "+33 6 12 34 56 78", []string{"management", "commercial", "support"}[i%3], at, at}
	case "client":
		return []any{int64(i), first, last, fmt.Sprintf("%s.%s@example.com", first, last),
			"+33 6 12 34 56 78", fmt.Sprintf("Société Générale d'Événements %d", i), int64(i % 20),
			contact, at, at}
	case "contract":
		return []any{int64(i), int64(i / 3), first + " " + last, int64(i % 20), contact,
			model.Money(i * 123457), model.Money(i * 1234), i%2 == 0, at, at}
	case "event":
		return wideRow(i)
	case "audit":
		return []any{int64(i), at, int64(i % 20), fmt.Sprintf("user%d", i%20), "update", "client",
			int64(i), json.RawMessage(`{"email": ["a@example.com", "b@example.com"]}`)}
	}
	panic("no entity " + entity)
}

// entityList is a list of n rows of entity.
func entityList(entity string, n int) commands.Result {
	rows := make([][]any, n)
	for i := range rows {
		rows[i] = entityRow(entity, i+1)
	}
	return commands.Result{Columns: entityKeys[entity], Rows: rowsOf(rows...), List: true}
}
