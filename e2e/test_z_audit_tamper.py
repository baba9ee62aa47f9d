"""Runs last (the file name sorts last): it alters the log behind the app's back, as someone
with database access would, and `thidua audit verify` must name the entry."""
import os
import subprocess

from conftest import cli


def test_audit_chain_is_intact_then_names_a_manually_edited_entry(server):
    out = cli(server["env"], "audit", "verify")
    assert "nguyên vẹn" in out
    if os.environ.get("DATABASE_URL"):
        subprocess.run(["psql", os.environ["DATABASE_URL"], "-q", "-c",
                        "UPDATE audit_entries SET actor_name = 'ai do' WHERE sequence = 42"], check=True)
    else:
        import sqlite3
        connection = sqlite3.connect(os.path.join(server["data"], "thidua.sqlite"))
        connection.execute("UPDATE audit_entries SET actor_name = 'ai do' WHERE sequence = 42")
        connection.commit()
        connection.close()
    result = cli(server["env"], "audit", "verify", check=False)
    assert result.returncode == 1
    assert "mục số 42" in result.stdout + result.stderr
