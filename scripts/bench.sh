#!/usr/bin/env bash
# bench.sh: Dossier's benchmarks in one run, printed as one table, with
# Oxigraph (npm package oxigraph, run with Node) beside Dossier on the
# same N-Quads and the same SPARQL questions.
#
#   scripts/bench.sh                 # the full run (about half an hour on 2 cores)
#   QUICK=1 scripts/bench.sh         # small sizes, a few minutes, to try the script
#
# Settings (environment):
#   SIZES=100000,1000000   load sizes in quads
#   QUERY_QUADS=1000000    size of the store the queries are asked of
#   DOCS=10000             documents of the generated archive the full build reads
#   POSTGRES=1             also load into PostgreSQL (a throwaway server from
#                          Debian's postgresql package, scripts/postgres.sh);
#                          POSTGRES=0 skips it
#   WORK=DIR               where data and stores go (default: a temporary folder)
#
# It prints a Markdown table on stdout (progress on stderr) and leaves the
# raw results in $WORK/results.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${QUICK:-0}" = 1 ]; then
  SIZES=${SIZES:-20000,100000}
  QUERY_QUADS=${QUERY_QUADS:-100000}
  DOCS=${DOCS:-300}
else
  SIZES=${SIZES:-100000,1000000}
  QUERY_QUADS=${QUERY_QUADS:-1000000}
  DOCS=${DOCS:-10000}
fi
POSTGRES=${POSTGRES:-1}
own_work=0
if [ -z "${WORK:-}" ]; then
  WORK=$(mktemp -d)
  own_work=1
fi
mkdir -p "$WORK/results"
R=$WORK/results
log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
pgdir=""
cleanup() {
  [ -n "$pgdir" ] && scripts/postgres.sh stop "$pgdir" >/dev/null 2>&1 || true
  if [ "$own_work" = 1 ]; then rm -rf "$WORK/data" "$WORK/archive" "$WORK"/*.db; fi
}
trap cleanup EXIT

log "machine"
{
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
  echo "cores: $(nproc)"
  echo "memory: $(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
  dev=$(df --output=source "$WORK" | tail -1)
  echo "disk: $(df -h --output=size,fstype "$WORK" | tail -1 | xargs) on $dev, rotational=$(cat /sys/block/"$(basename "$(readlink -f "$dev")" | sed 's/[0-9]*$//')"/queue/rotational 2>/dev/null || echo '?')"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "go: $(go env GOVERSION), node: $(node --version)"
} > "$R/machine.txt"

log "building dossier"
go build -o "$WORK/dossier" ./cmd/dossier
if [ ! -d scripts/bench/node_modules/oxigraph ]; then
  log "installing oxigraph (npm, into scripts/bench/node_modules)"
  (cd scripts/bench && npm ci --no-audit --no-fund --silent)
fi
echo "oxigraph: $(node -p "require('./scripts/bench/node_modules/oxigraph/package.json').version")" >> "$R/machine.txt"

log "extraction (go test ./extract -bench Extract)"
go test ./extract -run '^$' -bench '^BenchmarkExtract$' -cpu 1 -benchtime 3x > "$R/extract-1.txt"
go test ./extract -run '^$' -bench '^BenchmarkExtractParallel$' -benchtime 20x > "$R/extract-all.txt"

log "data: generated archive, extracted and mapped, as N-Quads ($SIZES; queries at $QUERY_QUADS)"
go run ./bench/benchdata -out "$WORK/data" -sizes "$SIZES" -query-quads "$QUERY_QUADS"

stores=memory,bolt
if [ "$POSTGRES" = 1 ]; then
  pgdir="$WORK/pg"
  scripts/postgres.sh start "$pgdir" 54339 >/dev/null
  export DOSSIER_TEST_POSTGRES=$(scripts/postgres.sh fresh "$pgdir" bench 54339)
  stores=memory,bolt,postgres
fi

log "Dossier: load into $stores"
DOSSIER_BENCH_STORES=$stores DOSSIER_BENCH_SIZES=$SIZES \
  go test ./bench -run '^$' -bench '^BenchmarkLoad$' -benchtime 1x -timeout 3h > "$R/load.txt"
log "Dossier: queries at $QUERY_QUADS quads (memory, bolt)"
DOSSIER_BENCH_STORES=memory,bolt DOSSIER_BENCH_QUERY_QUADS=$QUERY_QUADS \
  go test ./bench -run '^$' -bench '^BenchmarkQuery$' -benchtime 1x -timeout 3h > "$R/query.txt"
log "Oxigraph: load and the same SPARQL questions"
node scripts/bench/oxigraph.js "$WORK/data" "$SIZES" "$QUERY_QUADS" > "$R/oxigraph.jsonl"

log "full build of a generated archive of $DOCS documents into bolt"
"$WORK/dossier" gen --docs "$DOCS" --seed 1 --out "$WORK/archive" > "$R/gen.txt"
scripts/bench/peakmem.sh "$R/build-mem.json" "$WORK/dossier" --store "$WORK/build.db" build "$WORK/archive" > "$R/build.txt"
"$WORK/dossier" --store "$WORK/build.db" stats --json > "$R/build-stats.json"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$R/machine.txt"

python3 scripts/bench/table.py "$R"
