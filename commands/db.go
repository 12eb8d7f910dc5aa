package commands

import (
	"fmt"
	"strings"

	"epicevents/model"
	"epicevents/query"
	"epicevents/security"
)

var dbCommand = &Command{
	Name:  "db",
	Short: "the database: copy it into another one (management)",
	Sub: []*Command{
		{
			Name:  "copy",
			Short: "copy the whole database into a new, empty one (--to URL)",
			Long: "Copies every record, ids, password hashes and audit trail included, from the current database\n" +
				"into the empty database at URL (postgres://... or sqlite:///file.db), in one transaction of the\n" +
				"target: all of it arrives, or none. The target is created or migrated first; one that holds any\n" +
				"record is refused. This is how a team moves from its SQLite file to a PostgreSQL server: then\n" +
				"point DATABASE_URL at the target; sessions stay valid, as the ids are the same.",
			Flags:  []Flag{{Name: "to", Value: "URL", Usage: "the target database: postgres://... or sqlite:///file.db", Required: true}},
			Action: security.DBCopy,
			// The copy reads one snapshot of the current database, in the
			// command's read transaction; it writes only the target.
			Run: copyDatabase,
		},
	},
}

type copyOptions struct{ To string }

func copyDatabase(c *Ctx, o *copyOptions) (Result, error) {
	to := o.To
	if strings.TrimSpace(to) == "" {
		return Result{}, model.Errorf(model.EINVALID, "--to is empty: give the target database, postgres://... or sqlite:///file.db")
	}
	// A target that is refused is refused as it is: nothing of it changes.
	dst, err := query.OpenCopyTarget(c, to)
	if err != nil {
		return Result{}, err
	}
	defer dst.Close()
	counts, err := c.Tx.CopyTo(dst, func(out *query.Tx) error {
		// The target's trail tells who made it and when.
		return out.Audit(model.AuditEntry{ActorID: &c.Actor.ID, Actor: c.Actor.Username, Action: "copy", Entity: "database"})
	})
	if err != nil {
		return Result{}, err
	}
	var parts []string
	for _, n := range counts {
		names := copiedNames[n.Table]
		if names[0] == "" {
			names = [2]string{n.Table, n.Table}
		}
		name := names[1]
		if n.Rows == 1 {
			name = names[0]
		}
		parts = append(parts, fmt.Sprintf("%d %s", n.Rows, name))
	}
	return Result{Note: fmt.Sprintf("Copied %s into %s", strings.Join(parts, ", "), query.RedactURL(to))}, nil
}

// copiedNames names the rows of each table copied, one and many.
var copiedNames = map[string][2]string{
	"departments":    {"department", "departments"},
	"collaborators":  {"collaborator", "collaborators"},
	"clients":        {"client", "clients"},
	"contracts":      {"contract", "contracts"},
	"events":         {"event", "events"},
	"audit":          {"audit entry", "audit entries"},
	"login_failures": {"failed login", "failed logins"},
}
