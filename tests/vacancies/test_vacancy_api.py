"""Vacancy CRUD, filters, pagination, derived fields and validation, over real HTTP."""

import datetime as dt

import pytest

from models import db
from models.audit import AuditRecord
from models.cache_version import CacheVersion
from models.vacancy import Vacancy, VacancyLanguage, VacancySkill

from .helpers import future, past, vacancy_body

URL = "/api/v1/vacancies"


def test_create_returns_the_stored_vacancy_with_etag_and_derived_fields(employer, vocab):
    response = employer.post(URL, json=vacancy_body(external_id="V-1"))
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["write_status"] == "created"
    assert body["region"] == "flanders"
    assert body["salary_annual_eur"] == pytest.approx(2800 * 13.92)
    assert body["languages"] == {"nl": "B1"}
    assert body["version"] == 1
    assert response.headers["ETag"] == body["etag"] == f'"vacancy-{body["id"]}-v1"'
    fetched = employer.get(f"{URL}/{body['id']}")
    assert fetched.status_code == 200
    assert fetched.headers["ETag"] == body["etag"]
    assert fetched.get_json()["title"] == "Metselaar"


@pytest.mark.parametrize(
    "postcode, region",
    [
        ("1000", "brussels"),
        ("9000", "flanders"),
        ("4000", "wallonia"),
        ("4700", "german_speaking"),
        ("4780", "german_speaking"),
        ("1348", "wallonia"),
    ],
)
def test_region_is_derived_from_the_postcode(employer, postcode, region):
    response = employer.post(URL, json=vacancy_body(postcode=postcode))
    assert response.status_code == 201
    assert response.get_json()["region"] == region


@pytest.mark.parametrize(
    "amount, period, hours, annual",
    [
        (15.5, "hour", 38, 15.5 * 38 * 52),
        (15.5, "hour", 19, 15.5 * 19 * 52),
        (3000, "month", 38, 3000 * 13.92),
        (45000, "year", 38, 45000),
    ],
)
def test_salary_is_stored_as_given_and_as_gross_annual_eur(employer, amount, period, hours, annual):
    body = employer.post(
        URL, json=vacancy_body(salary_amount=amount, salary_period=period, weekly_hours=hours)
    ).get_json()
    assert (body["salary_amount"], body["salary_period"]) == (amount, period)
    assert body["salary_annual_eur"] == pytest.approx(annual, abs=0.01)


@pytest.mark.parametrize(
    "overrides, field, words",
    [
        ({"postcode": "123"}, "postcode", "not a Belgian postcode"),
        ({"postcode": "0999"}, "postcode", "not a Belgian postcode"),
        ({"postcode": "abcd"}, "postcode", "not a Belgian postcode"),
        ({"languages": {"nl": "B3"}}, "languages", "CEFR"),
        ({"languages": {"Dutch": "B1"}}, "languages", "ISO 639-1"),
        ({"salary_amount": 0}, "salary_amount", "greater than 0"),
        ({"salary_amount": -5}, "salary_amount", "greater than 0"),
        ({"salary_period": "week"}, "salary_period", "hour, month, year"),
        ({"status": "published"}, "status", "draft, open, filled, closed"),
        ({"contract_type": "freelance"}, "contract_type", "permanent"),
        ({"min_education_eqf": 9}, "min_education_eqf", "EQF"),
        ({"skills": [{"text": "x", "importance": "nice"}]}, "skills", "essential, optional"),
        ({"skills": [{"importance": "essential"}]}, "skills", "uri"),
        ({"pay_category": "cheap"}, "pay_category", "pay category"),
        ({"title": ""}, "title", ""),
    ],
)
def test_invalid_fields_answer_422_naming_the_field(employer, overrides, field, words):
    response = employer.post(URL, json=vacancy_body(**overrides))
    assert response.status_code == 422
    body = response.get_json()
    errors = body["errors"]["json"]
    assert field in errors
    assert words in str(errors[field])
    assert field in body["message"]


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"valid_through": past(1), "status": "open"}, "valid_through"),
        ({"salary_period": None}, "salary_period"),
        ({"salary_period": "hour", "salary_amount": 15, "weekly_hours": None}, "weekly_hours"),
        ({"contract_type": "fixed_term", "duration_months": None}, "duration_months"),
    ],
)
def test_inconsistent_values_answer_422_with_a_message(employer, overrides, field):
    response = employer.post(URL, json=vacancy_body(**overrides))
    assert response.status_code == 422
    body = response.get_json()
    assert field in body["errors"]
    assert body["errors"][field][0]


def test_past_valid_through_is_fine_for_a_closed_vacancy(employer):
    response = employer.post(URL, json=vacancy_body(valid_through=past(10), status="closed"))
    assert response.status_code == 201


def test_unknown_occupation_uri_answers_422(employer, vocab):
    response = employer.post(
        URL, json=vacancy_body(occupation_uri="http://data.europa.eu/esco/occupation/nope")
    )
    assert response.status_code == 422
    assert "occupation_uri" in response.get_json()["errors"]


def test_unknown_skill_uri_answers_422_naming_the_item(employer, vocab):
    response = employer.post(URL, json=vacancy_body(skills=["http://data.europa.eu/esco/skill/nope"]))
    assert response.status_code == 422
    assert "skills.0" in response.get_json()["errors"]


def test_malformed_json_answers_400(employer):
    response = employer.post(URL, data="{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 400


def test_list_is_paginated_with_totals_and_stable_order(employer):
    for i in range(7):
        assert employer.post(URL, json=vacancy_body(external_id=f"V-{i}")).status_code == 201
    first = employer.get(f"{URL}?page=1&page_size=3").get_json()
    second = employer.get(f"{URL}?page=2&page_size=3").get_json()
    third = employer.get(f"{URL}?page=3&page_size=3").get_json()
    assert (first["total"], first["total_pages"], first["page_size"]) == (7, 3, 3)
    ids = [v["id"] for page in (first, second, third) for v in page["items"]]
    assert ids == sorted(ids) and len(set(ids)) == 7
    assert employer.get(f"{URL}?page_size=101").status_code == 422


def test_list_filters_status_region_occupation_and_updated_since(employer, vocab):
    bricklayer = vocab["occupations"]["bricklayer"]
    employer.post(URL, json=vacancy_body(external_id="a", postcode="1000", occupation_uri=bricklayer["uri"]))
    employer.post(
        URL,
        json=vacancy_body(
            external_id="b",
            postcode="4700",
            status="draft",
            occupation_uri=vocab["occupations"]["nurse"]["uri"],
        ),
    )
    employer.post(URL, json=vacancy_body(external_id="c", postcode="5000"))

    def ext_ids(query):
        response = employer.get(f"{URL}?{query}")
        assert response.status_code == 200, response.get_json()
        return sorted(v["external_id"] for v in response.get_json()["items"])

    assert ext_ids("status=draft") == ["b"]
    assert ext_ids("region=german_speaking") == ["b"]
    assert ext_ids("region=brussels&status=open") == ["a"]
    assert ext_ids(f"occupation={bricklayer['uri']}") == ["a", "c"]  # "c" is auto-normalised from its title
    assert ext_ids(f"occupation={bricklayer['id']}") == ["a", "c"]
    with db.connection_context():
        Vacancy.update(updated_at=dt.datetime(2020, 1, 1)).where(Vacancy.external_id != "c").execute()
    assert ext_ids("updated_since=2021-01-01T00:00:00Z") == ["c"]
    assert ext_ids("updated_since=2019-06-01T00:00:00") == ["a", "b", "c"]
    assert employer.get(f"{URL}?region=mars").status_code == 422
    assert employer.get(f"{URL}?status=archived").status_code == 422


def test_patch_changes_only_the_fields_sent_and_bumps_the_version(employer):
    created = employer.post(URL, json=vacancy_body(languages={"nl": "B1", "en": "A2"})).get_json()
    response = employer.patch(f"{URL}/{created['id']}", json={"postcode": "1000", "status": "filled"})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert (body["postcode"], body["region"], body["status"]) == ("1000", "brussels", "filled")
    assert body["languages"] == {"nl": "B1", "en": "A2"}
    assert body["skills"] == created["skills"]
    assert body["version"] == 2 and body["write_status"] == "updated"
    assert response.headers["ETag"] != created["etag"]


def test_patch_with_the_current_values_is_unchanged(employer):
    created = employer.post(URL, json=vacancy_body()).get_json()
    response = employer.patch(f"{URL}/{created['id']}", json={"postcode": "2000", "positions": 2})
    body = response.get_json()
    assert body["write_status"] == "unchanged"
    assert (body["version"], body["updated_at"]) == (1, created["updated_at"])


def test_patch_validates_the_merged_record(employer):
    created = employer.post(URL, json=vacancy_body(salary_amount=None, salary_period=None)).get_json()
    response = employer.patch(
        f"{URL}/{created['id']}", json={"salary_amount": 20, "salary_period": "hour", "weekly_hours": None}
    )
    assert response.status_code == 422
    assert "weekly_hours" in response.get_json()["errors"]


def test_reopening_with_a_past_valid_through_is_refused(employer):
    created = employer.post(URL, json=vacancy_body(status="closed", valid_through=past(3))).get_json()
    response = employer.patch(f"{URL}/{created['id']}", json={"status": "open"})
    assert response.status_code == 422
    assert "valid_through" in response.get_json()["errors"]
    ok = employer.patch(f"{URL}/{created['id']}", json={"status": "open", "valid_through": future(5)})
    assert ok.status_code == 200


def test_delete_removes_the_vacancy_and_its_requirements(employer):
    created = employer.post(URL, json=vacancy_body()).get_json()
    assert employer.delete(f"{URL}/{created['id']}").status_code == 204
    assert employer.get(f"{URL}/{created['id']}").status_code == 404
    with db.connection_context():
        assert VacancySkill.select().count() == 0
        assert VacancyLanguage.select().count() == 0
        record = AuditRecord.get(AuditRecord.action == "vacancy_deleted")
        assert (record.subject_type, record.subject_id) == ("vacancy", created["id"])
        assert record.organisation_id == created["organisation_id"]


def test_every_write_bumps_the_vacancies_cache_counter(employer):
    def counter():
        with db.connection_context():
            return CacheVersion.current("vacancies")

    start = counter()
    created = employer.post(URL, json=vacancy_body()).get_json()
    after_create = counter()
    employer.patch(f"{URL}/{created['id']}", json={"positions": 5})
    after_patch = counter()
    employer.patch(f"{URL}/{created['id']}", json={"positions": 5})  # unchanged: no bump
    after_noop = counter()
    employer.delete(f"{URL}/{created['id']}")
    assert start < after_create < after_patch == after_noop < counter()


def test_shortage_lists_names_the_lists_of_the_occupation_in_the_region(employer, vocab):
    from services import permits

    bricklayer = vocab["occupations"]["bricklayer"]["uri"]
    with db.connection_context():
        shortage_list = permits.create_shortage_list(
            {
                "authority": "flanders",
                "name": "Migratielijst demo",
                "purpose": "medium_skilled",
                "status": "in_force",
                "valid_from": "2023-09-01",
                "completeness": "partial",
                "source_url": "https://example.org/list",
            }
        )
        permits.create_entry(
            shortage_list.id,
            {
                "official_label": "metselaar",
                "label_language": "nl",
                "esco_uris": [bricklayer],
                "mapping_confidence": "exact",
            },
        )
    flemish = employer.post(URL, json=vacancy_body(occupation_uri=bricklayer, postcode="9000")).get_json()
    walloon = employer.post(URL, json=vacancy_body(occupation_uri=bricklayer, postcode="5000")).get_json()
    nurse = employer.post(
        URL, json=vacancy_body(occupation_uri=vocab["occupations"]["nurse"]["uri"])
    ).get_json()
    assert flemish["shortage_lists"] == ["Migratielijst demo"]
    assert walloon["shortage_lists"] == [] and nurse["shortage_lists"] == []
    listed = employer.get(f"{URL}?region=flanders").get_json()["items"]
    assert {v["id"]: v["shortage_lists"] for v in listed}[flemish["id"]] == ["Migratielijst demo"]


def test_openapi_documents_the_vacancy_operations(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    paths = spec["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/vacancies"])
    assert {"get", "patch", "delete"} <= set(paths["/api/v1/vacancies/{vacancy_id}"])
    assert "put" in paths["/api/v1/vacancies/by-external-id/{external_id}"]
    assert "post" in paths["/api/v1/vacancies/bulk"]
    salary = spec["components"]["schemas"]["VacancyInput"]["properties"]["salary_amount"]
    assert "13.92" in salary["description"]
