"""Runs last (the file name sorts last): it alters the log behind the app's back, as someone
with database access would, and `thidua audit verify` must name the entry."""
import os
import re
import subprocess

from conftest import cli


def sql(server, statement):
    """Runs one statement straight on the database, as its owner could."""
    if os.environ.get("DATABASE_URL"):
        subprocess.run(["psql", os.environ["DATABASE_URL"], "-q", "-c", statement], check=True, timeout=60)
    else:
        import sqlite3
        connection = sqlite3.connect(os.path.join(server["data"], "thidua.sqlite"))
        connection.executescript(statement)
        connection.commit()
        connection.close()


def test_audit_verify_prints_the_head_and_names_a_cut_tail_then_an_edited_entry(server):
    out = cli(server["env"], "audit", "verify")
    assert "nguyên vẹn" in out
    head = re.search(r"Đầu chuỗi: mục số (\d+), mã băm (k1:[0-9a-f]{64})", out)
    assert head, out
    newest = int(head.group(1))
    key = os.path.join(server["data"], "audit.key")
    assert os.stat(key).st_mode & 0o777 == 0o600
    assert os.path.getsize(os.path.join(server["data"], "audit-checkpoints.log")) > 0

    # The newest entry removed: a good chain, one entry shorter than the last checkpoint.
    sql(server, "CREATE TABLE audit_saved AS SELECT * FROM audit_entries WHERE sequence = %d;"
                " DELETE FROM audit_entries WHERE sequence = %d;" % (newest, newest))
    result = cli(server["env"], "audit", "verify", check=False)
    assert result.returncode == 1
    assert "bị cắt" in result.stdout + result.stderr
    assert f"mục số {newest}" in result.stdout + result.stderr
    sql(server, "INSERT INTO audit_entries SELECT * FROM audit_saved; DROP TABLE audit_saved;")
    assert "nguyên vẹn" in cli(server["env"], "audit", "verify")

    sql(server, "UPDATE audit_entries SET actor_name = 'ai do' WHERE sequence = 42;")
    result = cli(server["env"], "audit", "verify", check=False)
    assert result.returncode == 1
    assert "mục số 42" in result.stdout + result.stderr
