"""Shared fixtures: the real `thidua` binary serving the demo on loopback, with the demo
passwords it printed and API tokens made by its own CLI; the same binary serving an empty
database where only the admin exists; a headless chromium."""
import os
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.parse
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


def cli(env, *args, check=True, stdin=None):
    result = subprocess.run([BINARY, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
                            input=stdin)
    if check and result.returncode != 0:
        pytest.fail(f"thidua {' '.join(args)} failed: {result.stdout}{result.stderr}")
    return result.stdout if check else result


def start_server(env, *options):
    """Starts `thidua serve` on a free loopback port and waits (bounded) until it answers.
    Returns the process, its address and the path of its log."""
    port = free_port()
    log_path = os.path.join(env["THIDUA_DATA"], "server.log")
    log = open(log_path, "w")
    proc = subprocess.Popen([BINARY, "serve", *options, "--hostname", "127.0.0.1", "--port", str(port)],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 180  # bounded: the first start migrates (and loads the demo)
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
    return proc, base, log_path


def stop_server(proc):
    proc.terminate()
    proc.wait(timeout=30)


@pytest.fixture(scope="session")
def server():
    if os.environ.get("DATABASE_URL"):
        # An empty database for the demo: the e2e database is dropped and created by .ci/run.
        pass
    data = tempfile.mkdtemp(prefix="thidua-e2e-")
    env = dict(os.environ, THIDUA_DATA=data)
    proc, base, log_path = start_server(env, "--demo")
    printed = open(log_path, encoding="utf-8").read()
    passwords = dict(re.findall(r"^  (\S+) +(\S{4}-\S{4}-\S{4}-\S{4}) ", printed, re.M))
    shared = re.search(r"cán bộ TĐKT đơn vị .*mật khẩu chung: (\S+)", printed).group(1)
    tokens = {user: cli(env, "token", "create", "--user", user).strip().splitlines()[-1]
              for user in ["admin", "donvi.nth.btctu"]}
    yield {"base": base, "env": env, "data": data, "tokens": tokens, "passwords": passwords,
           "unit_password": shared, "log": printed}
    stop_server(proc)


def own_database_url(suffix):
    """A PostgreSQL database of its own for a server that must start from nothing: the demo's
    DATABASE_URL with `suffix` after its name (.ci/run drops and creates each one)."""
    url = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    return urllib.parse.urlunsplit(url._replace(path=url.path.rstrip("/") + suffix))


def empty_database_url():
    """The PostgreSQL database for a run from nothing: THIDUA_E2E_EMPTY_DATABASE_URL, or the
    demo's with `_empty` after its name."""
    return os.environ.get("THIDUA_E2E_EMPTY_DATABASE_URL") or own_database_url("_empty")


@pytest.fixture(scope="module")
def empty_server():
    """`thidua serve` without the demo, on its own data folder (and database): only the admin
    exists, created with the CLI as an installer would."""
    data = tempfile.mkdtemp(prefix="thidua-e2e-empty-")
    env = dict(os.environ, THIDUA_DATA=data)
    if os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = empty_database_url()
    admin_password = "Quan-tri-" + secrets.token_hex(6)
    cli(env, "user", "create", "--username", "admin", "--role", "admin", "--name", "Quản trị hệ thống",
        "--password-stdin", stdin=admin_password + "\n")
    proc, base, _ = start_server(env)
    yield {"base": base, "env": env, "data": data, "passwords": {"admin": admin_password}}
    stop_server(proc)


@pytest.fixture(scope="module")
def browser():
    """Headless chromium, one per test module; a phone's when THIDUA_PHONE=1 (browser.PHONE)."""
    from selenium import webdriver
    from browser import PHONE
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                     "--lang=vi"]:
        options.add_argument(argument)
    if PHONE:
        options.add_experimental_option("mobileEmulation", PHONE)
    binary = shutil.which("chromium")
    if binary:
        options.binary_location = binary
    service = webdriver.ChromeService(executable_path=shutil.which("chromedriver"))
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
