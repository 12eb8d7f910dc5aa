// Command benchgen builds a large, realistic epicevents database for the
// benchmarks and testdata/bench/compare.sh, through the project's own
// migrations and stores:
//
//	go run ./cmd/benchgen -clients 100000 -db /tmp/bench.db
//
// It makes 10 commercials (sales1..sales10), 10 support (support1..
// support10) and 3 managers (manager1..manager3), all with the password
// epicevents-bench, then the clients with 3 contracts and 3 events each on
// average, created day by day over five years.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"time"

	"epicevents/internal/benchdata"
	"epicevents/query"
)

func main() {
	clients := flag.Int("clients", 100000, "number of clients")
	path := flag.String("db", "", "the database to fill (DATABASE_URL form or a file path); it must hold no collaborator")
	seed := flag.Uint64("seed", 1, "random seed: the same seed and size give the same data")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the run to this file")
	flag.Parse()
	if *path == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: benchgen -clients N -db PATH [-seed N]")
		os.Exit(2)
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "benchgen:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	if err := run(*path, *clients, *seed); err != nil {
		pprof.StopCPUProfile()
		fmt.Fprintln(os.Stderr, "benchgen:", err)
		os.Exit(1)
	}
}

func run(path string, clients int, seed uint64) error {
	ctx := context.Background()
	start := time.Now()
	db, err := query.Open(ctx, path)
	if err != nil {
		return err
	}
	defer db.Close()
	var n int64
	if err := db.View(ctx, func(tx *query.Tx) (err error) { n, err = tx.CountCollaborators(); return err }); err != nil {
		return err
	}
	if n > 0 {
		return fmt.Errorf("%s already holds %d collaborators: give a new file", path, n)
	}
	st, err := benchdata.Generate(ctx, db, benchdata.Options{Clients: clients, Seed: seed})
	if err != nil {
		return err
	}
	if err := db.Close(); err != nil {
		return err
	}
	fmt.Printf("%d collaborators, %d clients, %d contracts, %d events in %d transactions: %.1fs\n",
		st.Collaborators, st.Clients, st.Contracts, st.Events, st.Transactions, time.Since(start).Seconds())
	return nil
}
