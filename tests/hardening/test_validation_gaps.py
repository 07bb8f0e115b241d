"""Issue 10 item 6: NUL bytes, postcodes, language codes, external ids, empty and non-JSON bodies,
and the permit assessment's working time and asylum date."""

import datetime as dt

import pytest

from tests.foundation.test_errors import assert_error_shape
from tests.vacancies.helpers import candidate_body, vacancy_body


@pytest.mark.parametrize("overrides", [
    {"title": "Lasser\u0000TIG"},
    {"external_id": "v\u00001"},
    {"description": "nul \u0000 byte"},
])
def test_nul_bytes_in_vacancies_are_422(employer, overrides):
    body = assert_error_shape(employer.post("/api/v1/vacancies", json=vacancy_body(**overrides)), 422)
    assert "NUL" in body["message"]


def test_nul_bytes_in_candidate_references_and_bulk_are_422(integration):
    assert_error_shape(integration.post("/api/v1/candidates", json=candidate_body(reference="a\u0000b")), 422)
    bulk = integration.post("/api/v1/candidates/bulk", json={"items": [candidate_body(external_id="c\u00001")]})
    assert_error_shape(bulk, 422)


def test_nul_bytes_in_the_query_or_path_are_422(coach):
    assert_error_shape(coach.get("/api/v1/vacancies?external_id=a%00b"), 422)
    assert_error_shape(coach.get("/api/v1/candidates/by-external-id/a%00b"), 422)


@pytest.mark.parametrize("sent, stored", [(" 9000 ", "9000"), ("\u0669\u0660\u0660\u0660", "9000"), ("1000\n", "1000")])
def test_postcodes_are_stored_trimmed_in_ascii_digits(employer, sent, stored):
    response = employer.post("/api/v1/vacancies", json=vacancy_body(postcode=sent))
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["postcode"] == stored
    assert response.get_json()["region"] == ("flanders" if stored == "9000" else "brussels")


@pytest.mark.parametrize("postcode", ["0999", "999", "12345", "9 000", "abcd", "", "١"])
def test_postcodes_that_cannot_exist_are_422(employer, postcode):
    body = assert_error_shape(employer.post("/api/v1/vacancies", json=vacancy_body(postcode=postcode)), 422)
    assert "postcode" in body["errors"]["json"]


@pytest.mark.parametrize("languages", [{"xx": "B1"}, {"eng": "B1"}, {"NL": "B1"}, {"nl": "B3"}])
def test_language_keys_must_be_iso_639_1(employer, coach, languages):
    assert_error_shape(employer.post("/api/v1/vacancies", json=vacancy_body(languages=languages)), 422)
    assert_error_shape(coach.post("/api/v1/candidates", json=candidate_body(languages=languages)), 422)


def test_iso_639_1_codes_beyond_the_four_national_languages_are_kept(coach):
    response = coach.post("/api/v1/candidates", json=candidate_body(languages={"ar": "C2", "ti": "B1"}))
    assert response.status_code == 201
    assert response.get_json()["languages"] == {"ar": "C2", "ti": "B1"}


@pytest.mark.parametrize("external_id", ["a/b", "a b", "50%", "..", ".hidden", "x" * 201, ""])
def test_external_ids_the_url_cannot_address_are_refused(integration, external_id):
    bulk = integration.post("/api/v1/vacancies/bulk", json={"items": [vacancy_body(external_id=external_id)]})
    assert bulk.status_code == 200
    item = bulk.get_json()["items"][0]
    assert item["status"] == "error" and "external_id" in item["errors"]
    assert_error_shape(integration.post("/api/v1/candidates", json=candidate_body(external_id=external_id)), 422)


def test_an_addressable_external_id_round_trips_through_its_url(integration):
    external_id = "CASE-2026.07_a:b@c~d+e=f"
    assert integration.put(f"/api/v1/candidates/by-external-id/{external_id}", json=candidate_body()).status_code == 201
    found = integration.get(f"/api/v1/candidates?external_id={external_id.replace('+', '%2B')}")
    assert found.get_json()["total"] == 1


@pytest.mark.parametrize("external_id", ["a b", "-a", "a%25b", "x" * 201])
def test_a_put_url_with_an_unaddressable_external_id_is_422(integration, external_id):
    response = integration.put(f"/api/v1/candidates/by-external-id/{external_id}", json=candidate_body())
    assert "external_id" in assert_error_shape(response, 422)["errors"]


@pytest.mark.parametrize("path", ["/api/v1/candidates", "/api/v1/candidates/bulk", "/api/v1/vacancies"])
def test_a_post_without_a_body_is_400_and_creates_nothing(integration, path):
    body = assert_error_shape(integration.post(path), 400)
    assert "JSON body" in body["message"]
    assert integration.get("/api/v1/candidates").get_json()["total"] == 0


def test_a_non_json_body_is_415(integration):
    form = "application/x-www-form-urlencoded"
    response = integration.post("/api/v1/candidates", data="reference=x", content_type=form)
    assert_error_shape(response, 415)
    response = integration.post("/api/v1/candidates", data='{"reference": "x"}', content_type="text/plain")
    assert_error_shape(response, 415)


def _assessment(coach, vacancy=None, candidate=None):
    vacancy = {"postcode": "9000", "title": "heftruckchauffeur", "salary": {"amount": 3100, "period": "month"},
               "contract_type": "permanent", "pay_category": "skilled", **(vacancy or {})}
    return coach.post("/api/v1/permit-assessments",
                      json={"as_of": "2025-06-01", "vacancy": vacancy, "candidate": candidate})


def test_permit_working_time_is_coherent(coach):
    body = assert_error_shape(_assessment(coach, {"weekly_hours": 80, "full_time_weekly_hours": 1}), 422)
    assert {"weekly_hours", "full_time_weekly_hours"} <= set(body["errors"]["json"]["vacancy"])


def test_permit_asylum_date_cannot_be_in_the_future(coach):
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    response = _assessment(coach, candidate={"residence_situation": "asylum_applicant", "asylum_filed_on": tomorrow})
    body = assert_error_shape(response, 422)
    assert "asylum_filed_on" in body["errors"]["json"]["candidate"]
