package commands

import (
	"fmt"

	"epicevents/model"
	"epicevents/query"
	"epicevents/security"
)

var contractArg = Arg{Name: "ID", Complete: CompleteContr}

var contractCommand = records(contracts, "contract", "contracts: list, show, create, update, sign, pay", contractArg,
	[]Flag{
		{Name: "mine", Usage: "only my clients' contracts (commercial), or my events' (support)"},
		{Name: "client", Value: "ID", Usage: "only this client's contracts", Complete: CompleteClient},
		{Name: "signed", Usage: "only signed contracts"},
		{Name: "unsigned", Usage: "only contracts not signed yet"},
		{Name: "paid", Usage: "only contracts fully paid (nothing due)"},
		{Name: "unpaid", Usage: "only contracts with an amount due"},
	}, listContracts,
	&Command{
		Name: "create", Short: "create a contract for a client (management)",
		Flags: []Flag{
			{Name: "client", Value: "ID", Usage: "the client", Complete: CompleteClient, Required: true},
			{Name: "total", Value: "AMOUNT", Usage: "total amount, like 1500.00", Required: true},
			{Name: "due", Value: "AMOUNT", Usage: "amount still due (default: the total)"},
			{Name: "signed", Usage: "the contract is already signed"},
		},
		Action: security.ContractCreate, Write: true, Run: createContract,
	},
	&Command{
		Name: "update", Short: "change a contract's amounts, or sign it", Args: []Arg{contractArg},
		Long: "Without --due, a new --total moves the amount due by the same difference: what was paid stays paid.\n" +
			"--signed signs the contract; a signed contract is never unsigned.",
		Flags: []Flag{
			{Name: "total", Value: "AMOUNT", Usage: "new total amount"},
			{Name: "due", Value: "AMOUNT", Usage: "new amount due"},
			{Name: "signed", Usage: "sign the contract"},
		},
		Action: security.ContractWrite, Write: true, Run: updateContract,
	},
	&Command{
		Name: "sign", Short: "sign a contract (refused if already signed)", Args: []Arg{contractArg},
		Action: security.ContractWrite, Write: true, Run: signContract,
	},
	&Command{
		Name: "pay", Short: "record a payment: the amount due decreases", Args: []Arg{contractArg, {Name: "AMOUNT"}},
		Action: security.ContractWrite, Write: true, Run: payContract,
	},
)

type contractListOptions struct {
	Mine                           bool
	Client                         *string
	Signed, Unsigned, Paid, Unpaid bool
}

func listContracts(c *Ctx, o *contractListOptions) (Result, error) {
	var f model.ContractFilter
	var err error
	if f.SalesContactID, f.SupportContactID, err = c.mine(o.Mine); err != nil {
		return Result{}, err
	}
	if f.ClientID, err = optionalID(o.Client, "client"); err != nil {
		return Result{}, err
	}
	if f.Signed, err = either(o.Signed, o.Unsigned, "signed", "unsigned"); err != nil {
		return Result{}, err
	}
	if f.Paid, err = either(o.Paid, o.Unpaid, "paid", "unpaid"); err != nil {
		return Result{}, err
	}
	return c.list(query.ContractKeys, func(yield func([]any) error) error {
		return c.Tx.ListContracts(f, c.List, yield)
	})
}

// either reads a pair of opposite boolean flags: nil when neither is given,
// true for yes, false for no, and a usage error for both.
func either(y, n bool, yes, no string) (*bool, error) {
	switch {
	case y && n:
		return nil, usagef("--%s and --%s exclude each other", yes, no)
	case y || n:
		return &y, nil
	}
	return nil, nil
}

type contractCreateOptions struct {
	Client, Total string
	Due           *string
	Signed        bool
}

func createContract(c *Ctx, o *contractCreateOptions) (Result, error) {
	clientID, err := parseID("client", o.Client)
	if err != nil {
		return Result{}, err
	}
	k := model.Contract{ClientID: clientID, Signed: o.Signed}
	if k.TotalAmount, err = model.ParseMoney(o.Total); err != nil {
		return Result{}, err
	}
	k.AmountDue = k.TotalAmount
	if o.Due != nil {
		if k.AmountDue, err = model.ParseMoney(*o.Due); err != nil {
			return Result{}, err
		}
	}
	return c.save(change{
		entity: contracts, action: "create", record: &k,
		fields: func() map[string]any { return contractFields(&k) },
		write: func() (int64, error) {
			cl, err := c.Tx.ClientByID(clientID)
			if err != nil {
				return 0, err
			}
			k.SalesContactID = cl.SalesContactID
			return k.ID, c.Tx.CreateContract(&k)
		},
		done: func(int64, []string) {
			if k.Signed {
				c.reportSigned(&k)
			}
		},
	})
}

// ownContract loads the contract named by the first argument and checks
// that the actor may change it: a commercial only the contracts of their own
// clients.
func (c *Ctx) ownContract() (*model.Contract, error) {
	k, id, err := load(c, "contract", c.Tx.ContractByID)
	if err != nil {
		return nil, err
	}
	if c.Actor.Department != model.Management {
		cl, err := c.Tx.ClientByID(k.ClientID)
		if err != nil {
			return nil, err
		}
		if err := security.Owns(c.Actor, cl.SalesContactID, fmt.Sprintf("contract %d", id)); err != nil {
			return nil, err
		}
	}
	return k, nil
}

type contractUpdateOptions struct {
	Total, Due *string
	Signed     bool
}

func updateContract(c *Ctx, o *contractUpdateOptions) (Result, error) {
	k, err := c.ownContract()
	if err != nil {
		return Result{}, err
	}
	old := *k
	before := contractFields(k)
	var upd model.ContractUpdate
	if o.Due != nil {
		due, err := model.ParseMoney(*o.Due)
		if err != nil {
			return Result{}, err
		}
		upd.AmountDue = &due
	}
	if o.Total != nil {
		total, err := model.ParseMoney(*o.Total)
		if err != nil {
			return Result{}, err
		}
		upd.TotalAmount = &total
		if upd.AmountDue == nil {
			// What was paid stays paid: the amount due follows the total.
			due := k.AmountDue + total - k.TotalAmount
			if due < 0 {
				return Result{}, model.Errorf(model.EINVALID, "contract %d has %s paid, more than the new total %s: give --due too",
					k.ID, k.TotalAmount-k.AmountDue, total)
			}
			upd.AmountDue = &due
		}
	}
	if o.Signed {
		upd.Signed = &o.Signed
	}
	if _, err := upd.Apply(k); err != nil {
		return Result{}, err
	}
	return c.save(change{
		entity: contracts, action: "update", record: k, before: before, id: k.ID,
		fields: func() map[string]any { return contractFields(k) },
		write:  func() (int64, error) { return k.ID, c.Tx.UpdateContract(k, old) },
		done: func(int64, []string) {
			if k.Signed && !old.Signed {
				c.reportSigned(k)
			}
		},
	})
}

func signContract(c *Ctx) (Result, error) {
	k, err := c.ownContract()
	if err != nil {
		return Result{}, err
	}
	if k.Signed {
		return Result{}, model.Errorf(model.ECONFLICT, "contract %d is already signed", k.ID)
	}
	if err := c.Tx.SignContract(k.ID); err != nil {
		return Result{}, err
	}
	if err := c.audit("sign", "contract", k.ID, map[string][2]any{"signed": {false, true}}); err != nil {
		return Result{}, err
	}
	c.reportSigned(k)
	return c.show(contracts, k.ID)
}

func payContract(c *Ctx) (Result, error) {
	amount, err := model.ParseMoney(c.Args[1])
	if err != nil {
		return Result{}, err
	}
	if amount == 0 {
		return Result{}, model.Errorf(model.EINVALID, "a payment must be more than 0.00")
	}
	k, err := c.ownContract()
	if err != nil {
		return Result{}, err
	}
	if err := c.Tx.PayContract(k.ID, amount); err != nil {
		return Result{}, err
	}
	after, err := c.Tx.ContractByID(k.ID)
	if err != nil {
		return Result{}, err
	}
	if err := c.audit("pay", "contract", k.ID, map[string][2]any{
		"amount_due": {(after.AmountDue + amount).String(), after.AmountDue.String()},
		"payment":    {nil, amount.String()},
	}); err != nil {
		return Result{}, err
	}
	return c.show(contracts, k.ID)
}

func (c *Ctx) reportSigned(k *model.Contract) {
	actor, id, client := c.Actor.ID, k.ID, k.ClientID
	c.report(func(r Reporter) { r.ContractSigned(actor, id, client) })
}

// contractFields are the audited fields of a contract; amounts as text,
// like "1500.00".
func contractFields(k *model.Contract) map[string]any {
	return map[string]any{"client_id": k.ClientID, "sales_contact_id": idValue(k.SalesContactID),
		"total_amount": k.TotalAmount.String(), "amount_due": k.AmountDue.String(), "signed": k.Signed}
}
