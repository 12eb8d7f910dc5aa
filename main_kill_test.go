package main

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"
)

// TestSIGKILLDuringBatch kills a batch of client creations with SIGKILL at
// random points (a fixed seed: the same points each run) and checks after
// each kill that the database is whole (PRAGMA integrity_check) and that
// every applied command has its audit entry, and no entry its command:
// each command is one transaction, all of it or none.
func TestSIGKILLDuringBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := mustBuild(t)
	home := t.TempDir()
	env := append(os.Environ(), "EPICEVENTS_HOME="+home, "EPICEVENTS_NEW_PASSWORD=correct-horse",
		"EPICEVENTS_PASSWORD=correct-horse", "DATABASE_URL="+filepath.Join(home, "crm.db"))
	mustRun := func(args ...string) {
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
	}
	mustRun("setup", "--username", "mia", "--email", "mia@epic.test", "--first-name", "Mia", "--last-name", "M")
	mustRun("login", "mia")
	mustRun("user", "create", "--username", "carl", "--email", "carl@epic.test", "--first-name", "Carl",
		"--last-name", "C", "--department", "commercial")
	mustRun("login", "carl")
	r := rand.New(rand.NewPCG(11, 17))
	for run := range 3 {
		var batch strings.Builder
		for i := range 3000 {
			fmt.Fprintf(&batch, "client create --first-name F%d --last-name L%d --email c%d-%d@acme.test --phone 0102030405 --company Acme\n",
				i, i, run, i)
		}
		path := filepath.Join(home, fmt.Sprintf("batch%d", run))
		if err := os.WriteFile(path, []byte(batch.String()), 0o600); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bin, "-f", path)
		cmd.Env = env
		var out lockedBuffer
		cmd.Stdout = &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Once the batch is writing, kill it a random while later.
		if !waitFor(60*time.Second, func() bool { return strings.Contains(out.String(), "Acme") }) {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatal("the batch wrote nothing")
		}
		time.Sleep(time.Duration(r.IntN(500)) * time.Millisecond)
		cmd.Process.Kill() // SIGKILL
		cmd.Wait()
		mustBeWhole(t, filepath.Join(home, "crm.db"))
	}
}

// mustBeWhole checks the SQLite database at path: integrity_check says ok,
// and clients and their creation entries in the audit trail match one to one.
func mustBeWhole(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var ok string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check = %q, %v", ok, err)
	}
	var clients, orphans, missing int
	for q, dst := range map[string]*int{
		"SELECT COUNT(*) FROM clients": &clients,
		"SELECT COUNT(*) FROM clients c WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.entity = 'client' AND a.action = 'create' AND a.entity_id = c.id)": &missing,
		"SELECT COUNT(*) FROM audit a WHERE a.entity = 'client' AND a.action = 'create' AND NOT EXISTS (SELECT 1 FROM clients c WHERE c.id = a.entity_id)": &orphans,
	} {
		if err := db.QueryRow(q).Scan(dst); err != nil {
			t.Fatal(err)
		}
	}
	if clients == 0 || missing != 0 || orphans != 0 {
		t.Fatalf("%d clients, %d without their audit entry, %d entries without their client", clients, missing, orphans)
	}
	t.Logf("after the kill: %d clients, each with its audit entry", clients)
}
