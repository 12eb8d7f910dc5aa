package security

import (
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"epicevents/model"
)

func TestCheckPasswordRule(t *testing.T) {
	tests := []struct {
		name string
		pw   string
		ok   bool
	}{
		{"Empty", "", false},
		{"7Bytes", strings.Repeat("a", 7), false},
		{"8Bytes", strings.Repeat("a", 8), true},
		{"72Bytes", strings.Repeat("a", 72), true},
		{"73Bytes", strings.Repeat("a", 73), false},
		// é is 2 bytes, € is 3: the limits count bytes, not characters.
		{"4Runes8Bytes", strings.Repeat("é", 4), true},
		{"7Runes7Bytes", strings.Repeat("é", 3) + "a", false},
		{"36Runes72Bytes", strings.Repeat("é", 36), true},
		{"25Runes75Bytes", strings.Repeat("€", 25), false},
		{"24Runes72Bytes", strings.Repeat("€", 24), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckPasswordRule(tt.pw)
			if tt.ok {
				if err != nil {
					t.Fatalf("CheckPasswordRule(%d bytes) = %v, want nil", len(tt.pw), err)
				}
				return
			}
			if model.ErrorCode(err) != model.EINVALID {
				t.Fatalf("CheckPasswordRule(%d bytes) = %v, want an %s error", len(tt.pw), err, model.EINVALID)
			}
			if got, want := err.Error(), "password must be 8 to 72 bytes"; got != want {
				t.Errorf("message = %q, want %q", got, want)
			}
		})
	}
}

// Each bcrypt comparison at cost 12 takes a quarter of a second, and ten
// times that under -race: the tests below make only the ones they need,
// and check the rules that do not depend on the cost at bcrypt's lowest.

func TestHashPassword(t *testing.T) {
	t.Parallel()
	pw := strings.Repeat("a", 8)
	h, err := HashPassword(pw)
	if err != nil {
		t.Fatalf("HashPassword(%d bytes): %v", len(pw), err)
	}
	if cost, err := bcrypt.Cost([]byte(h)); err != nil || cost < 12 || cost != PasswordCost {
		t.Errorf("cost of hash = %d, %v; want %d (at least 12)", cost, err, PasswordCost)
	}
	if !VerifyPassword(h, pw) || strings.Contains(h, pw) {
		t.Errorf("hash %q of %q", h, pw)
	}
	t.Run("Rules", func(t *testing.T) {
		t.Parallel()
		for _, pw := range []string{strings.Repeat("a", 8), strings.Repeat("é", 36)} {
			h, err := HashPasswordCost(pw, bcrypt.MinCost)
			if err != nil {
				t.Fatalf("HashPasswordCost(%d bytes): %v", len(pw), err)
			}
			if cost, err := bcrypt.Cost([]byte(h)); err != nil || cost != bcrypt.MinCost || !VerifyPassword(h, pw) {
				t.Errorf("hash of %d bytes: cost %d, %v", len(pw), cost, err)
			}
		}
	})
	t.Run("RefusedBeforeHashing", func(t *testing.T) {
		for _, pw := range []string{"short", strings.Repeat("a", 73)} {
			if h, err := HashPassword(pw); model.ErrorCode(err) != model.EINVALID || h != "" {
				t.Errorf("HashPassword(%d bytes) = %q, %v; want an %s error", len(pw), h, err, model.EINVALID)
			}
		}
	})
	t.Run("BadCost", func(t *testing.T) {
		if h, err := HashPasswordCost(pw, bcrypt.MaxCost+1); err == nil || h != "" {
			t.Errorf("hashPassword at cost %d = %q, %v", bcrypt.MaxCost+1, h, err)
		}
	})
}

func TestVerifyPassword(t *testing.T) {
	t.Parallel()
	// 72 bytes of 3-byte characters: the longest password there is.
	pw := strings.Repeat("€", 24)
	h, err := HashPasswordCost(pw, bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		hash, pw string
		want     bool
	}{
		{"Right", h, pw, true},
		{"Wrong", h, strings.Repeat("€", 23) + "abc", false},
		// bcrypt reads 72 bytes only: without the length check this
		// longer password would match.
		{"73BytesSharingPrefix", h, pw + "y", false},
		{"MalformedHash", "not a bcrypt hash", pw, false},
		{"UnknownUser", "", pw, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := VerifyPassword(tt.hash, tt.pw); got != tt.want {
				t.Errorf("VerifyPassword = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestDummyHashCost checks what makes an unknown user as slow as a wrong
// password: the dummy hash is a constant of the cost of real ones, not
// made on first use. Timings themselves are left to the benchmarks.
func TestDummyHashCost(t *testing.T) {
	t.Parallel()
	if cost, err := bcrypt.Cost([]byte(dummyHash)); err != nil || cost != PasswordCost {
		t.Fatalf("cost of dummy hash = %d, %v; want %d", cost, err, PasswordCost)
	}
}

// TestVerifyPasswordComparesOnce: an unknown user and a wrong password
// each cost exactly one bcrypt comparison, at the same cost, and nothing
// else of bcrypt's (no hash made on the way).
func TestVerifyPasswordComparesOnce(t *testing.T) {
	h, err := bcrypt.GenerateFromPassword([]byte("correct horse battery"), PasswordCost)
	if err != nil {
		t.Fatal(err)
	}
	var costs []int
	compareHash = func(hash, pw []byte) error {
		c, _ := bcrypt.Cost(hash)
		costs = append(costs, c)
		return bcrypt.CompareHashAndPassword(hash, pw)
	}
	defer func() { compareHash = bcrypt.CompareHashAndPassword }()
	for name, hash := range map[string]string{"UnknownUser": "", "WrongPassword": string(h)} {
		costs = nil
		if VerifyPassword(hash, "wrong password") {
			t.Fatalf("%s: accepted", name)
		}
		if len(costs) != 1 || costs[0] != PasswordCost {
			t.Errorf("%s: bcrypt comparisons at costs %v, want one at %d", name, costs, PasswordCost)
		}
	}
}

func BenchmarkVerifyPasswordWrong(b *testing.B) {
	h, err := HashPassword("correct horse battery")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		VerifyPassword(h, "wrong password")
	}
}

func BenchmarkVerifyPasswordUnknownUser(b *testing.B) {
	for b.Loop() {
		VerifyPassword("", "wrong password")
	}
}
