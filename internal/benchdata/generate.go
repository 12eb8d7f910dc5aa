// Package benchdata fills an epicevents database with a realistic book of
// business, through the project's own migrations and stores, for the
// benchmarks and for the side-by-side comparison with the sqlite3 shell
// (testdata/bench/compare.sh). Its command is cmd/benchgen.
package benchdata

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
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

// One record to write, on the day it was created. Records of one day are
// written in one transaction: clients, then contracts, then events.
type op struct {
	day  int32
	kind uint8 // 0 client, 1 contract, 2 event
	idx  int32
}

type plannedContract struct {
	client int32
	model.Contract
}

type plannedEvent struct {
	contract int32
	model.Event
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
	now = now.UTC().Truncate(time.Second)
	first := now.AddDate(-5, 0, 0).Truncate(24 * time.Hour)
	days := int(now.Sub(first).Hours()/24) + 1
	dayTime := func(day int32, r *rand.Rand) time.Time {
		t := first.AddDate(0, 0, int(day)).Add(time.Duration(8*3600+r.IntN(10*3600)) * time.Second)
		if t.After(now) {
			t = now
		}
		return t
	}
	hash := opts.Hash
	if hash == "" {
		var err error
		if hash, err = security.HashPassword(Password); err != nil {
			return st, err
		}
	}

	// The plan: every record with its day, made from one random stream.
	r := rand.New(rand.NewPCG(opts.Seed, 0x5eed))
	clients := make([]model.Client, opts.Clients)
	clientDay := make([]int32, opts.Clients)
	clientSales := make([]int, opts.Clients)
	var contracts []plannedContract
	var contractDay []int32
	var events []plannedEvent
	ops := make([]op, 0, opts.Clients*7)
	lastDay := int32(days - 1)
	clampDay := func(d int32) int32 { return min(d, lastDay) }
	for i := range clients {
		day := int32(r.IntN(max(days-14, 1)))
		clientDay[i], clientSales[i] = day, r.IntN(Commercials)
		clients[i] = newClient(r, i)
		ops = append(ops, op{day, 0, int32(i)})

		nk := 1 + r.IntN(5)
		firstK := int32(len(contracts))
		kday := day
		for j := range nk {
			if j == 0 {
				kday = clampDay(kday + int32(r.IntN(30)))
			} else {
				kday = clampDay(kday + int32(r.IntN(400)))
			}
			signed := r.IntN(100) < 70
			if j == 0 {
				signed = r.IntN(100) < 85
			}
			total := model.Money(50000 + r.IntN(200)*r.IntN(100000)) // 500.00 to 200,000.00
			due := total
			if signed {
				switch p := r.IntN(100); {
				case p < 55:
					due = 0
				case p < 80:
					due = total * model.Money(1+r.IntN(99)) / 100
				}
			}
			contracts = append(contracts, plannedContract{client: int32(i),
				Contract: model.Contract{TotalAmount: total, AmountDue: due, Signed: signed}})
			contractDay = append(contractDay, kday)
			ops = append(ops, op{kday, 1, int32(len(contracts) - 1)})
		}
		ne := r.IntN(7)
		if ne == 0 {
			continue
		}
		var signedK []int32
		for k := firstK; k < int32(len(contracts)); k++ {
			if contracts[k].Signed {
				signedK = append(signedK, k)
			}
		}
		if len(signedK) == 0 { // events are created on signed contracts only
			contracts[firstK].Signed = true
			signedK = []int32{firstK}
		}
		for range ne {
			k := signedK[r.IntN(len(signedK))]
			eday := clampDay(contractDay[k] + int32(r.IntN(45)))
			e := newEvent(r, clients[i])
			created := first.AddDate(0, 0, int(eday))
			e.Start = created.AddDate(0, 0, 7+r.IntN(240)).Add(time.Duration(9+r.IntN(11)) * time.Hour)
			e.End = e.Start.Add(time.Duration(2+r.IntN(70)) * time.Hour)
			// Past events have their support; upcoming ones often wait
			// for management to assign one.
			if (e.Start.Before(now) && r.IntN(100) < 96) || (!e.Start.Before(now) && r.IntN(100) < 55) {
				s := int64(r.IntN(Supports)) // an index until the ids are known
				e.SupportContactID = &s
			}
			events = append(events, plannedEvent{contract: k, Event: e})
			ops = append(ops, op{eday, 2, int32(len(events) - 1)})
		}
	}
	slices.SortStableFunc(ops, func(a, b op) int {
		if a.day != b.day {
			return int(a.day - b.day)
		}
		return int(a.kind) - int(b.kind)
	})

	// The collaborators, on the first day.
	db.Now = func() time.Time { return first.Add(8 * time.Hour) }
	defer func() { db.Now = time.Now }()
	var sales, support []int64
	err := db.Update(ctx, func(tx *query.Tx) error {
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
	if err != nil {
		return st, err
	}
	st.Collaborators = Commercials + Supports + Managers
	st.Transactions = 1

	clientIDs := make([]int64, len(clients))
	contractIDs := make([]int64, len(contracts))
	for start := 0; start < len(ops); {
		day := ops[start].day
		end := start
		for end < len(ops) && ops[end].day == day {
			end++
		}
		when := dayTime(day, r)
		db.Now = func() time.Time { return when }
		err := db.Update(ctx, func(tx *query.Tx) error {
			for _, o := range ops[start:end] {
				var err error
				switch o.kind {
				case 0:
					c := &clients[o.idx]
					c.SalesContactID = &sales[clientSales[o.idx]]
					if err = c.Validate(); err == nil {
						err = tx.CreateClient(c)
					}
					clientIDs[o.idx] = c.ID
				case 1:
					k := &contracts[o.idx]
					k.ClientID = clientIDs[k.client]
					k.SalesContactID = clients[k.client].SalesContactID
					if err = k.Validate(); err == nil {
						err = tx.CreateContract(&k.Contract)
					}
					contractIDs[o.idx] = k.ID
				case 2:
					e := events[o.idx].Event
					e.ContractID = contractIDs[events[o.idx].contract]
					if e.SupportContactID != nil {
						e.SupportContactID = &support[*e.SupportContactID]
					}
					if err = e.Validate(); err == nil {
						err = tx.CreateEvent(&e)
					}
				}
				if err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return st, err
		}
		st.Transactions++
		start = end
	}
	st.Clients, st.Contracts, st.Events = len(clients), len(contracts), len(events)
	return st, nil
}

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

// newClient makes client number i: its email is unique by its number.
func newClient(r *rand.Rand, i int) model.Client {
	first, last := pick(r, firstNames), pick(r, lastNames)
	company := pick(r, companyWords) + " " + pick(r, companyNouns) + " " + pick(r, companySuffixes)
	domain := strings.ToLower(strings.ReplaceAll(company, " ", "-"))
	return model.Client{FirstName: first, LastName: last, CompanyName: company,
		Email: fmt.Sprintf("%s.%s.%d@%s.example", strings.ToLower(first), strings.ToLower(last), i+1, domain),
		Phone: fmt.Sprintf("+33 6 %02d %02d %02d %02d", r.IntN(100), r.IntN(100), r.IntN(100), r.IntN(100))}
}

func newEvent(r *rand.Rand, c model.Client) model.Event {
	e := model.Event{Name: pick(r, eventKinds) + " " + c.LastName, Location: pick(r, locations),
		Attendees: int64(5 + r.IntN(r.IntN(500)+1))}
	if r.IntN(3) == 0 {
		e.Notes = pick(r, notes)
	}
	return e
}

var (
	firstNames = []string{"Alice", "Bruno", "Camille", "David", "Emma", "François", "Gabriel", "Hugo", "Inès", "Jules",
		"Kevin", "Léa", "Louis", "Manon", "Nathan", "Olivia", "Paul", "Quentin", "Raphaël", "Sarah", "Thomas", "Ursule",
		"Victor", "William", "Xavier", "Yasmine", "Zoé", "Adam", "Chloé", "Ethan", "Jade", "Lucas", "Lina", "Noah",
		"Rose", "Sacha", "Anna", "Mia", "Tom", "Eva", "John", "Mary", "James", "Linda", "Robert", "Patricia", "Michael",
		"Jennifer", "Daniel", "Susan"}
	lastNames = []string{"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
		"Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
		"Morel", "Girard", "André", "Lefèvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand",
		"Garnier", "Faure", "Rousseau", "Blanc", "Guerin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin",
		"Mathieu", "Clement", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Sanchez",
		"Gerard", "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Gautier", "Roger", "Roche", "Roy", "Noel",
		"Meyer", "Lucas", "Meunier", "Jean", "Perez", "Marchand", "Dufour", "Blanchard", "Marie", "Barbier", "Brun",
		"Dumas", "Brunet", "Schmitt", "Leroux", "Colin", "Fernandez", "Pierre", "Renard", "Arnaud", "Rolland", "Caron",
		"Aubert", "Giraud", "Leclerc", "Vidal", "Bourgeois", "Renaud", "Lemoine", "Picard", "Gaillard", "Philippe",
		"Leclercq", "Lacroix", "Fabre", "Dupuis", "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis",
		"Wilson", "Anderson", "Taylor", "Casey", "Walker", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams"}
	companyWords = []string{"Acme", "Blue", "Cool", "Bright", "Global", "Nova", "Alpine", "Atlantic", "Golden", "Swift",
		"Silver", "Urban", "Green", "Red", "Prime", "Summit", "Vertex", "Pacific", "Northern", "Royal", "Smart", "Rapid",
		"Solid", "Clever", "Happy", "Epic", "Grand", "Iron", "Crystal", "Sunny", "Ocean", "Cedar", "Maple", "Falcon",
		"Phoenix", "Orion", "Lunar", "Solar", "Polar", "Coastal"}
	companyNouns = []string{"Startup", "Systems", "Foods", "Logistics", "Media", "Consulting", "Energy", "Labs",
		"Design", "Travel", "Health", "Finance", "Robotics", "Studios", "Motors", "Networks", "Retail", "Builders",
		"Games", "Partners", "Software", "Events", "Pharma", "Textiles", "Bakery"}
	companySuffixes = []string{"LLC", "Inc", "SA", "SAS", "Ltd", "GmbH", "& Co", "Group"}
	eventKinds      = []string{"Summer party", "Winter gala", "Team building", "Product launch", "Board meeting",
		"Seminar", "Wedding", "Birthday", "Conference", "Off-site", "Workshop", "Awards night", "Christmas party",
		"Anniversary", "Trade show"}
	locations = []string{"Paris", "Lyon", "Marseille", "Bordeaux", "Lille", "Nantes", "Strasbourg", "Saint Malo",
		"Nice", "Toulouse", "Rennes", "Annecy", "Biarritz", "Chamonix", "Deauville", "London", "Brussels", "Geneva",
		"53 Rue du Château, 41120 Candé-sur-Beuvron", "Le Grand Hôtel, Cabourg"}
	notes = []string{"Vegetarian menu for a third of the guests.", "Needs a stage and a sound system.",
		"Client wants a DJ after 22:00.", "Shuttle from the station at 17:30.", "Outdoor if the weather allows.",
		"Wheelchair access required.", "Two rooms: plenary and workshops."}
)
