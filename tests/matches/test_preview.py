"""POST /matches/preview: an unsaved profile, same response shape, only the audit record stored."""

from __future__ import annotations

from models.audit import AuditRecord
from models.candidate import Candidate, CandidateSkill


def test_preview_ranks_and_stores_nothing_but_the_audit_record(coach, market, vocab):
    body = {
        "skills": [
            {"uri": vocab["skills"]["weld_metal"]["uri"]},
            {"text": "lasapparatuur gebruiken"},
            {"text": "qqzx houtsnijwerk voor klompen"},
        ],
        "experiences": [{"title": "lasser", "years": 3}],
        "languages": {"nl": "B1"},
        "preferred_regions": ["flanders"],
    }
    response = coach.post("/api/v1/matches/preview?limit=3", json=body)
    assert response.status_code == 200, response.get_json()
    result = response.get_json()
    assert result["items"][0]["vacancy_id"] == market["welder"]["id"]
    assert len(result["items"]) == 3 and result["total"] == 4
    assert "qqzx houtsnijwerk voor klompen" in result["unmatched_skill_texts"]
    assert result["items"][0]["components"]["text"] is not None  # free text is used, not dropped
    assert Candidate.select().count() == 0 and CandidateSkill.select().count() == 0
    record = AuditRecord.get(AuditRecord.action == "match_preview")
    assert record.subject_type == "preview" and record.subject_id is None
    assert "klompen" not in record.parameters  # the profile itself is not kept


def test_preview_with_a_saved_profile_gives_the_same_scores(coach, market, make_candidate, vocab):
    saved = make_candidate(coach, ["weld_metal", "read_drawings"], [("welder", 4)])
    preview = coach.post(
        "/api/v1/matches/preview",
        json={
            "skills": [
                {"uri": vocab["skills"]["weld_metal"]["uri"]},
                {"uri": vocab["skills"]["read_drawings"]["uri"]},
            ],
            "experiences": [
                {"title": "welder", "occupation_uri": vocab["occupations"]["welder"]["uri"], "years": 4}
            ],
            "education_eqf": 4,
            "diploma_recognition": "recognised",
            "languages": {"nl": "B1", "fr": "C1"},
            "preferred_regions": ["flanders"],
            "available_from": saved["available_from"],
        },
    ).get_json()
    stored = coach.get(f"/api/v1/candidates/{saved['id']}/matches").get_json()
    assert [(i["vacancy_id"], i["score"]) for i in preview["items"]] == [
        (i["vacancy_id"], i["score"]) for i in stored["items"]
    ]


def test_preview_refuses_protected_attributes_and_unknown_uris(coach, employer, market, vocab):
    refused = coach.post("/api/v1/matches/preview", json={"nationality": "SY", "birth_year": 1990})
    assert refused.status_code == 422
    assert set(refused.get_json()["errors"]["json"]) == {"nationality", "birth_year"}
    unknown = coach.post(
        "/api/v1/matches/preview", json={"skills": [{"uri": "http://example.org/skill/none"}]}
    )
    assert unknown.status_code == 422 and "Unknown ESCO skill" in unknown.get_json()["message"]
    assert employer.post("/api/v1/matches/preview", json={}).status_code == 403


def test_a_past_job_title_scores_the_same_in_a_preview_as_when_saved(coach, market):
    """Both read the title's best occupation and its alternatives (with scores) the same way."""
    body = {
        # "cnc lasser": CNC operator as best hit, welder a runner-up (test vocabulary).
        "experiences": [{"title": "cnc lasser", "years": 2}, {"title": "kok", "years": 1}],
        "languages": {"nl": "B1", "fr": "C1"},
        "education_eqf": 4,
        "diploma_recognition": "recognised",
        "preferred_regions": ["flanders"],
        "available_from": "2026-03-01",
    }
    saved = coach.post("/api/v1/candidates", json={**body, "reference": "P-1"})
    assert saved.status_code == 201, saved.get_json()
    ranked = coach.get(f"/api/v1/candidates/{saved.get_json()['id']}/matches").get_json()["items"]
    preview = coach.post("/api/v1/matches/preview", json=body).get_json()["items"]
    assert [(i["vacancy_id"], i["components"]) for i in preview] == [
        (i["vacancy_id"], i["components"]) for i in ranked
    ]
    assert any("probably corresponds to" in " ".join(i["explanation"]) for i in ranked)
