"""Issue 10 item 3: after erasure no audit record describes the person, and deleted candidates and
vacancies still leave the match indexes (which learn about deletions from the audit trail)."""

from __future__ import annotations

import json

import pytest

from models import db
from models.audit import AuditRecord


@pytest.fixture(autouse=True)
def low_threshold(app, monkeypatch):
    monkeypatch.setitem(app.config, "MATCH_EVENT_THRESHOLD", 0.0)


def _audit(admin, **filters):
    query = "&".join(f"{k}={v}" for k, v in filters.items())
    response = admin.get(f"/api/v1/audit?page_size=100&{query}")
    assert response.status_code == 200
    return response.get_json()["items"]


def _mentions(record, candidate_id):
    """Whether a vacancy match query or a feed poll lists the candidate among its results."""
    key = {"vacancy": "id", "feed": "candidate"}.get(record["subject_type"])
    return key is not None and any(item.get(key) == candidate_id for item in record["results"])


def test_erasure_removes_the_candidate_from_every_audit_record(admin, coach, market, make_candidate):
    gone = make_candidate(coach, ["weld_metal", "read_drawings"], [("welder", 4)], reference="GONE")
    kept = make_candidate(coach, ["weld_metal"], [("welder", 2)], reference="KEPT")
    welder = market["welder"]["id"]
    assert coach.get(f"/api/v1/candidates/{gone['id']}/matches").status_code == 200
    ranked = coach.get(f"/api/v1/vacancies/{welder}/matches").get_json()["items"]
    assert {gone["id"], kept["id"]} <= {item["candidate_id"] for item in ranked}
    assert coach.get("/api/v1/match-events").status_code == 200
    before = _audit(admin)
    assert _audit(admin, subject_type="candidate", subject_id=gone["id"])
    assert any(_mentions(r, gone["id"]) for r in before if r["subject_type"] == "vacancy")
    assert any(_mentions(r, gone["id"]) for r in before if r["subject_type"] == "feed")

    assert coach.delete(f"/api/v1/candidates/{gone['id']}").status_code == 204

    about = _audit(admin, subject_type="candidate", subject_id=gone["id"])
    assert [r["action"] for r in about] == ["candidate_erased"]
    assert about[0]["results"] == [] and "GONE" not in json.dumps(about[0])
    after = _audit(admin)
    assert not any(_mentions(r, gone["id"]) for r in after if r["action"] != "candidate_erased")
    # The other candidate's traces and the records themselves stay.
    assert any(_mentions(r, kept["id"]) for r in after if r["subject_type"] == "vacancy")
    assert any(_mentions(r, kept["id"]) for r in after if r["subject_type"] == "feed")
    assert len(after) == len(before) - 1 + 1  # its own match query went, the erasure record came


def test_erasure_of_one_id_leaves_records_of_ids_that_share_its_digits(app, coach, market, make_candidate):
    gone = make_candidate(coach, ["weld_metal"], [("welder", 4)])
    with db.connection_context():
        for other in (gone["id"] * 10 + 1, gone["id"] + 10):
            AuditRecord.create(action="match_query", subject_type="vacancy", subject_id=1,
                               results=json.dumps([{"id": other, "score": 50.0}]))
    coach.delete(f"/api/v1/candidates/{gone['id']}")
    with db.connection_context():
        records = AuditRecord.select().where(AuditRecord.subject_type == "vacancy", AuditRecord.subject_id == 1)
        kept = [json.loads(r.results) for r in records]
    assert sorted(item[0]["id"] for item in kept) == sorted([gone["id"] * 10 + 1, gone["id"] + 10])


def test_an_erased_candidate_leaves_the_pool_of_every_worker(admin, coach, market, make_candidate):
    gone = make_candidate(coach, ["weld_metal", "read_drawings"], [("welder", 4)])
    kept = make_candidate(coach, ["weld_metal"], [("welder", 2)])
    welder = market["welder"]["id"]
    ranked = {i["candidate_id"] for i in admin.get(f"/api/v1/vacancies/{welder}/matches").get_json()["items"]}
    assert {gone["id"], kept["id"]} <= ranked  # the pool is built and holds both
    assert coach.delete(f"/api/v1/candidates/{gone['id']}").status_code == 204
    ranked = {i["candidate_id"] for i in admin.get(f"/api/v1/vacancies/{welder}/matches").get_json()["items"]}
    assert gone["id"] not in ranked and kept["id"] in ranked


def test_a_deleted_vacancy_leaves_the_index(coach, employer, market, make_candidate):
    welder = make_candidate(coach, ["weld_metal", "read_drawings"], [("welder", 4)])
    url = f"/api/v1/candidates/{welder['id']}/matches"
    assert market["welder"]["id"] in {i["vacancy_id"] for i in coach.get(url).get_json()["items"]}
    assert employer.delete(f"/api/v1/vacancies/{market['welder']['id']}").status_code == 204
    assert market["welder"]["id"] not in {i["vacancy_id"] for i in coach.get(url).get_json()["items"]}
