package model

import "time"

// Client is a customer of Epic Events, followed by one commercial.
// CreatedAt is the date of first contact, UpdatedAt the date of last contact.
type Client struct {
	ID               int64
	FirstName        string
	LastName         string
	Email            string
	Phone            string
	CompanyName      string
	SalesContactID   *int64
	SalesContactName string
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

// ClientUpdate holds the fields a `client update` changes; nil means unchanged.
type ClientUpdate struct {
	FirstName   *string
	LastName    *string
	Email       *string
	Phone       *string
	CompanyName *string
}

// FullName is the client's first and last name.
func (c *Client) FullName() string { return c.FirstName + " " + c.LastName }

// Validate checks and normalises the client's fields, and returns the
// problem of the first bad one.
func (c *Client) Validate() error {
	if errs := c.CheckFields(); len(errs) > 0 {
		return errs[0].Err
	}
	return nil
}

// FieldError is the problem of one field of a record, which Field names by
// its output key ("email").
type FieldError struct {
	Field string
	Err   error
}

// CheckFields checks and normalises every field of the client and returns
// the problem of each bad one, in the order of the output keys: an import
// reports them all at once, where Validate stops at the first.
func (c *Client) CheckFields() []FieldError {
	var errs []FieldError
	check := func(key string, p *string, rule func(string) (string, error)) {
		v, err := rule(*p)
		if err != nil {
			errs = append(errs, FieldError{Field: key, Err: err})
			return
		}
		*p = v
	}
	check("first_name", &c.FirstName, func(s string) (string, error) { return CheckName("first name", s) })
	check("last_name", &c.LastName, func(s string) (string, error) { return CheckName("last name", s) })
	check("email", &c.Email, NormalizeEmail)
	check("phone", &c.Phone, CheckPhone)
	check("company_name", &c.CompanyName, func(s string) (string, error) { return CheckText("company name", s, 1, 200) })
	return errs
}

// Apply copies the set fields of u onto c and returns the names of the
// changed fields.
func (u ClientUpdate) Apply(c *Client) []string {
	var changed []string
	set(&changed, "first_name", &c.FirstName, u.FirstName)
	set(&changed, "last_name", &c.LastName, u.LastName)
	set(&changed, "email", &c.Email, u.Email)
	set(&changed, "phone", &c.Phone, u.Phone)
	set(&changed, "company_name", &c.CompanyName, u.CompanyName)
	return changed
}
