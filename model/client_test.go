package model

import (
	"reflect"
	"strings"
	"testing"
)

// TestClientCheckFields: every bad field is reported, named by its output
// key, in key order; the good ones are normalised all the same; Validate
// returns the first problem.
func TestClientCheckFields(t *testing.T) {
	c := Client{FirstName: "  ", LastName: " Doe ", Email: "x@", Phone: "12", CompanyName: " Acme "}
	errs := c.CheckFields()
	var keys, msgs []string
	for _, e := range errs {
		keys = append(keys, e.Field)
		msgs = append(msgs, e.Err.Error())
		if ErrorCode(e.Err) != EINVALID {
			t.Errorf("%s: code %q, want %q", e.Field, ErrorCode(e.Err), EINVALID)
		}
	}
	if want := []string{"first_name", "email", "phone"}; !reflect.DeepEqual(keys, want) {
		t.Fatalf("fields %v, want %v (%v)", keys, want, msgs)
	}
	if msgs[1] != `invalid e-mail "x@"` {
		t.Errorf("email: %q", msgs[1])
	}
	if c.LastName != "Doe" || c.CompanyName != "Acme" {
		t.Errorf("the good fields were not normalised: %q %q", c.LastName, c.CompanyName)
	}
	if err := c.Validate(); err == nil || err.Error() != msgs[0] {
		t.Errorf("Validate = %v, want the first problem %q", err, msgs[0])
	}

	good := Client{FirstName: "Ann", LastName: "Lee", Email: " Ann@Lee.TEST ", Phone: "0102030405", CompanyName: "L"}
	if errs := good.CheckFields(); len(errs) != 0 || good.Email != "ann@lee.test" {
		t.Errorf("a good client: %v, email %q", errs, good.Email)
	}
	long := good
	long.CompanyName = strings.Repeat("é", 201)
	if errs := long.CheckFields(); len(errs) != 1 || errs[0].Field != "company_name" {
		t.Errorf("a 201-character company: %v", errs)
	}
}
