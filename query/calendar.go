package query

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"
)

// CalendarID returns an identifier of the database that stays the same for
// as long as the database lives, for the UIDs of calendar events: it is
// derived from the first collaborator, created by setup, whose id and
// creation time never change (a copy keeps both, and so its calendars).
func (tx *Tx) CalendarID() (string, error) {
	var id int64
	var created time.Time
	err := tx.queryRow(tx.db.sb.Select("id", "created_at").From("collaborators").OrderBy("id").Limit(1),
		&id, timeCol{&created})
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(strconv.FormatInt(id, 10) + " " + created.UTC().Format(time.RFC3339)))
	return hex.EncodeToString(sum[:8]) + ".epicevents", nil
}
