package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"epicevents/internal/benchdata"
	"epicevents/shell/render"
)

// BenchmarkClientImport imports 10,000 clients a run into a copy of the
// generated database (100,000 clients), two ways on the same file:
//
//   - epicevents: `client import FILE` as a commercial, the whole command:
//     reading and checking the CSV file, looking up its e-mails, writing
//     the clients and their audit entries in one transaction;
//   - handwritten: the same rows inserted by database/sql with two
//     prepared statements in one transaction, no checks: the baseline.
//
// go test -run '^$' -bench ClientImport -benchtime 5x .
func BenchmarkClientImport(b *testing.B) {
	const rows = 10000
	path := benchdata.CopyOf(b)
	db := openBench(b, path)
	next := 0
	b.Run("epicevents", func(b *testing.B) {
		sh := benchShell(b, db, "sales1", render.Table)
		sh.Err = os.Stderr
		file := filepath.Join(b.TempDir(), "clients.csv")
		for b.Loop() {
			b.StopTimer()
			writeImport(b, file, next, rows)
			next += rows
			b.StartTimer()
			if err := sh.Line(context.Background(), "client import "+file, false); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
	})
	b.Run("handwritten", func(b *testing.B) {
		raw, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL&_synchronous=NORMAL&_busy_timeout=10000&_txlock=immediate")
		if err != nil {
			b.Fatal(err)
		}
		defer raw.Close()
		for b.Loop() {
			if err := insertRaw(raw, next, rows); err != nil {
				b.Fatal(err)
			}
			next += rows
		}
		b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
	})
}

// writeImport writes a spreadsheet's CSV of n clients, numbered from first.
func writeImport(b *testing.B, file string, first, n int) {
	f, err := os.Create(file)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	fmt.Fprintln(f, "first_name;last_name;email;phone;company_name")
	for i := first; i < first+n; i++ {
		fmt.Fprintf(f, "Imported;Client %d;import%d@bench.example;+33 6 00 00 00 00;\"Bench; Co\"\n", i, i)
	}
}

// insertRaw inserts n clients and their audit entries the shortest way.
func insertRaw(db *sql.DB, first, n int) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	client, err := tx.Prepare("INSERT INTO clients (first_name, last_name, email, phone, company_name, sales_contact_id, " +
		"created_at, updated_at) VALUES (?, ?, ?, ?, ?, 2, ?, ?) RETURNING id")
	if err != nil {
		return err
	}
	audit, err := tx.Prepare("INSERT INTO audit (at, actor_id, actor, action, entity, entity_id, changes) " +
		"VALUES (?, 2, 'sales1', 'import', 'client', ?, ?)")
	if err != nil {
		return err
	}
	now := time.Now().UTC().Format("2006-01-02 15:04:05")
	for i := first; i < first+n; i++ {
		var id int64
		email := fmt.Sprintf("raw%d@bench.example", i)
		err := client.QueryRow("Imported", fmt.Sprintf("Client %d", i), email, "+33 6 00 00 00 00", "Bench; Co", now, now).Scan(&id)
		if err != nil {
			return err
		}
		changes := fmt.Sprintf(`{"email":[null,%q]}`, email)
		if _, err := audit.Exec(now, id, changes); err != nil {
			return err
		}
	}
	return tx.Commit()
}
