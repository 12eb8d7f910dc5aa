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

// Validate checks and normalises the client's fields.
func (c *Client) Validate() error {
	var err error
	if c.FirstName, err = CheckName("first name", c.FirstName); err != nil {
		return err
	}
	if c.LastName, err = CheckName("last name", c.LastName); err != nil {
		return err
	}
	if c.Email, err = NormalizeEmail(c.Email); err != nil {
		return err
	}
	if c.Phone, err = CheckPhone(c.Phone); err != nil {
		return err
	}
	c.CompanyName, err = CheckText("company name", c.CompanyName, 1, 200)
	return err
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
