#!/usr/bin/env bash
# The main pages under load, against a trivial route in the same run: builds release,
# serves the demo on 127.0.0.1 on SQLite and then on PostgreSQL, and for each page prints
# req/s, p50 and p99 at 64 connections (wrk -t2 -c64), the ratio to /healthz's req/s, and
# the server's peak RSS. As the Lạng Sơn cluster's head officer (donvi.lsn.ubkttu) with an
# API token, on its published 2020 year (9 units).
#   bash bench/pages.sh
# Settings (environment):
#   BENCH_DATABASE_URL  an empty PostgreSQL database this script may wipe (its public schema
#                       is dropped and made again); unset, PostgreSQL is skipped
#   DURATION            each wrk run (default 8s); CONNECTIONS (default 64)
#   THIDUA_BIN          a binary to measure instead of building (an older build, say)
# Bounded: every wrk run has its duration, every wait its count; the server is stopped at
# the end of each database's run, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
DURATION=${DURATION:-8s}
CONNECTIONS=${CONNECTIONS:-64}
PORT=${PORT:-18090}
if [[ -z "${THIDUA_BIN:-}" ]]; then
  swift build -c release --product thidua >/dev/null
  THIDUA_BIN=.build/release/thidua
fi
BASE="http://127.0.0.1:$PORT"
SERVER=""
DATA=""
stop() {
  if [[ -n "$SERVER" ]]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  SERVER=""
  if [[ -n "$DATA" ]]; then rm -rf "$DATA"; fi
  DATA=""
}
trap stop EXIT

# One wrk run: "req/s p50 p99" (latencies in ms).
measure() {
  local url=$1 auth=$2
  local args=(-t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency)
  [[ -n "$auth" ]] && args+=(-H "Authorization: Bearer $auth")
  wrk "${args[@]}" "$url" | python3 bench/wrk_summary.py
}

run() {
  local name=$1
  DATA=$(mktemp -d)
  export THIDUA_DATA=$DATA
  "$THIDUA_BIN" serve --demo --hostname 127.0.0.1 --port "$PORT" >"$DATA/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 180); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 1; done
  curl -sf "$BASE/healthz" >/dev/null || { echo "the server did not start:" >&2; tail -20 "$DATA/server.log" >&2; exit 1; }
  local token bloc unit
  token=$("$THIDUA_BIN" token create --user donvi.lsn.ubkttu | tail -1)
  bloc=$(curl -sf -H "Authorization: Bearer $token" "$BASE/api/v1/blocs?q=cum%20thi%20dua&per=50" \
    | python3 -c 'import json,sys; print(next(b["id"] for b in json.load(sys.stdin)["items"] if b["name"].startswith("Cụm thi đua")))')
  unit=$(curl -sf -H "Authorization: Bearer $token" "$BASE/api/v1/units?q=uy%20ban%20kiem%20tra&per=50" \
    | python3 -c 'import json,sys; print(next(u["id"] for u in json.load(sys.stdin)["items"] if u.get("provinceName") == "Lạng Sơn"))')
  local pages=(
    "/healthz|"
    "/khoi/$bloc/nam/2020/xep-hang|ranking page"
    "/api/v1/blocs/$bloc/years/2020/ranking|ranking JSON"
    "/khoi/$bloc/nam/2020/cham-diem/$unit|sheet page"
    "/khoi/$bloc/nam/2020|year page"
    "/khoi/$bloc|bloc page"
    "/don-vi?q=ban|unit list, search «ban»"
    "/|unit officer's home"
    "/api/v1/me|GET /api/v1/me"
  )
  echo "== $name: $THIDUA_BIN, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), wrk -t2 -c$CONNECTIONS -d$DURATION"
  printf '%-28s %9s %9s %9s %8s\n' route "req/s" "p50 ms" "p99 ms" "÷healthz"
  local floor=""
  for entry in "${pages[@]}"; do
    local path=${entry%%|*} label=${entry#*|} auth=$token
    [[ -z "$label" ]] && { label=/healthz; auth=""; }
    local status
    status=$(curl -s -o /dev/null -w '%{http_code}' ${auth:+-H "Authorization: Bearer $auth"} "$BASE$path")
    [[ "$status" == 200 ]] || { echo "$label answered $status" >&2; exit 1; }
    read -r rps p50 p99 errors < <(measure "$BASE$path" "$auth")
    [[ -z "$floor" ]] && floor=$rps
    printf '%-28s %9.1f %9.1f %9.1f %8s%s\n' "$label" "$rps" "$p50" "$p99" \
      "$(python3 -c "print(f'{$rps / $floor:.2f}')")" "$([[ "$errors" != 0 ]] && echo "  ($errors non-2xx or timed out)")"
  done
  echo "server peak RSS: $(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$SERVER/status")"
  stop
}

source bench/databases.sh   # the working folder is the repository's (cd above)
on_each_database
