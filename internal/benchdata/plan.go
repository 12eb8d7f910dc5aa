package benchdata

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"epicevents/model"
)

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

// plan is every record to write with its day, made from one random
// stream: the same seed, size and time give the same records.
type plan struct {
	r          *rand.Rand
	now, first time.Time
	lastDay    int32

	clients     []model.Client
	clientSales []int // an index into the commercials
	contracts   []plannedContract
	contractDay []int32
	events      []plannedEvent
	ops         []op // sorted by day, then kind
}

func newPlan(opts Options, now time.Time) *plan {
	first := now.AddDate(-5, 0, 0).Truncate(24 * time.Hour)
	days := int(now.Sub(first).Hours()/24) + 1
	p := &plan{r: rand.New(rand.NewPCG(opts.Seed, 0x5eed)), now: now, first: first, lastDay: int32(days - 1),
		clients: make([]model.Client, opts.Clients), clientSales: make([]int, opts.Clients),
		ops: make([]op, 0, opts.Clients*7)}
	for i := range p.clients {
		day := int32(p.r.IntN(max(days-14, 1)))
		p.clientSales[i] = p.r.IntN(Commercials)
		p.clients[i] = newClient(p.r, i)
		p.ops = append(p.ops, op{day, 0, int32(i)})
		firstK := p.addContracts(i, day)
		p.addEvents(i, firstK)
	}
	slices.SortStableFunc(p.ops, func(a, b op) int {
		if a.day != b.day {
			return int(a.day - b.day)
		}
		return int(a.kind) - int(b.kind)
	})
	return p
}

func (p *plan) clampDay(d int32) int32 { return min(d, p.lastDay) }

// dayTime is a time of the given day, during working hours, never after now.
func (p *plan) dayTime(day int32) time.Time {
	t := p.first.AddDate(0, 0, int(day)).Add(time.Duration(8*3600+p.r.IntN(10*3600)) * time.Second)
	if t.After(p.now) {
		t = p.now
	}
	return t
}

// addContracts plans the 1 to 5 contracts of client i, the first within a
// month of the client, and returns the index of the first.
func (p *plan) addContracts(i int, day int32) int32 {
	r := p.r
	nk := 1 + r.IntN(5)
	firstK := int32(len(p.contracts))
	kday := day
	for j := range nk {
		if j == 0 {
			kday = p.clampDay(kday + int32(r.IntN(30)))
		} else {
			kday = p.clampDay(kday + int32(r.IntN(400)))
		}
		signed := r.IntN(100) < 70
		if j == 0 {
			signed = r.IntN(100) < 85
		}
		total := model.Money(50000 + r.IntN(200)*r.IntN(100000)) // 500.00 to 200,000.00
		due := total
		if signed {
			switch pct := r.IntN(100); {
			case pct < 55:
				due = 0
			case pct < 80:
				due = total * model.Money(1+r.IntN(99)) / 100
			}
		}
		p.contracts = append(p.contracts, plannedContract{client: int32(i),
			Contract: model.Contract{TotalAmount: total, AmountDue: due, Signed: signed}})
		p.contractDay = append(p.contractDay, kday)
		p.ops = append(p.ops, op{kday, 1, int32(len(p.contracts) - 1)})
	}
	return firstK
}

// addEvents plans the 0 to 6 events of client i, on its signed contracts
// (from firstK on).
func (p *plan) addEvents(i int, firstK int32) {
	r := p.r
	ne := r.IntN(7)
	if ne == 0 {
		return
	}
	var signedK []int32
	for k := firstK; k < int32(len(p.contracts)); k++ {
		if p.contracts[k].Signed {
			signedK = append(signedK, k)
		}
	}
	if len(signedK) == 0 { // events are created on signed contracts only
		p.contracts[firstK].Signed = true
		signedK = []int32{firstK}
	}
	for range ne {
		k := signedK[r.IntN(len(signedK))]
		eday := p.clampDay(p.contractDay[k] + int32(r.IntN(45)))
		e := newEvent(r, p.clients[i])
		created := p.first.AddDate(0, 0, int(eday))
		e.Start = created.AddDate(0, 0, 7+r.IntN(240)).Add(time.Duration(9+r.IntN(11)) * time.Hour)
		e.End = e.Start.Add(time.Duration(2+r.IntN(70)) * time.Hour)
		// Past events have their support; upcoming ones often wait
		// for management to assign one.
		if (e.Start.Before(p.now) && r.IntN(100) < 96) || (!e.Start.Before(p.now) && r.IntN(100) < 55) {
			s := int64(r.IntN(Supports)) // an index until the ids are known
			e.SupportContactID = &s
		}
		p.events = append(p.events, plannedEvent{contract: k, Event: e})
		p.ops = append(p.ops, op{eday, 2, int32(len(p.events) - 1)})
	}
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
