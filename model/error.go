// Package model holds the domain of epicevents: collaborators, clients,
// contracts, events, money and dates, their validation rules, and the one
// error type whose code decides the exit status. It imports nothing of ours.
package model

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// Error codes. Each maps to one exit code of the SPEC.
const (
	EINTERNAL        = "internal"
	EUSAGE           = "usage"
	EUNAUTHENTICATED = "unauthenticated"
	EFORBIDDEN       = "forbidden"
	ENOTFOUND        = "not_found"
	EINVALID         = "invalid"
	ECONFLICT        = "conflict"
	// EENV is a problem of the machine the operator must fix, not a bug:
	// a file that cannot be read or written, a full disk, a damaged
	// database, a server that does not answer. Its message names the file
	// and the cause; its exit status is 1, like EINTERNAL's, but it is
	// shown, and not reported to monitoring.
	EENV = "environment"
)

// Error is an error written for the operator. Its Code decides the exit
// status; its Message is printed after "error: ".
type Error struct {
	Code    string
	Message string
}

// Error returns the operator-facing message.
func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err: the code of the *Error it wraps, or
// EINTERNAL for anything else, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message an operator may see: the message of an
// *Error, and "internal error" for anything else and for an *Error of code
// EINTERNAL, whose text may hold details meant for monitoring only.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != EINTERNAL {
		return e.Message
	}
	return "internal error"
}

// ExitCode returns the process exit status for err, as the SPEC lists them.
func ExitCode(err error) int {
	switch ErrorCode(err) {
	case "":
		return 0
	case EUSAGE:
		return 2
	case EUNAUTHENTICATED:
		return 3
	case EFORBIDDEN:
		return 4
	case ENOTFOUND:
		return 5
	case EINVALID:
		return 6
	case ECONFLICT:
		return 7
	}
	return 1
}

// ECANCELED marks a command stopped by the operator (Ctrl-C). It is not a
// failure of the program: it is not reported to monitoring.
const ECANCELED = "canceled"

// SystemCause returns the system's reason for err, a failure on a file
// ("no space left on device", "permission denied"), without Go's "open
// PATH:" or "rename A B:" prefix: the messages that quote it name the file
// their own way. Any other error is returned as it is.
func SystemCause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
