"""Issue 10 item 2: hostile numbers, text and nesting answer 4xx in the one error shape, never 500."""

import pytest

from tests.foundation.test_errors import assert_error_shape
from tests.vacancies.helpers import candidate_body, vacancy_body

HUGE = "99999999999999999999999"
INT64_PLUS_ONE = str(2**63)


@pytest.mark.parametrize("url", [
    f"/api/v1/candidates/{HUGE}",
    f"/api/v1/vacancies/{HUGE}",
    f"/api/v1/organisations/{HUGE}",
    f"/api/v1/candidates/{HUGE}/matches",
    f"/api/v1/shortage-lists/{HUGE}",
    f"/api/v1/shortage-lists/1/entries/{HUGE}",
    f"/api/v1/permit-rules/{INT64_PLUS_ONE}",
])
def test_huge_path_ids_are_not_found(admin, url):
    assert_error_shape(admin.get(url), 404)


@pytest.mark.parametrize("url", [
    f"/api/v1/vacancies?page={INT64_PLUS_ONE}",
    f"/api/v1/candidates?page={HUGE}",
    f"/api/v1/organisations?page={INT64_PLUS_ONE}",
    f"/api/v1/api-keys?page={INT64_PLUS_ONE}",
    f"/api/v1/api-keys?organisation_id={HUGE}",
    f"/api/v1/audit?page={INT64_PLUS_ONE}",
    f"/api/v1/audit?subject_id={HUGE}",
    f"/api/v1/audit?organisation={HUGE}",
])
def test_huge_query_integers_are_422(admin, url):
    assert_error_shape(admin.get(url), 422)


def test_huge_match_event_cursor_is_422(coach):
    assert_error_shape(coach.get(f"/api/v1/match-events?since={HUGE}"), 422)


def test_huge_match_page_is_422(coach):
    created = coach.post("/api/v1/candidates", json=candidate_body())
    assert created.status_code == 201
    url = f"/api/v1/candidates/{created.get_json()['id']}/matches?page={INT64_PLUS_ONE}"
    assert_error_shape(coach.get(url), 422)


def test_huge_organisation_id_in_a_body_is_422(admin):
    assert_error_shape(admin.post("/api/v1/api-keys", json={"organisation_id": int(HUGE), "role": "admin"}), 422)


@pytest.mark.parametrize("path, body", [
    ("/api/v1/vacancies", '{"title": "lasser \\ud800", "postcode": "9000"}'),
    ("/api/v1/candidates", '{"reference": "lasser \\ud800"}'),
    ("/api/v1/candidates/bulk", '{"items": [{"external_id": "x\\udfff", "reference": "r"}]}'),
    ("/api/v1/vacancies/bulk", '{"items": [{"external_id": "a", "title": "\\ud800 welder", "postcode": "9000"}]}'),
])
def test_lone_surrogates_are_400(integration, path, body):
    response = integration.post(path, data=body, content_type="application/json")
    assert "surrogate" in assert_error_shape(response, 400)["message"]


@pytest.mark.parametrize("depth", [40, 1_000, 100_000])
def test_deeply_nested_json_is_400(integration, depth):
    body = '{"items": ' + "[" * depth + "]" * depth + "}"
    response = integration.post("/api/v1/candidates/bulk", data=body, content_type="application/json")
    assert "nested too deeply" in assert_error_shape(response, 400)["message"]


def test_ordinary_nesting_still_works(integration):
    response = integration.post("/api/v1/vacancies/bulk", json={"items": [vacancy_body(external_id="v-1")]})
    assert response.status_code == 200
    assert response.get_json()["counts"]["created"] == 1
