package model

import (
	"fmt"
	"strconv"
	"strings"
)

// Money is an amount in integer cents. Amounts never pass through floats.
type Money int64

// MaxMoney is the largest amount a contract may hold: 1,000,000,000,000.00.
const MaxMoney Money = 1_000_000_000_000_00

// ParseMoney parses a decimal amount with at most two places ("1500",
// "1500.5", "1500.50") into cents. Negative amounts, more than two decimals,
// exponents, separators and amounts above MaxMoney are refused.
func ParseMoney(s string) (Money, error) {
	bad := Errorf(EINVALID, "invalid amount %q: use a number with at most 2 decimals, like 1500.50", s)
	whole, frac, hasDot := strings.Cut(strings.TrimSpace(s), ".")
	if whole == "" || !digits(whole) || (hasDot && (frac == "" || !digits(frac))) {
		if strings.HasPrefix(s, "-") {
			return 0, Errorf(EINVALID, "invalid amount %q: amounts cannot be negative", s)
		}
		return 0, bad
	}
	if len(frac) > 2 {
		return 0, Errorf(EINVALID, "invalid amount %q: at most 2 decimals", s)
	}
	if len(whole) > 13 {
		return 0, Errorf(EINVALID, "invalid amount %q: at most 1000000000000.00", s)
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, bad
	}
	frac += strings.Repeat("0", 2-len(frac))
	f, _ := strconv.ParseInt(frac, 10, 64)
	m := Money(w*100 + f)
	if m > MaxMoney {
		return 0, Errorf(EINVALID, "invalid amount %q: at most 1000000000000.00", s)
	}
	return m, nil
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// String formats m with two decimals, like "1500.00".
func (m Money) String() string {
	sign := ""
	if m < 0 {
		sign, m = "-", -m
	}
	return fmt.Sprintf("%s%d.%02d", sign, m/100, m%100)
}
