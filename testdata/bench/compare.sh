#!/usr/bin/env bash
# compare.sh times epicevents side by side with the sqlite3 shell on a
# generated database (cmd/benchgen), and prints the medians and the ratio
# epicevents / sqlite3 of each pair, with the targets of issue 6.
#
#   testdata/bench/compare.sh                   # 100,000 clients, 10 runs each
#   CLIENTS=10000 RUNS=5 testdata/bench/compare.sh
#   WORK=/tmp/cmp KEEP_DB=1 testdata/bench/compare.sh   # reuse WORK's database
#
# It installs sqlite3, hyperfine, time and python3 from Debian when they are
# missing (as root), builds the binary, generates the database, then runs:
#   0. the matrix of issue 12 (testdata/bench/matrix.tsv, matrix.py): every
#      named filter of every list, per role, beside the fastest SQL for the
#      same rows, per command in a batch and one-shot, in CPU time
#   1. contract list --unpaid --count       vs SELECT count(*)        (same number)
#   2. event list --no-support --limit 50   vs sqlite3 -json          (same records)
#   3. event list, all events as CSV        vs sqlite3 -csv, same join (same rows), with peak memory
#   4. 3,000 client create in one batch     vs 3,000 INSERT transactions, WAL, synchronous=NORMAL
#   5. start-up: --version, -c whoami, and the first prompt in a pseudo-terminal
# Results go to stdout and to $WORK/results.md.
set -euo pipefail
cd "$(dirname "$0")/../.."

CLIENTS=${CLIENTS:-100000}
RUNS=${RUNS:-10}
BATCH=${BATCH:-3000}
MATRIX_BATCH=${MATRIX_BATCH:-20}
WORK=${WORK:-$(mktemp -d /tmp/epicevents-compare.XXXXXX)}
mkdir -p "$WORK"

need=()
command -v sqlite3 >/dev/null || need+=(sqlite3)
command -v hyperfine >/dev/null || need+=(hyperfine)
[ -x /usr/bin/time ] || need+=(time)
command -v python3 >/dev/null || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
	echo "== installing ${need[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

echo "== machine"
echo "$(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/^Mem/ {print $2}') GiB"
echo "$(go version), $(sqlite3 --version | cut -d' ' -f1-2), $(hyperfine --version)"

echo "== build"
go build -o "$WORK/epicevents" .
go build -o "$WORK/benchgen" ./cmd/benchgen
EE=$WORK/epicevents
DB=$WORK/bench-$CLIENTS.db

if [ -z "${KEEP_DB:-}" ] || [ ! -f "$DB" ]; then
	echo "== generate $CLIENTS clients"
	rm -f "$DB" "$DB-wal" "$DB-shm"
	gen_start=$(date +%s.%N)
	"$WORK/benchgen" -clients "$CLIENTS" -db "$DB"
	gen_secs=$(python3 -c "print(round($(date +%s.%N) - $gen_start, 1))")
	echo "generated in ${gen_secs}s"
else
	gen_secs="(kept)"
fi
ls -l "$DB" | awk '{printf "database: %.0f MiB\n", $5/1048576}'

# Each epicevents run is logged in: a session file in EPICEVENTS_HOME.
export SECRET_KEY=compare-sh-throwaway-key-0123456789
export DATABASE_URL=$DB NO_COLOR=1 TZ=UTC
HOME_MANAGER=$WORK/home-manager1
HOME_SALES=$WORK/home-sales1
for user in manager1 sales1 support1; do
	rm -rf "$WORK/home-$user"
	EPICEVENTS_HOME=$WORK/home-$user EPICEVENTS_PASSWORD=epicevents-bench "$EE" login $user
done
export EPICEVENTS_HOME=$HOME_MANAGER

echo
echo "== 0. the matrix (CPU time; $RUNS runs, batches of $MATRIX_BATCH)"
python3 testdata/bench/matrix.py --best --db "$DB" --home-dir "$WORK" --runs "$RUNS" --batch "$MATRIX_BATCH" "$EE" |
	tee "$WORK/matrix.md"

# hyperfine NAME COMMAND...: medians in $WORK/NAME.json
bench() {
	local name=$1
	shift
	hyperfine -N --style basic --warmup 2 --runs "$RUNS" --export-json "$WORK/$name.json" "$@" | grep -E "Benchmark|Time"
}

echo
echo "== 1. count of unpaid contracts"
COUNT_SQL="SELECT count(*) FROM contracts WHERE amount_due > 0"
a=$("$EE" -c 'contract list --unpaid --count')
b=$(sqlite3 "$DB" "$COUNT_SQL")
echo "epicevents: $a  sqlite3: $b"
[ "$a" = "$b" ] || { echo "error: the counts differ"; exit 1; }
bench count "$EE -c 'contract list --unpaid --count'" "sqlite3 $DB '$COUNT_SQL'"

# The events as epicevents prints them, keys and formats included.
EVENT_SELECT="SELECT e.id AS id, e.name AS name, e.contract_id AS contract_id, k.client_id AS client_id,
 c.first_name || ' ' || c.last_name AS client_name, c.email AS client_email, c.phone AS client_phone,
 e.support_contact_id AS support_contact_id, p.username AS support_contact,
 strftime('%Y-%m-%dT%H:%M:%SZ', e.event_start) AS event_start, strftime('%Y-%m-%dT%H:%M:%SZ', e.event_end) AS event_end,
 e.location AS location, e.attendees AS attendees, e.notes AS notes,
 strftime('%Y-%m-%dT%H:%M:%SZ', e.created_at) AS created_at, strftime('%Y-%m-%dT%H:%M:%SZ', e.updated_at) AS updated_at
 FROM events e JOIN contracts k ON k.id = e.contract_id JOIN clients c ON c.id = k.client_id
 LEFT JOIN collaborators p ON p.id = e.support_contact_id"
EVENT_SELECT=$(echo "$EVENT_SELECT" | tr '\n' ' ')
NOSUP_SQL="$EVENT_SELECT WHERE e.support_contact_id IS NULL ORDER BY e.id LIMIT 50"
ALL_SQL="$EVENT_SELECT ORDER BY e.id"

echo
echo "== 2. events without support, first 50, JSON"
"$EE" --format json -c 'event list --no-support --limit 50' >"$WORK/nosup.ee.json"
sqlite3 -json "$DB" "$NOSUP_SQL" >"$WORK/nosup.sq.json"
python3 - "$WORK/nosup.ee.json" "$WORK/nosup.sq.json" <<'EOF'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
if a != b or len(a) != 50:
    sys.exit("error: the JSON records differ (%d and %d records)" % (len(a), len(b)))
print("same 50 records")
EOF
bench nosupport "$EE --format json -c 'event list --no-support --limit 50'" "sqlite3 -json $DB \"$NOSUP_SQL\""

echo
echo "== 3. every event as CSV"
/usr/bin/time -f "%M" -o "$WORK/export.ee.mem" "$EE" --format csv -c 'event list' >"$WORK/export.ee.csv"
/usr/bin/time -f "%M" -o "$WORK/export.sq.mem" sqlite3 -csv -header "$DB" "$ALL_SQL" >"$WORK/export.sq.csv"
python3 - "$WORK/export.ee.csv" "$WORK/export.sq.csv" <<'EOF'
import csv, sys
a, b = (list(csv.reader(open(p, newline=""))) for p in sys.argv[1:3])
if a != b:
    sys.exit("error: the CSV rows differ (%d and %d rows)" % (len(a), len(b)))
print("same %d rows" % (len(a) - 1))
EOF
rm -f "$WORK/export.ee.csv" "$WORK/export.sq.csv"
bench export "$EE --format csv -c 'event list'" "sqlite3 -csv -header $DB \"$ALL_SQL\""
for _ in 1 2; do # more samples of the peak memory
	/usr/bin/time -f "%M" -a -o "$WORK/export.ee.mem" "$EE" --format csv -c 'event list' >/dev/null
	/usr/bin/time -f "%M" -a -o "$WORK/export.sq.mem" sqlite3 -csv -header "$DB" "$ALL_SQL" >/dev/null
done
mem_ee=$(sort -n "$WORK/export.ee.mem" | tail -1)
mem_sq=$(sort -n "$WORK/export.sq.mem" | tail -1)
echo "peak memory: epicevents $((mem_ee / 1024)) MiB, sqlite3 $((mem_sq / 1024)) MiB"

echo
echo "== 4. a batch of $BATCH client create"
# batch.sql: the single-row INSERT transactions of the issue; batch-audit.sql:
# the same writes as epicevents' client create (the client and its audit
# entry), for reference.
python3 - "$BATCH" "$WORK/batch.txt" "$WORK/batch.sql" "$WORK/batch-audit.sql" <<'EOF'
import sys
n, ee, sq, sqa = int(sys.argv[1]), open(sys.argv[2], "w"), open(sys.argv[3], "w"), open(sys.argv[4], "w")
for f in (sq, sqa):
    f.write("PRAGMA journal_mode=WAL;\nPRAGMA synchronous=NORMAL;\nPRAGMA foreign_keys=ON;\nPRAGMA busy_timeout=10000;\n")
for i in range(n):
    phone = "+33 6 %02d %02d %02d 00" % (i // 10000 % 100, i // 100 % 100, i % 100)
    ee.write("client create --first-name Batch --last-name Client%d --email batch%d@ee.example --phone '%s' --company 'Batch Co'\n" % (i, i, phone))
    insert = ("INSERT INTO clients (first_name, last_name, email, phone, company_name, sales_contact_id, created_at, updated_at) "
              "VALUES ('Batch', 'Client%d', 'batch%d@sq.example', '%s', 'Batch Co', 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00');" % (i, i, phone))
    sq.write("BEGIN IMMEDIATE; %s COMMIT;\n" % insert)
    sqa.write("BEGIN IMMEDIATE; %s INSERT INTO audit (at, actor_id, actor, action, entity, entity_id, changes) "
              "VALUES ('2026-01-01 00:00:00', 1, 'sales1', 'create', 'client', last_insert_rowid(), "
              "'{\"email\":[null,\"batch%d@sq.example\"]}'); COMMIT;\n" % (insert, i))
EOF
RUN_DB=$WORK/run.db
fresh="cp $DB $RUN_DB && rm -f $RUN_DB-wal $RUN_DB-shm"
for tool in ee sq; do
	sh -c "$fresh"
	before=$(sqlite3 "$RUN_DB" "SELECT count(*) FROM clients")
	if [ $tool = ee ]; then
		EPICEVENTS_HOME=$HOME_SALES DATABASE_URL=$RUN_DB "$EE" --format csv -f "$WORK/batch.txt" >/dev/null
	else
		sqlite3 "$RUN_DB" ".read $WORK/batch.sql" >/dev/null
	fi
	after=$(sqlite3 "$RUN_DB" "SELECT count(*) FROM clients")
	[ $((after - before)) -eq "$BATCH" ] || { echo "error: $tool created $((after - before)) clients"; exit 1; }
done
echo "both created $BATCH clients, each in its own transaction"
(
	export EPICEVENTS_HOME=$HOME_SALES DATABASE_URL=$RUN_DB
	bench batch --prepare "sh -c '$fresh'" "$EE --format csv -f $WORK/batch.txt" "sqlite3 $RUN_DB '.read $WORK/batch.sql'" \
		"sqlite3 $RUN_DB '.read $WORK/batch-audit.sql'"
)

echo
echo "== 5. start-up"
bench startup "$EE --version" "$EE -c whoami" "sqlite3 $DB 'SELECT 1'"
python3 - "$EE" "$RUNS" >"$WORK/prompt.txt" <<'EOF'
import os, pty, select, statistics, sys, time
exe, runs = sys.argv[1], int(sys.argv[2])
def once():
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(exe, [exe])
    out = b""
    while b"> " not in out:
        r, _, _ = select.select([fd], [], [], 10)
        if not r:
            raise SystemExit("no prompt after 10 s: %r" % out)
        out += os.read(fd, 4096)
    took = time.perf_counter() - start
    os.write(fd, b"\x04")  # Ctrl-D leaves the shell
    try:
        while os.read(fd, 4096):
            pass
    except OSError:
        pass
    os.waitpid(pid, 0)
    return took
once()
times = [once() for _ in range(runs)]
print("%.2f" % (statistics.median(times) * 1000))
EOF
echo "first prompt in a pseudo-terminal: median $(cat "$WORK/prompt.txt") ms"

echo
echo "== results"
python3 - "$WORK" "$gen_secs" "$CLIENTS" "$((mem_ee / 1024))" "$((mem_sq / 1024))" "$(cat "$WORK/prompt.txt")" "$BATCH" <<'EOF' | tee "$WORK/results.md"
import json, sys
work, gen, clients, mem_ee, mem_sq, prompt, batch = sys.argv[1:8]
def medians(name):
    return [r["median"] for r in json.load(open("%s/%s.json" % (work, name)))["results"]]
rows = [
    ("`contract list --unpaid --count`", "count", 2.0),
    ("`--format json event list --no-support --limit 50`", "nosupport", 2.0),
    ("`--format csv event list` (every event)", "export", 1.5),
    ("batch of %s `client create`" % batch, "batch", 2.0),
]
print("| pair | epicevents | sqlite3 | ratio | target |")
print("|---|---:|---:|---:|---|")
def ms(s):
    return "%.1f ms" % (s * 1000) if s < 1 else "%.2f s" % s
for label, name, target in rows:
    ee, sq = medians(name)[:2]
    ratio = ee / sq
    print("| %s | %s | %s | %.2f | <= %.1f %s |" % (label, ms(ee), ms(sq), ratio, target, "ok" if ratio <= target else "MISSED"))
ee, _, sqa = medians("batch")
print("| same batch vs sqlite3 writing what `client create` writes (client + audit row) | %s | %s | %.2f | (reference) |" % (ms(ee), ms(sqa), ee / sqa))
print("| peak memory of the CSV export | %s MiB | %s MiB | | <= 64 MiB %s |" % (mem_ee, mem_sq, "ok" if int(mem_ee) <= 64 else "MISSED"))
v, who, one = medians("startup")
print("| start-up: `--version` / `-c whoami` / `sqlite3 'SELECT 1'` | %s / %s | %s | %.2f (whoami) | |" % (ms(v), ms(who), ms(one), who / one))
print("| start to first prompt (pty) | %s ms | | | < 50 ms %s |" % (prompt, "ok" if float(prompt) < 50 else "MISSED"))
print("| generate %s clients (benchgen) | %s s | | | < 60 s |" % (clients, gen))
EOF
echo "(results in $WORK/results.md and $WORK/matrix.md; hyperfine's JSON in $WORK/*.json)"
