"""GET /candidates/<id>/pathways and GET /pathways/overview through real HTTP on a real database."""

from __future__ import annotations

import datetime as dt

import pytest

from matching.pathways import PATHWAYS_VERSION
from models import db
from models.audit import AuditRecord

CANDIDATE_PATH = "/api/v1/candidates/{candidate_id}/pathways"
OVERVIEW_PATH = "/api/v1/pathways/overview"


def pathways(caller, candidate_id, query="", **kwargs):
    return caller.get(f"/api/v1/candidates/{candidate_id}/pathways{query}", **kwargs)


@pytest.fixture
def welding_market(employer, make_vacancy):
    """Six open welder vacancies in Flanders (Dutch B1, EQF 3, salaries 2,900-3,400 a month), two nurse ones."""
    for i, salary in enumerate((2900, 3000, 3100, 3200, 3300, 3400)):
        make_vacancy(employer, "welder", ["weld_metal", "read_drawings"], external_id=f"W{i}", salary_amount=salary)
    for i in range(2):
        make_vacancy(employer, "nurse", ["personal_care"], external_id=f"N{i}", languages={"nl": "B2"})


def welder(make_candidate, caller, **overrides):
    body = {"languages": {"nl": "A2"}, "education_eqf": 3, "diploma_recognition": "pending", **overrides}
    return make_candidate(caller, ["weld_metal"], [("welder", 6)], **body)


def test_a_welder_gets_welding_first_with_the_dutch_step_the_median_salary_and_the_audit(
    coach, welding_market, make_candidate, permit_rules, check_documented
):
    candidate = welder(make_candidate, coach)
    response = pathways(coach, candidate["id"], "?region=flanders&as_of=2026-03-01",
                        headers={"Accept-Language": "nl-BE,nl;q=0.9"})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    check_documented(CANDIDATE_PATH, body)
    assert body["engine_version"] == PATHWAYS_VERSION and body["language"] == "nl"
    assert body["regions"] == ["flanders"] and body["as_of"] == "2026-03-01"
    top = body["items"][0]
    assert top["occupation"]["label"] == "lasser" and top["region"] == "flanders"
    assert top["proximity"]["kind"] == "same_occupation"
    assert top["evidence"]["open_vacancies"] == 6
    assert top["language"] == {"lang": "nl", "have": "A2", "need": "B1", "levels_short": 1,
                               "need_source": "vacancies", "vacancies_stating": 6}
    language_gap = next(g for g in top["gaps"] if g["kind"] == "language")
    assert language_gap["sentence"] == "Haal Nederlands B1 (nu A2)."
    assert language_gap["reach_after"] > top["reach"]
    outlook = top["permit_outlook"]
    # 2,900-3,400 a month × 13.92: the median of six is the mean of the middle two.
    assert outlook["salary"]["vacancies_with_salary"] == 6
    assert outlook["salary"]["median_annual_eur"] == pytest.approx((3100 + 3200) / 2 * 13.92, abs=1)
    assert outlook["verdict"] in ("supportive", "conditional", "not_supportive")
    assert "mediane loon van 6 openstaande vacatures" in outlook["sentence"]
    with db.connection_context():
        record = AuditRecord.get(AuditRecord.action == "pathway_query")
    assert (record.subject_type, record.subject_id) == ("candidate", candidate["id"])
    assert record.engine_version == PATHWAYS_VERSION and '"region": ["flanders"]' in record.parameters
    assert top["occupation"]["uri"] in record.results


def test_missing_essential_skills_come_with_their_esco_uris_and_labels(coach, welding_market, make_candidate,
                                                                        vocab):
    # A metal worker who never welded: a past job as a CNC operator (same ISCO sub-major group) and
    # one of the welder's essential skills.
    candidate = make_candidate(coach, ["read_drawings"], [("cnc_operator", 3)], languages={"nl": "B1"})
    body = pathways(coach, candidate["id"], "?region=flanders", headers={"Accept-Language": "fr"}).get_json()
    welding = next(i for i in body["items"] if i["occupation"]["uri"] == vocab["occupations"]["welder"]["uri"])
    held = {"read_drawings"} | set(vocab["relations"]["cnc_operator"]["essential"])
    expected = {vocab["skills"][s]["uri"] for s in vocab["relations"]["welder"]["essential"] if s not in held}
    gap = next(g for g in welding["gaps"] if g["kind"] == "skills")
    assert expected and {s["uri"] for s in gap["skills"]} == expected
    assert all(s["label"] and s["label"] in gap["sentence"] for s in gap["skills"])
    assert gap["sentence"].startswith("Acquérir les compétences essentielles")
    assert {s["uri"] for s in welding["skills"]["missing_essential"]} == expected


def test_defaults_are_the_candidates_preferred_regions_and_today(coach, welding_market, make_candidate):
    candidate = welder(make_candidate, coach, preferred_regions=["wallonia", "flanders"])
    body = pathways(coach, candidate["id"]).get_json()
    assert body["regions"] == ["wallonia", "flanders"] and body["as_of"] == dt.date.today().isoformat()
    assert body["limit"] == 20


def test_access_is_that_of_matches(coach, other_coach, employer, integration, admin, welding_market,
                                   make_candidate):
    candidate = welder(make_candidate, coach)
    assert pathways(employer, candidate["id"]).status_code == 403
    assert employer.get(OVERVIEW_PATH).status_code == 403
    assert pathways(other_coach, candidate["id"]).status_code == 404
    assert pathways(coach, 999_999).status_code == 404
    assert pathways(admin, candidate["id"]).status_code == 200
    own = welder(make_candidate, integration)
    assert pathways(integration, own["id"]).status_code == 200
    assert pathways(integration, candidate["id"]).status_code == 404
    assert coach.client.get(f"/api/v1/candidates/{candidate['id']}/pathways").status_code == 401


@pytest.mark.parametrize(
    "query",
    ["?limit=51", "?limit=0", "?region=atlantis", "?as_of=yesterday", "?organisation=1"],
)
def test_bad_queries_answer_422(coach, welding_market, make_candidate, query):
    candidate = welder(make_candidate, coach)
    path = OVERVIEW_PATH if query.startswith("?organisation") else f"/api/v1/candidates/{candidate['id']}/pathways"
    response = coach.get(path + query)
    assert response.status_code == 422 and response.get_json()["code"] == 422


def test_permit_facts_change_only_the_permit_outlook(coach, welding_market, make_candidate, permit_rules):
    common = dict(languages={"nl": "A2", "fr": "B1"}, education_eqf=3, diploma_recognition="pending")
    first = welder(make_candidate, coach, reference="A", **common,
                   permit_facts={"residence_situation": "abroad", "eu_eea_swiss_citizen": False, "birth_year": 1990})
    second = welder(make_candidate, coach, reference="B", **common,
                    permit_facts={"residence_situation": "no_legal_residence", "eu_eea_swiss_citizen": True,
                                  "birth_year": 1961})
    bodies = [pathways(coach, c["id"], "?region=flanders&region=brussels&limit=50").get_json()
              for c in (first, second)]

    def reach_part(body):
        return [
            {**{k: v for k, v in item.items() if k != "permit_outlook"},
             "gaps": [{k: v for k, v in g.items() if k != "permit_after"} for g in item["gaps"]]}
            for item in body["items"]
        ]

    assert reach_part(bodies[0]) == reach_part(bodies[1]) and bodies[0]["items"]
    assert bodies[1]["items"][0]["permit_outlook"]["best_route"] == "no_permit_needed"  # an EU citizen


def test_overview_counts_only_own_candidates_and_hides_small_counts(
    coach, other_coach, admin, welding_market, make_candidate, check_documented, vocab
):
    for i in range(6):
        welder(make_candidate, coach, reference=f"W{i}", languages={"nl": "A2"}, diploma_recognition="recognised")
    for i in range(2):
        make_candidate(coach, ["personal_care", "communicate_patients"], [("nurse", 5)], reference=f"N{i}",
                       languages={"nl": "B2"}, education_eqf=6)
    for i in range(7):
        welder(make_candidate, other_coach, reference=f"O{i}")
    response = coach.get(OVERVIEW_PATH + "?region=flanders", headers={"Accept-Language": "fr"})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    check_documented(OVERVIEW_PATH, body)
    by_label = {item["occupation"]["label"]: item for item in body["items"]}
    welding = by_label["soudeur/soudeuse"]
    assert welding["within_reach"] == 6 and welding["open_vacancies"] == 6  # not the other coach's 7
    assert welding["language_gaps"] == [{"lang": "nl", "need": "B1", "people": 6}]
    nursing = next(i for i in body["items"] if i["occupation"]["uri"] == vocab["occupations"]["nurse"]["uri"])
    assert nursing["within_reach"] == "< 5" and nursing["occupation"]["label"].startswith("infirmier")
    for item in body["items"]:
        for count in [item["within_reach"]] + [g["people"] for g in item["top_skill_gaps"] + item["language_gaps"]]:
            assert count == "< 5" or count >= 5
    assert body["candidates_counted"] == 8 and body["reach_threshold"] == 60
    with db.connection_context():
        record = AuditRecord.get(AuditRecord.action == "pathway_overview")
    assert record.subject_type == "organisation" and record.engine_version == PATHWAYS_VERSION
    # An administrator may look at one organisation's overview; the counts are the same.
    org = record.subject_id
    again = admin.get(OVERVIEW_PATH + f"?region=flanders&organisation={org}").get_json()
    assert {i["occupation"]["uri"]: i["within_reach"] for i in again["items"]} == {
        i["occupation"]["uri"]: i["within_reach"] for i in body["items"]
    }
    page = coach.get(OVERVIEW_PATH + "?region=flanders&page_size=1&page=2").get_json()
    assert page["total"] == body["total"] and len(page["items"]) == 1
    second = body["items"][1]
    assert (page["items"][0]["occupation"]["uri"], page["items"][0]["region"], page["items"][0]["within_reach"]) == (
        second["occupation"]["uri"], second["region"], second["within_reach"])


def test_an_empty_market_answers_with_no_pathways(coach, client):
    # No vocabulary, no vacancies, no lists: nothing to reach, and no error.
    created = coach.post("/api/v1/candidates", json={"reference": "R", "languages": {"nl": "B1"}})
    assert created.status_code == 201, created.get_json()
    body = pathways(coach, created.get_json()["id"]).get_json()
    assert body["items"] == [] and body["regions"] == ["flanders", "brussels", "wallonia", "german_speaking"]
    overview = coach.get(OVERVIEW_PATH + "?page=99").get_json()
    assert overview["items"] == [] and overview["total"] == 0 and overview["candidates_counted"] == "< 5"


def test_demand_follows_vacancy_writes_within_the_configured_lag(app, coach, employer, welding_market,
                                                                 make_candidate, make_vacancy, monkeypatch):
    candidate = welder(make_candidate, coach)

    def welder_vacancies():
        body = pathways(coach, candidate["id"], "?region=flanders").get_json()
        return next(i for i in body["items"] if i["proximity"]["kind"] == "same_occupation")["evidence"][
            "open_vacancies"]

    assert welder_vacancies() == 6
    make_vacancy(employer, "welder", ["weld_metal"], external_id="W-new")
    assert welder_vacancies() == 6  # within the default lag of 60 s the market is not rebuilt
    monkeypatch.setitem(app.config, "PATHWAYS_DEMAND_MAX_LAG", 0)
    assert welder_vacancies() == 7
