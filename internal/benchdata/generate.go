// Package benchdata fills an epicevents database with a realistic book of
// business, through the project's own migrations and stores, for the
// benchmarks and for the side-by-side comparison with the sqlite3 shell
// (testdata/bench/compare.sh). Its command is cmd/benchgen.
package benchdata

import (
	"context"
	"fmt"
	"strings"
	"time"

	"epicevents/model"
	"epicevents/query"
	"epicevents/security"
)

// Password is the password of every generated collaborator. They share one
// bcrypt hash, made once: hashing 23 passwords at cost 12 would take longer
// than writing the 700,000 records.
const Password = "epicevents-bench"

// Options size the generated data.
type Options struct {
	// Clients is the number of clients; each has 1 to 5 contracts (3 on
	// average) and 0 to 6 events (3 on average).
	Clients int
	// Seed makes the data reproducible: the same seed, size and Now give
	// the same records.
	Seed uint64
	// Now is the end of the five years the data spans; zero means the
	// current time. Events start up to eight months after it.
	Now time.Time
	// Hash is the bcrypt hash of Password shared by the collaborators;
	// empty means one is made.
	Hash string
}

// Stats tells what Generate wrote.
type Stats struct {
	Collaborators, Clients, Contracts, Events int
	// Transactions is the number of write transactions: one per day of
	// the five years, as the records were created.
	Transactions int
}

// The collaborators: 10 commercials, 10 support, 3 managers.
const (
	Commercials = 10
	Supports    = 10
	Managers    = 3
)

// Usernames returns the usernames of the generated collaborators of a
// department: sales1..sales10, support1..support10, manager1..manager3.
func Usernames(d model.Department) []string {
	prefix, n := "manager", Managers
	switch d {
	case model.Commercial:
		prefix, n = "sales", Commercials
	case model.Support:
		prefix, n = "support", Supports
	}
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("%s%d", prefix, i+1)
	}
	return names
}

// Generate writes the collaborators and opts.Clients clients with their
// contracts and events into db, which must hold no collaborator yet. The
// records are created day by day over five years, each day one
// transaction whose time is that day's, so that created_at spreads over
// the five years as in a real database.
func Generate(ctx context.Context, db *query.DB, opts Options) (Stats, error) {
	var st Stats
	if opts.Clients < 0 {
		return st, fmt.Errorf("benchdata: %d clients", opts.Clients)
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	hash := opts.Hash
	if hash == "" {
		var err error
		if hash, err = security.HashPassword(Password); err != nil {
			return st, err
		}
	}
	p := newPlan(opts, now.UTC().Truncate(time.Second))
	defer func() { db.Now = time.Now }()
	sales, support, err := p.createCollaborators(ctx, db, hash)
	if err != nil {
		return st, err
	}
	st.Collaborators = Commercials + Supports + Managers
	if st.Transactions, err = p.write(ctx, db, sales, support); err != nil {
		return st, err
	}
	st.Transactions++ // the collaborators'
	st.Clients, st.Contracts, st.Events = len(p.clients), len(p.contracts), len(p.events)
	return st, nil
}

// createCollaborators creates the collaborators, on the first day, and
// returns the ids of the commercials and of the support collaborators.
func (p *plan) createCollaborators(ctx context.Context, db *query.DB, hash string) (sales, support []int64, err error) {
	db.Now = func() time.Time { return p.first.Add(8 * time.Hour) }
	err = db.Update(ctx, func(tx *query.Tx) error {
		sales, support = nil, nil
		for _, d := range []model.Department{model.Commercial, model.Support, model.Management} {
			for i, name := range Usernames(d) {
				u := model.Collaborator{Username: name, Email: name + "@epicevents.example", PasswordHash: hash,
					FirstName: strings.ToUpper(name[:1]) + name[1:], LastName: lastNames[i%len(lastNames)],
					Phone: fmt.Sprintf("+33 1 40 00 %02d %02d", len(sales)+len(support), i), Department: d}
				if err := u.Validate(); err != nil {
					return err
				}
				if err := tx.CreateCollaborator(&u); err != nil {
					return err
				}
				switch d {
				case model.Commercial:
					sales = append(sales, u.ID)
				case model.Support:
					support = append(support, u.ID)
				}
			}
		}
		return nil
	})
	return sales, support, err
}

// write creates the planned records, each day's in one transaction at a
// time of that day, and returns the number of transactions.
func (p *plan) write(ctx context.Context, db *query.DB, sales, support []int64) (int, error) {
	ids := writtenIDs{sales: sales, support: support,
		clients: make([]int64, len(p.clients)), contracts: make([]int64, len(p.contracts))}
	transactions := 0
	for start := 0; start < len(p.ops); {
		day := p.ops[start].day
		end := start
		for end < len(p.ops) && p.ops[end].day == day {
			end++
		}
		when := p.dayTime(day)
		db.Now = func() time.Time { return when }
		err := db.Update(ctx, func(tx *query.Tx) error {
			for _, o := range p.ops[start:end] {
				if err := p.create(tx, o, &ids); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return transactions, err
		}
		transactions++
		start = end
	}
	return transactions, nil
}

// writtenIDs are the ids of the records written so far, for the records
// that refer to them.
type writtenIDs struct {
	sales, support     []int64
	clients, contracts []int64
}

// create writes the record of o.
func (p *plan) create(tx *query.Tx, o op, ids *writtenIDs) error {
	var err error
	switch o.kind {
	case 0:
		c := &p.clients[o.idx]
		c.SalesContactID = &ids.sales[p.clientSales[o.idx]]
		if err = c.Validate(); err == nil {
			err = tx.CreateClient(c)
		}
		ids.clients[o.idx] = c.ID
	case 1:
		k := &p.contracts[o.idx]
		k.ClientID = ids.clients[k.client]
		k.SalesContactID = p.clients[k.client].SalesContactID
		if err = k.Validate(); err == nil {
			err = tx.CreateContract(&k.Contract)
		}
		ids.contracts[o.idx] = k.ID
	case 2:
		e := p.events[o.idx].Event
		e.ContractID = ids.contracts[p.events[o.idx].contract]
		if e.SupportContactID != nil {
			e.SupportContactID = &ids.support[*e.SupportContactID]
		}
		if err = e.Validate(); err == nil {
			err = tx.CreateEvent(&e)
		}
	}
	return err
}
