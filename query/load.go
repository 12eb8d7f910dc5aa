package query

import (
	"strconv"
	"strings"

	"epicevents/model"
)

// The loaders: a store reads one record as a model value through the same
// descriptor, statement and scanner as show (read), and makes the value
// of the record by key.

// CollaboratorByID returns the collaborator with the given id, with the
// password hash. Every command reads its collaborator so: the statement is
// built once (read).
func (tx *Tx) CollaboratorByID(id int64) (*model.Collaborator, error) {
	return tx.collaborator(collaboratorLoad.id, id)
}

// Collaborator returns the collaborator named by ref, an id or a username.
func (tx *Tx) Collaborator(ref string) (*model.Collaborator, error) {
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		return tx.CollaboratorByID(id)
	}
	// Usernames are lower-case (model.CheckUsername): SAL names sal, as
	// it does at login. An error quotes the name as it was typed.
	u, err := tx.collaborator("u.username", strings.ToLower(ref))
	if model.ErrorCode(err) == model.ENOTFOUND {
		return nil, notFound("collaborator", ref)
	}
	return u, err
}

// collaborator reads the collaborator whose column col holds v.
func (tx *Tx) collaborator(col string, v any) (*model.Collaborator, error) {
	return load(tx, collaboratorLoad, col, v, collaboratorOf)
}

// ClientByID returns the client with the given id.
func (tx *Tx) ClientByID(id int64) (*model.Client, error) {
	return load(tx, clientByID, clientByID.id, id, clientOf)
}

// ContractByID returns the contract with the given id.
func (tx *Tx) ContractByID(id int64) (*model.Contract, error) {
	return load(tx, contracts, contracts.id, id, contractOf)
}

// EventByID returns the event with the given id, with its client's details
// and sales contact.
func (tx *Tx) EventByID(id int64) (*model.Event, error) {
	return load(tx, eventLoad, eventLoad.id, id, eventOf)
}

// collaboratorOf makes a Collaborator of a record.
func collaboratorOf(r record) *model.Collaborator {
	return &model.Collaborator{ID: r.int("id"), Username: r.str("username"), Email: r.str("email"),
		PasswordHash: r.str("password_hash"), FirstName: r.str("first_name"), LastName: r.str("last_name"),
		Phone: r.str("phone"), Department: model.Department(r.str("department")),
		CreatedAt: r.time("created_at"), UpdatedAt: r.time("updated_at"), SessionStamp: r.int("session_stamp")}
}

// clientOf makes a Client of a record.
func clientOf(r record) *model.Client {
	return &model.Client{ID: r.int("id"), FirstName: r.str("first_name"), LastName: r.str("last_name"),
		Email: r.str("email"), Phone: r.str("phone"), CompanyName: r.str("company_name"),
		SalesContactID: r.id("sales_contact_id"), SalesContactName: r.str("sales_contact"),
		CreatedAt: r.time("created_at"), UpdatedAt: r.time("updated_at")}
}

// contractOf makes a Contract of a record.
func contractOf(r record) *model.Contract {
	return &model.Contract{ID: r.int("id"), ClientID: r.int("client_id"), ClientName: r.str("client_name"),
		SalesContactID: r.id("sales_contact_id"), SalesContactName: r.str("sales_contact"),
		TotalAmount: r.money("total_amount"), AmountDue: r.money("amount_due"), Signed: r.bool("signed"),
		CreatedAt: r.time("created_at"), UpdatedAt: r.time("updated_at")}
}

// eventOf makes an Event of a record.
func eventOf(r record) *model.Event {
	return &model.Event{ID: r.int("id"), Name: r.str("name"), ContractID: r.int("contract_id"),
		ClientID: r.int("client_id"), ClientName: r.str("client_name"),
		ClientEmail: r.str("client_email"), ClientPhone: r.str("client_phone"),
		SalesContactID: r.id("sales_contact_id"), SupportContactID: r.id("support_contact_id"),
		SupportContactName: r.str("support_contact"), Start: r.time("event_start"), End: r.time("event_end"),
		Location: r.str("location"), Attendees: r.int("attendees"), Notes: r.str("notes"),
		CreatedAt: r.time("created_at"), UpdatedAt: r.time("updated_at")}
}
