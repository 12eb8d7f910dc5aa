#!/usr/bin/env bash
# Mutation testing of the core packages with gremlins: each package against
# its own tests, on SQLite. Prints efficacy (killed / (killed + lived)) and
# mutant coverage ((killed + lived) / all mutants) per package, and fails
# when a package is under the thresholds. See docs/mutation.md.
#
#   testdata/mutation.sh                     model security commands query, every mutant
#   testdata/mutation.sh model security      only these packages
#   testdata/mutation.sh --diff REV          only the lines changed since REV (git diff --merge-base
#                                            REV, uncommitted changes included), in the packages they touch
#
# Environment: MUTATION_WORKERS (default 2), MUTATION_TIMEOUT_COEFFICIENT
# (default 20: a mutant's tests may take 20 times the package's normal run
# before they count as timed out), MUTATION_EFFICACY (95), MUTATION_COVERAGE
# (85), GREMLINS (the gremlins binary; installed when missing), MUTATION_OUT
# (a folder that keeps each package's gremlins report and log),
# MUTATION_POSTGRES (a PostgreSQL server on which the mutants that lived on
# SQLite are tested again; default EPICEVENTS_TEST_POSTGRES, empty for none).
set -euo pipefail
cd "$(dirname "$0")/.."

gremlins_version=v0.6.0
core=(model security commands query)
diff_rev=""
pkgs=()
while [ $# -gt 0 ]; do
	case $1 in
	--diff) diff_rev=${2:?--diff needs a git revision}; shift 2 ;;
	--diff=*) diff_rev=${1#--diff=}; shift ;;
	-h | --help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	-*) echo "mutation.sh: unknown flag $1" >&2; exit 2 ;;
	*) pkgs+=("${1#./}"); shift ;;
	esac
done
[ ${#pkgs[@]} -gt 0 ] || pkgs=("${core[@]}")

if [ -n "$diff_rev" ]; then
	changed=()
	for p in "${pkgs[@]}"; do
		if git diff --merge-base --name-only "$diff_rev" -- "$p/*.go" | grep -qv '_test\.go$'; then
			changed+=("$p")
		fi
	done
	if [ ${#changed[@]} -eq 0 ]; then
		echo "mutation: no code changed in ${pkgs[*]} since $diff_rev"
		exit 0
	fi
	pkgs=("${changed[@]}")
fi

gremlins=${GREMLINS:-$(command -v gremlins || echo "$(go env GOPATH)/bin/gremlins")}
if [ ! -x "$gremlins" ]; then
	echo "mutation: installing gremlins $gremlins_version"
	go install "github.com/go-gremlins/gremlins/cmd/gremlins@$gremlins_version"
	gremlins=$(go env GOPATH)/bin/gremlins
fi

# MUTATION_OUT keeps the reports (PKG.json, PKG.log) in that folder.
if [ -n "${MUTATION_OUT:-}" ]; then
	work=$MUTATION_OUT
	rm -rf "$work/module" "$work/bin"
	mkdir -p "$work"
else
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
fi
# A copy of the module in which the mutants of case clauses, which gremlins
# cannot see covered, are tested (testdata/mutation/cases.go).
mkdir "$work/module"
git ls-files -z -co --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$work/module"
go build -o "$work/report" ./testdata/mutation
# gremlins names a mutant's file relative to its package, and reads
# "git diff --merge-base REV", which names it relative to the repository:
# with --diff it would find no line changed. Its git gets the package's view.
mkdir "$work/bin"
printf '#!/bin/sh\nexec %s "$@" --relative="$MUTATION_PKG/"\n' "$(command -v git)" >"$work/bin/git"
chmod +x "$work/bin/git"

# Each package on its own tests, on SQLite: the PostgreSQL half of the
# suite takes eight times as long as the SQLite half. The mutants that live
# there are tested again with the PostgreSQL half (query's tests), on the
# server MUTATION_POSTGRES names (by default EPICEVENTS_TEST_POSTGRES; empty:
# none).
pg=${MUTATION_POSTGRES-${EPICEVENTS_TEST_POSTGRES:-}}
unset EPICEVENTS_TEST_POSTGRES EPICEVENTS_TEST_ENGINE
status=0
for p in "${pkgs[@]}"; do
	start=$(date +%s)
	args=(unleash "./$p" --workers "${MUTATION_WORKERS:-2}"
		--timeout-coefficient "${MUTATION_TIMEOUT_COEFFICIENT:-20}" -o "$work/$p.json")
	[ -z "$diff_rev" ] || args+=(--diff "$diff_rev")
	if ! PATH="$work/bin:$PATH" MUTATION_PKG=$p nice -n 15 "$gremlins" "${args[@]}" >"$work/$p.log" 2>&1; then
		cat "$work/$p.log"
		echo "mutation: gremlins failed on $p"
		status=1
		continue
	fi
	"$work/report" -pkg "$p" -json "$work/$p.json" -workdir "$work/module" -postgres "$pg" \
		-efficacy "${MUTATION_EFFICACY:-95}" -coverage "${MUTATION_COVERAGE:-85}" || status=1
	echo "          ($p: $(($(date +%s) - start)) s)"
done
exit $status
