package query

import (
	"time"

	"testing"

	"epicevents/model"
)

// TestCalendarID: the identifier stays the same while the database lives,
// and two databases set up apart differ.
func TestCalendarID(t *testing.T) {
	id := func(db *DB) string {
		var s string
		mustUpdate(t, db, func(tx *Tx) (err error) { s, err = tx.CalendarID(); return err })
		return s
	}
	one := MustOpenDB(t)
	MustCreateCollaborator(t, one, "mia", model.Management)
	first := id(one)
	MustCreateCollaborator(t, one, "carl", model.Commercial)
	if again := id(one); again != first || first == "" {
		t.Errorf("the identifier changed: %q then %q", first, again)
	}
	two := MustOpenDB(t)
	two.Now = func() time.Time { return fixedNow }
	MustCreateCollaborator(t, two, "mia", model.Management)
	if id(two) == first {
		t.Errorf("two databases share the identifier %q", first)
	}
}
