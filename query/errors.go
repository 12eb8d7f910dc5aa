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
