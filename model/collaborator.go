package model

import "time"

// Collaborator is a member of staff who logs in to epicevents.
type Collaborator struct {
	ID           int64
	Username     string
	Email        string
	PasswordHash string
	FirstName    string
	LastName     string
	Phone        string
	Department   Department
	CreatedAt    time.Time
	UpdatedAt    time.Time
	// SessionStamp changes, to a random value, with the username, the
	// department or the password: a session is valid only with the stamp
	// it was opened with.
	SessionStamp int64
}

// CollaboratorUpdate holds the fields a `user update` changes; nil means
// unchanged.
type CollaboratorUpdate struct {
	Username   *string
	Email      *string
	FirstName  *string
	LastName   *string
	Phone      *string
	Department *Department
}

// Validate checks and normalises the collaborator's fields.
func (c *Collaborator) Validate() error {
	var err error
	if c.Username, err = CheckUsername(c.Username); err != nil {
		return err
	}
	if c.Email, err = NormalizeEmail(c.Email); err != nil {
		return err
	}
	if c.FirstName, err = CheckName("first name", c.FirstName); err != nil {
		return err
	}
	if c.LastName, err = CheckName("last name", c.LastName); err != nil {
		return err
	}
	if c.Phone != "" {
		if c.Phone, err = CheckPhone(c.Phone); err != nil {
			return err
		}
	}
	_, err = ParseDepartment(string(c.Department))
	return err
}

// Apply copies the set fields of u onto c and returns the names of the fields
// whose value changed.
func (u CollaboratorUpdate) Apply(c *Collaborator) []string {
	var changed []string
	set(&changed, "username", &c.Username, u.Username)
	set(&changed, "email", &c.Email, u.Email)
	set(&changed, "first_name", &c.FirstName, u.FirstName)
	set(&changed, "last_name", &c.LastName, u.LastName)
	set(&changed, "phone", &c.Phone, u.Phone)
	set(&changed, "department", &c.Department, u.Department)
	return changed
}

func set[T comparable](changed *[]string, name string, dst *T, v *T) {
	if v != nil && *v != *dst {
		*dst = *v
		*changed = append(*changed, name)
	}
}
