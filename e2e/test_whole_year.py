"""A whole emulation year, from an empty database where only the admin exists, played in a
real browser by the people who play it: the admin, the provincial officer, the officer of
each member unit (one of whom leads the bloc, one deputises). Each step checks what its user
sees and keeps a screenshot in e2e/artifacts/. Steps run in order and share one server; a
step whose predecessor failed is skipped, so the first failure is the one to read.

Later capabilities extend this file with their own steps."""
import datetime
import os
import re
import zipfile

import pytest
from selenium.webdriver.common.by import By

from browser import PHONE, button, close_menu, fill, follow, open_menu, press, shot, sign_in, sign_out, signed_out, submit

ARTIFACTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "artifacts", *(["phone"] if PHONE else []))
YEAR = datetime.date.today().year

PROVINCE = {"name": "Tây Ninh", "code": "TNI", "full": "Tỉnh Tây Ninh"}
OFFICER = {"username": "tinh.tni", "name": "Nguyễn Thị Mai Phương", "password": "Mai-Phuong-TN-2026!"}
BLOC = {"name": "Khối thi đua các cơ quan tổng hợp tỉnh", "decision": "Quyết định số 1520/QĐ-UBND",
        "from": f"{YEAR - 1}-08-15"}

# The four members: who they are, their officer, their staff, and how they score their year.
# `own` is the unit's self-score; `head` the item the head (or, on the head's sheet, the
# deputy) scores; `province` the item the province scores. The head lowers one item of the
# deputy's sheet (`review`). Finals: STC 96, TTRA 95, STP 88, VPUB 79.
UNITS = [
    {"key": "stc", "name": "Sở Tài chính", "short": "STC", "signer": ("Trần Văn Hùng", "Giám đốc Sở"),
     "staff": [("Trần Văn Hùng", "Nam", "1972", "Giám đốc Sở", "cstdcs"),
               ("Lê Thị Thu Trang", "Nữ", "1988", "Chuyên viên", "ldtt")],
     "own": {"1": "29", "4": "24", "5": "14", "T1": "2", "TR1": "0"}, "head": "18", "province": "9",
     "evidence": "pdf"},
    {"key": "stp", "name": "Sở Tư pháp", "short": "STP", "signer": ("Phạm Minh Đức", "Giám đốc Sở"),
     "staff": [("Phạm Minh Đức", "Nam", "1975", "Giám đốc Sở", "cstdcs"),
               ("Võ Thị Ngọc Hân", "Nữ", "1990", "Chuyên viên", "ldtt")],
     "own": {"1": "28", "4": "22", "5": "13", "T1": "1", "TR1": "1"}, "head": "19", "province": "8",
     "review": ("1", "26", "Chưa hoàn thành chỉ tiêu thẩm định văn bản quy phạm pháp luật đúng hạn (báo cáo quý IV)."),
     "evidence": "docx"},
    {"key": "ttra", "name": "Thanh tra tỉnh", "short": "TTRA", "signer": ("Huỳnh Quốc Bảo", "Chánh Thanh tra"),
     "staff": [("Huỳnh Quốc Bảo", "Nam", "1970", "Chánh Thanh tra", "cstdcs"),
               ("Đặng Thị Kim Liên", "Nữ", "1985", "Thanh tra viên", "ldtt")],
     "own": {"1": "27", "4": "23", "5": "15", "T1": "3", "TR1": "0"}, "head": "17", "province": "10",
     "evidence": "pdf"},
    {"key": "vpub", "name": "Văn phòng Ủy ban nhân dân tỉnh", "short": "VPUB",
     "signer": ("Nguyễn Hoàng Nam", "Chánh Văn phòng"),
     "staff": [("Nguyễn Hoàng Nam", "Nam", "1978", "Chánh Văn phòng", "ldtt"),
               ("Bùi Thị Thanh Tâm", "Nữ", "1992", "Chuyên viên", "ldtt")],
     "own": {"1": "26", "4": "20", "5": "12", "T1": "0", "TR1": "2"}, "head": "16", "province": "7",
     "evidence": "pdf"},
]
HEAD, DEPUTY, MEMBER = UNITS[0], UNITS[1], UNITS[2]
# Whoever scores an item the unit does not score gives its grounds (căn cứ).
HEAD_GROUNDS = "Căn cứ biên bản họp khối quý IV về kết quả phối hợp"
PROVINCE_GROUNDS = f"Theo Quyết định công bố chỉ số cải cách hành chính năm {YEAR} của UBND tỉnh"
RANKING = [("Sở Tài chính", "96", "Xuất sắc"), ("Thanh tra tỉnh", "95", "Xuất sắc"),
           ("Sở Tư pháp", "88", "Tốt"), ("Văn phòng Ủy ban nhân dân tỉnh", "79", "Khá")]

TEMPLATE = "Bảng tiêu chí mẫu khối cơ quan tổng hợp"
# code, group, title, kind, maximum, per event, cap, scorer, evidence, guidance
CRITERIA = [
    ("I", "", "Thực hiện nhiệm vụ chính trị, chuyên môn", "Nhóm", "60", "", "", "Đơn vị tự chấm", "Không", ""),
    ("1", "I", "Hoàn thành các chỉ tiêu, nhiệm vụ được giao trong năm", "Điểm cơ bản", "30", "", "",
     "Đơn vị tự chấm", "Bắt buộc", "Báo cáo tổng kết năm có số liệu"),
    ("2", "I", "Chất lượng tham mưu, phối hợp với các thành viên trong khối", "Điểm cơ bản", "20", "", "",
     "Trưởng khối chấm", "Không", ""),
    ("3", "I", "Kết quả cải cách hành chính (Sở Nội vụ đánh giá)", "Điểm cơ bản", "10", "", "",
     "Tỉnh chấm", "Không", "Theo chỉ số cải cách hành chính của tỉnh"),
    ("II", "", "Công tác thi đua, khen thưởng", "Nhóm", "40", "", "", "Đơn vị tự chấm", "Không", ""),
    ("4", "II", "Tổ chức các phong trào thi đua của đơn vị", "Điểm cơ bản", "25", "", "",
     "Đơn vị tự chấm", "Không", ""),
    ("5", "II", "Tham gia hoạt động chung của khối", "Điểm cơ bản", "15", "", "", "Đơn vị tự chấm", "Không", ""),
    ("T1", "", "Được cấp có thẩm quyền khen thưởng đột xuất", "Điểm thưởng", "5", "1", "", "Đơn vị tự chấm",
     "Không", "Mỗi quyết định khen thưởng"),
    ("TR1", "", "Chậm gửi báo cáo theo quy định", "Điểm trừ", "", "-1", "-5", "Đơn vị tự chấm", "Không",
     "Mỗi lần chậm"),
]


def officer(unit):
    return {"username": f"donvi.tni.{unit['key']}", "name": f"Cán bộ thi đua {unit['short']}",
            "password": f"Thi-dua-{unit['short']}-2026!"}


# Accessibility (issue 16 part 5): axe-core (the `axe-core-python` wheel's axe.min.js) runs on
# every page this test visits, once per page load, just before the page is left (a click or
# an address typed) or at the end; the last step fails on any serious or critical violation.
AXE_IMPACTS = ("serious", "critical")
AXE_RUN = """
const done = arguments[arguments.length - 1];
if (window.__axeChecked) { done(null); return; }
window.__axeChecked = true;
axe.run(document, {resultTypes: ["violations"]}).then(
  results => done(results.violations.filter(v => %s.includes(v.impact)).map(v => ({
    rule: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map(n => n.target.join(" ") + ((n.any[0] || n.all[0] || {}).message ? " — " + (n.any[0] || n.all[0]).message : ""))}))),
  error => done([{rule: "axe-error", impact: "critical", help: String(error), targets: []}]));
""" % list(AXE_IMPACTS)


class AxeOnEveryPage:
    """Checks the page the browser shows, once per load, and keeps what axe found by page."""

    def __init__(self, driver, base):
        import axe_core_python
        with open(os.path.join(os.path.dirname(axe_core_python.__file__), "axe.min.js"), encoding="utf-8") as f:
            self.script = f.read()
        self.driver, self.base, self.pages, self.found = driver, base, 0, {}

    def check(self):
        url = self.driver.current_url
        if not url.startswith(self.base) or self.driver.execute_script("return !!window.__axeChecked"):
            return
        self.driver.execute_script("if (!window.axe) {" + self.script + "}")
        violations = self.driver.execute_async_script(AXE_RUN)
        if violations is None:
            return
        self.pages += 1
        page = page_name(url, self.base)
        for v in violations:
            for target in v["targets"] or ["(page)"]:
                self.found.setdefault((v["rule"], v["impact"], v["help"], target), set()).add(page)

    def report(self):
        return [f"{impact} {rule} ({help}) at «{target}» on {', '.join(sorted(pages)[:4])}"
                for (rule, impact, help, target), pages in sorted(self.found.items())]


def page_name(url, base):
    """A page's address without the site, its query and its ids: one name for each kind of page."""
    return re.sub(r"[0-9A-Fa-f]{8}-[0-9A-Fa-f-]{27}", "{id}", url[len(base):].split("?", 1)[0])


# Phones (issue 16 part 4): on a phone (THIDUA_PHONE=1, browser.PHONE) every page this test
# visits is measured in the same place as axe runs: nothing may scroll sideways, neither the
# page nor a part of it, and every control is at least TOUCH_MIN CSS pixels each way (WCAG
# 2.5.5; a link inside a sentence is exempt, as WCAG exempts it).
TOUCH_MIN = 44
PHONE_MEASURE = """
const [touchMin, width] = arguments;  // the phone's width: a page too wide zooms the view out
if (window.__phoneChecked) return null;
window.__phoneChecked = true;
const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
  [...el.classList].map(c => "." + c).join("") +
  (el.getAttribute("name") ? "[name=" + el.getAttribute("name") + "]" : "");
const path = el => { const names = []; for (let e = el; e && e !== document.body && names.length < 4; e = e.parentElement) names.unshift(name(e)); return names.join(" > "); };
const words = el => (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().replace(/\\s+/g, " ").slice(0, 40);
const shown = el => el.checkVisibility({visibilityProperty: true}) && el.getBoundingClientRect().width > 0;
const sideways = [];
// What sticks out of the screen where its parent does not: the first element too wide.
if (document.documentElement.scrollWidth > width + 1) {
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.right > width + 1 && r.width > 0 && el.parentElement.getBoundingClientRect().right <= width + 1)
      sideways.push({what: path(el), right: Math.round(r.right), words: words(el)});
  }
  sideways.sort((a, b) => b.right - a.right);
  sideways.unshift({what: "the page", right: document.documentElement.scrollWidth, words: ""});
}
// A part of the page that scrolls sideways inside itself (a wide table in its wrapper).
for (const el of document.body.querySelectorAll("*")) {
  const overflow = getComputedStyle(el).overflowX;
  if ((overflow === "auto" || overflow === "scroll") && el.scrollWidth > el.clientWidth + 1 && shown(el))
    sideways.push({what: "inside " + path(el), right: el.scrollWidth, words: words(el)});
}
// A link in running text (its block says more than the link) is exempt, not one in a list,
// a table cell or the menu.
const inSentence = a => {
  let block = a.parentElement;
  while (block && getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
  return block && !block.closest("td, th, li, nav, .actions") && block.innerText.trim() !== a.innerText.trim();
};
const small = [];
for (const el of document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary")) {
  const target = el.matches("input[type=checkbox], input[type=radio]") ? (el.closest("label") || el) : el;
  if (!shown(target) || (el.matches("a") && inSentence(el))) continue;
  const r = target.getBoundingClientRect();
  if (r.right <= 0) continue;  // the skip link, off the screen until it has the focus
  if (r.width < touchMin - .5 || r.height < touchMin - .5)
    small.push({what: path(target), size: Math.round(r.width) + "×" + Math.round(r.height), words: words(el)});
}
// A table shown as cards names each cell's column (the stacked «40 / 38,5 / 38,5» did not).
for (const td of document.querySelectorAll("tbody td")) {
  const header = td.closest("table").querySelectorAll("thead th")[td.cellIndex];
  if (getComputedStyle(td).display === "table-cell" || !header || !header.innerText.trim() || !td.innerText.trim() || !shown(td)) continue;
  if (getComputedStyle(td, "::before").content === "none")
    sideways.push({what: "a card's cell without its column's name «" + header.innerText.trim() + "» in " + path(td), right: 0, words: words(td)});
}
// The words of a chart, drawn smaller than 12 px once the chart is shrunk to the screen.
for (const text of document.querySelectorAll("svg text")) {
  const size = parseFloat(getComputedStyle(text).fontSize) * (text.getScreenCTM() || {a: 1}).a;
  if (shown(text) && size < 12) small.push({what: "chart label " + path(text), size: size.toFixed(1) + " px", words: words(text)});
}
return {sideways, small};
"""


class PhoneOnEveryPage:
    """Measures the page the phone shows, once per load, and keeps what sticks out or is too small."""

    def __init__(self, driver, base):
        self.driver, self.base, self.pages, self.sideways, self.small = driver, base, 0, {}, {}

    def check(self):
        if not self.driver.current_url.startswith(self.base):
            return
        found = self.driver.execute_script(PHONE_MEASURE, TOUCH_MIN, PHONE["deviceMetrics"]["width"])
        if found is None:
            return
        self.pages += 1
        page = page_name(self.driver.current_url, self.base)
        if found["sideways"]:
            self.sideways.setdefault(page, found["sideways"])
        for control in found["small"]:
            self.small.setdefault(page, {}).setdefault(control["what"], control)

    def sideways_report(self):
        return [f"{page}: " + "; ".join(f"{s['what']} to {s['right']} px «{s['words']}»" for s in found[:4])
                for page, found in sorted(self.sideways.items())]

    def touch_report(self):
        return [f"{page}: {len(found)} — " + "; ".join(f"{c['what']} {c['size']} «{c['words']}»" for c in list(found.values())[:6])
                for page, found in sorted(self.small.items())]


@pytest.fixture(scope="module")
def phone(empty_server, browser):
    return PhoneOnEveryPage(browser, empty_server["base"]) if PHONE else None


@pytest.fixture(scope="module")
def axe(empty_server, browser, phone):
    """Hooks the checks (axe, and a phone's) before every address typed and every click of this module."""
    from selenium.webdriver.remote.webelement import WebElement
    checker = AxeOnEveryPage(browser, empty_server["base"])
    checkers = [checker] + ([phone] if phone else [])
    get, click = browser.get, WebElement.click

    def checked_get(url):
        for each in checkers:
            each.check()
        get(url)

    def checked_click(element):
        for each in checkers:
            each.check()
        click(element)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(browser, "get", checked_get)
        patch.setattr(WebElement, "click", checked_click)
        yield checker


@pytest.fixture(scope="module")
def year(empty_server, browser, axe):
    """What the steps learn as they go (addresses, ids) and which steps finished."""
    os.makedirs(ARTIFACTS, exist_ok=True)
    signed_out(browser, empty_server)
    return {"server": empty_server, "done": set()}


def after(state, step):
    if step not in state["done"]:
        pytest.skip(f"the step «{step}» did not finish")


def looks_fine(driver, *texts):
    """The page is not an error page nor a refused form, and shows each text."""
    refused = driver.find_elements(By.CSS_SELECTOR, ".error-page, .alert")
    assert not refused, f"{driver.current_url}: {refused[0].text}"
    body = driver.find_element(By.TAG_NAME, "body").text
    for text in texts:
        assert text in body, f"«{text}» is not on {driver.current_url}:\n{body[:3000]}"


def id_in(url, prefix):
    match = re.search(prefix + r"/([0-9A-Fa-f-]{36})", url)
    assert match, f"no id after {prefix} in {url}"
    return match.group(1)


def form_with_action(driver, ending):
    forms = [f for f in driver.find_elements(By.TAG_NAME, "form") if (f.get_attribute("action") or "").endswith(ending)]
    assert forms, f"no form posting to …{ending} on {driver.current_url}"
    return forms[0]


def row_of(driver, code):
    """The sheet's or table's row whose first cell is `code`."""
    rows = [r for r in driver.find_elements(By.CSS_SELECTOR, "table.sheet tbody tr")
            if r.find_element(By.TAG_NAME, "td").text.strip() == code]
    assert rows, f"no row {code} on {driver.current_url}"
    return rows[0]


def as_user(driver, state, account):
    signed_out(driver, state["server"])
    sign_in(driver, state["server"], account["username"], account["password"])
    open_menu(driver)  # on a phone, who is signed in is said in the menu
    looks_fine(driver, account["username"])
    close_menu(driver)


def create_account(driver, account, role, scope_field, scope):
    """Through «Người dùng» › «Thêm người dùng», with the password the person will use."""
    follow(driver, "Người dùng")
    follow(driver, "Thêm người dùng")
    fill(driver, "username", account["username"])
    fill(driver, "displayName", account["name"])
    fill(driver, "role", role)
    fill(driver, scope_field, scope)
    fill(driver, "password", account["password"])
    submit(driver, "form.form button[type=submit]")
    looks_fine(driver, account["name"], role)


def small_pdf(path, text):
    """A real one-page PDF with a line of text, byte offsets and all."""
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode("latin-1")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    with open(path, "wb") as f:
        f.write(bytes(out))


def small_docx(path, text):
    """A real Word document with one paragraph (the parts Word itself needs, no more)."""
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="word/document.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>',
        "word/document.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f'<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)


def test_01_the_admin_creates_the_province_and_its_officer(year, browser):
    server = year["server"]
    browser.get(server["base"] + "/")
    assert "/dang-nhap" in browser.current_url
    sign_in(browser, server, "admin", server["passwords"]["admin"])
    looks_fine(browser, "Quản lý thi đua, khen thưởng")

    follow(browser, "Tỉnh, thành phố")
    looks_fine(browser, "0 kết quả")
    follow(browser, "Thêm tỉnh")
    fill(browser, "name", PROVINCE["name"])
    fill(browser, "code", PROVINCE["code"])
    fill(browser, "kind", "Tỉnh")
    fill(browser, "validFrom", "2025-07-01")
    submit(browser, "form.form button[type=submit]")
    looks_fine(browser, PROVINCE["full"], PROVINCE["code"])
    year["province"] = id_in(browser.current_url, "/tinh")
    shot(browser, "01-quan-tri-tao-tinh", ARTIFACTS)

    create_account(browser, OFFICER, "Cán bộ TĐKT tỉnh", "provinceID", PROVINCE["full"])
    looks_fine(browser, PROVINCE["name"], "Đang dùng")
    shot(browser, "02-quan-tri-tao-can-bo-tinh", ARTIFACTS)
    sign_out(browser)
    year["done"].add("admin")


def add_unit(browser, server, unit, since, until=None, parent=None):
    """The province's officer adds a State unit to the registry from its list; keeps its id."""
    browser.get(server["base"] + "/don-vi")
    follow(browser, "Thêm đơn vị")
    fill(browser, "provinceID", PROVINCE["full"])
    fill(browser, "name", unit["name"])
    fill(browser, "shortName", unit["short"])
    fill(browser, "kind", "Cơ quan nhà nước")
    if parent:
        fill(browser, "parentBody", parent)
    fill(browser, "validFrom", since)
    if until:
        fill(browser, "validTo", until)
    submit(browser, "form.form button[type=submit]")
    looks_fine(browser, unit["name"])
    unit["id"] = id_in(browser.current_url, "/don-vi")


def test_02_the_province_sets_up_the_units_the_bloc_and_the_year(year, browser):
    after(year, "admin")
    server = year["server"]
    as_user(browser, year, OFFICER)

    # The member units, as the province's registry keeps them.
    for unit in UNITS:
        add_unit(browser, server, unit, "2025-07-01", parent="Ủy ban nhân dân tỉnh Tây Ninh")
        looks_fine(browser, unit["short"])
    browser.get(server["base"] + "/don-vi")
    looks_fine(browser, "4 kết quả", *[u["name"] for u in UNITS])
    shot(browser, "03-tinh-tao-don-vi", ARTIFACTS)

    # The bloc, and its four members from the day it was formed.
    follow(browser, "Khối, cụm thi đua")
    follow(browser, "Thêm khối, cụm")
    fill(browser, "kind", "Khối thi đua")
    fill(browser, "name", BLOC["name"])
    fill(browser, "decisionReference", BLOC["decision"])
    fill(browser, "decisionDate", BLOC["from"])
    fill(browser, "validFrom", BLOC["from"])
    submit(browser, "form.form button[type=submit]")
    looks_fine(browser, BLOC["name"], BLOC["decision"], "Khối chưa mở năm thi đua nào.")
    year["bloc"] = id_in(browser.current_url, "/khoi")
    bloc_url = browser.current_url
    for unit in UNITS:
        browser.get(bloc_url)
        form = form_with_action(browser, "/thanh-vien")
        fill(browser, "unitID", unit["name"] + " (", within=form)
        fill(browser, "validFrom", BLOC["from"], within=form)
        press(browser, button(browser, "Thêm thành viên", within=form))
        looks_fine(browser, unit["name"])
    browser.get(bloc_url)
    looks_fine(browser, "4 đơn vị", *[u["name"] for u in UNITS])
    shot(browser, "04-tinh-tao-khoi-va-thanh-vien", ARTIFACTS)

    # Each unit's officer gets an account from the province, as in practice.
    for unit in UNITS:
        create_account(browser, officer(unit), "Cán bộ TĐKT đơn vị", "unitID", unit["name"] + " (")
        looks_fine(browser, unit["name"])
    browser.get(server["base"] + "/quan-tri/nguoi-dung")
    looks_fine(browser, *[officer(u)["username"] for u in UNITS])
    shot(browser, "05-tinh-cap-tai-khoan-don-vi", ARTIFACTS)

    # The province's template: two groups, base items, a bonus, a deduction; one item the
    # province scores, one the head scores.
    browser.get(server["base"] + f"/tinh/{year['province']}/thi-dua")
    looks_fine(browser, "Chưa có bảng tiêu chí mẫu.")
    follow(browser, "Soạn bảng tiêu chí mẫu")
    editor = browser.find_element(By.CSS_SELECTOR, "form.table-editor")
    fill(browser, "name", TEMPLATE, within=editor)
    fill(browser, "declaredTotal", "100", within=editor)
    fill(browser, "bonusCap", "5", within=editor)
    rows = editor.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert len(rows) >= len(CRITERIA)
    names = ["code[]", "parentCode[]", "title[]", "kind[]", "maximum[]", "perEvent[]", "cap[]", "scorer[]",
             "evidence[]", "guidance[]"]
    for row, criterion in zip(rows, CRITERIA):
        for name, value in zip(names, criterion):
            if value:
                fill(browser, name, value, within=row)
    press(browser, button(browser, "Lưu bảng tiêu chí"))
    looks_fine(browser, "Bảng tiêu chí mẫu: " + TEMPLATE, "Tổng điểm cơ bản", "Tỉnh chấm", "Trưởng khối chấm",
               *[c[2] for c in CRITERIA])
    shot(browser, "06-tinh-soan-bang-diem-mau", ARTIFACTS)

    # The year opens with its head and deputy; the head builds the table.
    browser.get(bloc_url)
    follow(browser, f"Năm thi đua {YEAR}")
    looks_fine(browser, f"Mở năm thi đua {YEAR}")
    fill(browser, "headUnitID", HEAD["name"])
    fill(browser, "deputyUnitID", DEPUTY["name"])
    fill(browser, "source", "Chưa có — soạn sau")
    submit(browser, "form.form button[type=submit]")
    looks_fine(browser, f"{BLOC['name']} — năm {YEAR}", "Xây dựng kế hoạch", "Chưa có bảng tiêu chí", "0/4 đơn vị đã ký")
    facts = browser.find_element(By.CSS_SELECTOR, "dl.facts").text
    assert f"Trưởng khối\n{HEAD['name']}" in facts and f"Phó trưởng khối\n{DEPUTY['name']}" in facts, facts
    year["url"] = browser.current_url.split("#")[0]
    shot(browser, "07-tinh-mo-nam-thi-dua", ARTIFACTS)
    sign_out(browser)
    year["done"].add("province")


def test_03_the_head_builds_the_table_sets_dates_and_targets(year, browser, tmp_path):
    after(year, "province")
    import openpyxl
    as_user(browser, year, officer(HEAD))
    browser.get(year["url"])
    looks_fine(browser, "Xây dựng kế hoạch")
    follow(browser, "Chưa có bảng tiêu chí")
    fill(browser, "source", "Bảng tiêu chí mẫu: " + TEMPLATE)
    press(browser, button(browser, "Sao chép (thay bảng hiện tại)"))
    looks_fine(browser, f"Bảng tiêu chí năm {YEAR}", "Tổng điểm cơ bản", "Tỉnh chấm", "Trưởng khối chấm",
               *[c[2] for c in CRITERIA])
    shot(browser, "08-truong-khoi-sao-chep-bang-diem", ARTIFACTS)

    # The same table as the office keeps it in Excel (issue 15), imported over the copy: a
    # preview of every row, then the table replaced at once (same codes, so nothing later moves).
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([f"BẢNG TIÊU CHÍ CHẤM ĐIỂM THI ĐUA NĂM {YEAR}"])
    sheet.append(["STT", "Nội dung tiêu chí", "Loại", "Điểm tối đa", "Điểm mỗi lần", "Mức trừ tối đa", "Đơn vị chấm",
                  "Minh chứng", "Hướng dẫn chấm"])
    for code, _, title, kind, maximum, per_event, cap, scorer, evidence, guidance in CRITERIA:
        sheet.append([code, title, kind, maximum, per_event, cap, scorer, evidence, guidance])
    sheet.append(["", "Mức trần điểm thưởng", "", "5"])
    sheet.append(["", "Tổng cộng", "", "100"])
    path = tmp_path / "bang-tieu-chi.xlsx"
    book.save(str(path))
    follow(browser, "Nhập bảng tiêu chí từ tệp Excel, CSV")
    fill(browser, "file", str(path))
    press(browser, button(browser, "Xem trước"))
    looks_fine(browser, f"{len(CRITERIA) + 2} dòng hợp lệ, 0 dòng bị từ chối")
    press(browser, button(browser, "Thay bảng tiêu chí hiện tại bằng bảng trong tệp"))
    looks_fine(browser, f"Đã ghi bảng tiêu chí gồm {len(CRITERIA)} tiêu chí.")

    browser.get(year["url"])
    follow(browser, "Sửa mốc thời gian")
    fill(browser, "pactDate", f"{YEAR}-02-26")
    fill(browser, "pactPlace", "Hội trường Sở Tài chính")
    fill(browser, "registrationDeadline", f"{YEAR}-03-15")
    fill(browser, "selfScoreDeadline", f"{YEAR}-12-31")
    submit(browser, "form.form button[type=submit]")
    looks_fine(browser, "26/02/" + str(YEAR), "Hội trường Sở Tài chính", "(9 tiêu chí)")

    follow(browser, "Giao ước, chỉ tiêu")
    for unit in UNITS:
        section = browser.find_element(By.ID, "u-" + unit["id"])
        section.find_element(By.TAG_NAME, "summary").click()
        fill(browser, "text", f"Hoàn thành 100% nhiệm vụ trọng tâm năm {YEAR} của {unit['short']}\n"
                              "Không có cán bộ vi phạm kỷ luật", within=section)
        press(browser, button(browser, "Lưu chỉ tiêu", within=section))
        looks_fine(browser, f"nhiệm vụ trọng tâm năm {YEAR} của {unit['short']}")
    shot(browser, "09-truong-khoi-giao-chi-tieu", ARTIFACTS)
    sign_out(browser)
    year["done"].add("table")


def test_04_every_unit_signs_the_pact_and_registers(year, browser):
    after(year, "table")
    server = year["server"]
    for number, unit in enumerate(UNITS):
        as_user(browser, year, officer(unit))
        browser.get(year["url"])
        follow(browser, "Giao ước, chỉ tiêu")
        section = browser.find_element(By.ID, "u-" + unit["id"])
        fill(browser, "signerName", unit["signer"][0], within=section)
        fill(browser, "signerPosition", unit["signer"][1], within=section)
        press(browser, button(browser, "Ký giao ước cho đơn vị", within=section))
        looks_fine(browser, f"{number + 1}/4 đơn vị đã ký")
        assert f"Đã ký: {unit['signer'][0]}, {unit['signer'][1]}" in browser.find_element(By.ID, "u-" + unit["id"]).text

        # The staff the unit registers for individual titles.
        for name, gender, born, position, _ in unit["staff"]:
            browser.get(server["base"] + "/can-bo")
            follow(browser, "Thêm người")
            fill(browser, "fullName", name)
            fill(browser, "gender", gender)
            fill(browser, "birthYear", born)
            fill(browser, "category", "Công chức")
            fill(browser, "unitID", unit["name"] + " (")
            fill(browser, "position", position)
            fill(browser, "validFrom", "2025-07-01")
            submit(browser, "form.form button[type=submit]")
            looks_fine(browser, name, position, unit["name"])

        browser.get(year["url"])
        row = next(r for r in browser.find_elements(By.CSS_SELECTOR, "tbody tr") if unit["name"] in r.text)
        press(browser, row.find_element(By.LINK_TEXT, "Chưa đăng ký"))
        fill(browser, "collectiveTitle", "Tập thể lao động xuất sắc")
        titles = {"cstdcs": "Chiến sĩ thi đua cơ sở", "ldtt": "Lao động tiên tiến"}
        for name, _, _, _, title in unit["staff"]:
            select = browser.find_element(By.CSS_SELECTOR, f"select[aria-label='Danh hiệu của {name}']")
            fill(browser, "title[]", titles[title], within=select.find_element(By.XPATH, "./.."))
        press(browser, button(browser, "Gửi đăng ký thi đua"))
        looks_fine(browser, f"Đăng ký thi đua năm {YEAR}: {unit['name']}", "Chưa xác nhận", officer(unit)["username"])
        shot(browser, f"{10 + number:02d}-{unit['key']}-ky-giao-uoc-va-dang-ky", ARTIFACTS)
        sign_out(browser)

    # The province sees nobody left unsigned or unregistered.
    as_user(browser, year, OFFICER)
    browser.get(server["base"] + f"/tinh/{year['province']}/thi-dua?nam={YEAR}")
    looks_fine(browser, BLOC["name"])
    row = next(r for r in browser.find_elements(By.CSS_SELECTOR, "tbody tr") if BLOC["name"] in r.text)
    assert row.text.count("—") >= 2 and "Chưa" not in row.text, row.text
    shot(browser, "14-tinh-theo-doi-ky-va-dang-ky", ARTIFACTS)
    sign_out(browser)

    # The head acknowledges every registration, locks the pact and opens scoring.
    as_user(browser, year, officer(HEAD))
    for unit in UNITS:
        browser.get(year["url"] + f"/dang-ky/{unit['id']}")
        press(browser, button(browser, "Trưởng khối xác nhận đã nhận đăng ký"))
        looks_fine(browser, unit["staff"][0][0])
        assert "Chưa xác nhận" not in browser.page_source
    browser.get(year["url"])
    looks_fine(browser, "4/4 đơn vị đã ký", "4/4 đơn vị đã đăng ký")
    for step, state in [("Khóa giao ước (mọi thành viên đã ký)", "Đã ký giao ước"),
                        ("Bắt đầu thực hiện", "Đang thực hiện"), ("Mở chấm điểm", "Chấm điểm")]:
        press(browser, button(browser, step))
        confirm(browser, f"Xác nhận: {step}", f"Đã chuyển năm thi đua {YEAR} sang bước «{state}».",
                shot_name="15a-xac-nhan-khoa-giao-uoc" if state == "Đã ký giao ước" else None)
        assert browser.find_element(By.CLASS_NAME, "state").text == state
    shot(browser, "15-truong-khoi-mo-cham-diem", ARTIFACTS)
    sign_out(browser)
    year["done"].add("pact")


def test_05_each_unit_self_scores_with_evidence_and_submits(year, browser, tmp_path):
    after(year, "pact")
    for number, unit in enumerate(UNITS):
        as_user(browser, year, officer(unit))
        browser.get(year["url"])
        follow(browser, "Bảng điểm của các đơn vị")
        looks_fine(browser, "Chưa chấm")
        follow(browser, unit["name"])
        looks_fine(browser, "Đơn vị đang tự chấm")
        # The officer types the scores first and saves them (the sheet was never stored).
        for code, value in unit["own"].items():
            fill(browser, "value[]", value, within=row_of(browser, code))
        press(browser, button(browser, "Lưu điểm tự chấm"))
        # A sheet never stored is at version 0: the first save from the page is kept.
        looks_fine(browser, "Đơn vị đang tự chấm")
        for code, value in unit["own"].items():
            assert row_of(browser, code).find_element(By.NAME, "value[]").get_attribute("value") == value, code

        # The report for item 1, which the table requires evidence for.
        path = tmp_path / f"bao-cao-tong-ket-{YEAR}-{unit['key']}.{unit['evidence']}"
        text = f"Bao cao tong ket cong tac nam {YEAR} - {unit['short']}"
        (small_pdf if unit["evidence"] == "pdf" else small_docx)(str(path), text)
        upload = form_with_action(browser, "/minh-chung")
        fill(browser, "criterionID", "1. ", within=upload)
        fill(browser, "file", str(path), within=upload)
        press(browser, button(browser, "Tải lên", within=upload))
        looks_fine(browser, path.name)
        assert "Thiếu minh chứng" not in row_of(browser, "1").text

        press(browser, button(browser, "Nộp bảng điểm"))
        looks_fine(browser, "Đã nộp, chờ thẩm định", path.name)
        assert not browser.find_elements(By.NAME, "value[]"), "a submitted sheet is still editable by the unit"
        shot(browser, f"{16 + number:02d}-{unit['key']}-tu-cham-va-nop", ARTIFACTS)
        sign_out(browser)
    year["done"].add("self")


def review(browser, values, reasons=None):
    """Enters review values (code → text) with their reasons, and saves. The item the table
    gives to the province is offered to nobody else."""
    if "3" not in values:
        # Item 3 is the province's: no unit reviewer is offered a field for it.
        assert not row_of(browser, "3").find_elements(By.NAME, "value[]"), \
            f"a unit reviewer is offered the province's item 3 on {browser.current_url}"
    for code, value in values.items():
        row = row_of(browser, code)
        fields = row.find_elements(By.NAME, "value[]")
        assert fields, f"item {code} cannot be scored by this reviewer on {browser.current_url}"
        fill(browser, "value[]", value, within=row)
        if reasons and code in reasons:
            fill(browser, "reason[]", reasons[code], within=row)
    press(browser, button(browser, "Lưu điểm thẩm định"))


def test_06_the_head_deputy_and_province_review(year, browser):
    after(year, "self")
    sheet = lambda unit: year["url"] + f"/cham-diem/{unit['id']}"

    # The head reviews every other member's sheet: scores its own item, changes one with a reason.
    as_user(browser, year, officer(HEAD))
    for unit in UNITS[1:]:
        browser.get(sheet(unit))
        looks_fine(browser, "Đã nộp, chờ thẩm định")
        values, reasons = {"2": unit["head"]}, {"2": HEAD_GROUNDS}
        if "review" in unit:
            code, value, reason = unit["review"]
            values[code], reasons[code] = value, reason
        review(browser, values, reasons)
        looks_fine(browser, "Đã nộp, chờ thẩm định")
        if "review" in unit:
            changed = row_of(browser, unit["review"][0])
            kept = [f.get_attribute("value") for f in changed.find_elements(By.NAME, "reason[]")] + [changed.text]
            assert "changed" in changed.get_attribute("class") and any(unit["review"][2] in k for k in kept), kept
    shot(browser, "20-truong-khoi-tham-dinh", ARTIFACTS)
    # Nobody reviews their own unit's sheet: the head is offered no review of its own.
    browser.get(sheet(HEAD))
    looks_fine(browser, "Đã nộp, chờ thẩm định")
    assert not browser.find_elements(By.XPATH, "//button[text()='Lưu điểm thẩm định']")
    sign_out(browser)

    # The deputy reviews the head's sheet, including the item the head scores on the others.
    as_user(browser, year, officer(DEPUTY))
    browser.get(sheet(HEAD))
    looks_fine(browser, "Đã nộp, chờ thẩm định")
    review(browser, {"2": HEAD["head"]}, {"2": HEAD_GROUNDS})
    looks_fine(browser, "Đã nộp, chờ thẩm định")
    shot(browser, "21-pho-truong-khoi-tham-dinh-truong-khoi", ARTIFACTS)
    sign_out(browser)

    # The province scores the item the table gives it, on every sheet.
    as_user(browser, year, OFFICER)
    for unit in UNITS:
        browser.get(sheet(unit))
        looks_fine(browser, "Đã nộp, chờ thẩm định")
        # The province scores the items the table gives it (`scorer: province`).
        review(browser, {"3": unit["province"]}, {"3": PROVINCE_GROUNDS})
        looks_fine(browser, "Đã nộp, chờ thẩm định")
        cell = row_of(browser, "3").find_elements(By.TAG_NAME, "td")[4]
        fields = cell.find_elements(By.NAME, "value[]")
        assert (fields[0].get_attribute("value") if fields else cell.text).startswith(unit["province"]), cell.text
    shot(browser, "22-tinh-cham-tieu-chi-cua-tinh", ARTIFACTS)
    sign_out(browser)
    year["done"].add("review")


def test_07_the_reviews_conclude_and_the_head_publishes(year, browser):
    after(year, "review")
    sheet = lambda unit: year["url"] + f"/cham-diem/{unit['id']}"

    as_user(browser, year, officer(HEAD))
    for unit in UNITS[1:]:
        browser.get(sheet(unit))
        press(browser, button(browser, "Hoàn tất thẩm định"))
        looks_fine(browser, "Đã thẩm định xong")
    # Nobody finalises their own unit's sheet, the head included.
    browser.get(sheet(HEAD))
    assert not browser.find_elements(By.XPATH, "//button[text()='Hoàn tất thẩm định']"), \
        "the head is offered to finalise its own unit's sheet"
    sign_out(browser)

    # The deputy, who reviewed it, concludes the head's sheet.
    as_user(browser, year, officer(DEPUTY))
    browser.get(sheet(HEAD))
    press(browser, button(browser, "Hoàn tất thẩm định"))
    looks_fine(browser, "Đã thẩm định xong")
    shot(browser, "23-pho-truong-khoi-hoan-tat-bang-diem-truong-khoi", ARTIFACTS)
    sign_out(browser)

    as_user(browser, year, officer(HEAD))
    browser.get(year["url"])
    follow(browser, "Bảng điểm của các đơn vị")
    looks_fine(browser)
    statuses = [r.text for r in browser.find_elements(By.CSS_SELECTOR, "tbody tr")]
    assert len(statuses) == 4 and all("Đã thẩm định xong" in s for s in statuses), statuses
    follow(browser, "Bảng xếp hạng")
    looks_fine(browser, "Chưa công bố")
    # Every sheet was finalised with the province's item 3 scored, so the ranking counts it.
    check_ranking(browser)
    shot(browser, "24-truong-khoi-xem-xep-hang-truoc-cong-bo", ARTIFACTS)
    press(browser, button(browser, "Công bố xếp hạng"))
    looks_fine(browser, "Thứ tự được công bố: " + "; ".join(f"{n + 1}. {name} ({total})" for n, (name, total, _) in enumerate(RANKING)))
    confirm(browser, "Xác nhận công bố xếp hạng", f"Đã công bố bảng xếp hạng năm {YEAR} (lần 1). Đơn vị dẫn đầu: {RANKING[0][0]}.")
    looks_fine(browser, "Đã công bố (lần 1)", f"Đơn vị dẫn đầu: {RANKING[0][0]}")
    check_ranking(browser)
    shot(browser, "25-truong-khoi-cong-bo-xep-hang", ARTIFACTS)
    sign_out(browser)
    year["done"].add("published")


def check_ranking(browser):
    rows = browser.find_elements(By.CSS_SELECTOR, "table.ranking tbody tr")
    seen = [[cell.text for cell in row.find_elements(By.TAG_NAME, "td")] for row in rows]
    assert [(r[1], r[-3], r[-2]) for r in seen] == RANKING, seen
    assert [r[0] for r in seen] == ["1", "2", "3", "4"], seen


def test_08_a_member_reads_the_published_ranking(year, browser):
    after(year, "published")
    as_user(browser, year, officer(MEMBER))
    browser.get(year["url"])
    follow(browser, "Xếp hạng")
    looks_fine(browser, f"Bảng xếp hạng năm {YEAR}: {BLOC['name']}", "Đã công bố (lần 1)")
    check_ranking(browser)
    assert not browser.find_elements(By.XPATH, "//button[contains(text(), 'Công bố')]")
    shot(browser, "26-thanh-vien-xem-xep-hang", ARTIFACTS)
    sign_out(browser)
    year["done"].add("member-read")


# The year-end conference: the head moves the year to its conference, schedules it, calls
# the roll, opens the suy tôn of the leading unit and the election of next year's head; each
# unit's leader votes from their own browser (one on a phone), a second ballot is refused,
# the head closes, the room screen shows the count with the rule applied, and next year
# opens with the elected head.
NEXT_HEAD = UNITS[2]  # Thanh tra tỉnh


def voter(unit):
    return {"username": f"phieu.tni.{unit['key']}", "name": f"Lãnh đạo {unit['short']}",
            "password": f"Bo-phieu-{unit['short']}-2026!"}


def session_of(browser, title):
    sections = [s for s in browser.find_elements(By.CSS_SELECTOR, "section.ballot-session")
                if s.find_element(By.TAG_NAME, "h3").text.startswith(title)]
    assert sections, f"no session «{title}» on {browser.current_url}"
    return sections[0]


def test_09_the_head_holds_the_conference_and_opens_the_ballots(year, browser):
    after(year, "member-read")
    # The province gives each member's leader a voter account.
    as_user(browser, year, OFFICER)
    for unit in UNITS:
        create_account(browser, voter(unit), "Người bỏ phiếu", "unitID", unit["name"] + " (")
    sign_out(browser)

    as_user(browser, year, officer(HEAD))
    browser.get(year["url"])
    press(browser, button(browser, "Chuyển sang hội nghị tổng kết"))
    confirm(browser, "Xác nhận: Chuyển sang hội nghị tổng kết", f"Đã chuyển năm thi đua {YEAR} sang bước «Hội nghị tổng kết».")
    assert browser.find_element(By.CLASS_NAME, "state").text == "Hội nghị tổng kết"
    follow(browser, "Hội nghị, bỏ phiếu, bầu Trưởng khối năm sau")
    looks_fine(browser, "Chưa có hội nghị nào.")
    # A conference with no tally committee is refused, and what was typed stays.
    fill(browser, "kind", "Hội nghị tổng kết")
    fill(browser, "heldOn", f"{YEAR}-12-28")
    fill(browser, "place", "Hội trường Sở Tài chính")
    fill(browser, "chair", "Trần Văn Hùng")
    fill(browser, "secretary", "Lê Thị Thu Trang")
    submit(browser, "form.form button[type=submit]")
    assert "tổ kiểm phiếu" in browser.find_element(By.CSS_SELECTOR, ".alert").text
    assert browser.find_element(By.NAME, "place").get_attribute("value") == "Hội trường Sở Tài chính"
    fill(browser, "tallyCommittee", "Huỳnh Quốc Bảo\nVõ Thị Ngọc Hân")
    fill(browser, "agenda", f"Tổng kết phong trào thi đua năm {YEAR}\nSuy tôn đơn vị dẫn đầu\nBầu Trưởng khối năm {YEAR + 1}")
    submit(browser, "form.form button[type=submit]")
    looks_fine(browser, "Hội nghị tổng kết", "28/12/" + str(YEAR), "Huỳnh Quốc Bảo, Võ Thị Ngọc Hân")
    year["conference"] = browser.current_url.split("#")[0]

    # Everyone is present; each unit's delegate is its leader.
    for unit in UNITS:
        row = next(r for r in browser.find_elements(By.CSS_SELECTOR, "table.attendance tbody tr") if unit["name"] in r.text)
        row.find_element(By.CSS_SELECTOR, "input[type=checkbox]").click()
        fill(browser, "delegate[]", unit["signer"][0], within=row)
    press(browser, button(browser, "Lưu điểm danh"))
    looks_fine(browser, "4/4 đơn vị thành viên")

    # The suy tôn: the published ranking's first is offered, ticked, first.
    form = form_with_action(browser, "/phien-bau")
    boxes = form.find_elements(By.CSS_SELECTOR, "input[name='candidates[]']")
    assert boxes[0].is_selected() and "Hạng 1" in boxes[0].find_element(By.XPATH, "..").text
    assert RANKING[0][0] in boxes[0].find_element(By.XPATH, "..").text
    press(browser, button(browser, "Mở phiên bỏ phiếu", within=form))
    looks_fine(browser, "Đang bỏ phiếu: 0/4 đơn vị đã bỏ phiếu")

    # The election of next year's head: Thanh tra tỉnh, proposed in rotation.
    form = form_with_action(browser, "/phien-bau")
    fill(browser, "purpose", "Bầu đơn vị Trưởng khối năm sau", within=form)
    for box in form.find_elements(By.CSS_SELECTOR, "input[name='candidates[]']"):
        label = box.find_element(By.XPATH, "..").text
        if box.is_selected() != (NEXT_HEAD["name"] in label):
            box.click()
    press(browser, button(browser, "Mở phiên bỏ phiếu", within=form))
    looks_fine(browser)
    assert len(browser.find_elements(By.CSS_SELECTOR, "section.ballot-session")) == 2
    year["screen"] = session_of(browser, "Suy tôn").find_element(By.LINK_TEXT, "Màn hình phòng họp").get_attribute("href")
    shot(browser, "27-truong-khoi-mo-phien-bo-phieu", ARTIFACTS)
    sign_out(browser)
    year["done"].add("ballots-open")


def test_10_each_leader_votes_once_from_their_own_browser(year, browser):
    after(year, "ballots-open")
    for number, unit in enumerate(UNITS):
        phone = number == 1
        if phone:
            browser.set_window_size(390, 844)
        try:
            as_user(browser, year, voter(unit))
            # A voter's home is their ballots; the registry is not theirs to browse.
            browser.get(year["server"]["base"] + "/")
            assert browser.current_url.endswith("/bo-phieu"), browser.current_url
            looks_fine(browser, "Bỏ phiếu")
            assert not browser.find_elements(By.LINK_TEXT, "Khối, cụm thi đua")
            links = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "a.button.big")]
            assert len(links) == 2, links
            for title in ["Suy tôn", "Bầu đơn vị Trưởng khối"]:
                browser.get(year["server"]["base"] + "/bo-phieu")
                follow(browser, next(t for t in links if t.startswith(title)))
                looks_fine(browser, "Gửi phiếu")
                # The voter of the last unit does not agree with the election.
                agree = not (title.startswith("Bầu") and unit is UNITS[3])
                if phone:
                    width = browser.execute_script("return document.documentElement.scrollWidth")
                    assert width <= 390, f"the ballot scrolls sideways on a phone: {width}px"
                    box = browser.find_element(By.CSS_SELECTOR, "label.choice.big")
                    assert box.size["height"] >= 44, box.size
                ballot_url = browser.current_url
                if unit is HEAD and title == "Suy tôn":
                    # The same ballot open in a second tab: the second submission is refused.
                    first = browser.current_window_handle
                    browser.switch_to.new_window("tab")
                    browser.get(ballot_url)
                    second = browser.current_window_handle
                    browser.switch_to.window(first)
                if agree:
                    browser.find_element(By.CSS_SELECTOR, "input[name='choice[]']").click()
                press(browser, button(browser, "Gửi phiếu"))
                looks_fine(browser, "Phiếu của đơn vị đã được ghi nhận", "Mã biên nhận của bạn")
                code = browser.find_element(By.CSS_SELECTOR, ".receipt").text
                assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code), code
                year.setdefault("receipts", []).append((title, code))
                if unit is HEAD and title == "Suy tôn":
                    browser.switch_to.window(second)
                    browser.find_element(By.CSS_SELECTOR, "input[name='choice[]']").click()
                    press(browser, button(browser, "Gửi phiếu"))
                    assert "mỗi đơn vị chỉ một phiếu" in browser.find_element(By.CSS_SELECTOR, ".alert").text
                    browser.close()
                    browser.switch_to.window(first)
                browser.get(ballot_url)
                looks_fine(browser, "Đơn vị của bạn đã bỏ phiếu ở phiên này.")
                assert not browser.find_elements(By.NAME, "choice[]")
            shot(browser, f"{28 + number:02d}-{unit['key']}-bo-phieu", ARTIFACTS)
            # While the session is open, the room screen shows how many voted and nothing more.
            browser.get(year["screen"])
            assert f"{number + 1}/4" in browser.find_element(By.CSS_SELECTOR, ".turnout").text
            assert not browser.find_elements(By.CSS_SELECTOR, "table.result")
            sign_out(browser) if browser.find_elements(By.CSS_SELECTOR, ".session button") else signed_out(browser, year["server"])
        finally:
            if phone:
                browser.set_window_size(1280, 900)
    year["done"].add("voted")


def test_11_the_head_closes_the_room_sees_the_result_and_next_year_opens(year, browser):
    after(year, "voted")
    as_user(browser, year, officer(HEAD))
    for title, result in [("Suy tôn", "4"), ("Bầu đơn vị Trưởng khối", "3")]:
        browser.get(year["conference"])
        section = session_of(browser, title)
        next(s for s in section.find_elements(By.TAG_NAME, "summary") if s.text.startswith("Kết thúc")).click()
        press(browser, button(browser, "Xác nhận kết thúc phiên bỏ phiếu", within=section))
        looks_fine(browser, "Kết quả kiểm phiếu", "Quy định áp dụng", "Trúng khi được quá 1/2 tổng số đơn vị thành viên đồng ý")
        rows = [[c.text for c in r.find_elements(By.TAG_NAME, "td")] for r in browser.find_elements(By.CSS_SELECTOR, "table.result tbody tr")]
        assert rows[0][1] == result and rows[0][3] == "Trúng", rows
        assert "Cần ít nhất 3/4 phiếu đồng ý" in browser.page_source
        shot(browser, "32-man-hinh-ket-qua-" + ("suy-ton" if title == "Suy tôn" else "bau-truong-khoi"), ARTIFACTS)
    assert f"Đã ghi nhận Trưởng khối năm {YEAR + 1}" in browser.page_source
    # The bloc's rotating flag, new this year, goes to the unit the conference honoured.
    browser.get(year["conference"])
    fill(browser, "fromUnitID", "— Không có —")
    fill(browser, "toUnitID", RANKING[0][0])
    press(browser, button(browser, "Ghi nhận trao cờ"))
    looks_fine(browser)
    assert f"Cờ luân lưu\n{RANKING[0][0]}" in browser.find_element(By.CSS_SELECTOR, "dl.facts").text
    browser.get(year["screen"])
    # Each voter's receipt is on the bulletin board.
    follow(browser, "Bảng công khai mã biên nhận")
    code = [c for t, c in year["receipts"] if t == "Suy tôn"][-1]
    fill(browser, "ma", code.lower().replace("-", " "))
    submit(browser, "form.form button[type=submit]")
    looks_fine(browser, "Phiếu có mã này đã được kiểm.", "4 phiếu điện tử.")
    # A receipt of the other session is not on this board.
    other = [c for t, c in year["receipts"] if t != "Suy tôn"][-1]
    fill(browser, "ma", other)
    submit(browser, "form.form button[type=submit]")
    assert "Không có mã này" in browser.find_element(By.CSS_SELECTOR, ".alert").text
    sign_out(browser)

    # The elected head's officer opens next year, with its head already recorded.
    as_user(browser, year, officer(NEXT_HEAD))
    browser.get(year["server"]["base"] + f"/khoi/{year['bloc']}")
    follow(browser, f"Năm thi đua {YEAR + 1}")
    looks_fine(browser, f"Mở năm thi đua {YEAR + 1}")
    fill(browser, "source", f"Bảng tiêu chí năm {YEAR} của khối")
    # Next year's pact is signed at this conference, as Lạng Sơn did on 30/12/2020.
    fill(browser, "pactAt", f"Tại hội nghị tổng kết năm {YEAR}, ngày 28/12/{YEAR}")
    submit(browser, "form.form button[type=submit]")
    looks_fine(browser, f"{BLOC['name']} — năm {YEAR + 1}", "Xây dựng kế hoạch", f"28/12/{YEAR}", "Hội trường Sở Tài chính")
    facts = browser.find_element(By.CSS_SELECTOR, "dl.facts").text
    assert f"Trưởng khối\n{NEXT_HEAD['name']}" in facts, facts
    shot(browser, "33-truong-khoi-moi-mo-nam-sau", ARTIFACTS)


# Awards (issue 14): the unit records its staff's year, the head proposes from the ranking,
# the province decides, the history and the statistics show it.
AWARD_DECISION = {"number": "125/QĐ-UBND", "signer": "Chủ tịch Nguyễn Văn Khánh"}


def person_awards_page(browser, server, name):
    """From «Cán bộ» to the person's «Thi đua, khen thưởng» page."""
    browser.get(server["base"] + "/can-bo")
    follow(browser, name)
    follow(browser, "Thi đua, khen thưởng")
    looks_fine(browser, f"Thi đua, khen thưởng: {name}")


def rate(browser, year_text, rating):
    """Posts the rating form of the person's page."""
    form = form_with_action(browser, "/khen-thuong/xep-loai")
    fill(browser, "year", year_text, within=form)
    fill(browser, "rating", rating, within=form)
    press(browser, button(browser, "Ghi", within=form))


def test_12_the_unit_records_ratings_and_an_initiative(year, browser):
    after(year, "published")
    server = year["server"]
    as_user(browser, year, officer(HEAD))
    trang, hung = HEAD["staff"][1][0], HEAD["staff"][0][0]
    person_awards_page(browser, server, trang)
    rate(browser, str(YEAR), "HTXSNV")
    looks_fine(browser, f"{YEAR}", "HTXSNV — Hoàn thành xuất sắc nhiệm vụ")
    form = form_with_action(browser, "/khen-thuong/sang-kien")
    fill(browser, "title", "Số hóa quy trình thẩm định dự toán", within=form)
    fill(browser, "year", str(YEAR), within=form)
    fill(browser, "level", "Cấp cơ sở", within=form)
    fill(browser, "recognition", "Quyết định số 12/QĐ-HĐSK", within=form)
    press(browser, button(browser, "Ghi", within=form))
    looks_fine(browser, "Số hóa quy trình thẩm định dự toán", "Chưa dùng")
    # "Eligible or not, and why": each condition, the records, the article.
    fill(browser, "award", "Lao động tiên tiến")
    fill(browser, "year", str(YEAR), within=browser.find_element(By.CSS_SELECTOR, "form.inline-form"))
    press(browser, button(browser, "Xét điều kiện"))
    looks_fine(browser, "Đủ điều kiện Lao động tiên tiến.", "Điều 24 Luật Thi đua, khen thưởng số 06/2022/QH15",
               f"{YEAR}: HTXSNV")
    shot(browser, "27-don-vi-ghi-xep-loai-sang-kien", ARTIFACTS)
    # A rating for a year before they worked here is refused, with the reason.
    person_awards_page(browser, server, hung)
    rate(browser, "2024", "HTTNV")
    assert "không công tác tại đơn vị nào trong năm 2024" in browser.find_element(By.TAG_NAME, "body").text
    rate(browser, str(YEAR), "HTNV")
    looks_fine(browser, "HTNV — Hoàn thành nhiệm vụ")
    sign_out(browser)
    year["done"].add("ratings")


def test_13_the_head_builds_the_blocs_proposal_fixes_a_warning_and_submits(year, browser):
    after(year, "ratings")
    server = year["server"]
    as_user(browser, year, officer(HEAD))
    follow(browser, "Khen thưởng")
    fill(browser, "kind", "Tờ trình của khối")
    fill(browser, "blocID", BLOC["name"])
    fill(browser, "year", str(YEAR))
    submit(browser, "form.form button[type=submit]")
    # The leading unit of the published ranking is proposed for the province's flag.
    lines = browser.find_element(By.CSS_SELECTOR, "table.proposal-lines").text
    assert HEAD["name"] in lines and "Cờ thi đua của Ủy ban nhân dân tỉnh" in lines, lines
    year["proposal"] = browser.current_url.split("#")[0]
    trang, hung = HEAD["staff"][1][0], HEAD["staff"][0][0]
    for name in [trang, hung]:
        form = browser.find_element(By.ID, "them-dong")
        fill(browser, "recipient", name, within=form)
        fill(browser, "awardCode", "Lao động tiên tiến", within=form)
        fill(browser, "summary", f"Hoàn thành nhiệm vụ năm {YEAR}", within=form)
        press(browser, button(browser, "Thêm dòng", within=form))
    warnings = browser.find_element(By.CSS_SELECTOR, ".warnings").text
    assert f"{hung} — Chưa đủ điều kiện Lao động tiên tiến" in warnings, warnings
    shot(browser, "28-truong-khoi-thay-canh-bao", ARTIFACTS)
    # Submitting while warned is refused; the head removes the ineligible line.
    press(browser, button(browser, "Gửi tờ trình"))
    assert "Tờ trình còn cảnh báo" in browser.find_element(By.CSS_SELECTOR, ".alert").text
    row = next(r for r in browser.find_elements(By.CSS_SELECTOR, "table.proposal-lines tbody tr") if hung in r.text)
    press(browser, button(browser, "Bỏ dòng", within=row))
    warnings = browser.find_element(By.CSS_SELECTOR, ".warnings").text
    assert hung not in warnings, warnings
    # What stays is the flag's condition of TTLĐXS, which the council weighs: the head has read it.
    browser.find_element(By.NAME, "acknowledgeWarnings").click()
    press(browser, button(browser, "Gửi tờ trình"))
    looks_fine(browser, "Đã gửi")
    shot(browser, "29-truong-khoi-gui-to-trinh", ARTIFACTS)
    sign_out(browser)
    year["done"].add("proposal")


def test_14_the_province_returns_a_line_and_decides(year, browser):
    after(year, "proposal")
    as_user(browser, year, OFFICER)
    follow(browser, "Khen thưởng")
    browser.get(year["proposal"])
    press(browser, button(browser, "Tiếp nhận"))
    looks_fine(browser, "Đã tiếp nhận")
    trang = HEAD["staff"][1][0]
    form = browser.find_element(By.ID, "tra-lai")
    label = next(l for l in form.find_elements(By.TAG_NAME, "label") if trang in l.text)
    label.find_element(By.TAG_NAME, "input").click()
    fill(browser, "reason", "Thiếu bản tự nhận xét có ý kiến của thủ trưởng", within=form)
    press(browser, button(browser, "Trả lại", within=form))
    looks_fine(browser, "Thiếu bản tự nhận xét có ý kiến của thủ trưởng")
    press(browser, button(browser, "Trình Hội đồng TĐKT tỉnh"))
    looks_fine(browser, "Trình Hội đồng")
    form = browser.find_element(By.ID, "hoi-dong")
    fill(browser, "votesFor", "9", within=form)
    fill(browser, "votesAgainst", "0", within=form)
    press(browser, button(browser, "Ghi kết quả", within=form))
    looks_fine(browser, "9 tán thành")
    form = browser.find_element(By.ID, "quyet-dinh")
    fill(browser, "number", AWARD_DECISION["number"], within=form)
    fill(browser, "signer", AWARD_DECISION["signer"], within=form)
    press(browser, button(browser, "Ghi quyết định", within=form))
    looks_fine(browser, "Đã quyết định", f"Số {AWARD_DECISION['number']}", "Được khen thưởng", "Trả lại")
    shot(browser, "30-tinh-ghi-quyet-dinh", ARTIFACTS)
    sign_out(browser)
    year["done"].add("decided")


def test_15_the_history_and_the_statistics_show_the_award(year, browser):
    after(year, "decided")
    server = year["server"]
    as_user(browser, year, officer(HEAD))
    browser.get(server["base"] + f"/don-vi/{HEAD['id']}")
    follow(browser, "Thi đua, khen thưởng")
    history = browser.find_element(By.CSS_SELECTOR, "table.award-history").text
    assert "Cờ thi đua của Ủy ban nhân dân tỉnh" in history and AWARD_DECISION["number"] in history, history
    shot(browser, "31-lich-su-khen-thuong-don-vi-dan-dau", ARTIFACTS)
    sign_out(browser)
    as_user(browser, year, OFFICER)
    browser.get(server["base"] + f"/tinh/{year['province']}/thong-ke-khen-thuong?year={YEAR}")
    looks_fine(browser, "1 lượt", "1 lượt tập thể, 0 lượt cá nhân")
    shot(browser, "32-tinh-thong-ke-khen-thuong", ARTIFACTS)
    sign_out(browser)


# Documents (issue 15): the pact and the ranking, downloaded from their pages and opened by
# python-docx and openpyxl as an office would open them.

def download(browser, link_text):
    """The file behind a link of the page, fetched with the browser's session."""
    import urllib.request
    href = browser.find_element(By.LINK_TEXT, link_text).get_attribute("href")
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(href, headers={"Cookie": cookies}), timeout=60) as answer:
        assert answer.status == 200, href
        return answer.read()


def test_16_the_head_issues_the_pact_and_downloads_it_and_the_ranking(year, browser, tmp_path):
    after(year, "published")
    import docx
    import openpyxl
    as_user(browser, year, officer(HEAD))
    browser.get(year["url"])
    follow(browser, "Giao ước, chỉ tiêu")
    looks_fine(browser, "Giao ước chưa phát hành")
    press(browser, button(browser, "Cấp số và phát hành giao ước"))
    looks_fine(browser, "Giao ước đã phát hành, Số: 01/GƯTĐ-STC")
    shot(browser, "27-truong-khoi-phat-hanh-giao-uoc", ARTIFACTS)
    path = tmp_path / "giao-uoc.docx"
    path.write_bytes(download(browser, "Tải DOCX"))
    document = docx.Document(str(path))
    head = document.tables[0]
    left = [p.text for p in head.cell(0, 0).paragraphs]
    right = [p.text for p in head.cell(0, 1).paragraphs]
    # A bloc of State departments: quốc hiệu, tiêu ngữ, the province as the place, the number.
    assert left == ["ỦY BAN NHÂN DÂN TỈNH TÂY NINH", BLOC["name"].upper(), "________", "Số: 01/GƯTĐ-STC"], left
    assert right == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     f"Tây Ninh, ngày 26 tháng 02 năm {YEAR}"], right
    text = "\n".join(p.text for p in document.paragraphs)
    assert "GIAO ƯỚC THI ĐUA" in text and "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15" in text, text[:2000]
    for unit in UNITS:
        assert f"nhiệm vụ trọng tâm năm {YEAR} của {unit['short']}" in text
    signers = "\n".join(c.text for row in document.tables[-1].rows for c in row.cells)
    assert all(unit["signer"][0] in signers and unit["name"].upper() in signers for unit in UNITS), signers
    assert {r.font.name for p in document.paragraphs for r in p.runs} == {"Times New Roman"}

    browser.get(year["url"])
    follow(browser, "Xếp hạng")
    path = tmp_path / "xep-hang.xlsx"
    path.write_bytes(download(browser, "XLSX"))
    sheet = openpyxl.load_workbook(str(path)).worksheets[0]
    assert sheet["A2"].value == f"BẢNG TỔNG HỢP ĐIỂM VÀ XẾP HẠNG NĂM {YEAR}"
    body = [row for row in sheet.iter_rows(min_row=6, values_only=True)]
    assert [(r[1], r[-2], r[-1]) for r in body] == [(name, float(total), label) for name, total, label in RANKING], body
    assert [r[0] for r in body] == [1, 2, 3, 4]

    # The plan from the year page, the table from its page, a member's sheet from its page.
    browser.get(year["url"])
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(download(browser, "Kế hoạch (DOCX)"))
    plan = docx.Document(str(path))
    lines = [p.text for p in plan.paragraphs]
    assert lines[:2] == ["KẾ HOẠCH", f"Hoạt động của {BLOC['name']} năm {YEAR}"], lines[:4]
    assert any(line.startswith("Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15") for line in lines), lines[:6]
    assert {r.font.name for p in plan.paragraphs for r in p.runs} == {"Times New Roman"}
    browser.get(year["url"] + "/bang-diem")
    path = tmp_path / "bang-diem.docx"
    path.write_bytes(download(browser, "DOCX"))
    table = docx.Document(str(path))
    cells = [c.text.strip() for t in table.tables for row in t.rows for c in row.cells]
    assert all(title in cells for _, _, title, *_ in CRITERIA), cells
    path = tmp_path / "bang-diem.xlsx"
    path.write_bytes(download(browser, "XLSX"))
    rows = list(openpyxl.load_workbook(str(path)).worksheets[0].iter_rows(min_row=5, values_only=True))
    assert [(r[0], r[1].strip()) for r in rows] == [(c[0], c[2]) for c in CRITERIA], rows
    assert all(r[3] == c[4] for r, c in zip(rows, CRITERIA) if c[3] in ("Nhóm", "Điểm cơ bản")), rows
    browser.get(year["url"] + f"/cham-diem/{MEMBER['id']}")
    path = tmp_path / "bang-tu-cham.xlsx"
    path.write_bytes(download(browser, "XLSX"))
    rows = list(openpyxl.load_workbook(str(path)).worksheets[0].iter_rows(min_row=5, values_only=True))
    assert [r[0] for r in rows[:len(CRITERIA)]] == [c[0] for c in CRITERIA], rows
    sign_out(browser)
    year["done"].add("documents")


# Documents of the conference (issue 15): the head issues the ballot count of the suy tôn and
# the conference's minutes, downloads them from their pages and opens them with python-docx.

def header_block(document):
    """The left and right cells of a document's header block, paragraph by paragraph."""
    head = document.tables[0]
    return [p.text for p in head.cell(0, 0).paragraphs], [p.text for p in head.cell(0, 1).paragraphs]


def table_rows(document):
    """Every row of every table but the header block, as the texts of its cells."""
    return [[c.text for c in row.cells] for table in document.tables[1:] for row in table.rows]


def test_17_the_head_issues_the_ballot_count_and_the_minutes_of_the_conference(year, browser, tmp_path):
    after(year, "documents")
    import docx
    as_user(browser, year, officer(HEAD))
    browser.get(year["conference"])
    section = session_of(browser, "Suy tôn")
    assert "dự thảo, chưa có số" in section.text, section.text
    press(browser, button(browser, "Cấp số và phát hành biên bản kiểm phiếu", within=section))
    looks_fine(browser)
    # The head's BB series starts at 01 (the pact took 01 of its own, GƯTĐ).
    assert "đã phát hành, Số: 01/BB-STC" in session_of(browser, "Suy tôn").text
    # From the session's page: the room screen, once closed.
    browser.get(year["screen"])
    path = tmp_path / "bien-ban-kiem-phieu.docx"
    path.write_bytes(download(browser, "Tải biên bản kiểm phiếu (DOCX)"))
    document = docx.Document(str(path))
    left, right = header_block(document)
    assert left == ["ỦY BAN NHÂN DÂN TỈNH TÂY NINH", BLOC["name"].upper(), "________", "Số: 01/BB-STC"], left
    assert right == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     f"Tây Ninh, ngày 28 tháng 12 năm {YEAR}"], right
    text = "\n".join(p.text for p in document.paragraphs)
    assert "BIÊN BẢN KIỂM PHIẾU" in text and "Trúng khi được quá 1/2 tổng số đơn vị thành viên đồng ý" in text, text
    rows = table_rows(document)
    counts = {r[0]: r[1] for r in rows if len(r) == 2}
    assert (counts["Tổng số đơn vị thành viên"], counts["Số đơn vị có mặt, được bỏ phiếu"], counts["Số phiếu thu về"],
            counts["Số phiếu hợp lệ"], counts["Số phiếu không hợp lệ"], counts["Số phiếu đồng ý cần để trúng"]) \
        == ("4", "4", "4", "4", "0", "3"), counts
    candidates = [r for r in rows if len(r) == 6 and r[0] == "1"]
    assert [(r[1], r[2], r[5]) for r in candidates] == [(RANKING[0][0], "4", "Trúng")], candidates
    signers = "\n".join(c for r in rows for c in r)
    assert "TỔ TRƯỞNG TỔ KIỂM PHIẾU\n" in signers and "Huỳnh Quốc Bảo" in signers and "Võ Thị Ngọc Hân" in signers

    # The minutes: the next number, the roll call, both sessions' results, chair and secretary.
    browser.get(year["conference"])
    looks_fine(browser, "Biên bản chưa phát hành")
    press(browser, button(browser, "Cấp số và phát hành biên bản hội nghị"))
    looks_fine(browser, "Biên bản đã phát hành, Số: 02/BB-STC")
    shot(browser, "34-truong-khoi-phat-hanh-bien-ban", ARTIFACTS)
    path = tmp_path / "bien-ban.docx"
    path.write_bytes(download(browser, "Tải biên bản hội nghị (DOCX)"))
    document = docx.Document(str(path))
    left, right = header_block(document)
    assert left == ["ỦY BAN NHÂN DÂN TỈNH TÂY NINH", BLOC["name"].upper(), "________", "Số: 02/BB-STC"], left
    assert right[2] == f"Tây Ninh, ngày 28 tháng 12 năm {YEAR}", right
    text = "\n".join(p.text for p in document.paragraphs)
    for line in ["BIÊN BẢN", f"Hội nghị tổng kết năm {YEAR} của {BLOC['name']}", "Địa điểm: Hội trường Sở Tài chính.",
                 "Chủ trì: Trần Văn Hùng. Thư ký: Lê Thị Thu Trang.", "Có mặt 4/4 đơn vị thành viên; vắng 0 đơn vị.",
                 f"Bầu Trưởng khối năm {YEAR + 1}", "Chi tiết tại Biên bản kiểm phiếu số 01/BB-STC."]:
        assert line in text, f"«{line}» is not in the minutes:\n{text}"
    rows = table_rows(document)
    roll = {(r[1], r[2], r[3]) for r in rows if len(r) == 4 and r[0] != "TT"}
    assert roll == {(unit["name"], "Có mặt", unit["signer"][0]) for unit in UNITS}, roll
    results = [(r[1], r[2], r[5]) for r in rows if len(r) == 6 and r[0] == "1"]
    assert results == [(RANKING[0][0], "4", "Trúng"), (NEXT_HEAD["name"], "3", "Trúng")], results
    signers = "\n".join(c for r in rows for c in r)
    assert "THƯ KÝ HỘI NGHỊ" in signers and "CHỦ TRÌ HỘI NGHỊ" in signers and "Lê Thị Thu Trang" in signers
    assert {r.font.name for p in document.paragraphs for r in p.runs} == {"Times New Roman"}

    # The blank ballot of the suy tôn: no number, the candidate with its box, how to mark.
    path = tmp_path / "phieu-bau.docx"
    path.write_bytes(download(browser, "Phiếu bầu để in (DOCX)"))
    document = docx.Document(str(path))
    left, _ = header_block(document)
    assert left == ["ỦY BAN NHÂN DÂN TỈNH TÂY NINH", BLOC["name"].upper(), "________"], left
    assert ["1", RANKING[0][0], ""] in table_rows(document)
    assert "PHIẾU BẦU" in "\n".join(p.text for p in document.paragraphs)
    sign_out(browser)
    year["done"].add("conference-documents")


# Awards decided before ThiDua (issues 14 and 15): the province imports its list of past awards
# from an office spreadsheet; the unit's history then holds them.

def test_18_the_province_imports_past_awards_and_the_unit_sees_them(year, browser, tmp_path):
    after(year, "province")
    import openpyxl
    server = year["server"]
    # The member was founded on 1/7/2025 (the merger): its past awards are dated after that
    # (one before it is refused as the unit did not exist yet).
    past = [(YEAR - 1, "Tập thể lao động tiên tiến", "18/QĐ-UBND", f"01/08/{YEAR - 1}"),
            (YEAR - 1, "Giấy khen", "27/QĐ-UBND", f"20/08/{YEAR - 1}")]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Tập thể, cá nhân được khen", "Đơn vị", "Danh hiệu, hình thức", "Năm thành tích", "Số quyết định",
                  "Ngày quyết định"])
    for award_year, award, number, day in past:
        sheet.append([MEMBER["name"], MEMBER["short"], award, award_year, number, day])
    path = tmp_path / "khen-thuong-da-co.xlsx"
    book.save(str(path))
    early = openpyxl.Workbook()
    early.active.append(["Tập thể, cá nhân được khen", "Đơn vị", "Danh hiệu, hình thức", "Năm thành tích", "Số quyết định",
                         "Ngày quyết định"])
    early.active.append([MEMBER["name"], MEMBER["short"], "Tập thể lao động tiên tiến", 2024, "5/QĐ-UBND", "15/01/2025"])
    early_path = tmp_path / "khen-thuong-truoc-khi-thanh-lap.xlsx"
    early.save(str(early_path))

    as_user(browser, year, OFFICER)
    browser.get(server["base"] + f"/tinh/{year['province']}")
    follow(browser, "Nhập khen thưởng đã có từ tệp")
    fill(browser, "file", str(early_path))
    press(browser, button(browser, "Xem trước"))
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "0 dòng hợp lệ, 1 dòng bị từ chối" in body and f"«{MEMBER['name']}» không hoạt động vào ngày 15/01/2025" in body, body[:2000]
    fill(browser, "file", str(path))
    press(browser, button(browser, "Xem trước"))
    looks_fine(browser, "2 dòng hợp lệ, 0 dòng bị từ chối")
    press(browser, button(browser, "Ghi 2 khen thưởng vào hồ sơ khen thưởng"))
    looks_fine(browser, "Đã ghi 2 khen thưởng")
    shot(browser, "33-tinh-nhap-khen-thuong-da-co", ARTIFACTS)
    # The same file again: nothing is written twice, and each row says why.
    fill(browser, "file", str(path))
    press(browser, button(browser, "Xem trước"))
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "0 dòng hợp lệ, 2 dòng bị từ chối" in body and "đã có trong hồ sơ khen thưởng" in body, body[:2000]

    # Xếp loại đã có: the member's rating for the year before, and one of its people's for this
    # year, from the list the province keeps; a rating for a year before the unit was founded
    # is refused by the rule of the unit's page, so the first file writes nothing.
    liên = MEMBER["staff"][1][0]
    ratings = [["Tập thể, cá nhân", "Đơn vị", "Năm", "Xếp loại"],
               [MEMBER["name"], "", YEAR - 1, "Hoàn thành xuất sắc nhiệm vụ"],
               [liên, MEMBER["short"], YEAR, "HTTNV"]]
    for name, rows in (("xep-loai-co-loi.xlsx", ratings + [[MEMBER["short"], "", 2024, "HTNV"]]), ("xep-loai.xlsx", ratings)):
        book = openpyxl.Workbook()
        for row in rows:
            book.active.append(row)
        book.save(str(tmp_path / name))
    browser.get(server["base"] + f"/tinh/{year['province']}")
    follow(browser, "Nhập xếp loại hằng năm từ tệp")
    fill(browser, "file", str(tmp_path / "xep-loai-co-loi.xlsx"))
    press(browser, button(browser, "Xem trước"))
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "2 dòng hợp lệ, 1 dòng bị từ chối" in body and "trong năm 2024" in body, body[:2000]
    fill(browser, "file", str(tmp_path / "xep-loai.xlsx"))
    press(browser, button(browser, "Xem trước"))
    looks_fine(browser, "2 dòng hợp lệ, 0 dòng bị từ chối")
    press(browser, button(browser, "Ghi 2 xếp loại vào hồ sơ của các tập thể, cá nhân"))
    looks_fine(browser, "Đã ghi 2 xếp loại")
    shot(browser, "33b-tinh-nhap-xep-loai", ARTIFACTS)
    sign_out(browser)

    as_user(browser, year, officer(MEMBER))
    browser.get(server["base"] + f"/don-vi/{MEMBER['id']}")
    follow(browser, "Thi đua, khen thưởng")
    history = browser.find_element(By.CSS_SELECTOR, "table.award-history").text
    for _, award, number, _ in past:
        assert award in history and number in history, history
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "HTXSNV — Hoàn thành xuất sắc nhiệm vụ" in main, main[-1500:]
    sign_out(browser)


# Home (issue 16): «Việc cần làm» of each role at the start of the next year — the pact of
# the year the conference opened is unsigned; a member signs from its home and the line
# turns to "signed"; the head sees who has not signed, and the lock disabled naming them;
# the province sees its years by step and the units late against the year's own dates.

def home(browser, server):
    browser.get(server["base"] + "/")
    looks_fine(browser, "Việc cần làm")
    return browser.find_element(By.TAG_NAME, "main").text


def pending_count(browser):
    """The count of pending work in the menu (opened to read it on a phone)."""
    open_menu(browser)
    count = browser.find_element(By.CSS_SELECTOR, "a.pending-count .badge").text
    close_menu(browser)
    return count


def test_19_each_roles_home_shows_its_pending_work_in_the_next_year(year, browser):
    after(year, "voted")
    server = year["server"]
    nxt = YEAR + 1
    member = UNITS[3]  # Văn phòng UBND tỉnh: neither head nor deputy of the next year
    others = ", ".join(u["name"] for u in UNITS if u is not member)

    as_user(browser, year, officer(member))
    text = home(browser, server)
    if f"{BLOC['name']} — năm {nxt}" not in text:
        pytest.skip(f"the year {nxt} was not opened (step 11)")
    assert "Chưa ký giao ước thi đua" in text and "Chưa đăng ký thi đua" in text, text
    count = pending_count(browser)
    assert int(count) >= 2, count  # the pact and the registration of the next year
    shot(browser, "40-don-vi-viec-can-lam", ARTIFACTS)
    follow(browser, "Chưa ký giao ước thi đua")
    looks_fine(browser, f"năm {nxt}")
    section = browser.find_element(By.ID, "u-" + member["id"])
    fill(browser, "signerName", member["signer"][0], within=section)
    fill(browser, "signerPosition", member["signer"][1], within=section)
    press(browser, button(browser, "Ký giao ước cho đơn vị", within=section))
    looks_fine(browser, "1/4 đơn vị đã ký")
    text = home(browser, server)
    assert "Chưa ký giao ước thi đua" not in text, text
    assert "Đã ký giao ước ngày" in text, text
    assert int(pending_count(browser)) == int(count) - 1
    sign_out(browser)

    as_user(browser, year, officer(NEXT_HEAD))
    text = home(browser, server)
    assert f"Việc của Trưởng khối: {BLOC['name']} — năm {nxt}" in text, text
    assert f"3 đơn vị chưa ký giao ước: {others}" in text, text
    assert "4 đơn vị chưa đăng ký thi đua" in text, text
    shot(browser, "41-truong-khoi-viec-can-lam", ARTIFACTS)
    follow(browser, f"Việc của Trưởng khối: {BLOC['name']} — năm {nxt}")
    lock = button(browser, "Khóa giao ước (mọi thành viên đã ký)")
    assert not lock.is_enabled(), "the lock is offered before every member signed"
    assert f"Còn 3 đơn vị thành viên chưa ký giao ước. {others}." in browser.find_element(By.TAG_NAME, "main").text
    sign_out(browser)

    as_user(browser, year, OFFICER)
    text = home(browser, server)
    assert "Khối, cụm theo bước của năm thi đua" in text and "Xây dựng kế hoạch" in text, text
    assert f"{BLOC['name']} — năm {nxt}" in text, text
    assert "Tờ trình khen thưởng chờ xử lý" in text, text
    # This year's pact was signed on the day the test ran: late if that is after 26/02.
    if datetime.date.today() > datetime.date(YEAR, 2, 26):
        signers = ", ".join(u["name"] for u in UNITS)
        assert f"{BLOC['name']}: 4 đơn vị ký giao ước sau hạn hoặc chưa ký: {signers}" in text, text
    shot(browser, "42-tinh-viec-can-lam", ARTIFACTS)
    sign_out(browser)
    year["done"].add("homes")


# Confirmations (issue 16 part 3): every step is asked on a page of its own before it is
# made (a form: no script needed), «Hủy» leaves the year as it was, and the next page says
# what was done, once.
def confirm(browser, label, message, shot_name=None):
    """On the confirmation page: presses `label`, then checks the next page says `message`."""
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Xác nhận"), browser.current_url
    assert browser.find_elements(By.CSS_SELECTOR, "input[name=confirmed][value='1']"), "no confirmation field"
    if shot_name:
        shot(browser, shot_name, ARTIFACTS)
    press(browser, button(browser, label))
    looks_fine(browser, message)
    assert browser.find_element(By.CSS_SELECTOR, ".flash").text == message


def test_20_a_step_is_asked_before_it_is_made_and_reported_after(year, browser):
    after(year, "homes")
    as_user(browser, year, officer(HEAD))
    browser.get(year["url"])
    step = "Ghi nhận đã gửi đề nghị khen thưởng"
    press(browser, button(browser, step))
    looks_fine(browser, f"chuyển năm thi đua {YEAR} từ bước «Hội nghị tổng kết» sang bước «Đã gửi đề nghị khen thưởng»?",
               "Ghi nhận khối đã gửi tờ trình đề nghị khen thưởng lên tỉnh.")
    shot(browser, "43-truong-khoi-xac-nhan-chuyen-buoc", ARTIFACTS)
    follow(browser, "Hủy, quay lại")
    assert browser.find_element(By.CLASS_NAME, "state").text == "Hội nghị tổng kết"
    assert not browser.find_elements(By.CSS_SELECTOR, ".flash")
    press(browser, button(browser, step))
    confirm(browser, f"Xác nhận: {step}", f"Đã chuyển năm thi đua {YEAR} sang bước «Đã gửi đề nghị khen thưởng».")
    assert browser.find_element(By.CLASS_NAME, "state").text == "Đã gửi đề nghị khen thưởng"
    shot(browser, "44-truong-khoi-thong-bao-sau-chuyen-buoc", ARTIFACTS)
    # Said once: the page seen again has no message.
    browser.get(year["url"])
    assert not browser.find_elements(By.CSS_SELECTOR, ".flash")
    sign_out(browser)
    year["done"].add("confirmations")


# Award lists (issue 14, parts 6-7): the head unit's officer checks its whole staff for LĐTT
# at once and downloads the list as XLSX; the province downloads the decided proposal's
# certificate list (danh sách kèm theo quyết định) as DOCX and XLSX.

def test_21_the_unit_checks_its_whole_staff_and_the_province_prints_the_certificate_list(year, browser, tmp_path):
    after(year, "decided")
    import docx
    import openpyxl
    trang, hung = HEAD["staff"][1][0], HEAD["staff"][0][0]
    as_user(browser, year, officer(HEAD))
    follow(browser, "Khen thưởng")
    follow(browser, "Xét điều kiện cả danh sách")
    form = browser.find_element(By.CSS_SELECTOR, "form.eligibility-list-form")
    fill(browser, "award", "Lao động tiên tiến", within=form)
    fill(browser, "unitID", HEAD["name"], within=form)
    fill(browser, "year", str(YEAR), within=form)
    press(browser, button(browser, "Xét cả danh sách", within=form))
    looks_fine(browser, f"Lao động tiên tiến năm {YEAR} — Cán bộ của {HEAD['name']} năm {YEAR}",
               "1 đủ điều kiện, 1 chưa đủ điều kiện")
    rows = {r.find_elements(By.TAG_NAME, "td")[1].text: r.text
            for r in browser.find_elements(By.CSS_SELECTOR, "table.eligibility-list tbody tr")}
    assert set(rows) == {trang, hung}, rows
    assert "Không đạt" in rows[hung] and "Xếp loại từ «Hoàn thành tốt nhiệm vụ» trở lên" in rows[hung], rows[hung]
    assert "Điều 24 Luật Thi đua, khen thưởng số 06/2022/QH15" in rows[hung], rows[hung]
    assert "Đạt" in rows[trang], rows[trang]
    follow(browser, "Chưa đủ điều kiện (1)")
    shown = [r.find_elements(By.TAG_NAME, "td")[1].text for r in browser.find_elements(By.CSS_SELECTOR, "table.eligibility-list tbody tr")]
    assert shown == [hung], shown
    shot(browser, "45-don-vi-xet-ca-danh-sach", ARTIFACTS)
    follow(browser, "Tất cả (2)")
    path = tmp_path / "xet-dieu-kien.xlsx"
    path.write_bytes(download(browser, "Tải XLSX"))
    sheet = openpyxl.load_workbook(str(path)).worksheets[0]
    assert sheet["A1"].value == f"KẾT QUẢ XÉT ĐIỀU KIỆN LAO ĐỘNG TIÊN TIẾN NĂM {YEAR}", sheet["A1"].value
    assert [c.value for c in sheet[3]] == ["STT", "Họ và tên / Tên đơn vị", "Chức vụ, đơn vị", "Kết quả",
                                           "Điều kiện chưa đạt, cần xem xét (căn cứ)", "Quy định áp dụng"]
    body = {row[1]: row for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert set(body) == {trang, hung} and body[hung][3] == "Không đạt" and "Điều 24" in body[hung][4], body
    assert body[trang][2] == f"Chuyên viên, {HEAD['name']}", body[trang]
    assert sheet["B4"].font.name == "Times New Roman" and sheet["A3"].font.b
    assert sheet.column_dimensions["E"].width >= 60
    sign_out(browser)

    as_user(browser, year, OFFICER)
    browser.get(year["proposal"])
    looks_fine(browser, "Đã quyết định", "Danh sách kèm theo")
    shot(browser, "46-tinh-danh-sach-kem-theo-quyet-dinh", ARTIFACTS)
    path = tmp_path / "danh-sach.docx"
    path.write_bytes(download(browser, "Danh sách kèm theo quyết định (DOCX)"))
    document = docx.Document(str(path))
    left, right = header_block(document)
    assert left == ["ỦY BAN NHÂN DÂN", f"TỈNH {PROVINCE['name'].upper()}", "________"], left
    assert right[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"], right
    text = [p.text for p in document.paragraphs]
    # The decision's day as the page shows it (the server's day in Vietnam), written as ND 30 writes dates.
    decided = datetime.date.fromisoformat(re.search(r"ngày (\d{4}-\d{2}-\d{2})", browser.find_element(By.CSS_SELECTOR, "dd.decision").text).group(1))
    month = f"{decided.month:02d}" if decided.month < 3 else str(decided.month)
    attached = (f"(Kèm theo Quyết định số {AWARD_DECISION['number']} ngày {decided.day:02d} tháng {month} năm {decided.year} "
                f"của Chủ tịch UBND tỉnh {PROVINCE['name']})")
    assert "DANH SÁCH" in text and attached in text, text
    rows = table_rows(document)
    assert rows[0] == ["STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị công tác", "Hình thức, danh hiệu khen thưởng"], rows
    assert rows[1][0] == "1" and rows[1][1] == HEAD["name"] and rows[1][3] == "Cờ thi đua của Ủy ban nhân dân tỉnh", rows
    assert len(rows) == 2, rows  # the returned line was not awarded
    assert {r.font.name for p in document.paragraphs for r in p.runs} == {"Times New Roman"}
    path = tmp_path / "danh-sach.xlsx"
    path.write_bytes(download(browser, "Danh sách kèm theo quyết định (XLSX)"))
    sheet = openpyxl.load_workbook(str(path)).worksheets[0]
    assert sheet["A2"].value == attached, sheet["A2"].value
    listed = [(r[0], r[1], r[3]) for r in sheet.iter_rows(min_row=4, values_only=True)]
    assert listed == [(1, HEAD["name"], "Cờ thi đua của Ủy ban nhân dân tỉnh")], listed
    sign_out(browser)
    year["done"].add("award-lists")


# History that awards stand on (issue 14 part 9): a bloc that ended at the 2025 merger, whose
# years ThiDua never ran. The province records its 2024 from the report of then — ranking
# with points, head, deputy, the Cờ it led to — and the unit's eligibility and award history
# read that year like one run here.
OLD_BLOC = {"name": "Khối thi đua các cơ quan kinh tế tỉnh (trước sắp xếp)", "from": "2024-01-01", "to": "2025-06-30"}
OLD_UNITS = [{"name": "Sở Kế hoạch và Đầu tư", "short": "SKHĐT", "rank": "1", "points": "96,5"},
             {"name": "Sở Công Thương", "short": "SCT", "rank": "2", "points": "94"}]
OLD_REPORT = "Báo cáo số 25/BC-KTĐ ngày 20/12/2024 của Khối"
OLD_FLAG = ("Cờ thi đua của Ủy ban nhân dân tỉnh", "45/QĐ-UBND", "2025-01-15")


def test_22_the_province_records_a_past_year_of_an_ended_bloc(year, browser):
    after(year, "admin")
    server = year["server"]
    as_user(browser, year, OFFICER)
    for unit in OLD_UNITS:
        add_unit(browser, server, unit, "2020-01-01", until=OLD_BLOC["to"])
    follow(browser, "Khối, cụm thi đua")
    follow(browser, "Thêm khối, cụm")
    fill(browser, "kind", "Khối thi đua")
    fill(browser, "name", OLD_BLOC["name"])
    fill(browser, "validFrom", OLD_BLOC["from"])
    submit(browser, "form.form button[type=submit]")
    looks_fine(browser, OLD_BLOC["name"])
    bloc_url = browser.current_url.split("?")[0]
    # Its members as the registry knew them, then the day it ended (members are no longer
    # changed once a bloc has ended).
    for unit in OLD_UNITS:
        browser.get(bloc_url)
        form = form_with_action(browser, "/thanh-vien")
        fill(browser, "unitID", unit["name"] + " (", within=form)
        fill(browser, "validFrom", OLD_BLOC["from"], within=form)
        fill(browser, "validTo", OLD_BLOC["to"], within=form)
        press(browser, button(browser, "Thêm thành viên", within=form))
        looks_fine(browser, unit["name"])
    browser.get(bloc_url)
    follow(browser, "Sửa")
    fill(browser, "validTo", OLD_BLOC["to"])
    submit(browser, "form.form button[type=submit]")
    looks_fine(browser, OLD_BLOC["name"], "đến 30/06/2025")

    # The ended bloc offers no live year, only its past years to record.
    browser.get(bloc_url)
    main = browser.find_element(By.TAG_NAME, "main").text
    assert f"Năm thi đua {YEAR}" not in main and "Ghi lại năm 2025" in main and "Ghi lại năm 2023" not in main, main
    follow(browser, "Ghi lại năm 2024")
    form = form_with_action(browser, "/nam-da-qua/2024")
    fill(browser, "source", OLD_REPORT, within=form)
    fill(browser, "headUnitID", OLD_UNITS[0]["name"], within=form)
    fill(browser, "deputyUnitID", OLD_UNITS[1]["name"], within=form)
    rows = form.find_elements(By.CSS_SELECTOR, "table")[0].find_elements(By.CSS_SELECTOR, "tbody tr")
    for unit in OLD_UNITS:
        row = next(r for r in rows if r.find_element(By.TAG_NAME, "td").text.strip() == unit["name"])
        fill(browser, "rank[]", unit["rank"], within=row)
        fill(browser, "points[]", unit["points"], within=row)
    award_row = form.find_elements(By.CSS_SELECTOR, "table")[1].find_elements(By.CSS_SELECTOR, "tbody tr")[0]
    fill(browser, "awardUnitID[]", OLD_UNITS[0]["name"], within=award_row)
    fill(browser, "awardCode[]", OLD_FLAG[0], within=award_row)
    fill(browser, "decisionNumber[]", OLD_FLAG[1], within=award_row)
    fill(browser, "decisionDate[]", OLD_FLAG[2], within=award_row)
    shot(browser, "47-tinh-ghi-lai-nam-da-qua", ARTIFACTS)
    press(browser, button(browser, "Ghi lại năm 2024", within=form))
    looks_fine(browser, OLD_REPORT, OLD_UNITS[0]["name"], "96,5", OLD_FLAG[0], OLD_FLAG[1])
    browser.get(bloc_url)
    looks_fine(browser, "Năm 2024 (theo " + OLD_REPORT)
    # One space between words: a phone shows the row as a card, its cells on lines of their own.
    offices = " ".join(browser.find_element(By.TAG_NAME, "main").text.split())
    assert f"2024 {OLD_UNITS[0]['name']} {OLD_UNITS[1]['name']} Ghi lại theo báo cáo năm đó" in offices, offices

    # The unit's eligibility reads the recorded rank and Cờ; its history shows the award.
    unit = OLD_UNITS[0]
    browser.get(server["base"] + f"/don-vi/{unit['id']}/khen-thuong?award=co_chinh_phu&year=2024&date=2025-02-10")
    looks_fine(browser, f"2024: Cờ thi đua tỉnh ({OLD_FLAG[1]})")
    browser.get(server["base"] + f"/don-vi/{unit['id']}/khen-thuong?award=co_tinh&year=2024&date=2025-01-10")
    looks_fine(browser, f"2024: hạng 1, {OLD_BLOC['name']}")
    history = browser.find_element(By.CSS_SELECTOR, "table.award-history").text
    assert OLD_FLAG[0] in history and OLD_FLAG[1] in history and unit["name"] in history, history
    shot(browser, "48-don-vi-lich-su-tu-nam-da-qua", ARTIFACTS)
    sign_out(browser)
    year["done"].add("history")


# Notifications (issue 16 part 1): the head's officer is told that the province returned a
# line of its proposal (step 14), follows the count in the navigation, and marks it read.
def test_23_the_unit_is_told_its_line_was_returned_and_marks_it_read(year, browser):
    after(year, "decided")
    as_user(browser, year, officer(HEAD))
    reason = "Thiếu bản tự nhận xét có ý kiến của thủ trưởng"
    # On a phone the count sits in the folded menu: open it (a no-op on a wide screen).
    open_menu(browser)
    unread = int(browser.find_element(By.CSS_SELECTOR, "a.unread-count .badge").text)
    press(browser, browser.find_element(By.CSS_SELECTOR, "a.unread-count"))
    looks_fine(browser, "Thông báo", f"Có {unread} thông báo chưa đọc.")

    def returned(css):
        return [li for li in browser.find_elements(By.CSS_SELECTOR, css) if "bị trả lại" in li.text and reason in li.text]
    items = returned("ul.notifications li.unread")
    assert len(items) == 1, browser.find_element(By.TAG_NAME, "main").text
    assert items[0].find_element(By.TAG_NAME, "a").get_attribute("href").split("#")[0] == year["proposal"]
    shot(browser, "49-don-vi-thay-thong-bao-tra-lai", ARTIFACTS)
    press(browser, button(browser, "Đánh dấu đã đọc", within=items[0]))
    looks_fine(browser, "Đã đánh dấu thông báo là đã đọc.")
    assert not returned("ul.notifications li.unread") and len(returned("ul.notifications li.read")) == 1
    badges = browser.find_elements(By.CSS_SELECTOR, "a.unread-count .badge")
    assert (int(badges[0].get_attribute("textContent")) if badges else 0) == unread - 1
    # The link leads to the proposal, where the returned line shows its reason.
    press(browser, returned("ul.notifications li.read")[0].find_element(By.TAG_NAME, "a"))
    looks_fine(browser, reason)
    sign_out(browser)
    year["done"].add("notified")


# Documents (issue 15): the tờ trình of the bloc's proposal, numbered in the head's TTr series
# when the head sent it (step 13), downloaded from the proposal's page and opened by python-docx.

def test_24_the_head_downloads_the_blocs_proposal_numbered_when_it_was_sent(year, browser, tmp_path):
    after(year, "decided")
    import docx
    trang = HEAD["staff"][1]
    as_user(browser, year, officer(HEAD))
    browser.get(year["proposal"])
    # The head's first tờ trình of the year: 01 of its TTr series (the pact and minutes have theirs).
    looks_fine(browser, "Đã phát hành, Số: 01/TTr-STC")
    shot(browser, "49-truong-khoi-to-trinh", ARTIFACTS)
    path = tmp_path / "to-trinh.docx"
    path.write_bytes(download(browser, "Tờ trình và danh sách (DOCX)"))
    document = docx.Document(str(path))
    left, right = header_block(document)
    # The head is a State department: ND 30's block, under the bloc's name, the province as the place.
    assert left == ["ỦY BAN NHÂN DÂN TỈNH TÂY NINH", BLOC["name"].upper(), "________", "Số: 01/TTr-STC"], left
    assert right[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"], right
    # Dated the day it was sent: the server's day in Vietnam (the run may have crossed midnight).
    vietnam = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=7))).date()
    days = [vietnam - datetime.timedelta(days=n) for n in range(2)]
    assert right[2] in [f"Tây Ninh, ngày {d.day:02d} tháng {d.month:02d} năm {d.year}" if d.month < 3 else
                        f"Tây Ninh, ngày {d.day:02d} tháng {d.month} năm {d.year}" for d in days], right
    text = "\n".join(p.text for p in document.paragraphs)
    for line in ["TỜ TRÌNH", f"Về việc đề nghị khen thưởng thành tích năm {YEAR}",
                 "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Tây Ninh (qua Sở Nội vụ).",
                 f"Căn cứ kết quả chấm điểm, xếp hạng thi đua năm {YEAR} của {BLOC['name']};",
                 f"{BLOC['name']} kính đề nghị Chủ tịch Ủy ban nhân dân tỉnh Tây Ninh xét, khen thưởng cho 01 tập thể và 01 cá nhân",
                 "Cờ thi đua của Ủy ban nhân dân tỉnh: 01 tập thể", "Lao động tiên tiến: 01 cá nhân",
                 "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", "Hồ sơ kèm theo", "Kính trình Chủ tịch Ủy ban nhân dân tỉnh Tây Ninh xem xét, quyết định./."]:
        assert line in text, f"«{line}» is not in the tờ trình:\n{text}"
    # The list as sent: the ranking's leader for the flag, the staff member the head kept
    # (the province returned her line later; the tờ trình sent is unchanged).
    rows = [r for r in table_rows(document) if len(r) == 5 and r[0] != "STT"]
    assert [(r[0], r[1], r[3]) for r in rows] == [("1", HEAD["name"], "Cờ thi đua của Ủy ban nhân dân tỉnh"),
                                                  ("2", trang[0], "Lao động tiên tiến")], rows
    assert rows[1][2] == f"{trang[3]}, {HEAD['name']}" and rows[1][4] == f"Hoàn thành nhiệm vụ năm {YEAR}", rows
    signers = "\n".join(c for r in table_rows(document) for c in r)
    assert f"TM. {BLOC['name'].upper()}" in signers and "ĐƠN VỊ TRƯỞNG KHỐI" in signers, signers
    assert {r.font.name for p in document.paragraphs for r in p.runs} == {"Times New Roman"}
    sign_out(browser)


# Documents (issue 15): the year-end report (báo cáo tổng kết) of the bloc's year, issued by
# the head from the year page, with the year's statistics; its tables as XLSX.

def test_25_the_head_issues_the_year_end_report_with_the_years_statistics(year, browser, tmp_path):
    after(year, "decided")
    import docx
    import openpyxl
    as_user(browser, year, officer(HEAD))
    browser.get(year["url"])
    reports = browser.find_element(By.CSS_SELECTOR, "ul.reports").text
    assert "Báo cáo tổng kết năm: dự thảo, chưa có số" in reports, reports
    press(browser, button(browser, "Cấp số và phát hành Báo cáo tổng kết năm"))
    # The head's first report of the calendar year: 01 of its BC series.
    looks_fine(browser, "Báo cáo tổng kết năm: đã phát hành, Số: 01/BC-STC")
    shot(browser, "50-truong-khoi-phat-hanh-bao-cao-tong-ket", ARTIFACTS)
    path = tmp_path / "bao-cao-tong-ket.docx"
    path.write_bytes(download(browser, "Báo cáo tổng kết năm (DOCX)"))
    document = docx.Document(str(path))
    left, right = header_block(document)
    assert left == ["ỦY BAN NHÂN DÂN TỈNH TÂY NINH", BLOC["name"].upper(), "________", "Số: 01/BC-STC"], left
    assert right[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"], right
    assert right[2].startswith("Tây Ninh, ngày "), right
    text = "\n".join(p.text for p in document.paragraphs)
    for line in ["BÁO CÁO", f"Tổng kết công tác thi đua, khen thưởng năm {YEAR} của {BLOC['name']}",
                 f"{BLOC['name']} có 4 đơn vị thành viên; Trưởng khối: {HEAD['name']}; Phó trưởng khối: {DEPUTY['name']}.",
                 # The bloc's flag, proposed and decided; the line the province returned is not counted.
                 "Đề nghị khen thưởng 1 lượt (1 lượt tập thể, 0 lượt cá nhân); được khen thưởng 1 lượt (1 lượt tập thể, 0 lượt cá nhân).",
                 "Các đơn vị thành viên đã ký giao ước và đăng ký thi đua đầy đủ.", "III. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI"]:
        assert line in text, f"«{line}» is not in the report:\n{text}"
    rows = table_rows(document)
    members = [r for r in rows if len(r) == 4 and r[2] in ("Đã ký", "Chưa ký")]
    assert sorted((r[1], r[2], r[3]) for r in members) == sorted((u["name"], "Đã ký", "Đã đăng ký") for u in UNITS), members
    ranking = [r for r in rows if len(r) == 4 and r[0].isdigit() and r[3] in ("Xuất sắc", "Tốt", "Khá")]
    assert [(r[1], r[2], r[3]) for r in ranking] == RANKING, ranking
    assert ["Cờ thi đua của Ủy ban nhân dân tỉnh", "1", "0", "1", "0"] in rows and ["Tổng cộng", "1", "0", "1", "0"] in rows, rows
    assert {r.font.name for p in document.paragraphs for r in p.runs} == {"Times New Roman"}

    path = tmp_path / "bao-cao-tong-ket.xlsx"
    path.write_bytes(download(browser, "Số liệu của Báo cáo tổng kết năm (XLSX)"))
    book = openpyxl.load_workbook(str(path))
    assert book.sheetnames == ["Thành viên", "Phong trào", "Xếp hạng", "Khen thưởng"], book.sheetnames
    ranked = [row for row in book["Xếp hạng"].iter_rows(min_row=3, values_only=True)]
    assert [(r[1], r[2], r[3]) for r in ranked] == [(n, float(t), c) for n, t, c in RANKING], ranked
    sign_out(browser)


# Documents (issue 15): the handover record of the bloc's rotating flag, which the conference
# recorded (step 11), issued by the head from the conference's page.

def test_26_the_head_issues_the_handover_record_of_the_flag(year, browser, tmp_path):
    after(year, "conference-documents")
    import docx
    as_user(browser, year, officer(HEAD))
    browser.get(year["conference"])
    assert "Chưa phát hành" in browser.find_element(By.CSS_SELECTOR, "p.handover").text
    press(browser, button(browser, "Cấp số và phát hành biên bản bàn giao"))
    # The head's BB series of the year: the ballot count took 01, the minutes 02.
    looks_fine(browser, "Đã phát hành, Số: 03/BB-STC")
    path = tmp_path / "ban-giao.docx"
    path.write_bytes(download(browser, "Tải biên bản bàn giao (DOCX)"))
    document = docx.Document(str(path))
    left, right = header_block(document)
    assert left == ["ỦY BAN NHÂN DÂN TỈNH TÂY NINH", BLOC["name"].upper(), "________", "Số: 03/BB-STC"], left
    assert right[2] == f"Tây Ninh, ngày 28 tháng 12 năm {YEAR}", right
    text = "\n".join(p.text for p in document.paragraphs)
    # The flag is new this year: no giving side; the conference's leader takes it, its delegate signs.
    for line in ["BIÊN BẢN", f"Bàn giao cờ luân lưu của {BLOC['name']}", "II. BÊN NHẬN", f"Đơn vị: {RANKING[0][0]}.",
                 f"Đại diện: {HEAD['signer'][0]}.", f"Cờ luân lưu của {BLOC['name']}, theo kết quả thi đua năm {YEAR}"]:
        assert line in text, f"«{line}» is not in the handover record:\n{text}"
    assert "I. BÊN GIAO" not in text, text
    signers = "\n".join(c for r in table_rows(document) for c in r)
    assert "ĐẠI DIỆN BÊN NHẬN" in signers and HEAD["signer"][0] in signers and "CHỦ TRÌ HỘI NGHỊ" in signers, signers
    assert {r.font.name for p in document.paragraphs for r in p.runs} == {"Times New Roman"}
    sign_out(browser)


# Accessibility (issue 16 part 5): what axe found on the pages every step above visited.
def test_99_no_page_has_a_serious_or_critical_accessibility_violation(year, axe):
    axe.check()
    assert axe.pages > 30, f"axe ran on only {axe.pages} pages"
    found = axe.report()
    with open(os.path.join(ARTIFACTS, "axe-violations.txt"), "w", encoding="utf-8") as out:
        out.write(f"{axe.pages} pages checked\n" + "\n".join(found) + "\n")
    assert not found, f"axe on {axe.pages} pages: {len(found)} serious or critical violations:\n" + "\n".join(found[:80])


# Phones (issue 16 part 4): what the phone found on the pages every step above visited.
def test_99_on_a_phone_no_page_scrolls_sideways(year, phone):
    if not phone:
        pytest.skip("a phone's run only: THIDUA_PHONE=1")
    phone.check()
    assert phone.pages > 30, f"the phone measured only {phone.pages} pages"
    found = phone.sideways_report()
    with open(os.path.join(ARTIFACTS, "phone-sideways.txt"), "w", encoding="utf-8") as out:
        out.write(f"{phone.pages} pages measured\n" + "\n".join(found) + "\n")
    assert not found, f"on {phone.pages} pages, {len(found)} scroll sideways:\n" + "\n".join(found[:60])


def test_99_on_a_phone_every_control_is_big_enough_to_touch_and_chart_labels_to_read(year, phone):
    if not phone:
        pytest.skip("a phone's run only: THIDUA_PHONE=1")
    phone.check()
    found = phone.touch_report()
    with open(os.path.join(ARTIFACTS, "phone-small-controls.txt"), "w", encoding="utf-8") as out:
        out.write(f"{phone.pages} pages measured\n" + "\n".join(found) + "\n")
    assert not found, (f"on {len(found)} of {phone.pages} pages, controls under {TOUCH_MIN}×{TOUCH_MIN} px or chart labels under 12 px:\n"
                       + "\n".join(found[:60]))
