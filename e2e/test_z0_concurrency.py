"""Requests sent at the same instant to the real binary (issue 11, parts 2 and 3).

Runs after the other suites (the file name sorts late): the sign-in flood uses up the
throttle of 127.0.0.1 for the next 15 minutes, and only the CLI test after it follows."""
import json
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter

TIMEOUT = 120  # seconds per request: bounded, whatever the server does


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def at_once(count, send):
    """Starts `count` threads that wait at a barrier, then all send together; returns the statuses."""
    barrier = threading.Barrier(count, timeout=TIMEOUT)
    statuses = [None] * count
    headers = [None] * count

    def run(index):
        barrier.wait()
        try:
            status, header = send(index)
        except urllib.error.HTTPError as error:
            status, header = error.code, error.headers
        except Exception as error:  # a reset connection counts as a failure, not a pass
            status, header = f"error: {error}", None
        statuses[index] = status
        headers[index] = header

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT * 2)
    return statuses, headers


def test_150_wrong_passwords_at_once_are_refused_past_the_limit_without_a_5xx(server):
    opener = urllib.request.build_opener(NoRedirect)
    page = urllib.request.urlopen(server["base"] + "/dang-nhap", timeout=30)
    cookie = page.headers["Set-Cookie"].split(";")[0]
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page.read().decode("utf-8")).group(1)

    def send(index):
        form = urllib.parse.urlencode({"username": "tinh.lsn", "password": f"sai mat khau {index}",
                                       "_csrf": csrf}).encode()
        request = urllib.request.Request(server["base"] + "/dang-nhap", data=form, method="POST",
                                         headers={"Cookie": cookie})
        with opener.open(request, timeout=TIMEOUT) as response:
            return response.status, response.headers

    statuses, headers = at_once(150, send)
    counts = Counter(statuses)
    print(f"150 parallel sign-ins: {dict(counts)}")
    assert set(counts) <= {401, 429}, counts
    # At most the account's limit is ever tried; every other attempt is refused before Bcrypt.
    assert counts[401] <= 5
    assert counts[429] >= 145
    refused = [h for s, h in zip(statuses, headers) if s == 429]
    assert all(int(h["Retry-After"]) > 0 for h in refused)


def test_40_writers_at_once_all_land(server):
    token = server["tokens"]["admin"]

    def send(index):
        body = json.dumps({"fullName": f"Người ghi song song {index}", "gender": "male",
                           "category": "civil_servant"}).encode()
        request = urllib.request.Request(server["base"] + "/api/v1/people", data=body, method="POST",
                                         headers={"Authorization": "Bearer " + token,
                                                  "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.status, response.headers

    statuses, _ = at_once(40, send)
    counts = Counter(statuses)
    print(f"40 parallel writes: {dict(counts)}")
    assert counts == {201: 40}
    request = urllib.request.Request(server["base"] + "/api/v1/people?" + urllib.parse.urlencode(
        {"q": "Người ghi song song", "per": 100}), headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(request, timeout=30) as response:
        found = json.loads(response.read())
    assert found["metadata"]["total"] == 40
