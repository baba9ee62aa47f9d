"""Every link a person is shown leads somewhere they may go (issue 16): signed in as each
demo role, we follow every same-site GET link reachable from their home — breadth first,
at most MAX_PAGES pages and MAX_DEPTH clicks deep per role — and no page answers 403 or
404. A link one may not follow should not be shown; a control one may not use yet is shown
disabled, which is not a link.

The same crawl reads each page's visible words (issue 16 part 6, docs/GLOSSARY.md): no
English code, no raw status title, no doubled word, and a cluster's pages say Cụm trưởng."""
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


def crawl(server, opener, unwanted=(), pages=None):
    """Visits what the home links to, breadth first; returns the pages seen and the links
    that answered 403 or 404, each with the page it was on and its text, and the pages that
    show one of the `unwanted` controls. Each HTML page's body goes into `pages` (path → body)."""
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
        if pages is not None and body and final.startswith(base):
            pages[final[len(base):]] = body
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


class VisibleText(HTMLParser):
    """The words a person reads on a page, one piece per text node (so that two table cells
    side by side are not read as one phrase): text outside script and style, and the
    placeholder, title, aria-label and alt that a browser shows or reads out."""

    SHOWN_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")
    # Elements shown as stored (`translate="no"`: the audit log's hashed record of changes)
    # are codes on purpose; a void element cannot carry any.
    HIDDEN_TAGS = ("script", "style", "template")

    def __init__(self):
        super().__init__()
        self.pieces, self._hidden, self._stored = [], 0, []

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN_TAGS:
            self._hidden += 1
        if ("translate", "no") in attrs:
            self._stored.append(tag)
            self._hidden += 1
        for name, value in attrs:
            if name in self.SHOWN_ATTRIBUTES and value:
                self.pieces.append(value)
        attributes = dict(attrs)
        if tag == "input" and attributes.get("type") in ("submit", "button") and attributes.get("value"):
            self.pieces.append(attributes["value"])

    def handle_endtag(self, tag):
        if tag in self.HIDDEN_TAGS and self._hidden:
            self._hidden -= 1
        if self._stored and self._stored[-1] == tag:
            self._stored.pop()
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.pieces.append(" ".join(data.split()))


# What a page must not say (docs/GLOSSARY.md, «Không dùng»): each a pattern and why.
UNWORDS = [
    (re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b"), "mã tiếng Anh (snake_case)"),
    (re.compile(r"\b[a-z]+[A-Z][A-Za-z0-9]*\b"), "mã tiếng Anh (camelCase)"),
    (re.compile(r"z-score", re.I), "thuật ngữ thống kê tiếng Anh"),
    (re.compile(r"\bLỗi \d{3}\b"), "tiêu đề lỗi thô (mã HTTP)"),
    (re.compile(r"\b(?:Error|Forbidden|Not Found|Unprocessable|Bad Request)\b"), "thông báo lỗi tiếng Anh"),
    (re.compile(r"Nhóm ·\s*$"), "«Nhóm ·» không có tên nhóm"),
    (re.compile(r"(?<![\w,])0,0 [KMG]?B\b"), "kích thước tệp 0,0 MB"),
    # Same case only: «Đảng ủy Ủy ban nhân dân tỉnh» is a name, «năm năm» a slip.
    (re.compile(r"(?<!\w)([^\W\d_]+) \1(?!\w)"), "từ lặp"),
]
# Where a match is what the person means, with the reason. Kept small on purpose.
ALLOWED = {
    # Reduplication that is Vietnamese, not a slip (the slogan «người người thi đua, nhà nhà thi đua»).
    "người người": "từ láy trong khẩu hiệu thi đua",
    "nhà nhà": "từ láy trong khẩu hiệu thi đua",
    "ngành ngành": "từ láy trong khẩu hiệu thi đua",
}
# Pages whose codes are the point, with the reason (none: the audit log names its actions and
# objects in words and shows the hashed record of changes as stored, `translate="no"`).
ALLOWED_PAGES = {}
ADDRESS = re.compile(r"https?://\S+")
# On a cluster's pages the head is Cụm trưởng (docs/GLOSSARY.md, the bloc/cluster pairs).
BLOC_ONLY = ("Trưởng khối", "Phó trưởng khối", "Khối phát động")


def unwords(text):
    """The unwanted words of one piece of text, each with why. A web address shown to be
    copied (the calendar feed's, with its random token) is the address, not a word: left out."""
    found = []
    text = ADDRESS.sub(" ", text)
    for pattern, why in UNWORDS:
        for match in pattern.finditer(text):
            if match.group(0).lower() not in ALLOWED:
                found.append(f"«{match.group(0)}» ({why}) in «{text[:120]}»")
    return found


def cluster_paths(pages):
    """The addresses of the clusters' pages (`/khoi/<id>…`), read from the blocs' pages:
    a bloc page whose heading block says «Cụm thi đua»."""
    clusters = set()
    for path, body in pages.items():
        match = re.fullmatch(r"/khoi/([0-9A-Fa-f-]{36})", path)
        if match and "<dt>Loại</dt><dd>Cụm thi đua</dd>" in body:
            clusters.add("/khoi/" + match.group(1))
    return clusters


def test_every_page_each_demo_role_sees_speaks_the_glossary(server):
    accounts = demo_accounts(server)
    pages = {}
    for username, password in accounts:
        crawl(server, session(server, username, password), pages=pages)
    assert len(pages) > 50, f"only {len(pages)} pages read"
    # An error page is read too: what a refused or missing address answers in the browser.
    try:
        session(server, *accounts[-1]).open(server["base"] + "/khoi/00000000-0000-0000-0000-000000000000", timeout=30)
    except urllib.error.HTTPError as error:
        pages["(404) /khoi/00000000-0000-0000-0000-000000000000"] = error.read().decode("utf-8", "replace")
    assert any(path.startswith("(404)") for path in pages), "a missing bloc did not answer 404"
    clusters = cluster_paths(pages)
    assert clusters, "the demo's cluster was not found among the blocs' pages"
    failures = []
    for path, body in sorted(pages.items()):
        parser = VisibleText()
        parser.feed(body)
        if path.split("?", 1)[0] not in ALLOWED_PAGES:
            failures += [f"{path}: {line}" for piece in parser.pieces for line in unwords(piece)]
        if path.split("?", 1)[0].startswith(tuple(clusters)):
            text = " ".join(parser.pieces)
            failures += [f"{path}: «{word}» on a cluster's page (Cụm trưởng, Cụm phó, Cụm phát động)"
                         for word in BLOC_ONLY if word in text]
    folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "artifacts")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "crawl-words.txt"), "w", encoding="utf-8") as out:
        out.write("\n".join(failures) + "\n")
    assert not failures, f"{len(failures)} words a person should not read:\n" + "\n".join(failures[:80])
