package query

import (
	"context"
	"sync"
	"testing"

	"epicevents/model"
)

func TestContractStore(t *testing.T) {
	db := MustOpenDB(t)
	carl := MustCreateCollaborator(t, db, "carl", model.Commercial)
	client := MustCreateClient(t, db, model.Client{Email: "jane@acme.test", SalesContactID: &carl})
	id := MustCreateContract(t, db, client, 150050, 150050, false)
	get := func(t *testing.T) *model.Contract {
		t.Helper()
		var k *model.Contract
		mustUpdate(t, db, func(tx *Tx) (err error) { k, err = tx.ContractByID(id); return err })
		return k
	}

	t.Run("Get", func(t *testing.T) {
		k := get(t)
		if k.ClientName != "Jane Doe" || k.SalesContactName != "carl" || k.TotalAmount != 150050 || k.Signed {
			t.Fatalf("contract = %+v", k)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		for name, fn := range map[string]func(*Tx) error{
			"get":  func(tx *Tx) error { _, err := tx.ContractByID(99); return err },
			"sign": func(tx *Tx) error { return tx.SignContract(99) },
			"pay":  func(tx *Tx) error { return tx.PayContract(99, 100) },
		} {
			if err := db.Update(context.Background(), fn); model.ErrorCode(err) != model.ENOTFOUND {
				t.Errorf("%s: err = %v", name, err)
			}
		}
	})
	// update reads the contract, lets change edit it and what the update
	// expects it still to hold, then writes it.
	update := func(change func(k, old *model.Contract)) error {
		return db.Update(context.Background(), func(tx *Tx) error {
			k, err := tx.ContractByID(id)
			if err != nil {
				return err
			}
			old := *k
			change(k, &old)
			return tx.UpdateContract(k, old)
		})
	}
	t.Run("ErrCheckConstraint", func(t *testing.T) {
		// The schema refuses what Validate would: the last line of defence.
		err := update(func(k, _ *model.Contract) { k.AmountDue = k.TotalAmount + 1 })
		if model.ErrorCode(err) != model.EINVALID {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrChangedMeanwhile", func(t *testing.T) {
		err := update(func(k, stale *model.Contract) { stale.AmountDue--; k.TotalAmount++ })
		if model.ErrorCode(err) != model.ECONFLICT {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("Pay", func(t *testing.T) {
		mustUpdate(t, db, func(tx *Tx) error { return tx.PayContract(id, 50) })
		if k := get(t); k.AmountDue != 150000 {
			t.Fatalf("amount due %s", k.AmountDue)
		}
		for _, amount := range []model.Money{0, -1, 150001} {
			err := db.Update(context.Background(), func(tx *Tx) error { return tx.PayContract(id, amount) })
			if model.ErrorCode(err) != model.EINVALID {
				t.Errorf("pay %s: err = %v", amount, err)
			}
		}
		if k := get(t); k.AmountDue != 150000 {
			t.Fatalf("amount due %s after refused payments", k.AmountDue)
		}
	})
	t.Run("Sign", func(t *testing.T) {
		mustUpdate(t, db, func(tx *Tx) error { return tx.SignContract(id) })
		if !get(t).Signed {
			t.Fatal("not signed")
		}
		err := db.Update(context.Background(), func(tx *Tx) error { return tx.SignContract(id) })
		if model.ErrorCode(err) != model.ECONFLICT || err.Error() != "contract 1 is already signed" {
			t.Fatalf("second signature: %v", err)
		}
	})
}

// TestConcurrentPayments pays one contract from several connections at
// once: no payment is lost and none takes the amount due below zero.
func TestConcurrentPayments(t *testing.T) {
	db := MustOpenDB(t)
	carl := MustCreateCollaborator(t, db, "carl", model.Commercial)
	client := MustCreateClient(t, db, model.Client{Email: "jane@acme.test", SalesContactID: &carl})
	id := MustCreateContract(t, db, client, 10000, 10000, true)
	const workers, payments = 4, 30 // 120 payments of 1.00 against 100.00 due
	var wg sync.WaitGroup
	var mu sync.Mutex
	paid, refused := 0, 0
	for w := 0; w < workers; w++ {
		conn := MustReopen(t, db)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < payments; i++ {
				err := conn.Update(context.Background(), func(tx *Tx) error { return tx.PayContract(id, 100) })
				mu.Lock()
				switch model.ErrorCode(err) {
				case "":
					paid++
				case model.EINVALID:
					refused++
				default:
					t.Errorf("payment: %v", err)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	var k *model.Contract
	mustUpdate(t, db, func(tx *Tx) (err error) { k, err = tx.ContractByID(id); return err })
	if paid != 100 || refused != workers*payments-100 || k.AmountDue != 0 {
		t.Fatalf("paid %d, refused %d, amount due %s", paid, refused, k.AmountDue)
	}
}
