"""The acceptance of the foundation and access issues, tried as a new user would: the real
`thidua` binary serves the demo on loopback; we ask it over HTTP and use its CLI. Runs on
SQLite, or on the PostgreSQL of DATABASE_URL when set (an empty database)."""
import http.cookiejar
import re
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

from conftest import check_against_spec, cli


def call(server, method, path, params=None, token="admin", body=None):
    url = server["base"] + path + ("?" + urllib.parse.urlencode(params) if params else "")
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + server["tokens"].get(token, token)
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, headers, raw = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, raw = error.code, error.headers, error.read()
    check_against_spec(method, path, status, headers, raw)
    return status, headers, raw.decode("utf-8")


def get(server, path, params=None, token="admin"):
    return call(server, "GET", path, params, token)


def test_health_names_the_database(server):
    status, _, body = get(server, "/healthz", token=None)
    assert status == 200
    expected = "postgresql" if os.environ.get("DATABASE_URL") else "sqlite"
    assert json.loads(body) == {"status": "ok", "database": expected}


def test_openapi_is_a_valid_openapi_3_document(server):
    status, headers, body = get(server, "/openapi.yaml", token=None)
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
    status, headers, body = call(server, "POST", "/api/v1/units", body={"name": ""})
    assert status == 422
    assert headers["Content-Type"].startswith("application/problem+json")
    assert "không được để trống" in json.loads(body)["detail"]


def test_api_needs_a_token_and_respects_the_unit_officers_scope(server):
    status, headers, body = get(server, "/api/v1/units", token=None)
    assert status == 401
    assert headers["Content-Type"].startswith("application/problem+json")
    assert "đăng nhập" in json.loads(body)["detail"]
    assert get(server, "/api/v1/units", token="donvi.nth.btctu")[0] == 200
    _, _, body = get(server, "/api/v1/units", {"q": "van phong tinh uy", "per": 100}, token="donvi.nth.btctu")
    other = next(u for u in json.loads(body)["items"] if u["provinceName"] == "Ninh Thuận")
    change = {"provinceID": other["provinceID"], "name": "Sửa trái phép", "shortName": other["shortName"],
              "kind": other["kind"], "validFrom": other["validFrom"]}
    status, _, body = call(server, "PUT", f"/api/v1/units/{other['id']}", token="donvi.nth.btctu", body=change)
    assert status == 403
    assert "đơn vị của mình" in json.loads(body)["detail"]
    assert json.loads(get(server, f"/api/v1/units/{other['id']}")[2])["name"] == "Văn phòng Tỉnh ủy"
    assert get(server, "/api/v1/units", token="tdt_khong-hop-le")[0] == 401


def test_sign_in_through_the_page_with_the_printed_password(server):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(server["base"] + "/dang-nhap", timeout=30).read().decode("utf-8")
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"username": "admin", "password": server["passwords"]["admin"], "_csrf": csrf,
                                   "tiep": "/khoi"}).encode()
    response = opener.open(server["base"] + "/dang-nhap", data=form, timeout=30)
    body = response.read().decode("utf-8")
    assert response.geturl().endswith("/khoi")
    assert "Cụm thi đua các cơ quan đảng tỉnh" in body
    assert '<html lang="vi">' in body
