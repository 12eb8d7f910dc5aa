package model

import "time"

// Contract is an agreement with a client: what it costs, what remains due,
// and whether it is signed. A signed contract cannot be unsigned.
type Contract struct {
	ID               int64
	ClientID         int64
	ClientName       string
	SalesContactID   *int64
	SalesContactName string
	TotalAmount      Money
	AmountDue        Money
	Signed           bool
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

// ContractUpdate holds the fields a `contract update` changes.
type ContractUpdate struct {
	TotalAmount *Money
	AmountDue   *Money
	Signed      *bool
}

// Validate checks the amounts: 0 <= amount_due <= total_amount <= MaxMoney.
func (c *Contract) Validate() error {
	switch {
	case c.TotalAmount < 0 || c.AmountDue < 0:
		return Errorf(EINVALID, "amounts cannot be negative")
	case c.TotalAmount > MaxMoney:
		return Errorf(EINVALID, "total amount cannot exceed %s", MaxMoney)
	case c.AmountDue > c.TotalAmount:
		return Errorf(EINVALID, "amount due (%s) cannot exceed the total amount (%s)", c.AmountDue, c.TotalAmount)
	}
	return nil
}

// Apply copies the set fields of u onto c, refusing to unsign a signed
// contract, and returns the names of the changed fields.
func (u ContractUpdate) Apply(c *Contract) ([]string, error) {
	if u.Signed != nil && !*u.Signed && c.Signed {
		return nil, Errorf(ECONFLICT, "contract %d is signed: a signed contract cannot be unsigned", c.ID)
	}
	var changed []string
	set(&changed, "total_amount", &c.TotalAmount, u.TotalAmount)
	set(&changed, "amount_due", &c.AmountDue, u.AmountDue)
	set(&changed, "signed", &c.Signed, u.Signed)
	return changed, nil
}
