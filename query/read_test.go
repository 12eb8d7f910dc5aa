package query

import (
	"context"
	"testing"
	"time"

	"epicevents/model"
)

// loaded maps a key of an entity's output to the value a loader read.
type loaded map[string]any

// loaderCase is one record read by show and by its loader.
type loaderCase struct {
	name string
	keys []string
	ids  []int64 // a record with its contacts, one without
	show func(*Tx, int64) ([]any, error)
	load func(*Tx, int64) (loaded, error)
}

// TestLoadersReadLikeShow checks that the loaders (ClientByID...) and show
// read one record the same way: every key a loader fills holds the value
// that show prints, with and without a contact.
func TestLoadersReadLikeShow(t *testing.T) {
	db := MustOpenDB(t)
	carl := MustCreateCollaborator(t, db, "carl", model.Commercial)
	sam := MustCreateCollaborator(t, db, "sam", model.Support)
	client := MustCreateClient(t, db, model.Client{Email: "jane@acme.test", SalesContactID: &carl})
	orphan := MustCreateClient(t, db, model.Client{Email: "joe@acme.test", LastName: "Orphan"})
	contract := MustCreateContract(t, db, client, 150050, 50, true)
	unowned := MustCreateContract(t, db, orphan, 100, 100, false)
	start := time.Date(2026, 7, 1, 18, 0, 0, 0, time.UTC)
	event := MustCreateEvent(t, db, model.Event{Name: "Gala", ContractID: contract, SupportContactID: &sam,
		Start: start, End: start.Add(4 * time.Hour), Location: "Paris", Attendees: 120, Notes: "vegan"})
	bare := MustCreateEvent(t, db, model.Event{Name: "Launch", ContractID: unowned,
		Start: start, End: start.Add(time.Hour), Location: "Lyon", Attendees: 5})

	idOrNil := func(p *int64) any {
		if p == nil {
			return nil
		}
		return *p
	}
	textOrNil := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	cases := []loaderCase{
		{"CollaboratorByID", UserKeys, []int64{carl, sam}, (*Tx).ShowUser, func(tx *Tx, id int64) (loaded, error) {
			u, err := tx.CollaboratorByID(id)
			if err != nil {
				return nil, err
			}
			if u.PasswordHash != "x" {
				t.Errorf("password hash %q", u.PasswordHash)
			}
			return loaded{"id": u.ID, "username": u.Username, "email": u.Email, "first_name": u.FirstName,
				"last_name": u.LastName, "phone": u.Phone, "department": string(u.Department),
				"created_at": u.CreatedAt, "updated_at": u.UpdatedAt}, nil
		}},
		{"ClientByID", ClientKeys, []int64{client, orphan}, (*Tx).ShowClient, func(tx *Tx, id int64) (loaded, error) {
			c, err := tx.ClientByID(id)
			if err != nil {
				return nil, err
			}
			return loaded{"id": c.ID, "first_name": c.FirstName, "last_name": c.LastName, "email": c.Email,
				"phone": c.Phone, "company_name": c.CompanyName, "sales_contact_id": idOrNil(c.SalesContactID),
				"sales_contact": textOrNil(c.SalesContactName), "created_at": c.CreatedAt, "updated_at": c.UpdatedAt}, nil
		}},
		{"ContractByID", ContractKeys, []int64{contract, unowned}, (*Tx).ShowContract, func(tx *Tx, id int64) (loaded, error) {
			k, err := tx.ContractByID(id)
			if err != nil {
				return nil, err
			}
			return loaded{"id": k.ID, "client_id": k.ClientID, "client_name": k.ClientName,
				"sales_contact_id": idOrNil(k.SalesContactID), "sales_contact": textOrNil(k.SalesContactName),
				"total_amount": k.TotalAmount, "amount_due": k.AmountDue, "signed": k.Signed,
				"created_at": k.CreatedAt, "updated_at": k.UpdatedAt}, nil
		}},
		{"EventByID", EventKeys, []int64{event, bare}, (*Tx).ShowEvent, func(tx *Tx, id int64) (loaded, error) {
			e, err := tx.EventByID(id)
			if err != nil {
				return nil, err
			}
			wantSales := map[int64]*int64{event: &carl, bare: nil}[id]
			if idOrNil(e.SalesContactID) != idOrNil(wantSales) {
				t.Errorf("event %d: sales contact %v, want %v", id, idOrNil(e.SalesContactID), idOrNil(wantSales))
			}
			return loaded{"id": e.ID, "name": e.Name, "contract_id": e.ContractID, "client_id": e.ClientID,
				"client_name": e.ClientName, "client_email": e.ClientEmail, "client_phone": e.ClientPhone,
				"support_contact_id": idOrNil(e.SupportContactID), "support_contact": textOrNil(e.SupportContactName),
				"event_start": e.Start, "event_end": e.End, "location": e.Location, "attendees": e.Attendees,
				"notes": e.Notes, "created_at": e.CreatedAt, "updated_at": e.UpdatedAt}, nil
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, id := range c.ids {
				err := db.View(context.Background(), func(tx *Tx) error {
					rec, err := c.show(tx, id)
					if err != nil {
						return err
					}
					got, err := c.load(tx, id)
					if err != nil {
						return err
					}
					for i, key := range c.keys {
						if g, ok := got[key]; !ok || g != rec[i] {
							t.Errorf("%d: %s: loaded %#v, show %#v", id, key, g, rec[i])
						}
					}
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
			}
		})
	}

	t.Run("ErrNotFound", func(t *testing.T) {
		for name, fn := range map[string]func(*Tx) error{
			"collaborator id":       func(tx *Tx) error { _, err := tx.CollaboratorByID(99); return err },
			"collaborator username": func(tx *Tx) error { _, err := tx.Collaborator("nobody"); return err },
			"client":                func(tx *Tx) error { _, err := tx.ClientByID(99); return err },
			"contract":              func(tx *Tx) error { _, err := tx.ContractByID(99); return err },
			"event":                 func(tx *Tx) error { _, err := tx.EventByID(99); return err },
		} {
			err := db.View(context.Background(), fn)
			if model.ErrorCode(err) != model.ENOTFOUND {
				t.Errorf("%s: err = %v", name, err)
			}
		}
		err := db.View(context.Background(), func(tx *Tx) error { _, err := tx.Collaborator("nobody"); return err })
		if err == nil || err.Error() != "collaborator nobody not found" {
			t.Errorf("by username: %v", err)
		}
	})
}
