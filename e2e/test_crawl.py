"""Every link a person is shown leads somewhere they may go (issue 16): signed in as each
demo role, we follow every same-site GET link reachable from their home — breadth first,
at most MAX_PAGES pages and MAX_DEPTH clicks deep per role — and no page answers 403 or
404. A link one may not follow should not be shown; a control one may not use yet is shown
disabled, which is not a link."""
import collections
import http.cookiejar
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser

import pytest

MAX_PAGES = 400
MAX_DEPTH = 3
# Following these would change something or end the session (they are forms, but a link
# to them would be a bug of its own, so they are refused here rather than followed).
NEVER = ("/dang-xuat",)


class Links(HTMLParser):
    """The `<a href>` of a page with their text."""

    def __init__(self):
        super().__init__()
        self.found, self._open = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "a" and dict(attrs).get("href"):
            self._open = [dict(attrs)["href"], ""]

    def handle_data(self, data):
        if self._open is not None:
            self._open[1] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._open is not None:
            self.found.append((self._open[0], " ".join(self._open[1].split())))
            self._open = None


def session(server, username, password):
    """A cookie jar signed in through the sign-in page, as a browser would be."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(server["base"] + "/dang-nhap", timeout=30).read().decode("utf-8")
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"username": username, "password": password, "_csrf": csrf, "tiep": "/"}).encode()
    response = opener.open(server["base"] + "/dang-nhap", data=form, timeout=30)
    assert "/dang-nhap" not in response.geturl(), f"{username} could not sign in"
    return opener


def fetch(opener, url):
    try:
        with opener.open(url, timeout=60) as response:
            kind = response.headers.get("Content-Type", "")
            return response.status, response.geturl(), kind, response.read().decode("utf-8", "replace") if "html" in kind else ""
    except urllib.error.HTTPError as error:
        return error.code, url, error.headers.get("Content-Type", ""), ""


def crawl(server, opener, unwanted=()):
    """Visits what the home links to, breadth first; returns the pages seen and the links
    that answered 403 or 404, each with the page it was on and its text, and the pages that
    show one of the `unwanted` controls."""
    base = server["base"]
    start = base + "/"
    queue = collections.deque([(start, 0, "(trang chủ)", "")])
    seen, refused = {start}, []
    visited = 0
    while queue and visited < MAX_PAGES:
        url, depth, origin, text = queue.popleft()
        status, final, kind, body = fetch(opener, url)
        visited += 1
        if status in (403, 404):
            refused.append(f"{status} {url[len(base):]} «{text}» on {origin[len(base):] or origin}")
            continue
        refused += [f"shows «{control}» on {final[len(base):]}" for control in unwanted if control in body]
        if depth >= MAX_DEPTH or not body or not final.startswith(base):
            continue
        parser = Links()
        parser.feed(body)
        for href, label in parser.found:
            target = urllib.parse.urljoin(final, href).split("#", 1)[0]
            path = urllib.parse.urlsplit(target).path
            if not target.startswith(base + "/") or path.startswith(NEVER) or target in seen:
                continue
            seen.add(target)
            queue.append((target, depth + 1, final, label))
    return visited, refused


def demo_accounts(server):
    """(username, password) of each demo role: the admin, two provinces' officers, the
    viewer, the officers of a bloc head, of a member of a year in planning, of a unit whose
    bloc has no year this year, of a cluster's head, and a voter."""
    log, passwords, shared = server["log"], server["passwords"], server["unit_password"]
    head = re.search(r"^    (donvi\.kha\.\S+): đơn vị Trưởng khối", log, re.M)
    voters = re.search(r"người bỏ phiếu \(([^)]*)\)", log)
    accounts = [(name, passwords[name]) for name in ["admin", "tinh.kha", "tinh.lsn", "xem.kha"] if name in passwords]
    accounts += [("donvi.nth.btctu", shared), ("donvi.lsn.ubkttu", shared), ("donvi.kha.bptth", shared)]
    if head:
        accounts.append((head.group(1), shared))
    if voters:
        accounts.append((voters.group(1).split(", ")[0], shared))
    return accounts


# A viewer reads published results: no page shows it a control to change anything.
VIEWER_UNWANTED = (">Sửa</a>", ">Kết thúc</button>", "Thêm thành viên")


def test_every_link_each_demo_role_is_shown_opens(server):
    accounts = demo_accounts(server)
    assert len(accounts) >= 8, accounts
    failures = []
    for username, password in accounts:
        unwanted = VIEWER_UNWANTED if username.startswith("xem.") else ()
        visited, refused = crawl(server, session(server, username, password), unwanted)
        print(f"{username}: {visited} pages, {len(refused)} refused")
        assert visited > 1, f"{username}: the home links to nothing"
        failures += [f"{username}: {line}" for line in refused]
    # The whole list, for reading when there are many.
    folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "artifacts")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "crawl-refused.txt"), "w", encoding="utf-8") as out:
        out.write("\n".join(failures) + "\n")
    assert not failures, f"{len(failures)} links answer 403 or 404:\n" + "\n".join(failures[:80])
