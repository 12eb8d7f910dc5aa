// Package security holds passwords (bcrypt), sessions (signed JWT kept in a
// file) and the permission policy.
package security

import (
	"sync"

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
func HashPassword(pw string) (string, error) {
	if err := CheckPasswordRule(pw); err != nil {
		return "", err
	}
	h, err := bcrypt.GenerateFromPassword([]byte(pw), PasswordCost)
	if err != nil {
		return "", err
	}
	return string(h), nil
}

// VerifyPassword reports whether pw matches the bcrypt hash. An empty hash
// stands for an unknown user: pw is then compared with a dummy hash of the
// same cost, so that an unknown username and a wrong password cost the
// same time and cannot be told apart, and the result is false.
func VerifyPassword(hash, pw string) bool {
	// bcrypt ignores bytes after the 72nd, so a longer pw could match a
	// hash it was never the password of; it still pays for a comparison.
	ok := len(pw) <= maxPasswordBytes
	if hash == "" {
		hash, ok = dummyHash(), false
	}
	err := bcrypt.CompareHashAndPassword([]byte(hash), []byte(pw))
	return ok && err == nil
}

// dummyHash is made on first use rather than at start, so that commands
// that never check a password do not pay for it; its password is
// irrelevant since the result of comparing with it is always discarded.
var dummyHash = sync.OnceValue(func() string {
	h, err := bcrypt.GenerateFromPassword([]byte("epicevents-no-such-user"), PasswordCost)
	if err != nil {
		// Only a cost out of bcrypt's range fails, which PasswordCost is not.
		panic("security: dummy hash: " + err.Error())
	}
	return string(h)
})
