package benchdata

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"epicevents/query"
)

// Version changes whenever Generate makes different data, so that the
// databases cached for the benchmarks are made again.
const Version = 1

// Environment variables of the benchmarks.
const (
	// EnvClients sets the number of clients of the benchmarks' database
	// (default 100000).
	EnvClients = "EPICEVENTS_BENCH_CLIENTS"
	// EnvDB names an existing generated database to use instead of the
	// cached one.
	EnvDB = "EPICEVENTS_BENCH_DB"
)

// DefaultClients is the size of the benchmarks' database: the SPEC's
// "hundreds of thousands of records".
const DefaultClients = 100000

// Size returns the number of clients the benchmarks use: EnvClients, or
// DefaultClients.
func Size(tb testing.TB) int {
	if v := os.Getenv(EnvClients); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			tb.Fatalf("%s=%q: want a positive number", EnvClients, v)
		}
		return n
	}
	return DefaultClients
}

// Cached returns the path of a generated database of Size clients. It is
// made once and kept in $TMPDIR/epicevents-bench, keyed by size and
// Version, so that every package's benchmarks and later runs share it;
// a lock keeps two test binaries from making it at once. Callers must
// only read it: CopyOf gives a database to write to.
func Cached(tb testing.TB) string {
	tb.Helper()
	if p := os.Getenv(EnvDB); p != "" {
		return p
	}
	clients := Size(tb)
	dir := filepath.Join(os.TempDir(), "epicevents-bench")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(dir, fmt.Sprintf("v%d-%d.db", Version, clients))
	lock, err := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		tb.Fatal(err)
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		tb.Fatal(err)
	}
	defer syscall.Flock(int(lock.Fd()), syscall.LOCK_UN)
	if _, err := os.Stat(path); err == nil {
		return path
	}
	tmp := path + ".tmp"
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(tmp + suffix)
	}
	start := time.Now()
	db, err := query.Open(context.Background(), tmp)
	if err != nil {
		tb.Fatal(err)
	}
	st, err := Generate(context.Background(), db, Options{Clients: clients, Seed: 1})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		tb.Fatal(err)
	}
	// Closing the last connection folds the write-ahead log into the file;
	// a log left behind would have to follow it.
	if _, err := os.Stat(tmp + "-wal"); err == nil {
		tb.Fatalf("%s-wal is still there after closing the database", tmp)
	}
	if err := os.Rename(tmp, path); err != nil {
		tb.Fatal(err)
	}
	tb.Logf("generated %s: %d clients, %d contracts, %d events in %s", path, st.Clients, st.Contracts, st.Events,
		time.Since(start).Round(time.Millisecond))
	return path
}

// CopyOf returns a copy of the cached database in a temporary folder of
// tb, for benchmarks that write.
func CopyOf(tb testing.TB) string {
	tb.Helper()
	src, err := os.Open(Cached(tb))
	if err != nil {
		tb.Fatal(err)
	}
	defer src.Close()
	path := filepath.Join(tb.TempDir(), "bench.db")
	dst, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		tb.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		tb.Fatal(err)
	}
	return path
}
