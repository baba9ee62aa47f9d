"""The acceptance of the year issue over HTTP: the demo's Khánh Hòa year 2026, its province
overview, and its calendar feed parsed back by a real iCalendar parser (Python's icalendar)."""
import datetime
import json

import icalendar

from test_acceptance import get


def khanh_hoa_bloc(server):
    status, _, body = get(server, "/api/v1/blocs", {"q": "co quan dang", "per": 50})
    assert status == 200
    blocs = [b for b in json.loads(body)["items"] if b.get("provinceName") == "Khánh Hòa"
             or "Khánh Hòa" in json.dumps(b, ensure_ascii=False)]
    assert blocs, body
    return blocs[0]["id"]


def test_the_year_and_its_calendar_feed(server):
    bloc = khanh_hoa_bloc(server)
    status, _, body = get(server, f"/api/v1/blocs/{bloc}/years/2026")
    assert status == 200, body
    year = json.loads(body)
    assert year["state"] == "planning"
    # The demo leaves two members unsigned (a browser test may sign one of them first).
    assert 1 <= sum(1 for m in year["members"] if not m["signed"]) <= 2
    assert year["table"]["declaredTotal"] == "100"

    # A calendar app asks without signing in: the key in the address is its access.
    status, headers, feed = get(server, year["calendarFeed"], token=None)
    assert status == 200
    assert headers["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(feed)
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    pact = next(e for s, e in events.items() if s.startswith("Hội nghị ký kết giao ước —"))
    assert pact["DTSTART"].dt == datetime.date(2026, 2, 26)
    assert str(pact["LOCATION"]) == "Hội trường Ủy ban Kiểm tra Tỉnh ủy"
    assert any(s.startswith("Hội thao các cơ quan Đảng tỉnh") for s in events)
    assert any("chuyển đổi số" in s for s in events)
    assert len({str(e["UID"]) for e in events.values()}) == len(events)

    # A wrong key is not found; the signed-in download is the same calendar.
    status, _, _ = get(server, "/lich-thi-dua/lich_sai", token=None)
    assert status == 404
    status, _, download = get(server, f"/khoi/{bloc}/nam/2026/lich.ics")
    assert status == 200
    assert len(icalendar.Calendar.from_ical(download).walk("VEVENT")) == len(events)


def test_the_province_sees_who_has_not_signed_or_registered(server):
    status, _, body = get(server, "/api/v1/provinces", {"q": "khanh hoa"})
    province = json.loads(body)["items"][0]["id"]
    status, _, body = get(server, f"/api/v1/provinces/{province}/years/2026")
    assert status == 200
    blocs = json.loads(body)["blocs"]
    party = next(b for b in blocs if b["name"] == "Khối thi đua các cơ quan Đảng tỉnh")
    _, _, body = get(server, f"/api/v1/blocs/{party['blocID']}/years/2026")
    members = json.loads(body)["members"]
    assert sorted(party["unsigned"]) == sorted(m["unitID"] for m in members if not m["signed"])
    assert sorted(party["unregistered"]) == sorted(m["unitID"] for m in members if not m["registered"])
    assert party["unsigned"] and len(party["unregistered"]) == 4
