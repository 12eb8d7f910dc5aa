package query

import (
	sq "github.com/Masterminds/squirrel"

	"epicevents/model"
)

// CreateContract inserts k, which must be valid, and sets its id and times.
func (tx *Tx) CreateContract(k *model.Contract) error {
	k.CreatedAt, k.UpdatedAt = tx.now, tx.now
	return tx.queryRow(tx.db.sb.Insert("contracts").
		Columns("client_id", "sales_contact_id", "total_amount", "amount_due", "signed", "created_at", "updated_at").
		Values(k.ClientID, k.SalesContactID, int64(k.TotalAmount), int64(k.AmountDue), k.Signed, ts(tx.now), ts(tx.now)).
		Suffix("RETURNING id"), &k.ID)
}

// UpdateContract writes the amounts and status of k, provided the contract
// still holds the values of old, as read earlier in the transaction: a
// payment or signature that another shell committed in between is never
// overwritten (on engines whose transactions do not lock on read), the
// command fails with a conflict instead.
func (tx *Tx) UpdateContract(k *model.Contract, old model.Contract) error {
	k.UpdatedAt = tx.now
	res, err := tx.exec(tx.db.sb.Update("contracts").SetMap(map[string]any{
		"total_amount": int64(k.TotalAmount), "amount_due": int64(k.AmountDue), "signed": k.Signed, "updated_at": ts(tx.now),
	}).Where(sq.Eq{"id": k.ID, "total_amount": int64(old.TotalAmount), "amount_due": int64(old.AmountDue), "signed": old.Signed}))
	if err := oneRow(res, err, "contract", k.ID); err != nil {
		if model.ErrorCode(err) == model.ENOTFOUND {
			return model.Errorf(model.ECONFLICT, "contract %d changed meanwhile: try again", k.ID)
		}
		return err
	}
	return nil
}

// SignContract signs the contract. Signing is one way, and a contract
// already signed is a conflict, even when another shell signed it a moment
// ago: the UPDATE only changes an unsigned contract.
func (tx *Tx) SignContract(id int64) error {
	res, err := tx.exec(tx.db.sb.Update("contracts").SetMap(map[string]any{"signed": true, "updated_at": ts(tx.now)}).
		Where(sq.Eq{"id": id, "signed": false}))
	if err := oneRow(res, err, "contract", id); model.ErrorCode(err) != model.ENOTFOUND {
		return err
	}
	if _, err := tx.ContractByID(id); err != nil {
		return err
	}
	return model.Errorf(model.ECONFLICT, "contract %d is already signed", id)
}

// PayContract records a payment: amount_due decreases by amount, which must
// be more than zero and at most the amount due. The read-modify-write is
// one statement whose WHERE checks the amount due, so that two payments at
// once can neither lose an update nor pay more than is due.
func (tx *Tx) PayContract(id int64, amount model.Money) error {
	if amount <= 0 {
		return model.Errorf(model.EINVALID, "a payment must be more than 0.00")
	}
	res, err := tx.exec(tx.db.sb.Update("contracts").
		Set("amount_due", sq.Expr("amount_due - ?", int64(amount))).Set("updated_at", ts(tx.now)).
		Where(sq.Eq{"id": id}).Where(sq.GtOrEq{"amount_due": int64(amount)}))
	if err := oneRow(res, err, "contract", id); model.ErrorCode(err) != model.ENOTFOUND {
		return err
	}
	k, err := tx.ContractByID(id)
	if err != nil {
		return err
	}
	return model.Errorf(model.EINVALID, "the payment (%s) exceeds the amount due (%s) of contract %d", amount, k.AmountDue, id)
}

// ShowContract returns the contract with the given id as an output record.
func (tx *Tx) ShowContract(id int64) ([]any, error) { return tx.show(contracts, id) }

// ListContracts streams the contracts matching f and opts.
func (tx *Tx) ListContracts(f model.ContractFilter, opts model.ListOptions, yield func([]any) error) error {
	// A contract's sales contact is its client's (UpdateClient).
	where := eqIf(nil, "k.sales_contact_id", f.SalesContactID)
	if f.SupportContactID != nil {
		if opts.Count && len(opts.Terms) == 0 && f == (model.ContractFilter{SupportContactID: f.SupportContactID}) {
			return tx.countSupported("contract_id", *f.SupportContactID, yield)
		}
		where = append(where, supportedBy("k.id", "contract_id", *f.SupportContactID, opts))
	}
	where = eqIf(where, "k.client_id", f.ClientID)
	where = eqIf(where, "k.signed", f.Signed)
	if f.Paid != nil {
		if *f.Paid {
			where = append(where, sq.Eq{"k.amount_due": 0})
		} else {
			// A constant, not a bound 0: SQLite uses a partial index
			// (WHERE amount_due > 0, migration 0004) only for a
			// condition written as its own.
			where = append(where, sq.Expr("k.amount_due > 0"))
		}
	}
	return tx.list(contracts, where, opts, yield)
}
