"""The acceptance of the foundation issue, tried as a new user would: the real `thidua`
binary serves the demo on loopback; we ask it over HTTP. Runs on SQLite, or on the
PostgreSQL of DATABASE_URL when set (the database is emptied first by the test run)."""
import json
import os
import socket
import subprocess
import tempfile
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request

import pytest
import yaml
from openapi_spec_validator import validate

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.environ.get("THIDUA_BIN", os.path.join(ROOT, ".build", "debug", "thidua"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = free_port()
    data = tempfile.mkdtemp(prefix="thidua-e2e-")
    env = dict(os.environ, THIDUA_DATA=data)
    log = open(os.path.join(data, "server.log"), "w")
    proc = subprocess.Popen([BINARY, "serve", "--demo", "--hostname", "127.0.0.1", "--port", str(port)],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120  # bounded: the first start migrates and loads the demo
    while time.time() < deadline:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)
            break
        except Exception:
            if proc.poll() is not None:
                break
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("server did not start: " + open(os.path.join(data, "server.log")).read())
    if proc.poll() is not None:
        pytest.fail("server exited: " + open(os.path.join(data, "server.log")).read())
    yield base
    proc.terminate()
    proc.wait(timeout=30)


def get(base, path, params=None):
    url = base + path + ("?" + urllib.parse.urlencode(params) if params else "")
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8")


def test_health_names_the_database(server):
    status, _, body = get(server, "/healthz")
    assert status == 200
    expected = "postgresql" if os.environ.get("DATABASE_URL") else "sqlite"
    assert json.loads(body) == {"status": "ok", "database": expected}


def test_openapi_is_a_valid_openapi_3_document(server):
    status, headers, body = get(server, "/openapi.yaml")
    assert status == 200
    document = yaml.safe_load(body)
    assert document["openapi"].startswith("3.")
    validate(document)
    # Every documented path answers something other than 404 or 405 for a plain GET.
    for path, item in document["paths"].items():
        if "get" in item and "{" not in path:
            assert get(server, path)[0] == 200, path


@pytest.mark.parametrize("query", ["ban to chuc", "Ban Tổ chức", "BAN TO CHUC",
                                   unicodedata.normalize("NFD", "ban tổ chức")])
def test_unit_search_finds_each_provinces_organisation_board(server, query):
    status, _, body = get(server, "/api/v1/units", {"q": query, "per": 100})
    assert status == 200
    items = json.loads(body)["items"]
    assert {u["name"] for u in items} == {"Ban Tổ chức Tỉnh ủy"}
    assert {u["provinceName"] for u in items} == {"Ninh Thuận", "Khánh Hòa", "Lạng Sơn", "Kon Tum",
                                                  "Quảng Ngãi", "Hà Nam", "Ninh Bình"}


def test_ninh_thuan_bloc_has_eight_members_on_11_december_2020(server):
    _, _, body = get(server, "/api/v1/blocs", {"q": "khoi thi dua cac co quan dang tinh", "per": 100})
    bloc = next(b for b in json.loads(body)["items"] if b["provinceName"] == "Ninh Thuận")
    status, _, body = get(server, f"/api/v1/blocs/{bloc['id']}/members", {"at": "2020-12-11"})
    assert status == 200
    members = json.loads(body)
    assert members["count"] == 8
    assert "Báo Ninh Thuận" in {m["unit"]["name"] for m in members["members"]}


def test_lineage_shows_a_2025_merger(server):
    _, _, body = get(server, "/api/v1/units", {"q": "ban dan van", "province": "", "per": 100})
    unit = json.loads(body)["items"][0]
    status, _, body = get(server, f"/api/v1/units/{unit['id']}/lineage")
    assert status == 200
    lineage = json.loads(body)
    merges = [e for e in lineage["events"] if e["kind"] == "merge" and e["effectiveDate"].startswith("2025-")]
    assert merges and merges[0]["targets"][0]["name"] == "Ban Tuyên giáo và Dân vận Tỉnh ủy"


def test_bad_input_is_a_vietnamese_problem_document(server):
    request = urllib.request.Request(server + "/api/v1/units", data=json.dumps({"name": ""}).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request, timeout=30)
    assert error.value.code == 422
    assert error.value.headers["Content-Type"].startswith("application/problem+json")
    problem = json.loads(error.value.read().decode("utf-8"))
    assert "không được để trống" in problem["detail"]


def test_home_page_is_vietnamese(server):
    status, headers, body = get(server, "/")
    assert status == 200
    assert '<html lang="vi">' in body
    assert "Khối thi đua các cơ quan Đảng tỉnh" in body
