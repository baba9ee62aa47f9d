"""A crash while ballots are being cast (issue 13, part 4): the real binary is killed with
SIGKILL in the middle of a secret ballot and started again on the same data (and database).
Every ballot the server acknowledged with 201 must be on the bulletin board after close,
the session must still be open after the restart, and no unit may have two ballots.

Its own server on its own data folder (on PostgreSQL its own database, `<DATABASE_URL>_ballots`,
made by .ci/run): the shared demo server of the other suites must not be killed."""
import json
import os
import signal
import tempfile
import threading
import time

import pytest

from ballot_room import Room, receipt_hash
from conftest import cli, own_database_url, start_server, stop_server
from test_acceptance import call

VOTERS = 24
THREADS = 6  # each casts for its share of the voters, one after another
KILL_AFTER = 8  # acknowledged ballots before the kill: the rest are in flight or not yet sent
TIMEOUT = 120  # seconds: every wait is bounded


@pytest.fixture(scope="module")
def room():
    data = tempfile.mkdtemp(prefix="thidua-e2e-ballots-")
    env = dict(os.environ, THIDUA_DATA=data)
    if os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = own_database_url("_ballots")
    proc, base, _ = start_server(env, "--demo")
    try:
        room = Room(base, env, VOTERS)
    except BaseException:
        stop_server(proc)
        raise
    room.proc = proc
    yield room
    if room.proc.poll() is None:
        stop_server(room.proc)


def cast_until_killed(room, session):
    """Casts every voter's ballot from THREADS threads and kills the server with SIGKILL once
    KILL_AFTER ballots have been acknowledged. Returns {unit: receipt} of the acknowledged ones."""
    acknowledged = {}
    lock = threading.Condition()
    shares = [room.units[start::THREADS] for start in range(THREADS)]

    def run(units):
        for unit in units:
            try:
                status, _, text = call({"base": room.base, "tokens": {}}, "POST", room.vote_path(session),
                                       token=room.voters[unit], body=room.choice(room.units.index(unit)))
            except Exception:  # the server is gone: this ballot was never acknowledged
                continue
            if status == 201:
                with lock:
                    acknowledged[unit] = json.loads(text)["receipt"]
                    lock.notify_all()

    threads = [threading.Thread(target=run, args=(share,)) for share in shares]
    for thread in threads:
        thread.start()
    with lock:
        lock.wait_for(lambda: len(acknowledged) >= KILL_AFTER, timeout=TIMEOUT)
        room.proc.send_signal(signal.SIGKILL)
        before_kill = dict(acknowledged)
    room.proc.wait(timeout=30)
    for thread in threads:
        thread.join(TIMEOUT)
    # A 201 read after the kill was sent was written before it: it counts too.
    return before_kill | acknowledged


def test_every_acknowledged_ballot_survives_a_sigkill(room):
    session = room.open_session()
    acknowledged = cast_until_killed(room, session)
    print(f"{len(acknowledged)} of {VOTERS} ballots acknowledged before the server was killed")
    assert len(acknowledged) >= KILL_AFTER

    # Restart on the same data: the session is still open, with at least every acknowledged ballot.
    room.proc, room.base, _ = start_server(room.env)
    after = room.session(session)
    assert after["state"] == "open" and after.get("result") is None
    assert after["turnout"] >= len(acknowledged)

    # Every voter tries (again): those acknowledged are refused, once is once; the others
    # either land now or were written just before the kill (refused as already cast).
    landed_now, written_unseen = {}, []
    for index, unit in enumerate(room.units):
        status, _, text = call({"base": room.base, "tokens": {}}, "POST", room.vote_path(session),
                               token=room.voters[unit], body=room.choice(index))
        if unit in acknowledged:
            assert status == 409, (unit, status, text)
        elif status == 201:
            landed_now[unit] = json.loads(text)["receipt"]
        else:
            assert status == 409, (unit, status, text)
            written_unseen.append(unit)
    assert room.session(session)["turnout"] == VOTERS

    closed = room.close(session)
    board = room.bulletin(session)
    # Each unit's ballot exactly once: participations == ballots == voters, no hash twice.
    assert closed["state"] == "closed"
    assert closed["turnout"] == closed["result"]["electronic"] == closed["result"]["cast"] == VOTERS
    assert len(board) == len(set(board)) == VOTERS
    receipts = acknowledged | landed_now
    assert {receipt_hash(code) for code in receipts.values()} <= set(board)
    assert len(receipts) + len(written_unseen) == VOTERS
    assert sum(line["votes"] for line in closed["result"]["lines"]) == VOTERS
    # And the audit log, cut by the kill, still holds together with its checkpoints.
    assert "nguyên vẹn" in cli(room.env, "audit", "verify")


def test_no_ballot_is_logged_even_at_debug_level(room):
    """At `LOG_LEVEL=debug` (a level an operator may turn on during a conference) the server
    must not print the writes of a ballot — its participation, its choices — or the log would
    link a unit to its vote. SQL statements with their values are logged only at trace."""
    if room.proc.poll() is None:
        stop_server(room.proc)
    room.proc, room.base, log_path = start_server(dict(room.env, LOG_LEVEL="debug"))
    session = room.open_session()
    status, _, text = call({"base": room.base, "tokens": {}}, "POST", room.vote_path(session),
                           token=room.voters[room.units[0]], body=room.choice(0))
    assert status == 201, text
    room.close(session, reason="Thử: kiểm tra nhật ký")
    stop_server(room.proc)
    log = open(log_path, encoding="utf-8").read()
    assert '[ DEBUG ]' in log, "the server did not log at debug level"
    assert 'INSERT INTO "ballots"' not in log and 'INSERT INTO "ballot_participations"' not in log
