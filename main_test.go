package main

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"epicevents": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the end-to-end scripts of testdata/script through the
// real binary.
func TestScripts(t *testing.T) {
	testscript.Run(t, scriptParams("testdata/script"))
}

func scriptParams(dir string) testscript.Params {
	return testscript.Params{
		Dir:                 dir,
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("EPICEVENTS_HOME", filepath.Join(env.WorkDir, "home"))
			env.Setenv("TZ", "UTC")
			env.Setenv("NO_COLOR", "1")
			return nil
		},
		// [engine:sqlite] guards what only SQLite has, a database file:
		// TestScriptsPostgres runs the same scripts as [engine:postgres].
		Condition: func(cond string) (bool, error) {
			if e, ok := strings.CutPrefix(cond, "engine:"); ok {
				return e == "sqlite", nil
			}
			if cond == "readonly-files" {
				return canMakeReadOnly(), nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"forge":    forgeSession,
			"mode":     checkMode,
			"daysfrom": daysFromNow,
			"status":   checkStatus,
			"crlf":     toCRLF,
			"bom":      addBOM,
			"icsdump":  icsDump,
			"readonly": makeReadOnly,
			"sleep": func(ts *testscript.TestScript, neg bool, args []string) {
				d, err := time.ParseDuration(args[0])
				ts.Check(err)
				time.Sleep(d)
			},
		},
	}
}

// daysFromNow sets VAR to the date N days from today (UTC, YYYY-MM-DD),
// for scripts about periods relative to now: daysfrom VAR N.
func daysFromNow(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 || neg {
		ts.Fatalf("usage: daysfrom VAR N")
	}
	n, err := strconv.Atoi(args[1])
	ts.Check(err)
	ts.Setenv(args[0], time.Now().UTC().AddDate(0, 0, n).Format("2006-01-02"))
}

// checkMode asserts the permission bits of a file: mode FILE 0600.
func checkMode(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: mode FILE PERM")
	}
	fi, err := os.Stat(ts.MkAbs(args[0]))
	ts.Check(err)
	want, err := strconv.ParseUint(args[1], 8, 32)
	ts.Check(err)
	if got := fi.Mode().Perm(); (uint64(got) == want) == neg {
		ts.Fatalf("%s has mode %#o, want %s%#o", args[0], got, map[bool]string{true: "not ", false: ""}[neg], want)
	}
}

// forgeSession rewrites $EPICEVENTS_HOME/session the way an attacker
// would: forge KIND [VALUE], where KIND is edit-dept (payload edited, old
// signature kept), alg-none, other-key, expired or garbage.
func forgeSession(ts *testscript.TestScript, neg bool, args []string) {
	home := ts.Getenv("EPICEVENTS_HOME")
	path := filepath.Join(home, "session")
	token, err := os.ReadFile(path)
	ts.Check(err)
	parts := strings.Split(strings.TrimSpace(string(token)), ".")
	if len(parts) != 3 {
		ts.Fatalf("session is not a JWT")
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	ts.Check(err)
	var claims jwt.MapClaims
	ts.Check(json.Unmarshal(payload, &claims))
	enc := func(v any) string {
		b, err := json.Marshal(v)
		ts.Check(err)
		return base64.RawURLEncoding.EncodeToString(b)
	}
	hexKey, err := os.ReadFile(filepath.Join(home, "secret.key"))
	ts.Check(err)
	key, err := hex.DecodeString(strings.TrimSpace(string(hexKey)))
	ts.Check(err)
	sign := func(key []byte, c jwt.MapClaims) string {
		s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(key)
		ts.Check(err)
		return s
	}
	var forged string
	switch args[0] {
	case "edit-dept":
		claims["dep"] = args[1]
		forged = parts[0] + "." + enc(claims) + "." + parts[2]
	case "alg-none":
		claims["dep"] = "management"
		forged = enc(map[string]string{"alg": "none", "typ": "JWT"}) + "." + enc(claims) + "."
	case "other-key":
		forged = sign([]byte("another key of at least 32 bytes!!"), claims)
	case "expired":
		claims["exp"] = time.Now().Add(-time.Minute).Unix()
		forged = sign(key, claims)
	case "garbage":
		forged = "not a token at all"
	default:
		ts.Fatalf("unknown forgery %s", args[0])
	}
	ts.Check(os.WriteFile(path, []byte(forged), 0o600))
	fmt.Fprintln(ts.Stdout(), "forged", args[0])
}
