#!/usr/bin/env bash
# Times `db copy` of a generated SQLite database into a new, empty
# PostgreSQL schema (issue 11 finding 16: it must grow linearly).
#
#   testdata/bench/copy_pg.sh CLIENTS [EPICEVENTS_BINARY]
#
# Generates CLIENTS clients (3 contracts and 3 events each on average) with
# cmd/benchgen unless /tmp/epicevents-copy-CLIENTS.db exists, then copies
# it into a schema of $EPICEVENTS_TEST_POSTGRES (dropped afterwards) and
# prints the copy's wall time.
set -euo pipefail
cd "$(dirname "$0")/../.."
clients=${1:?usage: copy_pg.sh CLIENTS [BINARY]}
bin=${2:-}
base=${EPICEVENTS_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/test?sslmode=disable}
src=${EPICEVENTS_COPY_SRC:-/tmp/epicevents-copy-$clients.db}
if [ -z "$bin" ]; then
	bin=$(mktemp -d)/epicevents
	go build -o "$bin" .
fi
[ -e "$src" ] || go run ./cmd/benchgen -clients "$clients" -db "$src"
schema=ee_copy_$$
psql "$base" -qc "CREATE SCHEMA $schema"
trap 'psql "$base" -qc "SET client_min_messages = warning; DROP SCHEMA $schema CASCADE"' EXIT
sep='?'; case $base in *\?*) sep='&';; esac
to="$base${sep}search_path=$schema"
home=$(mktemp -d)
export EPICEVENTS_HOME=$home EPICEVENTS_PASSWORD=epicevents-bench
"$bin" --db "$src" login manager1 >/dev/null 2>&1
start=$(date +%s.%N)
"$bin" --db "$src" db copy --to "$to"
end=$(date +%s.%N)
echo "db copy of $clients clients to PostgreSQL: $(echo "$end - $start" | bc) s"
rm -rf "$home"
