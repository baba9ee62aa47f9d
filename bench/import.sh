#!/usr/bin/env bash
# Import of 100 000 people from XLSX through the CLI (`thidua import people`), the page's and
# the API's path. Writes an XLSX with openpyxl (one person a row with a post in one of the
# demo's Lạng Sơn units), then on an empty database with the demo loaded:
#   preview  `import people FILE --province LSN --dry-run`  (read, convert, check every row)
#   commit   `import people FILE --province LSN`            (the preview, the confirmation's
#            re-check of the kept upload, and the write in one transaction)
# and prints each phase's wall time and the process's peak RSS (/usr/bin/time -v), and the
# rows written. SQLite, then PostgreSQL when BENCH_DATABASE_URL is set.
#   bash bench/import.sh
# Settings (environment):
#   ROWS (100000); THIDUA_BIN a binary to measure instead of building release;
#   BENCH_DATABASE_URL  an empty PostgreSQL database this script may wipe; unset, skipped
# Bounded: one run per phase, the file's size fixed by ROWS.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-100000}
if [[ -z "${THIDUA_BIN:-}" ]]; then
  swift build -c release --product thidua >/dev/null
  THIDUA_BIN=.build/release/thidua
fi
THIDUA_BIN=$(realpath "$THIDUA_BIN")
python3 -c "import openpyxl" 2>/dev/null || { echo "openpyxl is needed: pip install openpyxl" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Runs one phase: "phase  seconds  peak MB", and fails with the command's output if it fails.
phase() {
  local label=$1; shift
  if ! /usr/bin/time -v -o "$WORK/time.txt" "$THIDUA_BIN" "$@" >"$WORK/out.txt" 2>&1; then
    echo "$label failed:" >&2; tail -20 "$WORK/out.txt" >&2; exit 1
  fi
  local seconds peak
  seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$WORK/time.txt")
  peak=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$WORK/time.txt")
  printf '%-8s %8.1f s %8s MB   %s\n' "$label" "$seconds" "$peak" "$(grep -E 'dòng dữ liệu|Đã ghi' "$WORK/out.txt" | tail -1)"
}

run() {
  local name=$1 units
  "$THIDUA_BIN" migrate >/dev/null 2>&1
  "$THIDUA_BIN" demo >/dev/null 2>&1 || true
  units=$(if [[ $name == SQLite ]]; then sqlite3 "$THIDUA_DATA/thidua.sqlite" "$UNITS_QUERY"; else psql -tA "$BENCH_DATABASE_URL" -c "$UNITS_QUERY"; fi)
  [[ -n "$units" ]] || { echo "no Lạng Sơn units in the $name database" >&2; exit 1; }
  local started=$SECONDS
  printf '%s\n' "$units" >"$WORK/units.txt"
  python3 - "$WORK/people.xlsx" "$ROWS" "$WORK/units.txt" <<'PY'
import sys, openpyxl
path, rows = sys.argv[1], int(sys.argv[2])
units = [u.strip() for u in open(sys.argv[3], encoding="utf-8") if u.strip()]
book = openpyxl.Workbook(write_only=True)
sheet = book.create_sheet("Cán bộ")
sheet.append(["Họ và tên", "Giới tính", "Năm sinh", "Đối tượng", "Số định danh cá nhân", "Đơn vị", "Chức vụ", "Từ ngày"])
family = ["Nguyễn", "Trần", "Lê", "Hoàng", "Vi", "Nông", "Lương", "Hà"]
middle = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quang"]
given = ["An", "Bình", "Lan", "Sơn", "Hải", "Hương", "Tùng", "Mai", "Dũng", "Yến"]
for i in range(rows):
    sheet.append([f"{family[i % 8]} {middle[i // 8 % 6]} {given[i // 48 % 10]} {i}", "Nữ" if i % 2 else "Nam", 1960 + i % 40,
                  "Công chức" if i % 3 else "Viên chức", f"{i:012d}", units[i % len(units)], "Chuyên viên", "01/03/2024"])
book.save(path)
PY
  echo "== $name: $ROWS people, $(du -h "$WORK/people.xlsx" | cut -f1) XLSX written in $((SECONDS - started)) s; $THIDUA_BIN, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  printf '%-8s %10s %11s\n' phase time "peak RSS"
  phase preview import people "$WORK/people.xlsx" --province LSN --dry-run
  phase commit import people "$WORK/people.xlsx" --province LSN
  echo "         people in the database: $(if [[ $name == SQLite ]]; then sqlite3 "$THIDUA_DATA/thidua.sqlite" "SELECT count(*) FROM people"; else psql -tA "$BENCH_DATABASE_URL" -c "SELECT count(*) FROM people"; fi)"
}

UNITS_QUERY="SELECT u.short_name FROM units u JOIN provinces p ON p.id = u.province_id WHERE p.code = 'LSN' AND u.valid_from <= '2024-03-01' AND u.valid_to IS NULL ORDER BY u.short_name"
export THIDUA_DATA=$WORK/data
mkdir -p "$THIDUA_DATA"
source bench/databases.sh   # the working folder is the repository's (cd above)
on_each_database
