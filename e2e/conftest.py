"""Shared fixture: the real `thidua` binary serving the demo on loopback, with the demo
passwords it printed and API tokens made by its own CLI."""
import os
import re
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest
from openapi_core import Config, OpenAPI
from openapi_core.deserializing.media_types.util import json_loads
from openapi_core.testing import MockRequest, MockResponse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.environ.get("THIDUA_BIN", os.path.join(ROOT, ".build", "debug", "thidua"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# The spec as the server must answer it: a field the server sends must be documented too.
SPEC = OpenAPI.from_file_path(os.path.join(ROOT, "openapi.yaml"), config=Config(
    additional_properties_default_policy="forbid",
    extra_media_type_deserializers={"application/problem+json": json_loads}))


def spec_mismatches(method, path, status, content_type, body):
    """How an answer of the API differs from openapi.yaml (status, content type, body schema),
    each with the JSON pointer of the difference; empty when it matches."""
    request = MockRequest(SPEC.spec["servers"][0]["url"], method, path.split("?", 1)[0])
    response = MockResponse(body, status_code=status, content_type=content_type or "")
    found = []
    for error in SPEC.iter_response_errors(request, response):
        causes = getattr(error, "schema_errors", None) or getattr(error.__cause__, "schema_errors", None) or []
        if not causes:
            found.append(f"{type(error).__name__}: {error}")
        for cause in causes:
            pointer = "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in cause.absolute_path)
            found.append(f"{pointer or '(body)'} {cause.message}")
    return found


def check_against_spec(method, path, status, headers, body):
    """Fails the test when an answer of `/api/` (or `/healthz`) is not what the spec says."""
    bare = path.split("?", 1)[0]
    if not (bare.startswith("/api/") or bare == "/healthz"):
        return
    found = spec_mismatches(method, bare, status, headers.get("Content-Type"), body)
    if found:
        pytest.fail(f"openapi.yaml: {method} {bare} → {status}: " + "; ".join(found))


def cli(env, *args, check=True):
    result = subprocess.run([BINARY, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    if check and result.returncode != 0:
        pytest.fail(f"thidua {' '.join(args)} failed: {result.stdout}{result.stderr}")
    return result.stdout if check else result


@pytest.fixture(scope="session")
def server():
    if os.environ.get("DATABASE_URL"):
        # An empty database for the demo: the e2e database is dropped and created by .ci/run.
        pass
    port = free_port()
    data = tempfile.mkdtemp(prefix="thidua-e2e-")
    env = dict(os.environ, THIDUA_DATA=data)
    log_path = os.path.join(data, "server.log")
    log = open(log_path, "w")
    proc = subprocess.Popen([BINARY, "serve", "--demo", "--hostname", "127.0.0.1", "--port", str(port)],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 180  # bounded: the first start migrates and loads the demo
    started = False
    while time.time() < deadline and proc.poll() is None:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)
            started = True
            break
        except Exception:
            time.sleep(0.5)
    if not started:
        proc.kill()
        pytest.fail("server did not start: " + open(log_path, encoding="utf-8").read())
    printed = open(log_path, encoding="utf-8").read()
    passwords = dict(re.findall(r"^  (\S+) +(\S{4}-\S{4}-\S{4}-\S{4}) ", printed, re.M))
    shared = re.search(r"cán bộ TĐKT đơn vị .*mật khẩu chung: (\S+)", printed).group(1)
    tokens = {user: cli(env, "token", "create", "--user", user).strip().splitlines()[-1]
              for user in ["admin", "donvi.nth.btctu"]}
    yield {"base": base, "env": env, "data": data, "tokens": tokens, "passwords": passwords,
           "unit_password": shared, "log": printed}
    proc.terminate()
    proc.wait(timeout=30)
