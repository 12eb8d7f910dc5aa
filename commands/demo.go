package commands

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"epicevents/model"
	"epicevents/query"
	"epicevents/security"
)

// demoLogin is a sample collaborator of the demo database. Its password is
// printed at start: the demo database holds sample data only.
type demoLogin struct {
	username, first, last string
	dept                  model.Department
}

var demoLogins = []demoLogin{
	{"manager", "Marie", "Lefèvre", model.Management},
	{"sales", "Sam", "Seller", model.Commercial},
	{"sales2", "Chloé", "Vendeur", model.Commercial},
	{"support", "Paul", "Helper", model.Support},
	{"support2", "Léa", "Assist", model.Support},
}

// demoPassword is the initial password of a demo login.
func demoPassword(username string) string { return username + "-demo" }

// DemoLogin is a sample login of the demo database, with its password.
type DemoLogin struct {
	Username, Department, Password string
}

// Demo prepares the app for the demo database: its sessions are kept apart
// from the real database's, and the database is filled with sample data
// when it has no collaborator yet. It returns the sample logins, whose
// passwords the demo prints.
func (a *App) Demo(ctx context.Context) ([]DemoLogin, error) {
	// A demo login, whose password is printed for all to see, must never
	// open a session that the real database would accept: the demo keeps
	// its own session file, signed with its own key.
	a.Session = security.SessionFile{Path: filepath.Join(filepath.Dir(a.Session.Path), "demo-session")}
	mac := hmac.New(sha256.New, a.Key)
	mac.Write([]byte("epicevents demo sessions"))
	a.Key = mac.Sum(nil)

	var n int64
	if err := a.DB.View(ctx, func(tx *query.Tx) (err error) { n, err = tx.CountCollaborators(); return err }); err != nil {
		return nil, err
	}
	if n == 0 {
		if err := fillDemo(ctx, a.DB); err != nil {
			return nil, err
		}
	}
	var logins []DemoLogin
	for _, l := range demoLogins {
		logins = append(logins, DemoLogin{l.username, string(l.dept), demoPassword(l.username)})
	}
	return logins, nil
}

// fillDemo writes the sample data in one transaction, unless another shell
// filled the database first.
func fillDemo(ctx context.Context, db *query.DB) error {
	// The hashes are made before the transaction, which they would
	// otherwise hold for a second; in parallel, since bcrypt is slow.
	hashes := make([]string, len(demoLogins))
	errs := make([]error, len(demoLogins))
	var wg sync.WaitGroup
	for i, l := range demoLogins {
		wg.Add(1)
		go func() {
			defer wg.Done()
			hashes[i], errs[i] = security.HashPassword(demoPassword(l.username))
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return db.Update(ctx, func(tx *query.Tx) error {
		n, err := tx.CountCollaborators()
		if err != nil || n > 0 {
			return err
		}
		d := demo{tx: tx, users: map[string]*model.Collaborator{}}
		for i, l := range demoLogins {
			d.collaborator(l, hashes[i])
		}
		d.sample()
		return d.err
	})
}

// demo writes sample records through the stores, with their audit trail,
// keeping the first error.
type demo struct {
	tx        *query.Tx
	users     map[string]*model.Collaborator
	clients   []*model.Client
	contracts []*model.Contract
	err       error
}

func (d *demo) audit(actor, action, entity string, id int64, changes map[string][2]any) {
	if d.err != nil {
		return
	}
	u := d.users[actor]
	d.err = d.tx.Audit(model.AuditEntry{ActorID: &u.ID, Actor: u.Username, Action: action, Entity: entity,
		EntityID: &id, Changes: changes})
}

func (d *demo) collaborator(l demoLogin, hash string) {
	u := &model.Collaborator{Username: l.username, Email: l.username + "@epicevents.demo", PasswordHash: hash,
		FirstName: l.first, LastName: l.last, Phone: "+33 1 02 03 04 0" + fmt.Sprint(len(d.users)), Department: l.dept}
	if d.err != nil {
		return
	}
	if d.err = u.Validate(); d.err == nil {
		d.err = d.tx.CreateCollaborator(u)
	}
	d.users[l.username] = u
	d.audit("manager", "create", "user", u.ID, map[string][2]any{"username": {nil, u.Username}, "department": {nil, string(u.Department)}})
}

func (d *demo) client(sales, first, last, email, phone, company string) {
	c := &model.Client{FirstName: first, LastName: last, Email: email, Phone: phone, CompanyName: company}
	d.clients = append(d.clients, c)
	if d.err != nil {
		return
	}
	c.SalesContactID = &d.users[sales].ID
	if d.err = c.Validate(); d.err == nil {
		d.err = d.tx.CreateClient(c)
	}
	d.audit(sales, "create", "client", c.ID, map[string][2]any{"email": {nil, c.Email}, "company_name": {nil, c.CompanyName}})
}

// contract creates a contract of the client with that number (1-based),
// signs it and records what was paid.
func (d *demo) contract(client int, total, due string, signed bool) {
	k := &model.Contract{}
	d.contracts = append(d.contracts, k)
	if d.err != nil {
		return
	}
	c := d.clients[client-1]
	k.ClientID, k.SalesContactID = c.ID, c.SalesContactID
	k.TotalAmount, d.err = model.ParseMoney(total)
	if d.err != nil {
		return
	}
	k.AmountDue = k.TotalAmount
	if d.err = d.tx.CreateContract(k); d.err != nil {
		return
	}
	d.audit("manager", "create", "contract", k.ID, map[string][2]any{"total_amount": {nil, total}, "amount_due": {nil, total}})
	sales := salesOf(d, c)
	if signed && d.err == nil {
		d.err = d.tx.SignContract(k.ID)
		d.audit(sales, "sign", "contract", k.ID, map[string][2]any{"signed": {false, true}})
	}
	var left model.Money
	if left, d.err = model.ParseMoney(due); d.err != nil {
		return
	}
	if paid := k.TotalAmount - left; paid > 0 && d.err == nil {
		d.err = d.tx.PayContract(k.ID, paid)
		d.audit(sales, "pay", "contract", k.ID, map[string][2]any{"amount_due": {total, due}, "payment": {nil, paid.String()}})
	}
}

func salesOf(d *demo, c *model.Client) string {
	for name, u := range d.users {
		if c.SalesContactID != nil && u.ID == *c.SalesContactID {
			return name
		}
	}
	return "manager"
}

// event creates an event on the contract with that number (1-based),
// starting days from today at 18:00 UTC and lasting hours.
func (d *demo) event(contract int, name string, days, hours int, location string, attendees int64, support, notes string) {
	if d.err != nil {
		return
	}
	k := d.contracts[contract-1]
	today := d.tx.Now().Truncate(24 * time.Hour)
	start := today.AddDate(0, 0, days).Add(18 * time.Hour)
	e := &model.Event{Name: name, ContractID: k.ID, Start: start, End: start.Add(time.Duration(hours) * time.Hour),
		Location: location, Attendees: attendees, Notes: notes}
	if d.err = e.Validate(); d.err != nil {
		return
	}
	if d.err = d.tx.CreateEvent(e); d.err != nil {
		return
	}
	var c *model.Client
	for _, x := range d.clients {
		if x.ID == k.ClientID {
			c = x
		}
	}
	d.audit(salesOf(d, c), "create", "event", e.ID, map[string][2]any{"name": {nil, name}, "location": {nil, location}})
	if support != "" {
		e.SupportContactID = &d.users[support].ID
		if d.err = d.tx.UpdateEvent(e); d.err == nil {
			d.audit("manager", "assign", "event", e.ID, map[string][2]any{"support_contact": {nil, support}})
		}
	}
}

// sample is the demo's data: every filter of the SPEC selects some of it
// and leaves some out.
func (d *demo) sample() {
	d.client("sales", "Kevin", "Casey", "kevin@startup.example", "+678 123 456 78", "Cool Startup LLC")
	d.client("sales", "Amélie", "Durand", "amelie@lumiere.example", "+33 6 12 34 56 78", "Lumière Events")
	d.client("sales", "John", "O'Neil", "john@oneil-bakery.example", "+353 1 234 5678", "O'Neil & Sons Bakery")
	d.client("sales", "Sofia", "Rossi", "sofia@rossi-design.example", "+39 02 1234 5678", "Rossi Design")
	d.client("sales", "Hiro", "Tanaka", "hiro@tanaka-tech.example", "+81 3-1234-5678", "Tanaka Tech")
	d.client("sales2", "Emma", "Schmidt", "emma@schmidt.example", "+49 30 123456", "Schmidt GmbH")
	d.client("sales2", "Lucas", "Martin", "lucas@martin-avocats.example", "+33 1 23 45 67 89", "Martin Avocats")
	d.client("sales2", "Nora", "Haddad", "nora@cedar-travel.example", "+961 1 234 567", "Cedar Travel")
	d.client("sales2", "Oliver", "Brown", "oliver@brownbrothers.example", "+44 20 7946 0958", "Brown Brothers")
	d.client("sales", "Inès", "Moreau", "ines@bio-market.example", "+33 2 40 12 34 56", "100% Bio_Market")

	d.contract(1, "5000.00", "0.00", true)      // 1 signed, paid
	d.contract(1, "12000.00", "4000.00", true)  // 2 signed, partly paid
	d.contract(2, "2500.00", "2500.00", false)  // 3 unsigned
	d.contract(3, "800.00", "800.00", true)     // 4 signed, unpaid
	d.contract(4, "15000.00", "7500.00", true)  // 5
	d.contract(5, "3000.00", "3000.00", false)  // 6 unsigned
	d.contract(6, "9999.99", "0.00", true)      // 7 signed, paid
	d.contract(7, "20000.00", "20000.00", true) // 8
	d.contract(8, "4500.00", "1500.00", false)  // 9 unsigned, a deposit paid
	d.contract(9, "1200.50", "200.50", true)    // 10
	d.contract(10, "650.00", "650.00", true)    // 11

	d.event(1, "Launch party", -60, 5, "Paris", 80, "support", "")
	d.event(2, "Annual general meeting", 10, 6, "Lyon", 250, "support", "Projector and two microphones.")
	d.event(2, "Team off-site", 45, 48, "Saint Malo", 40, "", "Hotel to book; ferry for the Sunday.")
	d.event(4, "Bakery anniversary", -10, 4, "Dublin", 120, "support2", "")
	d.event(5, "Design week", 20, 8, "Milan", 500, "support2", "Badges printed on site.")
	d.event(7, "Christmas dinner", 90, 5, "Berlin", 60, "", "")
	d.event(8, "Partners seminar", 5, 7, "Bordeaux", 35, "support", "")
	d.event(10, "Product launch", -120, 3, "London", 300, "support2", "")
	d.event(11, "Harvest market", 30, 10, "Nantes", 1500, "", "Stands: 40; 'organic only' (100% of them).")
}
