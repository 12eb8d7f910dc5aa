package security

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"epicevents/model"
)

var (
	testKey   = []byte("0123456789abcdef0123456789abcdef")
	otherKey  = []byte("fedcba9876543210fedcba9876543210")
	testNow   = time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
	testValid = Session{
		CollaboratorID: 42,
		Username:       "alice",
		Department:     "support",
		Database:       "0123456789abcdef0123456789abcdef",
		IssuedAt:       testNow.Add(-time.Hour),
		ExpiresAt:      testNow.Add(7 * time.Hour),
	}
)

// MustSignSession signs s with key, failing the test on error.
func MustSignSession(t *testing.T, key []byte, s Session) string {
	t.Helper()
	tok, err := SignSession(key, s)
	if err != nil {
		t.Fatalf("SignSession: %v", err)
	}
	return tok
}

// b64 encodes a token segment the way JWT does.
func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// hs256Token builds a token by hand, with any header, signed by HMAC-SHA256
// with key whatever the header says.
func hs256Token(t *testing.T, header, claims any, key []byte) string {
	t.Helper()
	h, err := json.Marshal(header)
	if err != nil {
		t.Fatal(err)
	}
	c, err := json.Marshal(claims)
	if err != nil {
		t.Fatal(err)
	}
	signed := b64(h) + "." + b64(c)
	m := hmac.New(sha256.New, key)
	m.Write([]byte(signed))
	return signed + "." + b64(m.Sum(nil))
}

func validClaims() jwt.MapClaims {
	return jwt.MapClaims{
		"sub": "42",
		"usr": "alice",
		"dep": "support",
		"dbi": testValid.Database,
		"iat": testValid.IssuedAt.Unix(),
		"exp": testValid.ExpiresAt.Unix(),
	}
}

func TestSignSessionVerifySession(t *testing.T) {
	tok := MustSignSession(t, testKey, testValid)
	got, err := VerifySession(testKey, tok, testNow)
	if err != nil {
		t.Fatalf("VerifySession: %v", err)
	}
	if got != testValid {
		t.Errorf("VerifySession = %+v, want %+v", got, testValid)
	}
	// The session stamp goes with the token.
	changed := testValid
	changed.Stamp = 3
	if got, err := VerifySession(testKey, MustSignSession(t, testKey, changed), testNow); err != nil || got != changed {
		t.Errorf("with stamp 3: VerifySession = %+v, %v", got, err)
	}

	t.Run("Claims", func(t *testing.T) {
		parts := strings.Split(tok, ".")
		var header map[string]any
		mustDecodeSegment(t, parts[0], &header)
		if header["alg"] != "HS256" {
			t.Errorf("alg = %v, want HS256", header["alg"])
		}
		var claims map[string]any
		mustDecodeSegment(t, parts[1], &claims)
		want := map[string]any{
			"sub": "42",
			"usr": "alice",
			"dep": "support",
			"dbi": testValid.Database,
			"iat": float64(testValid.IssuedAt.Unix()),
			"exp": float64(testValid.ExpiresAt.Unix()),
		}
		if len(claims) != len(want) {
			t.Errorf("claims = %v, want %v", claims, want)
		}
		for k, v := range want {
			if claims[k] != v {
				t.Errorf("claim %s = %v, want %v", k, claims[k], v)
			}
		}
	})

	t.Run("TimesKeptToTheSecond", func(t *testing.T) {
		s := testValid
		s.IssuedAt = s.IssuedAt.Add(300 * time.Millisecond).In(time.FixedZone("X", 3600))
		got, err := VerifySession(testKey, MustSignSession(t, testKey, s), testNow)
		if err != nil {
			t.Fatal(err)
		}
		if !got.IssuedAt.Equal(testValid.IssuedAt) || got.IssuedAt.Location() != time.UTC {
			t.Errorf("IssuedAt = %v, want %v", got.IssuedAt, testValid.IssuedAt)
		}
	})
}

func mustDecodeSegment(t *testing.T, seg string, v any) {
	t.Helper()
	b, err := base64.RawURLEncoding.DecodeString(seg)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
}

func TestVerifySessionRefused(t *testing.T) {
	const (
		invalid = "invalid session: please log in again"
		expired = "session expired: please log in again"
	)
	valid := MustSignSession(t, testKey, testValid)
	parts := strings.Split(valid, ".")

	// The payload made management's, the signature left as it was.
	edited := validClaims()
	edited["dep"] = "management"
	editedPayload, _ := json.Marshal(edited)

	none, err := jwt.NewWithClaims(jwt.SigningMethodNone, validClaims()).SignedString(jwt.UnsafeAllowNoneSignatureType)
	if err != nil {
		t.Fatal(err)
	}
	hs512, err := jwt.NewWithClaims(jwt.SigningMethodHS512, validClaims()).SignedString(testKey)
	if err != nil {
		t.Fatal(err)
	}
	expiredSession := testValid
	expiredSession.IssuedAt = testNow.Add(-9 * time.Hour)
	expiredSession.ExpiresAt = testNow.Add(-time.Hour)
	endsNow := testValid
	endsNow.ExpiresAt = testNow

	noExp := validClaims()
	delete(noExp, "exp")
	noIat := validClaims()
	delete(noIat, "iat")
	badSub := validClaims()
	badSub["sub"] = "alice"
	zeroSub := validClaims()
	zeroSub["sub"] = "0"
	negativeEpoch := validClaims()
	negativeEpoch["sst"] = -1
	// The claims the cases above edit make a valid token as they are: each
	// case fails for its one edit.
	if _, err := VerifySession(testKey, hs256Token(t, map[string]string{"alg": "HS256", "typ": "JWT"}, validClaims(), testKey), testNow); err != nil {
		t.Fatalf("validClaims: %v", err)
	}
	noUser := validClaims()
	delete(noUser, "usr")
	hs256 := map[string]string{"alg": "HS256", "typ": "JWT"}

	tests := []struct {
		name, token, want string
	}{
		{"PayloadEdited", parts[0] + "." + b64(editedPayload) + "." + parts[2], invalid},
		{"SignatureDropped", parts[0] + "." + parts[1] + ".", invalid},
		{"AlgNone", none, invalid},
		{"AlgNoneLowerCase", hs256Token(t, map[string]string{"alg": "none"}, validClaims(), testKey), invalid},
		{"HS512", hs512, invalid},
		// The classic confusion: an RS256 header on a token MACed with the
		// key, hoping the key is used as an RSA public key.
		{"RS256Header", hs256Token(t, map[string]string{"alg": "RS256", "typ": "JWT"}, validClaims(), testKey), invalid},
		{"OtherKey", MustSignSession(t, otherKey, testValid), invalid},
		{"Expired", MustSignSession(t, testKey, expiredSession), expired},
		{"ExpiresNow", MustSignSession(t, testKey, endsNow), expired},
		{"ExpiredOtherKey", MustSignSession(t, otherKey, expiredSession), invalid},
		{"NoExp", hs256Token(t, hs256, noExp, testKey), invalid},
		{"NoIat", hs256Token(t, hs256, noIat, testKey), invalid},
		{"SubNotAnID", hs256Token(t, hs256, badSub, testKey), invalid},
		{"SubZero", hs256Token(t, hs256, zeroSub, testKey), invalid},
		{"NegativeEpoch", hs256Token(t, hs256, negativeEpoch, testKey), invalid},
		{"NoUsername", hs256Token(t, hs256, noUser, testKey), invalid},
		{"Garbage", "this is not a token", invalid},
		{"GarbageSegments", "a.b.c", invalid},
		{"Empty", "", invalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := VerifySession(testKey, tt.token, testNow)
			if err == nil {
				t.Fatalf("VerifySession accepted it: %+v", s)
			}
			if s != (Session{}) {
				t.Errorf("VerifySession returned %+v with its error", s)
			}
			if code := model.ErrorCode(err); code != model.EUNAUTHENTICATED {
				t.Errorf("code = %q, want %q", code, model.EUNAUTHENTICATED)
			}
			if err.Error() != tt.want {
				t.Errorf("message = %q, want %q", err.Error(), tt.want)
			}
			if tt.token != "" && strings.Contains(err.Error(), tt.token) {
				t.Errorf("message quotes the token")
			}
		})
	}

	t.Run("ShortKey", func(t *testing.T) {
		if _, err := VerifySession(nil, valid, testNow); model.ErrorCode(err) != model.EUNAUTHENTICATED {
			t.Errorf("VerifySession with no key = %v, want an %s error", err, model.EUNAUTHENTICATED)
		}
	})
}

func TestSignSessionRefused(t *testing.T) {
	noID := testValid
	noID.CollaboratorID = 0
	noExp := testValid
	noExp.ExpiresAt = time.Time{}
	noIat := testValid
	noIat.IssuedAt = time.Time{}
	backwards := testValid
	backwards.ExpiresAt = backwards.IssuedAt.Add(-time.Second)
	tests := []struct {
		name string
		key  []byte
		s    Session
	}{
		{"NoKey", nil, testValid},
		{"ShortKey", testKey[:15], testValid},
		{"NoCollaborator", testKey, noID},
		{"NoExpiry", testKey, noExp},
		{"NoIssuedAt", testKey, noIat},
		{"ExpiresBeforeIssued", testKey, backwards},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tok, err := SignSession(tt.key, tt.s); err == nil {
				t.Errorf("SignSession = %q, want an error", tok)
			}
		})
	}
}

// TestSessionSince: the creation time of the collaborator's record travels
// in the token (claim cst), to the second, so that the commands can tell
// the same id in another database apart.
func TestSessionSince(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	c := &model.Collaborator{ID: 7, Username: "alice", Department: model.Support,
		CreatedAt: time.Date(2025, 1, 2, 3, 4, 5, 600, time.UTC), SessionStamp: 2}
	token, err := SignSession(key, SessionFor(c, "db-one", now, time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	s, err := VerifySession(key, token, now)
	if err != nil {
		t.Fatal(err)
	}
	if s.Database != "db-one" || s.Username != "alice" {
		t.Fatalf("session %+v: want it bound to database db-one and username alice", s)
	}
	if s.Since.Unix() != c.CreatedAt.Unix() || s.CollaboratorID != 7 || s.Department != "support" || !s.ExpiresAt.Equal(now.Add(time.Hour)) || s.Stamp != 2 {
		t.Fatalf("session %+v", s)
	}
}

// TestSessionNeedsDatabase: a token without a database identifier (made
// before sessions were bound to their database) is refused, and none is
// signed.
func TestSessionNeedsDatabase(t *testing.T) {
	s := testValid
	s.Database = ""
	if _, err := SignSession(testKey, s); err == nil {
		t.Fatal("signed a session without a database")
	}
	claims := jwt.MapClaims{"sub": "42", "usr": "alice", "dep": "support",
		"iat": testNow.Add(-time.Hour).Unix(), "exp": testNow.Add(time.Hour).Unix()}
	tok, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(testKey)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := VerifySession(testKey, tok, testNow); model.ErrorCode(err) != model.EUNAUTHENTICATED {
		t.Fatalf("VerifySession without dbi = %v, want refused", err)
	}
}
