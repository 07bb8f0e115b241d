"""Candidate CRUD, filters, validation, upsert, bulk and If-Match, over real HTTP."""

import datetime as dt

import pytest

from models import db
from models.cache_version import CacheVersion
from models.candidate import Candidate, CandidatePermitFacts
from tests.vacancies.helpers import candidate_body, future

URL = "/api/v1/candidates"
BY_EXT = URL + "/by-external-id/"


def test_create_and_get_a_candidate(coach, vocab):
    response = coach.post(URL, json=candidate_body(external_id="C-1"))
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["write_status"] == "created"
    assert response.headers["ETag"] == body["etag"]
    assert body["preferred_regions"] == ["flanders", "brussels"]
    assert body["driving_licences"] == ["B"]
    assert body["languages"] == {"fr": "C1", "nl": "A2"}
    assert body["consent_given_at"] == "2026-01-05T10:00:00+00:00"  # RFC 3339: with its offset
    assert body["permit_facts"]["residence_situation"] == "abroad"
    assert body["permit_facts"]["birth_year"] == 1994
    experience = body["experiences"][0]
    assert experience["occupation_uri"] == vocab["occupations"]["bricklayer"]["uri"]
    assert experience["occupation_source"] == "auto" and experience["isco_code"] == "7112"
    assert body["skills"][0]["skill_id"] == vocab["skills"]["lay_bricks"]["id"]
    assert body["skills"][0]["years"] == 4
    fetched = coach.get(f"{URL}/{body['id']}")
    assert fetched.status_code == 200
    assert fetched.get_json()["permit_facts"] == body["permit_facts"]


def test_no_name_or_contact_field_is_accepted_or_returned(coach):
    response = coach.post(URL, json=candidate_body(name="Jan Janssens", email="jan@example.org"))
    assert response.status_code == 422
    assert {"name", "email"} <= set(response.get_json()["errors"]["json"])
    body = coach.post(URL, json=candidate_body()).get_json()
    assert not {"name", "email", "phone", "nationality", "address"} & set(body)


def test_experience_occupation_may_be_set_explicitly(coach, vocab):
    nurse = vocab["occupations"]["nurse"]
    body = coach.post(
        URL,
        json=candidate_body(
            experiences=[
                {"title": "helper in a hospital", "occupation_uri": nurse["uri"], "years": 2, "country": "SY"}
            ]
        ),
    ).get_json()
    assert body["experiences"][0]["occupation_id"] == nurse["id"]
    assert body["experiences"][0]["occupation_source"] == "manual"


@pytest.mark.parametrize(
    "overrides, field, words",
    [
        ({"languages": {"nl": "B3"}}, "languages", "CEFR"),
        ({"preferred_regions": ["flanders", "randstad"]}, "preferred_regions", "flanders, brussels"),
        ({"diploma_recognition": "maybe"}, "diploma_recognition", "recognised"),
        ({"driving_licences": ["Z"]}, "driving_licences", "driving licence"),
        ({"education_eqf": 11}, "education_eqf", "EQF"),
        ({"permit_facts": {"residence_situation": "tourist"}}, "permit_facts", "residence situation"),
        ({"permit_facts": {"birth_year": 1800}}, "permit_facts", "Birth year"),
        ({"experiences": [{"years": 2}]}, "experiences", "required"),
        ({"experiences": [{"title": "Metselaar", "country": "Morocco"}]}, "experiences", "ISO 3166"),
        ({"skills": [{"text": "metselen", "years": -1}]}, "skills", "between 0 and 50"),
        ({"consent_given_at": "yesterday"}, "consent_given_at", ""),
    ],
)
def test_invalid_fields_answer_422_naming_the_field(coach, overrides, field, words):
    response = coach.post(URL, json=candidate_body(**overrides))
    assert response.status_code == 422
    errors = response.get_json()["errors"]["json"]
    assert field in errors
    assert words in str(errors[field])


def test_unknown_occupation_or_skill_uri_answers_422(coach, vocab):
    bad_occ = coach.post(
        URL,
        json=candidate_body(
            experiences=[{"title": "x y", "occupation_uri": "http://data.europa.eu/esco/occupation/none"}]
        ),
    )
    assert bad_occ.status_code == 422
    assert "experiences.0.occupation_uri" in bad_occ.get_json()["errors"]
    bad_skill = coach.post(URL, json=candidate_body(skills=["http://data.europa.eu/esco/skill/none"]))
    assert bad_skill.status_code == 422
    assert "skills.0" in bad_skill.get_json()["errors"]


def test_list_filters_and_pagination(coach, vocab):
    coach.post(URL, json=candidate_body(external_id="a", preferred_regions=["wallonia"]))
    coach.post(
        URL,
        json=candidate_body(
            external_id="b",
            preferred_regions=["german_speaking", "wallonia"],
            experiences=[{"title": "Lkw-Fahrer", "years": 3}],
        ),
    )
    coach.post(URL, json=candidate_body(external_id="c", preferred_regions=["flanders"]))

    def ext_ids(query):
        response = coach.get(f"{URL}?{query}")
        assert response.status_code == 200, response.get_json()
        return sorted(c["external_id"] for c in response.get_json()["items"])

    assert ext_ids("region=wallonia") == ["a", "b"]
    assert ext_ids("region=german_speaking") == ["b"]
    assert ext_ids(f"occupation={vocab['occupations']['truck_driver']['uri']}") == ["b"]
    assert ext_ids(f"occupation={vocab['occupations']['bricklayer']['id']}") == ["a", "c"]
    with db.connection_context():
        Candidate.update(updated_at=dt.datetime(2020, 1, 1)).where(Candidate.external_id == "a").execute()
    assert ext_ids("updated_since=2024-01-01T00:00:00Z") == ["b", "c"]
    page = coach.get(f"{URL}?page=2&page_size=2").get_json()
    assert (page["total"], page["total_pages"], len(page["items"])) == (3, 2, 1)
    assert coach.get(f"{URL}?region=atlantis").status_code == 422


def test_upsert_is_idempotent(integration):
    first = integration.put(BY_EXT + "CASE-9", json=candidate_body())
    assert first.status_code == 201
    second = integration.put(BY_EXT + "CASE-9", json=candidate_body())
    assert second.status_code == 200
    body = second.get_json()
    assert body["write_status"] == "unchanged"
    assert (body["version"], body["updated_at"]) == (1, first.get_json()["updated_at"])
    third = integration.put(
        BY_EXT + "CASE-9", json=candidate_body(permit_facts={"residence_situation": "unknown"})
    )
    assert third.get_json()["write_status"] == "updated" and third.get_json()["version"] == 2
    assert third.get_json()["permit_facts"]["birth_year"] is None


def test_patch_changes_only_what_is_sent(coach):
    created = coach.post(URL, json=candidate_body()).get_json()
    patched = coach.patch(f"{URL}/{created['id']}", json={"languages": {"nl": "B1"}})
    assert patched.status_code == 200
    body = patched.get_json()
    assert body["languages"] == {"nl": "B1"}
    assert body["skills"] == created["skills"] and body["permit_facts"] == created["permit_facts"]
    assert body["version"] == 2
    same = coach.patch(f"{URL}/{created['id']}", json={"languages": {"nl": "B1"}}).get_json()
    assert same["write_status"] == "unchanged" and same["version"] == 2


def test_if_match(coach):
    created = coach.post(URL, json=candidate_body())
    cid, etag = created.get_json()["id"], created.headers["ETag"]
    assert (
        coach.patch(f"{URL}/{cid}", json={"reference": "R2"}, headers={"If-Match": etag}).status_code == 200
    )
    assert (
        coach.patch(f"{URL}/{cid}", json={"reference": "R3"}, headers={"If-Match": etag}).status_code == 412
    )
    assert coach.delete(f"{URL}/{cid}", headers={"If-Match": etag}).status_code == 412
    assert coach.get(f"{URL}/{cid}").get_json()["reference"] == "R2"


def test_bulk_per_item_results(integration):
    items = [
        candidate_body(external_id="K-1"),
        candidate_body(external_id="K-2", languages={"en": "D1"}),
        candidate_body(external_id="K-3", available_from=future(3)),
    ]
    body = integration.post(URL + "/bulk", json={"items": items}).get_json()
    assert [r["status"] for r in body["items"]] == ["created", "error", "created"]
    assert "languages" in body["items"][1]["errors"]
    again = integration.post(URL + "/bulk", json={"items": items}).get_json()
    assert [r["status"] for r in again["items"]] == ["unchanged", "error", "unchanged"]
    too_many = integration.post(URL + "/bulk", json={"items": [{}] * 1001})
    assert too_many.status_code == 422 and "1,000" in str(too_many.get_json()["errors"])


def test_writes_bump_the_candidates_counter(coach):
    with db.connection_context():
        before = CacheVersion.current("candidates")
    coach.post(URL, json=candidate_body())
    with db.connection_context():
        assert CacheVersion.current("candidates") > before


def test_permit_facts_live_in_their_own_table(coach):
    body = coach.post(URL, json=candidate_body()).get_json()
    with db.connection_context():
        facts = CandidatePermitFacts.get(CandidatePermitFacts.candidate == body["id"])
        assert (facts.residence_situation, facts.eu_eea_swiss_citizen) == ("abroad", False)
    without = coach.post(URL, json=candidate_body(permit_facts=None)).get_json()
    assert without["permit_facts"] is None


def test_a_repush_after_a_patch_restores_the_pushed_values(integration):
    first = integration.put(BY_EXT + "P-1", json=candidate_body()).get_json()
    integration.patch(f"{URL}/{first['id']}", json={"languages": {"en": "A1"}})
    again = integration.put(BY_EXT + "P-1", json=candidate_body()).get_json()
    assert (again["write_status"], again["languages"], again["version"]) == (
        "updated",
        {"fr": "C1", "nl": "A2"},
        3,
    )
