"""Issue 10 "contract fuzzing": the OpenAPI document states the constraints the server enforces,
and the server keeps the document's promises (typed JSON, date-times with an offset)."""

import re

import pytest

from tests.foundation.test_errors import assert_error_shape
from tests.vacancies.helpers import candidate_body, vacancy_body


@pytest.fixture
def document(client):
    return client.get("/api/v1/openapi.json").get_json()


def test_the_document_declares_the_server_rules(document):
    schemas, paths = document["components"]["schemas"], document["paths"]
    assert schemas["VacancyPatch"]["minProperties"] == 1 and schemas["CandidatePatch"]["minProperties"] == 1
    postcode = schemas["VacancyInput"]["properties"]["postcode"]["pattern"]
    assert re.fullmatch(postcode, " 9000 ") and not re.fullmatch(postcode, "0999")
    assert schemas["BulkInput"]["properties"]["items"]["items"]["nullable"] is True  # per-item errors
    external_id = paths["/api/v1/candidates/by-external-id/{external_id}"]["parameters"][0]["schema"]
    assert not re.fullmatch(external_id["pattern"], "a/b") and re.fullmatch(external_id["pattern"], "CASE-1")
    ids = paths["/api/v1/candidates/{candidate_id}"]["parameters"][0]["schema"]
    assert ids["maximum"] == 2**63 - 1
    operations = [op for item in paths.values() for op in item.values() if isinstance(op, dict) and "responses" in op]
    assert all(op.get("x-roles") for op in operations if op.get("security"))
    assert "x-rules-beyond-schema" in paths["/api/v1/vacancies"]["post"]


def test_timestamps_carry_their_offset(admin, coach):
    created = coach.post("/api/v1/candidates", json=candidate_body()).get_json()
    assert created["created_at"].endswith("+00:00") and created["consent_given_at"].endswith("+00:00")
    assert admin.get("/api/v1/me").get_json()["organisation"]["created_at"].endswith("+00:00")


@pytest.mark.parametrize("overrides", [
    {"share_with_employers": 0}, {"share_with_employers": "true"}, {"education_eqf": "3"},
    {"education_eqf": True}, {"skills": [{"text": "lassen", "years": "2"}]},
])
def test_json_values_are_not_coerced(coach, overrides):
    assert_error_shape(coach.post("/api/v1/candidates", json=candidate_body(**overrides)), 422)


def test_vacancy_numbers_must_be_numbers(employer):
    assert_error_shape(employer.post("/api/v1/vacancies", json=vacancy_body(salary_amount="2800")), 422)
    assert_error_shape(employer.post("/api/v1/vacancies", json=vacancy_body(sponsors_permit=1)), 422)


def test_bulk_items_that_are_not_objects_are_error_items_and_patch_must_change_something(integration):
    bulk = integration.post("/api/v1/candidates/bulk", json={"items": [None, 3, candidate_body(external_id="ok")]})
    assert [item["status"] for item in bulk.get_json()["items"]] == ["error", "error", "created"]
    created = integration.post("/api/v1/candidates", json=candidate_body()).get_json()
    assert_error_shape(integration.patch(f"/api/v1/candidates/{created['id']}", json={}), 422)


def test_patch_keeps_nested_objects_whole(coach):
    created = coach.post("/api/v1/candidates", json=candidate_body()).get_json()
    response = coach.patch(f"/api/v1/candidates/{created['id']}", json={"experiences": [{"country": "BE", "years": 1}]})
    assert "experiences" in assert_error_shape(response, 422)["errors"]["json"]
