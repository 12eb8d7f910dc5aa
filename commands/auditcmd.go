package commands

import (
	"slices"
	"strconv"

	"epicevents/model"
	"epicevents/query"
	"epicevents/security"
)

// auditEntities are the kinds of record the audit trail names.
var auditEntities = []string{"user", "client", "contract", "event"}

var auditCommand = &Command{
	Name:  "audit",
	Short: "the audit trail: who changed what, and when (management)",
	Long: "Every create, update, delete, signature, payment and login, oldest first, with the changed\n" +
		"fields as field -> [old, new]. --actor also finds the entries of a deleted collaborator by username.",
	Flags: []Flag{
		{Name: "entity", Value: "ENTITY", Usage: "only entries about user, client, contract or event", Complete: CompleteEntity},
		{Name: "id", Value: "N", Usage: "only entries about the record with this id"},
		{Name: "actor", Value: "USER", Usage: "only entries by this collaborator", Complete: CompleteUser},
	},
	List: true, Fields: query.AuditKeys, Action: security.AuditRead,
	Run: listAudit,
}

type auditOptions struct{ Entity, ID, Actor *string }

func listAudit(c *Ctx, o *auditOptions) (Result, error) {
	var f model.AuditFilter
	if o.Entity != nil {
		if !slices.Contains(auditEntities, *o.Entity) {
			return Result{}, model.Errorf(model.EINVALID, "unknown entity %q: use user, client, contract or event", *o.Entity)
		}
		f.Entity = *o.Entity
	}
	var err error
	if f.EntityID, err = optionalID(o.ID, "record"); err != nil {
		return Result{}, err
	}
	list := c.List
	if o.Actor != nil {
		ref := *o.Actor
		u, err := c.Tx.Collaborator(ref)
		switch {
		case err == nil:
			f.ActorID = &u.ID
		case model.ErrorCode(err) != model.ENOTFOUND:
			return Result{}, err
		default:
			// The trail keeps the username of deleted collaborators, and
			// of unknown usernames that failed to log in.
			if _, numeric := strconv.ParseInt(ref, 10, 64); numeric == nil {
				return Result{}, err
			}
			// Usernames, and the names failed logins are recorded under,
			// are lower case.
			list.Terms = append(slices.Clip(list.Terms), model.Term{Field: "actor", Op: "=", Value: model.FoldUsername(ref)})
		}
	}
	return c.list(query.AuditKeys, func(yield func([]any) error) error {
		return c.Tx.ListAudit(f, list, yield)
	})
}
