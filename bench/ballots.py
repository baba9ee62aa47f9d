#!/usr/bin/env python3
"""Secret ballots per second over HTTP on loopback, against the raw durable insert rate of
the same database on this machine (issue 13, Benchmark).

    python3 bench/ballots.py [--config release|debug] [--voters 200] [--postgres URL] [--binary PATH]

Builds `thidua` (swift build -c CONFIG --product thidua), serves the demo on 127.0.0.1 from a
new data folder, and through the API and the CLI only (as a province would) makes a bloc of
VOTERS member units with a voter account and API token for each, brings its year to the
conference, opens one session; then VOTERS clients (one thread and one keep-alive connection
each, connected beforehand) cast at the same instant. Prints ballots/s, p50 and p99, what
the client itself cost, lost and doubled ballots checked against the bulletin board and the
participations after close, the raw durable insert rate (one transaction per row, VOTERS
rows; SQLite: Python sqlite3, WAL, synchronous=FULL, in the data folder; PostgreSQL: psycopg,
autocommit) and the ratio. With --postgres, the same on that database, which is dropped and
created anew first (`su postgres -c "dropdb/createdb -O thidua"`; its name must start with
thidua_bench_). Needs the e2e tools (pytest, openapi-core: see .ci/run) and, for PostgreSQL,
psycopg (`pip install "psycopg[binary]"`). Bounded: every request has a time-out and the
server is stopped at the end, whatever happens."""
import argparse
import http.client
import json
import os
import resource
import sqlite3
import statistics
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TIMEOUT = 120  # seconds per request and per wait


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def at_once(port, requests):
    """Sends each (method, path, token, body) on its own connection, all released together
    from a barrier. Returns (statuses, bodies, latencies in s, wall time in s, client CPU s)."""
    count = len(requests)
    connections = [http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT) for _ in range(count)]
    for connection in connections:
        connection.connect()  # before the clock: a voter's phone is already on the network
    barrier = threading.Barrier(count + 1, timeout=TIMEOUT)
    statuses, bodies, latencies = [None] * count, [None] * count, [None] * count

    def run(index):
        method, path, token, body = requests[index]
        headers = {"Authorization": "Bearer " + token}
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        barrier.wait()
        start = time.perf_counter()
        try:
            connections[index].request(method, path, body=payload, headers=headers)
            response = connections[index].getresponse()
            bodies[index] = response.read()
            statuses[index] = response.status
        except Exception as error:  # a reset connection counts as a failure, not a pass
            statuses[index] = f"error: {error}"
        latencies[index] = time.perf_counter() - start

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    barrier.wait()
    cpu, start = cpu_seconds(), time.perf_counter()
    for thread in threads:
        thread.join(TIMEOUT * 2)
    wall, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    for connection in connections:
        connection.close()
    return statuses, bodies, latencies, wall, cpu


def raw_sqlite_rate(folder, rows):
    """Rows per second, one durable transaction each, as the server's ballots are written."""
    path = os.path.join(folder, "raw-insert.sqlite")
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("CREATE TABLE ballots (id BLOB PRIMARY KEY, session_id BLOB NOT NULL, choices TEXT NOT NULL, "
               "receipt_hash TEXT NOT NULL) WITHOUT ROWID")
    start = time.perf_counter()
    for _ in range(rows):
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO ballots VALUES (?, ?, ?, ?)", (os.urandom(16), b"s" * 16, "[]", os.urandom(32).hex()))
        db.execute("COMMIT")
    elapsed = time.perf_counter() - start
    db.close()
    return rows / elapsed


def raw_postgres_rate(url, rows):
    import psycopg
    with psycopg.connect(url, autocommit=True) as db:
        db.execute("CREATE TABLE raw_insert_bench (id uuid PRIMARY KEY, session_id uuid NOT NULL, choices text NOT NULL, "
                   "receipt_hash text NOT NULL)")
        start = time.perf_counter()
        for _ in range(rows):
            db.execute("INSERT INTO raw_insert_bench VALUES (gen_random_uuid(), gen_random_uuid(), '[]', %s)",
                       (os.urandom(32).hex(),))
        elapsed = time.perf_counter() - start
        synchronous = db.execute("SHOW synchronous_commit").fetchone()[0]
        fsync = db.execute("SHOW fsync").fetchone()[0]
        db.execute("DROP TABLE raw_insert_bench")
    return rows / elapsed, f"synchronous_commit={synchronous}, fsync={fsync}"


def fresh_postgres(url):
    name = urllib.parse.urlsplit(url).path.lstrip("/")
    if not name.startswith("thidua_bench_"):
        sys.exit(f"--postgres: the database is dropped first, so its name must start with thidua_bench_ (got {name})")
    subprocess.run(["su", "postgres", "-c", f"dropdb --if-exists {name} && createdb -O thidua {name}"], check=True,
                   timeout=120)


def profiled(pid, output):
    """`perf record` of the server while the votes are cast (`--perf`), or nothing."""
    if not output:
        return None
    recorder = subprocess.Popen(["perf", "record", "-F", "2000", "-g", "-p", str(pid), "-o", output],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)  # perf attaches before the first vote
    return recorder


def run(label, env, voters, perf=None):
    from ballot_room import Room, receipt_hash
    from conftest import start_server, stop_server

    print(f"== {label}: serving the demo on 127.0.0.1, making {voters} units, voters and tokens (API and CLI)", flush=True)
    proc, base, _ = start_server(env, "--demo")
    try:
        started = time.perf_counter()
        room = Room(base, env, voters, label="Khối đo tốc độ bỏ phiếu")
        session = room.open_session()
        print(f"   set up in {time.perf_counter() - started:.0f} s", flush=True)
        port = urllib.parse.urlsplit(base).port

        # Yardsticks, the same clients at once: a trivial authenticated read (what the client
        # and a request cost); the session as a voter reads it (the loading a vote does before
        # its write: the session, its year, bloc, head and members); a token made by each
        # voter (one audited durable write through the write gate, with nothing to load).
        trivial = at_once(port, [("GET", "/api/v1/me", room.voters[unit], None) for unit in room.units])
        checks = at_once(port, [("GET", f"/api/v1/ballots/{session}", room.voters[unit], None) for unit in room.units])
        writes = at_once(port, [("POST", "/api/v1/tokens", room.voters[unit], {"name": "Đo tốc độ"}) for unit in room.units])
        recorder = profiled(proc.pid, perf)
        votes = at_once(port, [("POST", room.vote_path(session), room.voters[unit], room.choice(index))
                               for index, unit in enumerate(room.units)])
        if recorder:
            recorder.send_signal(signal.SIGINT)
            recorder.wait(timeout=60)
            print(f"   perf profile of the casting: {perf} (perf report -i {perf} --no-children)")
        statuses, bodies, latencies, wall, cpu = votes
        receipts = [json.loads(body)["receipt"] for status, body in zip(statuses, bodies) if status == 201]

        closed = room.close(session)
        board = room.bulletin(session)
        lost = len({receipt_hash(code) for code in receipts} - set(board))
        doubled = (len(board) - len(set(board))) + (closed["result"]["electronic"] - closed["turnout"])
        others = {str(status) for status in statuses if status != 201}
        rate = len(receipts) / wall
        print(f"   ballots: {len(receipts)} of {voters} acknowledged (201){'; others: ' + ', '.join(others) if others else ''}")
        print(f"   {rate:.1f} ballots/s over HTTP ({voters} concurrent clients, {wall:.2f} s), "
              f"p50 {percentile(latencies, 0.5) * 1000:.0f} ms, p99 {percentile(latencies, 0.99) * 1000:.0f} ms")
        print(f"   after close: participations {closed['turnout']}, ballots {closed['result']['electronic']}, "
              f"bulletin {len(board)} hashes → lost {lost}, doubled {doubled}")
        print(f"   client: {cpu:.2f} s CPU in the {wall:.2f} s of casting ({100 * cpu / wall:.0f} % of one core)")
        for name, (codes, _, times, seconds, used) in [("GET /api/v1/me", trivial), ("GET /api/v1/ballots/{id}", checks),
                                                       ("POST /api/v1/tokens", writes)]:
            print(f"   the same clients on {name}: {voters / seconds:.0f} req/s, p50 {percentile(times, 0.5) * 1000:.0f} ms, "
                  f"p99 {percentile(times, 0.99) * 1000:.0f} ms, client {used:.2f} s CPU, "
                  f"statuses {sorted(set(map(str, codes)))}")
        return rate, percentile(latencies, 0.5), percentile(latencies, 0.99), lost, doubled
    finally:
        stop_server(proc)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", choices=["release", "debug"], default="release")
    parser.add_argument("--voters", type=int, default=200, choices=range(20, 1001), metavar="20…1000")
    parser.add_argument("--postgres", help="postgres://thidua:thidua@127.0.0.1:5432/thidua_bench_ballots")
    parser.add_argument("--binary", help="a thidua binary already built, instead of building one")
    parser.add_argument("--perf", metavar="FILE", help="record a perf profile of the server (SQLite) while the votes are cast")
    options = parser.parse_args()

    if not options.binary:
        subprocess.run(["swift", "build", "-c", options.config, "--product", "thidua"], cwd=ROOT, check=True)
    os.environ["THIDUA_BIN"] = options.binary or os.path.join(ROOT, ".build", options.config, "thidua")
    sys.path.insert(0, os.path.join(ROOT, "e2e"))
    build = options.binary or f"{options.config} build"
    print(f"ThiDua ballots benchmark — {build}, {os.cpu_count()} cores, {options.voters} voters", flush=True)

    data = tempfile.mkdtemp(prefix="thidua-bench-ballots-")
    env = dict(os.environ, THIDUA_DATA=data)
    env.pop("DATABASE_URL", None)
    rate, *_ = run("SQLite", env, options.voters, perf=options.perf)
    raw = raw_sqlite_rate(data, options.voters)
    print(f"   raw durable SQLite inserts (Python sqlite3, WAL, synchronous=FULL, one transaction per row, "
          f"{options.voters} rows, same folder): {raw:.1f} rows/s → ratio {rate / raw:.2f}")

    if options.postgres:
        fresh_postgres(options.postgres)
        env = dict(os.environ, THIDUA_DATA=tempfile.mkdtemp(prefix="thidua-bench-ballots-pg-"),
                   DATABASE_URL=options.postgres)
        rate, *_ = run("PostgreSQL", env, options.voters)
        raw, settings = raw_postgres_rate(options.postgres, options.voters)
        print(f"   raw durable PostgreSQL inserts (psycopg, autocommit, {settings}, one transaction per row, "
              f"{options.voters} rows): {raw:.1f} rows/s → ratio {rate / raw:.2f}")


if __name__ == "__main__":
    main()
