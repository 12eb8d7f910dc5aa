package model

// Department is one of the three departments of Epic Events. Departments are
// rows of their own table; these names are their keys.
type Department string

// The departments.
const (
	Commercial Department = "commercial"
	Support    Department = "support"
	Management Department = "management"
)

// Departments lists every department, in the order they are offered.
var Departments = []Department{Commercial, Support, Management}

// ParseDepartment returns the department named s, or an EINVALID error.
func ParseDepartment(s string) (Department, error) {
	for _, d := range Departments {
		if string(d) == s {
			return d, nil
		}
	}
	return "", Errorf(EINVALID, "unknown department %q: use commercial, support or management", s)
}
