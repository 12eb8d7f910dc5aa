package query

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// backoff is how write transactions that lost a race are run again: at
// most attempts times, waiting first, then twice as long each time up to
// max, with jitter so that the transactions that raced take turns.
type backoff struct {
	attempts   int
	first, max time.Duration
}

// retryPolicy is the backoff of Update on PostgreSQL: about two seconds at
// worst before the operator reads "the database is busy".
var retryPolicy = backoff{attempts: 12, first: 5 * time.Millisecond, max: 250 * time.Millisecond}

// retry calls attempt, which runs one whole write transaction, until it
// succeeds or fails for a reason other than a lost race.
//
// On PostgreSQL, writers take turns (lockWrites), so that a serialization
// failure or a deadlock should not happen; but one can, with a statement
// run by hand on the server, say, and running the transaction again, on
// the data now committed, is then correct. SQLite needs no retry: its write
// transactions begin IMMEDIATE, one at a time, and the busy timeout makes
// the others wait.
func (db *DB) retry(ctx context.Context, attempt func() error) error {
	if db.Dialect != Postgres {
		return attempt()
	}
	return retryPolicy.run(ctx, attempt)
}

// run calls attempt until it succeeds, fails for another reason than a
// lost race, or lost b.attempts races: its error then reads "the database
// is busy: try again" (a conflict).
func (b backoff) run(ctx context.Context, attempt func() error) error {
	wait := b.first
	for n := 1; ; n++ {
		err := attempt()
		if err == nil || !lostRace(err) {
			return err
		}
		if n >= b.attempts {
			return translate(err)
		}
		t := time.NewTimer(jitter(wait))
		select {
		case <-ctx.Done():
			t.Stop()
			return translate(ctx.Err())
		case <-t.C:
		}
		wait = b.next(wait)
	}
}

// jitter returns a random wait between half and one and a half times wait.
func jitter(wait time.Duration) time.Duration { return wait/2 + rand.N(wait) }

// next returns the wait after wait: twice as long, up to b.max.
func (b backoff) next(wait time.Duration) time.Duration { return min(2*wait, b.max) }

// lostRace reports whether err is a serialization failure or a deadlock,
// after which the transaction may run again.
func lostRace(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == pgSerializationFailure || pe.Code == pgDeadlockDetected)
}
