package main

import (
	"bufio"
	"database/sql"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"epicevents/internal/benchdata"
	"epicevents/shell/render"
)

// BenchmarkMatrix runs every cell of the performance matrix
// (testdata/bench/matrix.tsv) as its user would in a long shell or a
// batch: the whole command, session check and CSV output included, on the
// generated database (internal/benchdata). One operation is one command:
//
//	go test -run '^$' -bench Matrix .
//	EPICEVENTS_BENCH_DB=/tmp/bench.db go test -run '^$' -bench 'Matrix/commercial' .
//
// testdata/bench/matrix.py times the same cells as processes, beside the
// sqlite3 shell running the SQL of each cell.
func BenchmarkMatrix(b *testing.B) {
	path := benchdata.Cached(b)
	db := openBench(b, path)
	values := matrixValues(b, path)
	for _, c := range readMatrix(b) {
		line := c.command
		for k, v := range values {
			line = strings.ReplaceAll(line, "{"+k+"}", v)
		}
		b.Run(c.name, func(b *testing.B) {
			benchLine(b, benchShell(b, db, c.user, render.CSV), line)
		})
	}
}

// matrixCell is one line of testdata/bench/matrix.tsv.
type matrixCell struct{ name, user, command string }

func readMatrix(b *testing.B) []matrixCell {
	f, err := os.Open("testdata/bench/matrix.tsv")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var cells []matrixCell
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); line != "" && !strings.HasPrefix(line, "#") {
			cols := strings.Split(line, "\t")
			cells = append(cells, matrixCell{cols[0], cols[1], cols[2]})
		}
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	return cells
}

// matrixValues fills the placeholders of the commands as matrix.py does:
// a client of sales1 with events, one of its contracts, and the dates of
// --from and --to.
func matrixValues(b *testing.B, path string) map[string]string {
	conn, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	var client, contract int64
	err = conn.QueryRow(`SELECT min(c.id) FROM clients c WHERE c.sales_contact_id =
		(SELECT id FROM collaborators WHERE username = 'sales1') AND c.id >= 4242 AND
		(SELECT count(*) FROM contracts k JOIN events e ON e.contract_id = k.id WHERE k.client_id = c.id) >= 2`).Scan(&client)
	if err == nil {
		err = conn.QueryRow(`SELECT min(contract_id) FROM events e JOIN contracts k ON k.id = e.contract_id
			WHERE k.client_id = ?`, client).Scan(&contract)
	}
	if err != nil {
		b.Fatal(err)
	}
	year := time.Now().Year()
	return map[string]string{"client": fmt.Sprint(client), "contract": fmt.Sprint(contract),
		"from": fmt.Sprintf("%d-01-01", year), "to": fmt.Sprintf("%d-12-31", year+1)}
}
