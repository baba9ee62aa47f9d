"""A bloc year brought to its year-end conference through the public API and the CLI only,
as a province would do it: units, a bloc, its members, a year with a one-line table, every
pact signed, every sheet submitted and finalised, the conference with everyone present and
a ballot session open, and one voter account (with an API token made by `thidua token
create`) per member unit. Used by the crash test (e2e/test_z1_ballot_crash.py) and the
benchmark (bench/ballots.py); needs the demo's province officer `tinh.kha`."""
import hashlib
import json
import secrets
from concurrent.futures import ThreadPoolExecutor

from conftest import cli
from test_acceptance import call

YEAR = 2026
SINCE = f"{YEAR}-01-01"


def must(base, method, path, token, body=None, status=200):
    """An API request that must answer `status` (and match openapi.yaml); returns its JSON."""
    got, _, text = call({"base": base, "tokens": {}}, method, path, token=token, body=body)
    if got != status:
        raise AssertionError(f"{method} {path} → {got} (expected {status}): {text}")
    return json.loads(text)


def make_token(env, username):
    """An API token for `username`, made by the binary's own CLI (as an installer would)."""
    return cli(env, "token", "create", "--user", username).strip().splitlines()[-1]


def receipt_hash(receipt):
    """What the bulletin board lists for a receipt: sha256 of its code, in hex."""
    return hashlib.sha256(receipt.encode()).hexdigest()


class Room:
    """The conference room of a new bloc of `count` member units, with a session open."""

    def __init__(self, base, env, count, label="Khối bỏ phiếu thử", voters=True, publish=False):
        """`voters=False` makes no voter accounts; `publish=True` publishes the ranking and stops
        there, before the conference (the reports benchmark's year)."""
        self.base, self.env, self.count = base, env, count
        tag = secrets.token_hex(3)
        province_token = make_token(env, "tinh.kha")
        provinces = must(base, "GET", "/api/v1/provinces?q=Khanh%20Hoa", province_token)
        province = next(p["id"] for p in provinces["items"] if p["code"] == "KHA")
        pool = ThreadPoolExecutor(4)  # setup only: a few requests and CLI runs at a time

        def unit(index):
            return must(base, "POST", "/api/v1/units", province_token, {
                "provinceID": province, "name": f"{label} {tag} — đơn vị {index + 1}", "shortName": f"BP{tag}{index + 1}",
                "kind": "state_agency", "validFrom": SINCE}, status=201)["id"]

        self.units = list(pool.map(unit, range(count)))
        bloc = must(base, "POST", "/api/v1/blocs", province_token, {
            "provinceID": province, "kind": "bloc", "name": f"{label} {tag}", "validFrom": SINCE}, status=201)
        self.bloc = bloc["id"]
        list(pool.map(lambda unit: must(base, "POST", f"/api/v1/blocs/{self.bloc}/members", province_token,
                                        {"unitID": unit, "validFrom": SINCE}, status=201), self.units))
        self.head, deputy = self.units[0], self.units[1]
        self.year_path = f"/api/v1/blocs/{self.bloc}/years/{YEAR}"
        must(base, "POST", self.year_path, province_token, {"headUnitID": self.head, "deputyUnitID": deputy, "source": "none"},
             status=201)

        # An officer for each unit and a voter for each unit, tokens by the CLI (a few at a time).
        def account(args):
            index, unit, role = args
            username = f"{'cb' if role == 'unit_officer' else 'phieu'}.{tag}.{index + 1}"
            must(base, "POST", "/api/v1/users", province_token, {"username": username, "displayName": username,
                                                                 "role": role, "unitID": unit}, status=201)
            return make_token(env, username)

        officers = list(pool.map(account, [(i, u, "unit_officer") for i, u in enumerate(self.units)]))
        voters = list(pool.map(account, [(i, u, "voter") for i, u in enumerate(self.units)])) if voters else []
        self.officers = dict(zip(self.units, officers))
        self.voters = dict(zip(self.units, voters))
        self.head_token = self.officers[self.head]

        table = must(base, "PUT", self.year_path + "/table", self.head_token, {
            "name": "Bảng tiêu chí thử", "declaredTotal": "10",
            "criteria": [{"code": "1", "title": "Hoàn thành nhiệm vụ được giao", "kind": "base", "maximum": "10",
                          "scorer": "self", "evidenceRequired": False}]})
        criterion = table["criteria"][0]["id"]
        list(pool.map(lambda unit: must(base, "POST", f"{self.year_path}/pact/signatures/{unit}", self.officers[unit],
                                        {"signerName": "Nguyễn Văn Ký", "signerPosition": "Thủ trưởng"}, status=201),
                      self.units))
        for transition in ["sign_pact", "start", "open_scoring"]:
            must(base, "POST", self.year_path + "/transitions", self.head_token, {"transition": transition})

        def score(unit):
            sheet = f"{self.year_path}/sheets/{unit}"
            must(base, "PUT", sheet, self.officers[unit], {"version": 0, "values": {criterion: {"points": 9}}})
            must(base, "POST", sheet + "/submit", self.officers[unit], {})
            # The head's own sheet is concluded by the deputy.
            must(base, "POST", sheet + "/finalise", self.officers[deputy if unit == self.head else self.head], {})

        list(pool.map(score, self.units))
        pool.shutdown()
        if publish:
            # The reports benchmark's year ends here: its ranking published, no conference (a roll
            # call of hundreds of members is larger than the API's 16 KB body limit).
            must(base, "POST", self.year_path + "/ranking", self.head_token, {}, status=201)
            return
        must(base, "POST", self.year_path + "/transitions", self.head_token, {"transition": "hold_conference"})

        conference = must(base, "POST", self.year_path + "/conferences", self.head_token, {
            "kind": "year_end", "heldOn": f"{YEAR}-12-28", "place": "Hội trường", "chair": "Nguyễn Văn An",
            "secretary": "Lê Thị Bình", "tallyCommittee": "Trần Văn Cường\nPhạm Thị Dung"}, status=201)
        self.conference = conference["id"]
        must(base, "PUT", f"{self.year_path}/conferences/{self.conference}/attendance", self.head_token, {
            # No delegate names: with them, the roll of 200 members passes the 16 KB body limit (413).
            "attendance": [{"unitID": unit, "present": True} for unit in self.units]})
        self.candidates = self.units[:3]

    def open_session(self):
        """Opens a suy tôn session among the first three units, choose one; returns its id."""
        session = must(self.base, "POST", f"{self.year_path}/conferences/{self.conference}/ballots", self.head_token, {
            "purpose": "leading_unit", "candidates": self.candidates, "seats": 1, "maxChoices": 1,
            "rule": {"shareNumerator": 1, "shareDenominator": 2, "strict": True, "base": "members",
                     "quorumNumerator": 2, "quorumDenominator": 3, "source": "Quy chế hoạt động của khối (thử)"}},
            status=201)
        return session["id"]

    def vote_path(self, session):
        return f"/api/v1/ballots/{session}/vote"

    def choice(self, index):
        return {"choices": [self.candidates[index % len(self.candidates)]]}

    def session(self, session):
        return must(self.base, "GET", f"/api/v1/ballots/{session}", self.head_token)

    def close(self, session, reason=None):
        return must(self.base, "POST", f"{self.year_path}/ballots/{session}/close", self.head_token,
                    {} if reason is None else {"reason": reason})

    def bulletin(self, session):
        return must(self.base, "GET", f"/api/v1/ballots/{session}/bulletin", self.head_token)["receiptHashes"]
