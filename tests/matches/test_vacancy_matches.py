"""GET /vacancies/<id>/matches: employers see shared candidates only, anonymised; coaches their own."""

from __future__ import annotations

import json

from models.audit import AuditRecord

FORBIDDEN_KEYS = {
    "candidate_id",
    "external_id",
    "permit_facts",
    "birth_year",
    "residence_situation",
    "eu_eea_swiss_citizen",
    "education_eqf",
    "diploma_recognition",
    "organisation_id",
    "permit",
}


def ranked(caller, vacancy_id, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return caller.get(f"/api/v1/vacancies/{vacancy_id}/matches" + (f"?{query}" if query else ""))


def walk_keys(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from walk_keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk_keys(item)


def make_people(coach, other_coach, make_candidate):
    return {
        "shared": make_candidate(
            coach,
            ["weld_metal", "read_drawings"],
            [("welder", 5)],
            reference="SHARED-1",
            external_id="case-001",
            diploma_recognition="not_recognised",
        ),
        "private": make_candidate(
            coach, ["weld_metal"], [("welder", 1)], reference="PRIVATE-1", share_with_employers=False
        ),
        "other_org": make_candidate(other_coach, ["cut_metal"], [("cnc_operator", 2)], reference="B-1"),
    }


def test_employer_sees_only_shared_candidates_anonymised(
    coach, other_coach, employer, market, make_candidate
):
    people = make_people(coach, other_coach, make_candidate)
    response = ranked(employer, market["welder"]["id"])
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    items = body["items"]
    assert len(items) == 2 and body["total"] == 2  # "private" does not share its profile
    raw = json.dumps(body)
    for secret in ("SHARED-1", "PRIVATE-1", "B-1", "case-001", "1990", "abroad"):
        assert secret not in raw
    assert not set(walk_keys(items)) & FORBIDDEN_KEYS
    top = items[0]
    assert top["reference"].startswith("m_") and top["score"] >= items[1]["score"]
    assert {s["label"] for s in top["skills"]} == {"use welding equipment", "read standard blueprints"}
    assert top["languages"] == {"fr": "C1", "nl": "B1"}
    assert "education" not in top["components"]
    assert not any("diploma" in sentence for sentence in top["explanation"])
    assert people["shared"]["id"] not in [item.get("candidate_id") for item in items]


def test_employer_references_are_stable_per_vacancy_and_differ_across_vacancies(
    coach, other_coach, employer, market, make_candidate
):
    make_people(coach, other_coach, make_candidate)
    first = [i["reference"] for i in ranked(employer, market["welder"]["id"]).get_json()["items"]]
    again = [i["reference"] for i in ranked(employer, market["welder"]["id"]).get_json()["items"]]
    other = [i["reference"] for i in ranked(employer, market["cnc"]["id"]).get_json()["items"]]
    assert first == again
    assert not set(first) & set(other)


def test_employers_cannot_rank_for_another_employers_vacancy(employer, other_employer, market):
    assert ranked(other_employer, market["welder"]["id"]).status_code == 404
    assert ranked(employer, market["nurse"]["id"]).status_code == 404
    assert ranked(employer, 99999).status_code == 404


def test_coach_sees_own_candidates_with_their_references(coach, other_coach, admin, market, make_candidate):
    people = make_people(coach, other_coach, make_candidate)
    items = ranked(coach, market["welder"]["id"]).get_json()["items"]
    assert [i["candidate_id"] for i in items] == [people["shared"]["id"], people["private"]["id"]]
    assert items[0]["reference"] == "SHARED-1" and items[0]["external_id"] == "case-001"
    assert items[0]["permit"]["verdict"] in ("supportive", "conditional", "not_supportive")
    assert any("not recognised" in s for s in items[0]["explanation"])
    other = ranked(other_coach, market["welder"]["id"]).get_json()["items"]
    assert [i["candidate_id"] for i in other] == [people["other_org"]["id"]]
    everyone = ranked(admin, market["welder"]["id"]).get_json()["items"]
    assert {i["candidate_id"] for i in everyone} == {p["id"] for p in people.values()}


def test_vacancy_ranking_scores_equal_candidate_ranking_scores(coach, other_coach, market, make_candidate):
    people = make_people(coach, other_coach, make_candidate)
    by_vacancy = {
        i["candidate_id"]: i["score"] for i in ranked(coach, market["welder"]["id"]).get_json()["items"]
    }
    for key in ("shared", "private"):
        items = coach.get(f"/api/v1/candidates/{people[key]['id']}/matches").get_json()["items"]
        by_candidate = {i["vacancy_id"]: i["score"] for i in items}
        assert by_candidate[market["welder"]["id"]] == by_vacancy[people[key]["id"]]


def test_candidate_changes_reach_the_pool(coach, other_coach, employer, market, make_candidate):
    people = make_people(coach, other_coach, make_candidate)
    before = len(ranked(employer, market["welder"]["id"]).get_json()["items"])
    shared = coach.patch(f"/api/v1/candidates/{people['private']['id']}", json={"share_with_employers": True})
    assert shared.status_code == 200
    assert len(ranked(employer, market["welder"]["id"]).get_json()["items"]) == before + 1
    erased = coach.delete(f"/api/v1/candidates/{people['shared']['id']}")
    assert erased.status_code in (200, 204), erased.get_json()
    assert len(ranked(employer, market["welder"]["id"]).get_json()["items"]) == before


def test_vacancy_queries_are_audited(coach, other_coach, employer, market, make_candidate):
    make_people(coach, other_coach, make_candidate)
    body = ranked(employer, market["welder"]["id"], limit=1).get_json()
    record = AuditRecord.get(AuditRecord.action == "match_query")
    assert record.subject_type == "vacancy" and record.subject_id == market["welder"]["id"]
    assert record.organisation.name == "Employer A"
    results = json.loads(record.results)
    assert len(results) == 1 == len(body["items"]) and results[0]["score"] == body["items"][0]["score"]
