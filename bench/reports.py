#!/usr/bin/env python3
"""The year-end report and the ranking table of a province-sized year (issue 15, Benchmark).

    python3 bench/reports.py [--config release|debug] [--units 700] [--rounds 5] [--postgres URL] [--binary PATH]

Builds `thidua`, serves the demo on 127.0.0.1 from a new data folder and, through the API and
the CLI only (e2e/ballot_room.py, as a province would), makes a bloc of UNITS member units
(700: a province's units, as bench/eligibility.sh's sample province), signs their pact,
scores and finalises every sheet and publishes the ranking. Then, one request at a time,
ROUNDS times each, it downloads what the head's officer prints: the year-end report (DOCX,
API), its tables (XLSX, API), the ranking table (XLSX, API; DOCX, page), and the ranking JSON
and /healthz as yardsticks of the same run. Prints the median and the slowest time of each,
the file's size, checks that each file opens (python-docx, openpyxl) with a line per unit,
and the server's peak RSS (VmHWM). With --postgres, the same on that database, dropped and
created anew first (its name must start with thidua_bench_). Bounded: every request has a
time-out and the server is stopped at the end, whatever happens."""
import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TIMEOUT = 300  # seconds per request


def fetch(base, path, token):
    request = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token} if token else {})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        body = response.read()
        status = response.status
    return status, body, time.perf_counter() - started


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def docx_rows(data):
    import docx
    document = docx.Document(io.BytesIO(data))
    return max((len(table.rows) for table in document.tables), default=0)


def xlsx_rows(data, sheet=None):
    import openpyxl
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return max(sum(1 for _ in ws.iter_rows()) for ws in ([book[sheet]] if sheet else book.worksheets))


def run(label, env, units, rounds):
    from ballot_room import Room
    from conftest import start_server, stop_server

    print(f"== {label}: serving the demo on 127.0.0.1, making a bloc of {units} units and publishing its ranking", flush=True)
    proc, base, _ = start_server(env, "--demo")
    try:
        started = time.perf_counter()
        room = Room(base, env, units, label="Khối đo báo cáo", voters=False, publish=True)
        print(f"   set up in {time.perf_counter() - started:.0f} s (year {room.year_path})", flush=True)
        page = room.year_path.replace("/api/v1/blocs/", "/khoi/").replace("/years/", "/nam/")
        downloads = [
            ("GET /healthz (yardstick)", "/healthz", None, None),
            ("ranking JSON (yardstick)", room.year_path + "/ranking", None, None),
            ("year-end report, DOCX", room.year_path + "/reports/annual/document", "docx", None),
            ("year-end report's tables, XLSX", room.year_path + "/reports/annual/spreadsheet", "xlsx", "Xếp hạng"),
            ("ranking table, XLSX", room.year_path + "/ranking/spreadsheet", "xlsx", None),
            ("ranking table, DOCX (page)", page + "/xep-hang/xep-hang.docx", "docx", None),
        ]
        for name, path, kind, sheet in downloads:
            times, body = [], b""
            for _ in range(rounds):
                status, body, seconds = fetch(base, path, None if path == "/healthz" else room.head_token)
                assert status == 200, (path, status)
                times.append(seconds)
            lines = ""
            if kind == "docx":
                lines = f", its largest table {docx_rows(body)} rows"
            elif kind == "xlsx":
                lines = f", {xlsx_rows(body, sheet)} rows{' in «' + sheet + '»' if sheet else ''}"
            print(f"   {name}: median {statistics.median(times) * 1000:.0f} ms, slowest {max(times) * 1000:.0f} ms, "
                  f"{len(body) / 1024:.0f} KB{lines}", flush=True)
        print(f"   server peak RSS: {peak_rss_mb(proc.pid):.0f} MB")
    finally:
        stop_server(proc)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", choices=["release", "debug"], default="release")
    parser.add_argument("--units", type=int, default=700, choices=range(10, 2001), metavar="10…2000")
    parser.add_argument("--rounds", type=int, default=5, choices=range(1, 51), metavar="1…50")
    parser.add_argument("--postgres", help="postgres://thidua:thidua@127.0.0.1:5432/thidua_bench_reports")
    parser.add_argument("--binary", help="a thidua binary already built, instead of building one")
    options = parser.parse_args()

    if not options.binary:
        subprocess.run(["swift", "build", "-c", options.config, "--product", "thidua"], cwd=ROOT, check=True)
    os.environ["THIDUA_BIN"] = options.binary or os.path.join(ROOT, ".build", options.config, "thidua")
    sys.path.insert(0, os.path.join(ROOT, "e2e"))
    print(f"ThiDua reports benchmark — {options.binary or options.config + ' build'}, {os.cpu_count()} cores, "
          f"{options.units} units, {options.rounds} rounds", flush=True)
    env = dict(os.environ, THIDUA_DATA=tempfile.mkdtemp(prefix="thidua-bench-reports-"))
    env.pop("DATABASE_URL", None)
    run("SQLite", env, options.units, options.rounds)
    if options.postgres:
        from ballots import fresh_postgres  # the same rule: only a thidua_bench_ database is dropped
        fresh_postgres(options.postgres)
        env = dict(os.environ, THIDUA_DATA=tempfile.mkdtemp(prefix="thidua-bench-reports-pg-"), DATABASE_URL=options.postgres)
        run("PostgreSQL", env, options.units, options.rounds)


if __name__ == "__main__":
    main()
