#!/usr/bin/env python3
"""matrix.py times every cell of testdata/bench/matrix.tsv with epicevents
and with the sqlite3 shell running the cell's hand-written SQL, on the same
generated database, and prints one Markdown table of the figures and ratios.

  matrix.py --db DB --home-dir DIR EPICEVENTS [EPICEVENTS2 ...]

DIR holds one EPICEVENTS_HOME per user, DIR/home-USER, logged in (compare.sh
makes them). For each cell it first checks that epicevents (--format csv)
and sqlite3 (-csv) print the same rows, then measures, in turns:
  batch    one process running the command BATCH times (epicevents -f FILE,
           sqlite3 reading the statement BATCH times): time per command;
  one-shot one process per command (epicevents -c LINE, sqlite3 DB SQL).
Each figure is the median of RUNS runs, in CPU time (user + system) of the
process by default: on a shared machine, wall-clock time measures the other
processes as much as this one (--clock wall for it). Several binaries (before and after a
change) are timed in the same run, against the same sqlite3 figures.
"""
import argparse
import csv
import datetime
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time

T = "strftime('%Y-%m-%dT%H:%M:%SZ', {})"
M = "printf('%d.%02d', {0} / 100, {0} % 100)"
COLUMNS = {
    "CLIENTS": "SELECT c.id, c.first_name, c.last_name, c.email, c.phone, c.company_name, c.sales_contact_id, s.username, "
    + T.format("c.created_at") + ", " + T.format("c.updated_at")
    + " FROM clients c LEFT JOIN collaborators s ON s.id = c.sales_contact_id",
    "CONTRACTS": "SELECT k.id, k.client_id, c.first_name || ' ' || c.last_name, k.sales_contact_id, s.username, "
    + M.format("k.total_amount") + ", " + M.format("k.amount_due") + ", CASE WHEN k.signed THEN 'true' ELSE 'false' END, "
    + T.format("k.created_at") + ", " + T.format("k.updated_at")
    + " FROM contracts k JOIN clients c ON c.id = k.client_id LEFT JOIN collaborators s ON s.id = k.sales_contact_id",
    "EVENTS": "SELECT e.id, e.name, e.contract_id, k.client_id, c.first_name || ' ' || c.last_name, c.email, c.phone, "
    + "e.support_contact_id, p.username, " + T.format("e.event_start") + ", " + T.format("e.event_end") + ", "
    + "e.location, e.attendees, e.notes, " + T.format("e.created_at") + ", " + T.format("e.updated_at")
    + " FROM events e JOIN contracts k ON k.id = e.contract_id JOIN clients c ON c.id = k.client_id"
    + " LEFT JOIN collaborators p ON p.id = e.support_contact_id",
    "EVENTS2": "SELECT e.id, e.name, e.contract_id, e.client_id, c.first_name || ' ' || c.last_name, c.email, c.phone, "
    + "e.support_contact_id, p.username, " + T.format("e.event_start") + ", " + T.format("e.event_end") + ", "
    + "e.location, e.attendees, e.notes, " + T.format("e.created_at") + ", " + T.format("e.updated_at")
    + " FROM events e JOIN clients c ON c.id = e.client_id LEFT JOIN collaborators p ON p.id = e.support_contact_id",
    "USERS": "SELECT u.id, u.username, u.email, u.first_name, u.last_name, u.phone, d.name, "
    + T.format("u.created_at") + ", " + T.format("u.updated_at")
    + " FROM collaborators u JOIN departments d ON d.id = u.department_id",
}


def sqlite(db, sql):
    return subprocess.run(["sqlite3", "-csv", db, sql], check=True, capture_output=True, text=True).stdout


def cells(path, db, use_best):
    """The cells of the matrix, placeholders filled in: name, user, command,
    the SQL that says what it means, the SQL to time."""
    one = lambda sql: sqlite(db, sql).strip()
    ids = {u: one("SELECT id FROM collaborators WHERE username = '%s'" % u) for u in ("sales1", "support1", "support2")}
    client = one("SELECT min(c.id) FROM clients c WHERE c.sales_contact_id = %s AND c.id >= 4242 "
                 "AND (SELECT count(*) FROM contracts k JOIN events e ON e.contract_id = k.id WHERE k.client_id = c.id) >= 2" % ids["sales1"])
    contract = one("SELECT min(contract_id) FROM events e JOIN contracts k ON k.id = e.contract_id WHERE k.client_id = %s" % client)
    year = datetime.date.today().year
    values = dict(COLUMNS, client=client, contract=contract, **{"from": "%d-01-01" % year, "to": "%d-12-31" % (year + 1)}, **ids)
    out = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        name, user, command, sql = cols[:4]
        best = cols[4] if use_best and len(cols) > 4 else sql
        out.append((name, user, command.format(**values), sql.format(**values), best.format(**values)))
    return out


def run_ee(ee, home, args, stdin=None):
    env = dict(os.environ, EPICEVENTS_HOME=home)
    return subprocess.run([ee, "--format", "csv"] + args, env=env, stdin=stdin, capture_output=True, text=True)


def check(ee, home, db, command, sql, best):
    got = run_ee(ee, home, ["-c", command])
    if got.returncode != 0:
        sys.exit("error: %s: %s" % (command, got.stderr.strip()))
    a = list(csv.reader(io.StringIO(got.stdout)))[1:]
    b = list(csv.reader(io.StringIO(sqlite(db, sql))))
    if best != sql and list(csv.reader(io.StringIO(sqlite(db, best)))) != b:
        sys.exit("error: %s: the two SQL statements differ" % command)
    if a != b:
        sys.exit("error: %s: epicevents and sqlite3 differ (%d and %d rows)\n%s\n%s" % (command, len(a), len(b), a[:3], b[:3]))
    return len(a) if not command.endswith("--count") else int(a[0][0])


CLOCK = "cpu"


def timed(argv, env, stdin_path=None):
    """The time one process takes: its CPU time (user + system) by default,
    its wall-clock time with --clock wall."""
    stdin = open(stdin_path) if stdin_path else subprocess.DEVNULL
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    took = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if stdin_path:
        stdin.close()
    if proc.returncode != 0:
        sys.exit("error: %s exited with %d" % (argv, proc.returncode))
    return usage.ru_utime + usage.ru_stime if CLOCK == "cpu" else took


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--db", required=True)
    p.add_argument("--home-dir", required=True)
    p.add_argument("--matrix", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "matrix.tsv"))
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--batch", type=int, default=100)
    p.add_argument("--only", default="", help="run only the cells whose name contains this text")
    p.add_argument("--no-check", action="store_true")
    p.add_argument("--best", action="store_true", help="time the fifth column's SQL (schema of migration 0004) where there is one")
    p.add_argument("--clock", choices=["cpu", "wall"], default="cpu",
                   help="cpu (default): user + system time of each process, which other processes on a busy machine do not inflate")
    p.add_argument("ee", nargs="+", help="epicevents binaries, timed side by side")
    a = p.parse_args()
    global CLOCK
    CLOCK = a.clock
    work = tempfile.mkdtemp(prefix="epicevents-matrix.")
    env = dict(os.environ)
    labels = [os.path.basename(e) for e in a.ee]
    head = "| cell | rows | sqlite3 batch | " + " | ".join("%s batch | ratio" % l for l in labels)
    head += " | sqlite3 one-shot | " + " | ".join("%s one-shot | ratio" % l for l in labels) + " |"
    print(head)
    print("|---|---:|---:|" + "---:|---:|" * len(labels) + "---:|" + "---:|---:|" * len(labels))
    for name, user, command, check_sql, sql in cells(a.matrix, a.db, a.best):
        if a.only and a.only not in name:
            continue
        home = os.path.join(a.home_dir, "home-" + user)
        rows = "" if a.no_check else check(a.ee[-1], home, a.db, command, check_sql, sql)
        ee_batch = os.path.join(work, "ee.txt")
        sq_batch = os.path.join(work, "sq.sql")
        with open(ee_batch, "w") as f:
            f.write((command + "\n") * a.batch)
        with open(sq_batch, "w") as f:
            f.write(".mode csv\n" + (sql + ";\n") * a.batch)
        batch = {k: [] for k in ["sq"] + a.ee}
        shot = {k: [] for k in ["sq"] + a.ee}
        for _ in range(a.runs):
            batch["sq"].append(timed(["sqlite3", a.db], env, sq_batch) / a.batch)
            shot["sq"].append(timed(["sqlite3", "-csv", a.db, sql], env))
            for ee in a.ee:
                e = dict(env, EPICEVENTS_HOME=home)
                batch[ee].append(timed([ee, "--format", "csv", "-f", ee_batch], e) / a.batch)
                shot[ee].append(timed([ee, "--format", "csv", "-c", command], e))
        med = {k: statistics.median(v) for k, v in batch.items()}
        one = {k: statistics.median(v) for k, v in shot.items()}
        ms = lambda s: "%.2f ms" % (s * 1000)
        line = "| %s: `%s` | %s | %s | " % (name, command, rows, ms(med["sq"]))
        line += " | ".join("%s | %.1f" % (ms(med[e]), med[e] / med["sq"]) for e in a.ee)
        line += " | %s | " % ms(one["sq"]) + " | ".join("%s | %.2f" % (ms(one[e]), one[e] / one["sq"]) for e in a.ee) + " |"
        print(line, flush=True)


if __name__ == "__main__":
    main()
