#!/usr/bin/env bash
# Eligibility checks per second as the history grows from a province's size to the nation's.
# Builds release, writes one sample province (700 units of 105 people, their ratings,
# initiatives, discipline and about four awards each: `thidua sample-history`), serves it
# on 127.0.0.1 and measures GET …/eligibility for sample people (CSTĐCS) and units (Tập thể
# lao động xuất sắc) as that province's TĐKT officer; then adds provinces up to PROVINCES
# (default 34: 2.5 million people, 10 million award records) and measures the same checks
# again. Prints checks/s, p50 and p99 per size with /healthz measured in the same window, the
# checks' ratio to it, how that ratio moves from province to nation (1.00 is flat), the
# database's size and the server's peak RSS. SQLite, then PostgreSQL.
#   bash bench/eligibility.sh
# Settings (environment):
#   BENCH_DATABASE_URL  an empty PostgreSQL database this script may wipe; unset, skipped
#   PROVINCES (34), UNITS (700), PEOPLE (105 per unit); DURATION (10s), CONNECTIONS (16),
#   ROUNDS (3: the median is printed); DATABASES ("sqlite postgresql", or one of them);
#   THIDUA_BIN a binary to measure instead of building;
#   BENCH_DIR where the SQLite data goes (default a temporary directory, removed at the end)
# Bounded: every wrk run has its duration, every wait its count; the server is stopped at
# the end, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
PROVINCES=${PROVINCES:-34}
UNITS=${UNITS:-700}
PEOPLE=${PEOPLE:-105}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
ROUNDS=${ROUNDS:-3}
DATABASES=${DATABASES:-sqlite postgresql}
PORT=${PORT:-18091}
if [[ -z "${THIDUA_BIN:-}" ]]; then
  swift build -c release --product thidua >/dev/null
  THIDUA_BIN=.build/release/thidua
fi
THIDUA_BIN=$(realpath "$THIDUA_BIN")
BASE="http://127.0.0.1:$PORT"
SERVER=""
WORK=$(mktemp -d)
KEEP=${BENCH_DIR:+yes}
stop() {
  if [[ -n "$SERVER" ]]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  SERVER=""
}
cleanup() { stop; rm -rf "$WORK"; }
trap cleanup EXIT

start() {
  "$THIDUA_BIN" serve --hostname 127.0.0.1 --port "$PORT" >"$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 300); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 1; done
  curl -sf "$BASE/healthz" >/dev/null || { echo "the server did not start:" >&2; tail -20 "$WORK/server.log" >&2; exit 1; }
}

# One wrk run of the checks: "checks/s p50 p99 errors" (latencies in ms).
measure() {
  IDS=$WORK/ids.txt KIND=$1 AWARD=$2 TOKEN=$TOKEN \
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s bench/eligibility.lua "$BASE" | python3 bench/wrk_summary.py
}

# The median of ROUNDS runs (by checks/s) of one kind of check: "checks/s p50 p99 errors".
median() {
  local runs=()
  for _ in $(seq 1 "$ROUNDS"); do runs+=("$(measure "$1" "$2")"); done
  printf '%s\n' "${runs[@]}" | sort -g -k1 | sed -n "$(( (ROUNDS + 1) / 2 ))p"
}

# Measures /healthz and both kinds at the current size and prints one line each, with the
# checks' ratio to /healthz in the same window (the machine's load changes between sizes).
report() {
  local label=$1
  start
  read -r floor p50 p99 errors < <(IDS=/dev/null wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency "$BASE/healthz" | python3 bench/wrk_summary.py)
  printf '%-10s %-7s %9.1f %9.1f %9.1f\n' "$label" /healthz "$floor" "$p50" "$p99"
  for kind in "person cstdcs" "unit ttldxs"; do
    read -r k award <<<"$kind"
    local sample
    sample=$(grep -m1 "^$k " "$WORK/ids.txt" | cut -d' ' -f2)
    local status
    status=$(curl -s -o "$WORK/check.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
      "$BASE/api/v1/$([[ $k == person ]] && echo people || echo units)/$sample/eligibility?award=$award")
    [[ "$status" == 200 ]] || { echo "a $k check answered $status: $(cat "$WORK/check.json")" >&2; exit 1; }
    read -r rps p50 p99 errors < <(median "$k" "$award")
    RESULTS["$label $k"]=$(python3 -c "print($rps / $floor)")
    printf '%-10s %-7s %9.1f %9.1f %9.1f %8.3f%s\n' "$label" "$k" "$rps" "$p50" "$p99" "${RESULTS["$label $k"]}" \
      "$([[ "$errors" != 0 ]] && echo "  ($errors non-2xx or timed out)")"
  done
  echo "           server peak RSS: $(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$SERVER/status")"
  stop
}

run() {
  local name=$1
  declare -gA RESULTS=()
  echo "== $name: $THIDUA_BIN, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), wrk -t2 -c$CONNECTIONS -d$DURATION, median of $ROUNDS"
  "$THIDUA_BIN" migrate >/dev/null 2>&1
  local started=$SECONDS
  "$THIDUA_BIN" sample-history --provinces 1 --units "$UNITS" --people "$PEOPLE" --samples "$WORK/ids.txt" 2>&1 | tail -1
  echo "           written in $((SECONDS - started)) s"
  "$THIDUA_BIN" user create --username bench.tinh --role provincial_officer --scope MAU01 >/dev/null 2>&1
  TOKEN=$("$THIDUA_BIN" token create --user bench.tinh | tail -1)
  printf '%-10s %-7s %9s %9s %9s %8s\n' size check "checks/s" "p50 ms" "p99 ms" "÷healthz"
  report province
  if (( PROVINCES > 1 )); then
    started=$SECONDS
    "$THIDUA_BIN" sample-history --provinces $((PROVINCES - 1)) --units "$UNITS" --people "$PEOPLE" 2>&1 | tail -1
    echo "           written in $((SECONDS - started)) s; database: $(dbsize)"
    report national
    for k in person unit; do
      echo "           $k checks (÷ /healthz), national ÷ province: $(python3 -c "print(f'{${RESULTS[national $k]} / ${RESULTS[province $k]}:.2f}')")"
    done
  fi
}

DATA_DIR=${BENCH_DIR:-$WORK/data}
mkdir -p "$DATA_DIR"
export THIDUA_DATA=$DATA_DIR
unset DATABASE_URL
if [[ " $DATABASES " == *" sqlite "* ]]; then
  rm -f "$DATA_DIR/thidua.sqlite"*
  dbsize() { du -sh "$DATA_DIR/thidua.sqlite" | cut -f1; }
  run SQLite
  if [[ -z "$KEEP" ]]; then rm -f "$DATA_DIR/thidua.sqlite"*; fi
fi
if [[ " $DATABASES " != *" postgresql "* ]]; then
  :
elif [[ -n "${BENCH_DATABASE_URL:-}" ]]; then
  PGOPTIONS=--client-min-messages=warning psql -q -v ON_ERROR_STOP=1 "$BENCH_DATABASE_URL" -c 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;' >/dev/null
  export DATABASE_URL=$BENCH_DATABASE_URL
  dbsize() { psql -tA "$BENCH_DATABASE_URL" -c 'SELECT pg_size_pretty(pg_database_size(current_database()))'; }
  run PostgreSQL
else
  echo "== PostgreSQL skipped: set BENCH_DATABASE_URL to an empty database this script may wipe"
fi
