package security

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"epicevents/model"
)

// Session is who is logged in, as carried by a signed session token.
// The commands still check that the collaborator exists with the same
// department: a token only proves what was true when it was signed.
type Session struct {
	CollaboratorID int64
	Username       string
	Department     string
	// Database is the identifier of the database the session was opened
	// on, made once at its setup: ids start at 1 in every database, and
	// databases on one machine share the key, so the id alone could name a
	// collaborator of another database.
	Database string
	// Since is when the collaborator's record was created.
	Since time.Time
	// Stamp is the collaborator's session stamp when the session was
	// opened: a new username, department or password changes it, which
	// ends the session.
	Stamp     int64
	IssuedAt  time.Time
	ExpiresAt time.Time
}

// SessionFor returns the session of collaborator c of the database whose
// identifier is database, issued at now for ttl.
func SessionFor(c *model.Collaborator, database string, now time.Time, ttl time.Duration) Session {
	return Session{CollaboratorID: c.ID, Username: c.Username, Department: string(c.Department),
		Database: database, Since: c.CreatedAt, Stamp: c.SessionStamp, IssuedAt: now, ExpiresAt: now.Add(ttl)}
}

// minKeyBytes is the shortest key that signs or verifies a session; a
// shorter HMAC key could be guessed offline from any one token.
const minKeyBytes = 16

// sessionClaims is the JSON payload of a session token: the registered
// claims sub, iat and exp, plus the username and department.
type sessionClaims struct {
	Username   string `json:"usr"`
	Department string `json:"dep"`
	Since      int64  `json:"cst,omitempty"`
	Stamp      int64  `json:"sst,omitempty"`
	Database   string `json:"dbi"`
	jwt.RegisteredClaims
}

// SignSession returns s as a JWT signed with key by HS256. The times are
// kept to the second, as JWT stores them, and come back in UTC. key must be
// at least 16 bytes, and s must name a collaborator and have an IssuedAt
// before its ExpiresAt.
func SignSession(key []byte, s Session) (string, error) {
	switch {
	case len(key) < minKeyBytes:
		return "", fmt.Errorf("security: session key is %d bytes, want at least %d", len(key), minKeyBytes)
	case s.Database == "":
		return "", errors.New("security: session without a database identifier")
	case s.CollaboratorID <= 0:
		return "", fmt.Errorf("security: session for collaborator id %d", s.CollaboratorID)
	case s.IssuedAt.IsZero() || s.ExpiresAt.IsZero():
		// A token without iat or exp would be refused by VerifySession;
		// failing here points at the real mistake.
		return "", errors.New("security: session without issue or expiry time")
	case !s.ExpiresAt.After(s.IssuedAt):
		return "", errors.New("security: session expires before it is issued")
	}
	c := sessionClaims{
		Username:   s.Username,
		Department: s.Department,
		Database:   s.Database,
		Stamp:      s.Stamp,
		RegisteredClaims: jwt.RegisteredClaims{
			Subject:   strconv.FormatInt(s.CollaboratorID, 10),
			IssuedAt:  jwt.NewNumericDate(s.IssuedAt),
			ExpiresAt: jwt.NewNumericDate(s.ExpiresAt),
		},
	}
	if !s.Since.IsZero() {
		c.Since = s.Since.Unix()
	}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(key)
}

// VerifySession checks token, as SignSession made it with key, at time now:
// HS256 only, a valid signature, an exp claim after now, an iat claim, and
// claims that name a collaborator. Any failure is an EUNAUTHENTICATED error that asks
// the operator to log in again; it never quotes the token, which would
// hand a live credential to whoever reads the logs.
func VerifySession(key []byte, token string, now time.Time) (Session, error) {
	p := jwt.NewParser(
		// Listing the one method refuses "none", the other HMAC sizes and
		// the RS256 header that tries to use our key as a public key.
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithTimeFunc(func() time.Time { return now }),
		jwt.WithExpirationRequired(),
		jwt.WithStrictDecoding(),
	)
	var c sessionClaims
	_, err := p.ParseWithClaims(token, &c, func(t *jwt.Token) (any, error) {
		if _, ok := t.Method.(*jwt.SigningMethodHMAC); !ok || len(key) < minKeyBytes {
			return nil, errors.New("no key for this token")
		}
		return key, nil
	})
	if err != nil {
		// The signature is checked before the claims, so "expired" is only
		// ever said of a token we did sign.
		if errors.Is(err, jwt.ErrTokenExpired) {
			return Session{}, ErrSessionExpired
		}
		return Session{}, errInvalidSession()
	}
	id, err := strconv.ParseInt(c.Subject, 10, 64)
	if err != nil || id <= 0 || c.Username == "" || c.Department == "" || c.Database == "" || c.IssuedAt == nil || c.Stamp < 0 {
		return Session{}, errInvalidSession()
	}
	var since time.Time
	if c.Since != 0 {
		since = time.Unix(c.Since, 0).UTC()
	}
	return Session{
		Since:          since,
		Database:       c.Database,
		CollaboratorID: id,
		Username:       c.Username,
		Department:     c.Department,
		Stamp:          c.Stamp,
		IssuedAt:       c.IssuedAt.UTC(),
		ExpiresAt:      c.ExpiresAt.UTC(),
	}, nil
}

// ErrSessionExpired is the error of a session signed by us whose time is
// up. It is one value, told apart with errors.Is, so that the interactive
// shell can ask for the password again instead of failing.
var ErrSessionExpired error = model.Errorf(model.EUNAUTHENTICATED, "session expired: please log in again")

func errInvalidSession() error {
	return model.Errorf(model.EUNAUTHENTICATED, "invalid session: please log in again")
}
