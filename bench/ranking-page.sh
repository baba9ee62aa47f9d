#!/usr/bin/env bash
# The page that shows a bloc's ranking (the demo's Lạng Sơn cluster, 2020, 9 units), under
# wrk on loopback: 2 threads, 10 connections, 20 s, as the head's officer with an API token.
#   bash bench/ranking-page.sh [debug|release]
# Bounded: the server is stopped at the end, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG=${1:-release}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
swift build -c "$CONFIG" --product thidua >/dev/null
BIN=.build/$CONFIG/thidua
DATA=$(mktemp -d)
PORT=18089
export THIDUA_DATA=$DATA
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$DATA"' EXIT
$BIN serve --demo --hostname 127.0.0.1 --port $PORT >"$DATA/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 1; done
TOKEN=$($BIN token create --user donvi.lsn.ubkttu | tail -1)
BLOC=$(curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/blocs?q=cum%20thi%20dua&per=50" \
  | python3 -c 'import json,sys; print(next(b["id"] for b in json.load(sys.stdin)["items"] if b["name"].startswith("Cụm thi đua")))')
URL="http://127.0.0.1:$PORT/khoi/$BLOC/nam/2020/xep-hang"
curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "$URL"
echo "== $CONFIG build, GET /khoi/{bloc}/nam/2020/xep-hang (HTML with SVG), $(nproc) cores"
wrk -t2 -c10 -d20s -H "Authorization: Bearer $TOKEN" "$URL"
echo "== the same ranking as JSON: GET /api/v1/blocs/{bloc}/years/2020/ranking"
wrk -t2 -c10 -d20s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/blocs/$BLOC/years/2020/ranking"
