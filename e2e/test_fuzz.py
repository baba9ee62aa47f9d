"""The API fuzzed against its own description: schemathesis reads `/openapi.yaml` from the real
binary and sends what the spec allows (and what it does not) with the bearer token of an admin,
a provincial officer and a unit officer, each against its own server on its own fresh demo data
(and, on PostgreSQL, its own empty database), so one role's writes never shape another's run.

It fails on any 5xx, any answer the spec does not describe (status, content type, body), and any
request the spec says is valid but the server refuses. Each role has a time budget
(THIDUA_FUZZ_SECONDS, 150 by default); THIDUA_FUZZ=0 skips it for a quick local run
(.ci/run sets THIDUA_FUZZ=1)."""
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.request

import pytest

from conftest import cli, own_database_url, start_server, stop_server

pytestmark = pytest.mark.skipif(os.environ.get("THIDUA_FUZZ", "1") == "0", reason="THIDUA_FUZZ=0")

ARTIFACTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "artifacts")

ROLES = {
    "admin": "admin",
    "provincial": "tinh.kha",
    "unit": "donvi.nth.btctu",
}

CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    # A request the spec calls valid must not be refused (a 4xx other than 401/403/404/409).
    "positive_data_acceptance",
]

# Off: a 4xx for schema-invalid data is not asked of every field (negative_data_rejection);
# the rest need stateful links or an unauthenticated pass the spec does not describe
# (max_response_time is off without a limit: no timed assertions).
OTHER_CHECKS = [
    "negative_data_rejection", "response_headers_conformance", "missing_required_header", "unsupported_method",
    "allow_header_conformance", "use_after_free", "ensure_resource_availability", "ignored_auth",
    "object_level_authorization",
]

# What the fuzzer may not send, and why:
EXCLUDED_OPERATIONS = [
    # Revoking the token the run authenticates with ends the run for every later case.
    "revokeToken",
]

# Operations whose refusals the spec cannot foretell: what makes the request valid is a rule
# across fields or over stored data, which JSON Schema cannot say. positive_data_acceptance is
# off for them only; every other check still runs on them.
RULES_BEYOND_THE_SCHEMA = {
    "createBloc": "validTo after validFrom",
    "updateBloc": "validTo after validFrom",
    "addBlocMember": "the membership inside the unit's and the bloc's lifetime",
    "openBlocYear": "the bloc in force that year; the first year names its head unit",
    "createScoringTemplate": "the criteria's maxima add up to the declared total",
    "updateScoringTemplate": "the criteria's maxima add up to the declared total",
    "saveYearTable": "the criteria's maxima add up to the declared total",
    "createReorganisation": "sources and targets as the kind needs, in force on the day",
    "launchProvinceMovement": "criterionIDs from the year's table",
    "addBlocMovement": "criterionIDs from the year's table",
    "createPerson": "validFrom and position only with unitID",
    # A code or name another record holds is refused with the field named (422), as the forms
    # show it beside the field; the spec cannot know what is stored.
    "createProvince": "a province code not already taken",
    "updateProvince": "a province code not already taken",
    "createUnit": "a short name not already taken in the province",
    "updateUnit": "a short name not already taken in the province",
    "createUser": "a username not already taken",
    # Awards (issue 14): what the law and the stored records decide.
    "getPersonEligibility": "a title or form for individuals, in force on the day judged",
    "getUnitEligibility": "a title or form for collectives, in force on the day judged",
    "recordPersonRating": "a year the person worked in a unit",
    "recordUnitRating": "a year the unit existed",
    "recordDiscipline": "a real day; an end only for a review, after its start",
    "recordInitiative": "a real year and a recognised level",
    "createAwardProposal": "a bloc's names its bloc (whose ranking is published), a unit's its unit",
    "addAwardProposalLine": "a recipient of the proposal's units, a form for that subject, named once",
    "submitAwardProposal": "lines, and its warnings read (acknowledgeWarnings)",
    "returnAwardProposal": "a reason, and lines of the proposal",
    "recordCouncilVote": "the proposal at the council; a real day",
    "recordAwardDecision": "the lines at the council, a number new for its issuer, recipients in existence that day",
    "addAwardParameters": "no overlap with the province's other versions; each value within its range",
    # Voting (issue 13): what the year, the roll call and the session decide.
    "scheduleConference": "a day in the year or early the next, a tally committee for a year-end one",
    "recordAttendance": "the bloc's members of the year, each once",
    "handOverFlag": "members of the bloc, two different units",
    "openBallot": "the year at its conference step, a roll call, candidates among the members, seats within them",
    "closeBallot": "an open session; without quorum, a reason",
    "enterPaperBallots": "an open session, units on its list that have not voted, counts that add up",
    "nextBallotRound": "a closed session with a seat left open",
    "recogniseNextOffices": "a member for a year whose office is not yet filled",
    "castBallot": "an open session with the voter's unit on its list, choices among its candidates",
    # History that awards stand on (issue 14 part 9).
    "recordBlocHistoryYear": "members of the bloc that year, each rank once, forms for collectives, days signed",
    # Award lists (issue 14, parts 6-7).
    "checkEligibilityList": "a unit or a bloc in the caller's scope, a title or form of the catalogue for its subject, ids on its list",
    "downloadEligibilityListSpreadsheet": "the same as checkEligibilityList: the same body, as XLSX",
    # Imports (issue 15): any bytes fit the schema; only an office file with the import's columns
    # is read (422 otherwise), and a commit names an upload previewed before (404 otherwise).
    **{f"{phase}{kind}": "an XLSX or CSV file with the import's header row; a commit the sha256 of a previewed upload"
       for phase in ("previewProvinceImport", "commitProvinceImport") for kind in ("Units", "People", "Awards", "Ratings")},
    "previewTableImport": "an XLSX or CSV scoring table, the year's table still a draft",
    "commitTableImport": "the sha256 of a previewed upload, the year's table still a draft",
}

# Lists filtered by a province: one that is not stored is a 400 naming the parameter. The
# coverage phase sends its own fixed UUID there, so positive acceptance is off in that phase
# only; random fuzzing draws the filter from the demo's provinces and is judged.
FILTERED_BY_PROVINCE = ["listBlocs", "listUnits", "listPeople"]


def api(base, token, path):
    request = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def demo_identifiers(base, token):
    """The demo's own ids, read as the admin: random UUIDs only ever reach a 404, so path and body
    fields draw from these most of the time and get past the lookup to the rules behind it."""
    items = lambda path: [item["id"] for item in api(base, token, path)["items"]]
    provinces = items("/api/v1/provinces?per=200")
    ids = {
        "province": provinces,
        "unit": items("/api/v1/units?per=200"),
        "bloc": items("/api/v1/blocs?per=200"),
        "person": items("/api/v1/people?per=200"),
        "user": [user["id"] for user in api(base, token, "/api/v1/users")],
        "table": [table["id"] for province in provinces
                  for table in api(base, token, f"/api/v1/provinces/{province}/scoring-templates")],
        # The demo's years: Lạng Sơn's 2020 played through, Khánh Hòa's 2026 being planned.
        "year": [2020, 2026],
    }
    return {name: values for name, values in ids.items() if values}


def config_file(ids, path):
    """A schemathesis.toml whose dictionaries bind each id field to the demo's ids, 80 % of the time."""
    fields = {
        "province": ["path.provinceID", "body.provinceID", "body.toProvinceID", "query.province"],
        "unit": ["path.unitID", "body.unitID", "body.headUnitID", "body.deputyUnitID", "body.ownerUnitID"],
        "bloc": ["path.blocID", "body.blocID"],
        "person": ["path.personID", "body.personID"],
        "user": ["path.userID"],
        "table": ["path.tableID"],
        "year": ["path.year"],
    }
    lines = []
    for name, values in ids.items():
        lines.append(f"[dictionaries.{name}]")
        lines.append("values = [" + ", ".join(json.dumps(value) for value in values) + "]")
    # The checks are chosen here, not with --checks: an option on the command line would overrule
    # the per-operation settings below.
    lines.append("[checks]")
    lines += [f"{name}.enabled = false" for name in OTHER_CHECKS]
    lines.append("[parameters]")
    for name in ids:
        for field in fields[name]:
            # The list filter always names a stored province (FILTERED_BY_PROVINCE).
            probability = 1.0 if field == "query.province" else 0.8
            lines.append(f'"{field}" = {{ dictionary = "{name}", probability = {probability} }}')
    for operation in RULES_BEYOND_THE_SCHEMA:
        lines += ["[[operations]]", f'include-operation-id = "{operation}"',
                  "checks.positive_data_acceptance.enabled = false"]
    for operation in FILTERED_BY_PROVINCE:
        lines += ["[[operations]]", f'include-operation-id = "{operation}"',
                  "phases.coverage.checks.positive_data_acceptance.enabled = false"]
    with open(path, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    return path


def run_schemathesis(base, token, report_dir, seconds, config):
    report = os.path.join(report_dir, "report.json")
    command = [
        sys.executable, "-m", "schemathesis.cli", "--config-file", config, "run", base + "/openapi.yaml",
        "--url", base,
        "--header", "Authorization: Bearer " + token,
        # Examples, then the spec's boundaries (coverage), then random data (fuzzing) until the
        # budget is spent. Stateful testing needs links the spec does not declare.
        "--phases", "examples,coverage,fuzzing",
        "--max-examples", os.environ.get("THIDUA_FUZZ_EXAMPLES", "25"),
        "--max-time", str(seconds),
        # One worker: concurrency is tested on its own (issue 11, part 3); here a failure should
        # say something about the request, not about which other request ran beside it.
        "--workers", "1",
        "--request-timeout", "30",
        "--seed", os.environ.get("THIDUA_FUZZ_SEED", "20261201"),
        "--generation-database", "none",
        "--no-color",
        "--report", "json", "--report-json-path", report,
        "--output-truncate", "true",
    ]
    for operation in EXCLUDED_OPERATIONS:
        command += ["--exclude-operation-id", operation]
    # Bounded twice: by schemathesis's own budget, and by a hard stop well past it.
    # In the data folder: schemathesis keeps its replay cache (.schemathesis/) where it runs.
    result = subprocess.run(command, cwd=report_dir, capture_output=True, text=True, timeout=seconds + 240)
    with open(os.path.join(report_dir, "output.txt"), "w", encoding="utf-8") as out:
        out.write(result.stdout + result.stderr)
    if not os.path.exists(report):
        pytest.fail("schemathesis wrote no report:\n" + result.stdout[-4000:] + result.stderr[-4000:])
    with open(report, encoding="utf-8") as handle:
        return json.load(handle), result.stdout + result.stderr


# Schemathesis's failure codes (`st explain ST101`), by the check that reports them.
CHECK_OF_CODE = {
    "ST101": "not_a_server_error", "ST102": "not_a_server_error",
    "ST103": "status_code_conformance",
    "ST104": "content_type_conformance", "ST105": "content_type_conformance", "ST106": "content_type_conformance",
    "ST108": "response_schema_conformance", "ST109": "response_schema_conformance",
    "ST110": "response_schema_conformance", "ST111": "response_schema_conformance",
    "ST202": "positive_data_acceptance",
}


def summary(role, document):
    cases = document["test_cases"]
    failures = document["failures"]
    by_check = {}
    for group in failures:
        check = CHECK_OF_CODE.get(group["code"], group["code"])
        by_check[check] = by_check.get(check, 0) + group["count"]
    server_errors = by_check.get("not_a_server_error", 0)
    schema = by_check.get("response_schema_conformance", 0)
    lines = [f"fuzz {role}: {cases['generated']} cases, {cases['with_failures']} with failures "
             f"({cases['unique_failures']} unique), 5xx {server_errors}, schema violations {schema}, "
             f"errors {sum(e['count'] for e in document['errors'])}, "
             f"operations tested {document['operations']['tested'] if document['operations'] else 0}, "
             f"{document['running_time']:.0f} s, stop: {document['stop_reason']}"]
    for check, count in sorted(by_check.items()):
        lines.append(f"  {check}: {count}")
    for group in failures:
        operations = ", ".join(group["operations"])
        lines.append(f"  - [{group['code']}] {group['title']} ×{group['count']}: {operations}")
    for error in document["errors"]:
        lines.append(f"  - [error] {error['title']} ×{error['count']}")
    return "\n".join(lines)


@pytest.mark.parametrize("role", list(ROLES))
def test_fuzz_finds_nothing(role):
    data = tempfile.mkdtemp(prefix=f"thidua-fuzz-{role}-")
    env = dict(os.environ, THIDUA_DATA=data)
    if os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = own_database_url("_fuzz_" + role)
    proc, base, log_path = start_server(env, "--demo")
    try:
        tokens = {user: cli(env, "token", "create", "--user", user, "--name", "fuzz").strip().splitlines()[-1]
                  for user in {"admin", ROLES[role]}}
        config = config_file(demo_identifiers(base, tokens["admin"]), os.path.join(data, "schemathesis.toml"))
        document, output = run_schemathesis(base, tokens[ROLES[role]], data,
                                            int(os.environ.get("THIDUA_FUZZ_SECONDS", "150")), config)
    finally:
        stop_server(proc)
    text = summary(role, document)
    # The figures, kept where .ci/run prints them from (pytest shows a passing test's output to no one).
    os.makedirs(ARTIFACTS, exist_ok=True)
    database = "postgresql" if os.environ.get("DATABASE_URL") else "sqlite"
    with open(os.path.join(ARTIFACTS, f"fuzz-{database}-{role}.txt"), "w", encoding="utf-8") as out:
        out.write(text + "\n")
    print(text)
    crashed = [line for line in open(log_path, encoding="utf-8") if re.search(r"Fatal error|Crash", line)]
    assert not crashed, f"the server crashed:\n{''.join(crashed[:5])}\nlog: {log_path}"
    assert document["complete"] and not document["errors"], f"{text}\n\n{output[-6000:]}"
    assert not document["failures"], f"{text}\n\nschemathesis output: {data}/output.txt\n\n{output[-6000:]}"
