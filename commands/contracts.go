package commands

import (
	"fmt"

	"epicevents/model"
	"epicevents/query"
	"epicevents/security"
)

var contractArg = Arg{Name: "ID", Complete: CompleteContr}

var contractCommand = &Command{
	Name:  "contract",
	Short: "contracts: list, show, create, update, sign, pay",
	Sub: []*Command{
		{
			Name: "list", Short: "list contracts", List: true, Fields: query.ContractKeys,
			Flags: []Flag{
				{Name: "mine", Usage: "only my clients' contracts (commercial), or my events' (support)"},
				{Name: "client", Value: "ID", Usage: "only this client's contracts", Complete: CompleteClient},
				{Name: "signed", Usage: "only signed contracts"},
				{Name: "unsigned", Usage: "only contracts not signed yet"},
				{Name: "paid", Usage: "only contracts fully paid (nothing due)"},
				{Name: "unpaid", Usage: "only contracts with an amount due"},
			},
			Run: listContracts,
		},
		{
			Name: "show", Short: "show one contract", Args: []Arg{contractArg},
			Run: func(c *Ctx) (Result, error) {
				id, err := parseID("contract", c.Args[0])
				if err != nil {
					return Result{}, err
				}
				return c.showContract(id)
			},
		},
		{
			Name: "create", Short: "create a contract for a client (management)",
			Flags: []Flag{
				{Name: "client", Value: "ID", Usage: "the client", Complete: CompleteClient},
				{Name: "total", Value: "AMOUNT", Usage: "total amount, like 1500.00"},
				{Name: "due", Value: "AMOUNT", Usage: "amount still due (default: the total)"},
				{Name: "signed", Usage: "the contract is already signed"},
			},
			Action: security.ContractCreate, Write: true, Run: createContract,
		},
		{
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
		{
			Name: "sign", Short: "sign a contract (refused if already signed)", Args: []Arg{contractArg},
			Action: security.ContractWrite, Write: true, Run: signContract,
		},
		{
			Name: "pay", Short: "record a payment: the amount due decreases", Args: []Arg{contractArg, {Name: "AMOUNT"}},
			Action: security.ContractWrite, Write: true, Run: payContract,
		},
	},
}

func listContracts(c *Ctx) (Result, error) {
	var f model.ContractFilter
	var err error
	if c.Flags["mine"] != "" {
		if f.SalesContactID, f.SupportContactID, err = c.mine(); err != nil {
			return Result{}, err
		}
	}
	if f.ClientID, err = c.flagID("client", "client"); err != nil {
		return Result{}, err
	}
	if f.Signed, err = c.either("signed", "unsigned"); err != nil {
		return Result{}, err
	}
	if f.Paid, err = c.either("paid", "unpaid"); err != nil {
		return Result{}, err
	}
	return c.list(query.ContractKeys, func(yield func([]any) error) error {
		return c.Tx.ListContracts(f, c.List, yield)
	})
}

// either reads a pair of opposite boolean flags: nil when neither is given,
// true for yes, false for no, and a usage error for both.
func (c *Ctx) either(yes, no string) (*bool, error) {
	y, n := c.Flags[yes] != "", c.Flags[no] != ""
	switch {
	case y && n:
		return nil, usagef("--%s and --%s exclude each other", yes, no)
	case y || n:
		return &y, nil
	}
	return nil, nil
}

func createContract(c *Ctx) (Result, error) {
	var clientRef, total string
	if err := c.requireFlags(map[string]*string{"client": &clientRef, "total": &total}); err != nil {
		return Result{}, err
	}
	clientID, err := parseID("client", clientRef)
	if err != nil {
		return Result{}, err
	}
	k := model.Contract{ClientID: clientID, Signed: c.Flags["signed"] != ""}
	if k.TotalAmount, err = model.ParseMoney(total); err != nil {
		return Result{}, err
	}
	k.AmountDue = k.TotalAmount
	if due, ok := c.Flags["due"]; ok {
		if k.AmountDue, err = model.ParseMoney(due); err != nil {
			return Result{}, err
		}
	}
	if err := k.Validate(); err != nil {
		return Result{}, err
	}
	cl, err := c.Tx.ClientByID(clientID)
	if err != nil {
		return Result{}, err
	}
	k.SalesContactID = cl.SalesContactID
	if err := c.Tx.CreateContract(&k); err != nil {
		return Result{}, err
	}
	if err := c.audit("create", "contract", k.ID, created(contractFields(&k))); err != nil {
		return Result{}, err
	}
	if k.Signed {
		c.reportSigned(&k)
	}
	return c.showContract(k.ID)
}

// ownContract loads the contract named by the first argument and checks
// that the actor may change it: a commercial only the contracts of their own
// clients.
func (c *Ctx) ownContract() (*model.Contract, error) {
	id, err := parseID("contract", c.Args[0])
	if err != nil {
		return nil, err
	}
	k, err := c.Tx.ContractByID(id)
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

func updateContract(c *Ctx) (Result, error) {
	k, err := c.ownContract()
	if err != nil {
		return Result{}, err
	}
	old := *k
	before := contractFields(k)
	var upd model.ContractUpdate
	if v, ok := c.Flags["due"]; ok {
		due, err := model.ParseMoney(v)
		if err != nil {
			return Result{}, err
		}
		upd.AmountDue = &due
	}
	if v, ok := c.Flags["total"]; ok {
		total, err := model.ParseMoney(v)
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
	if c.Flags["signed"] != "" {
		yes := true
		upd.Signed = &yes
	}
	if _, err := upd.Apply(k); err != nil {
		return Result{}, err
	}
	if err := k.Validate(); err != nil {
		return Result{}, err
	}
	after := contractFields(k)
	if changed := changedKeys(before, after); len(changed) > 0 {
		if err := c.Tx.UpdateContract(k, old); err != nil {
			return Result{}, err
		}
		if err := c.audit("update", "contract", k.ID, diff(before, after, changed)); err != nil {
			return Result{}, err
		}
		if k.Signed && !old.Signed {
			c.reportSigned(k)
		}
	}
	return c.showContract(k.ID)
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
	return c.showContract(k.ID)
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
	return c.showContract(k.ID)
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

func (c *Ctx) showContract(id int64) (Result, error) {
	rec, err := c.Tx.ShowContract(id)
	return Result{Columns: query.ContractKeys, Record: rec}, err
}
