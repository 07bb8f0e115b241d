"""Issue 10 item 7: Allow on 405, strong If-Match, If-None-Match → 304, Content-Language and Vary
on translated responses, Location on 201."""

import pytest

from tests.foundation.test_errors import assert_error_shape
from tests.vacancies.helpers import candidate_body, vacancy_body


@pytest.mark.parametrize("method, url, allowed", [
    ("delete", "/api/v1/health", {"GET", "HEAD", "OPTIONS"}),
    ("put", "/api/v1/candidates", {"GET", "HEAD", "OPTIONS", "POST"}),
    ("post", "/api/v1/candidates/1", {"DELETE", "GET", "HEAD", "OPTIONS", "PATCH"}),
])
def test_405_names_the_allowed_methods(coach, method, url, allowed):
    response = getattr(coach, method)(url, json={})
    assert_error_shape(response, 405)
    assert set(response.headers["Allow"].split(", ")) == allowed


def test_if_match_uses_the_strong_comparison(coach):
    created = coach.post("/api/v1/candidates", json=candidate_body())
    url, etag = f"/api/v1/candidates/{created.get_json()['id']}", created.headers["ETag"]
    weak = coach.patch(url, json={"reference": "R-2"}, headers={"If-Match": f"W/{etag}"})
    assert_error_shape(weak, 412)
    strong = coach.patch(url, json={"reference": "R-2"}, headers={"If-Match": etag})
    assert strong.status_code == 200


def test_if_none_match_answers_304_until_the_record_changes(coach):
    created = coach.post("/api/v1/candidates", json=candidate_body())
    url, etag = f"/api/v1/candidates/{created.get_json()['id']}", created.headers["ETag"]
    for header in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        cached = coach.get(url, headers={"If-None-Match": header})
        assert cached.status_code == 304, header
        assert cached.data == b"" and cached.headers["ETag"] == etag
    coach.patch(url, json={"reference": "R-2"})
    fresh = coach.get(url, headers={"If-None-Match": etag})
    assert fresh.status_code == 200 and fresh.get_json()["reference"] == "R-2"
    assert fresh.headers["ETag"] != etag


def test_translated_responses_name_their_language_and_vary(coach, employer):
    vacancy = employer.post("/api/v1/vacancies", json=vacancy_body()).get_json()
    for header, language in (("nl-BE,nl;q=0.9", "nl"), ("fr", "fr"), (None, "en")):
        headers = {"Accept-Language": header} if header else {}
        response = coach.get(f"/api/v1/vacancies/{vacancy['id']}", headers=headers)
        assert response.headers["Content-Language"] == language
        assert "Accept-Language" in response.headers["Vary"]
    assert "Content-Language" not in coach.get("/api/v1/me").headers


@pytest.mark.parametrize("path, body_of", [
    ("/api/v1/candidates", lambda: candidate_body()),
    ("/api/v1/vacancies", lambda: vacancy_body()),
])
def test_201_carries_the_location_of_the_new_record(admin, path, body_of):
    response = admin.post(path, json=body_of())
    assert response.status_code == 201
    location = response.headers["Location"]
    assert location.endswith(f"{path}/{response.get_json()['id']}")
    assert admin.get(location).get_json()["id"] == response.get_json()["id"]


def test_put_by_external_id_201_points_at_the_record_url(integration):
    response = integration.put("/api/v1/vacancies/by-external-id/ext-1", json=vacancy_body())
    assert response.status_code == 201
    assert response.headers["Location"].endswith(f"/api/v1/vacancies/{response.get_json()['id']}")
    again = integration.put("/api/v1/vacancies/by-external-id/ext-1", json=vacancy_body())
    assert again.status_code == 200 and "Location" not in again.headers


def test_admin_creations_carry_a_location(admin):
    org = admin.post("/api/v1/organisations", json={"name": "Located", "kind": "coaching"})
    assert org.headers["Location"].endswith(f"/api/v1/organisations/{org.get_json()['id']}")
    assert admin.get(org.headers["Location"]).status_code == 200
