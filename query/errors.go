package query

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/mattn/go-sqlite3"

	"epicevents/model"
)

// translate turns driver errors into operator errors: a UNIQUE failure
// becomes a conflict naming the field, a CHECK failure invalid input, a
// foreign key failure a conflict, a cancelled context a cancellation. It is
// the one place that knows the drivers' error types.
func translate(err error) error {
	if err == nil || errors.Is(err, sql.ErrNoRows) {
		return err
	}
	var me *model.Error
	if errors.As(err, &me) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return model.Errorf(model.ECANCELED, "canceled")
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.ExtendedCode {
		case sqlite3.ErrConstraintUnique, sqlite3.ErrConstraintPrimaryKey:
			return uniqueConflict(strings.TrimPrefix(se.Error(), "UNIQUE constraint failed: "))
		case sqlite3.ErrConstraintCheck:
			return model.Errorf(model.EINVALID, "value out of range")
		case sqlite3.ErrConstraintForeignKey:
			return model.Errorf(model.ECONFLICT, "the record is still referenced by others")
		}
		if se.Code == sqlite3.ErrInterrupt {
			return model.Errorf(model.ECANCELED, "canceled")
		}
		if se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked { // after the busy timeout
			return errBusy()
		}
		if reason, ok := fileReasons[se.Code]; ok {
			return &fileError{reason: reason, cause: err}
		}
		return err
	}
	return translateDriver(err)
}

// uniqueConflict names the field of a failed UNIQUE constraint, given as
// "table.column".
func uniqueConflict(target string) error {
	table, column, _ := strings.Cut(target, ".")
	what := map[string]string{"collaborators": "collaborator", "clients": "client"}[table]
	if what == "" {
		what = "record"
	}
	column = strings.ReplaceAll(column, "_", " ")
	return model.Errorf(model.ECONFLICT, "a %s with this %s already exists", what, column)
}

// notFound is the error for a missing record.
func notFound(entity string, id any) error {
	return model.Errorf(model.ENOTFOUND, "%s %v not found", entity, id)
}

func invalidf(format string, args ...any) error {
	return model.Errorf(model.EINVALID, format, args...)
}

// fileReasons says, for the SQLite errors that come from the file or the
// machine rather than from a bug, what is wrong with the database file.
var fileReasons = map[sqlite3.ErrNo]string{
	sqlite3.ErrReadonly: "is read-only",
	sqlite3.ErrPerm:     "cannot be written: permission denied",
	sqlite3.ErrFull:     "cannot grow: the disk is full",
	sqlite3.ErrNotADB:   "is not a database (or is encrypted or damaged)",
	sqlite3.ErrCorrupt:  "is damaged (corrupted)",
	sqlite3.ErrCantOpen: "cannot be opened",
	sqlite3.ErrIoErr:    "cannot be read or written (input/output error)",
}

// fileError is a problem of the database file: DB.named turns it into an
// operator error that names the file.
type fileError struct {
	reason string
	cause  error
}

func (e *fileError) Error() string { return e.reason + ": " + e.cause.Error() }
func (e *fileError) Unwrap() error { return e.cause }

// named returns err with a problem of the database file (fileError) turned
// into one line for the operator naming the file and the cause, of code
// EENV. The stores translate errors without knowing the file; the DB does.
// An error already named stays as it is: the failure to open another
// database (db copy's target) names that database, not this one.
func (db *DB) named(err error) error {
	var fe *fileError
	if !errors.As(err, &fe) || errors.As(err, new(*driverError)) { // named already
		return err
	}
	reason := fe.reason
	if db.readOnly && reason == fileReasons[sqlite3.ErrReadonly] {
		reason += ": this process may read the file, not write it, so only reading commands work"
	}
	return &driverError{op: model.Errorf(model.EENV, "the database %s %s", db.where(), reason), cause: err}
}

// envf returns an environment error (EENV) about the file at path: what
// went wrong, and the system's reason, without Go's "open PATH:" prefix.
func envf(err error, format string, args ...any) error {
	return &driverError{op: model.Errorf(model.EENV, format+": %v", append(args, model.SystemCause(err))...), cause: err}
}
