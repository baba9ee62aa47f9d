"""The check every API answer of the e2e run goes through (conftest.check_against_spec): it
must catch an answer that breaks openapi.yaml, or it proves nothing."""
from conftest import spec_mismatches


def test_a_documented_answer_passes():
    assert spec_mismatches("GET", "/healthz", 200, "application/json", b'{"status":"ok","database":"sqlite"}') == []


def test_a_value_outside_the_enum_is_caught_with_its_pointer():
    found = spec_mismatches("GET", "/healthz", 200, "application/json", b'{"status":"ok","database":"oracle"}')
    assert any(f.startswith("/database ") for f in found), found


def test_an_undocumented_field_status_or_content_type_is_caught():
    assert spec_mismatches("GET", "/healthz", 200, "application/json",
                           b'{"status":"ok","database":"sqlite","extra":1}')
    assert spec_mismatches("GET", "/healthz", 418, "application/json", b'{"status":"ok","database":"sqlite"}')
    assert spec_mismatches("GET", "/healthz", 200, "text/html", b"<p>ok</p>")


def test_a_problem_document_is_read_as_json():
    assert spec_mismatches("GET", "/api/v1/me", 401, "application/problem+json; charset=utf-8",
                           b'{"type":"/problems/http-401","title":"t","status":401,"detail":"d","instance":"/api/v1/me"}') == []
    assert spec_mismatches("GET", "/api/v1/me", 401, "application/problem+json", b'{"title":"t"}')
