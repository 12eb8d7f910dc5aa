// Package security holds passwords (bcrypt), sessions (signed JWT kept in a
// file) and the permission policy.
package security

import (
	"golang.org/x/crypto/bcrypt"

	"epicevents/model"
)

// PasswordCost is the bcrypt cost of every new password hash. At 12 one
// hash takes about a quarter of a second: slow enough to make guessing
// from a stolen database expensive, fast enough for a login.
const PasswordCost = 12

// Password length bounds, in bytes. bcrypt only reads the first 72 bytes,
// so a longer password would be silently truncated.
const (
	minPasswordBytes = 8
	maxPasswordBytes = 72
)

// CheckPasswordRule reports whether pw may become a password: it must be
// 8 to 72 bytes long (bytes, not characters, since bcrypt works on bytes).
func CheckPasswordRule(pw string) error {
	if n := len(pw); n < minPasswordBytes || n > maxPasswordBytes {
		return model.Errorf(model.EINVALID, "password must be %d to %d bytes", minPasswordBytes, maxPasswordBytes)
	}
	return nil
}

// HashPassword checks pw against CheckPasswordRule and returns its bcrypt
// hash at PasswordCost.
func HashPassword(pw string) (string, error) { return HashPasswordCost(pw, 0) }

// HashPasswordCost is HashPassword at the given bcrypt cost, 0 meaning
// PasswordCost. Only tests pass another cost, bcrypt's lowest: the rules
// they check do not depend on it, and mutation testing runs them many times
// over, where a quarter of a second per hash adds up to hours.
func HashPasswordCost(pw string, cost int) (string, error) {
	if cost == 0 {
		cost = PasswordCost
	}
	if err := CheckPasswordRule(pw); err != nil {
		return "", err
	}
	h, err := bcrypt.GenerateFromPassword([]byte(pw), cost)
	if err != nil {
		return "", err
	}
	return string(h), nil
}

// VerifyPassword reports whether pw matches the bcrypt hash. An empty hash
// stands for an unknown user: pw is then compared with dummyHash, of the
// same cost, so that an unknown username and a wrong password cost one
// bcrypt comparison each and cannot be told apart, and the result is false.
func VerifyPassword(hash, pw string) bool {
	// bcrypt ignores bytes after the 72nd, so a longer pw could match a
	// hash it was never the password of; it still pays for a comparison.
	ok := len(pw) <= maxPasswordBytes
	if hash == "" {
		hash, ok = dummyHash, false
	}
	err := compareHash([]byte(hash), []byte(pw))
	return ok && err == nil
}

// compareHash is bcrypt.CompareHashAndPassword; tests count its calls.
var compareHash = bcrypt.CompareHashAndPassword

// dummyHash is a bcrypt hash at PasswordCost of a password nobody has. It
// is a constant: made on first use, it cost the first login of an unknown
// user in each process a second bcrypt run, which told that the user did
// not exist. TestDummyHashCost checks its cost against PasswordCost.
const dummyHash = "$2a$12$lTpD7wGZRDbvckqkMwbUJ.3YicYSKBg3CiwFRUHUAFVO1Cuz6OVFe"
