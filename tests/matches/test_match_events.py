"""GET /match-events: new and changed matches for the caller's candidates, cursor-paginated."""

from __future__ import annotations

import pytest

from models.audit import AuditRecord
from models.matching import MatchEvent, MatchSnapshot


@pytest.fixture(autouse=True)
def low_threshold(app, monkeypatch):
    monkeypatch.setitem(app.config, "MATCH_EVENT_THRESHOLD", 40.0)
    monkeypatch.setitem(app.config, "MATCH_EVENT_MIN_CHANGE", 2.0)


def poll(caller, since=0, limit=100):
    response = caller.get(f"/api/v1/match-events?since={since}&limit={limit}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_first_poll_reports_current_matches_then_nothing_until_something_changes(
    coach, market, make_candidate
):
    welder = make_candidate(coach, ["weld_metal", "read_drawings"], [("welder", 4)])
    first = poll(coach)
    pairs = {(e["candidate_id"], e["vacancy_id"]) for e in first["items"]}
    assert (welder["id"], market["welder"]["id"]) in pairs
    assert all(
        e["kind"] == "new" and e["reason"] == "first_poll" and e["score"] >= 40 for e in first["items"]
    )
    ranked = coach.get(f"/api/v1/candidates/{welder['id']}/matches?min_score=40").get_json()["items"]
    assert pairs == {(welder["id"], i["vacancy_id"]) for i in ranked}
    assert {e["score"] for e in first["items"]} == {i["score"] for i in ranked}
    again = poll(coach, since=first["next_cursor"])
    assert again["items"] == [] and again["next_cursor"] == first["next_cursor"]
    assert poll(coach)["items"] == first["items"]  # the cursor is the only state: replay works


def test_new_vacancy_changed_vacancy_and_changed_candidate_produce_events(
    coach, employer, market, make_candidate, make_vacancy
):
    welder = make_candidate(coach, ["weld_metal", "read_drawings"], [("welder", 4)])
    cursor = poll(coach)["next_cursor"]

    new = make_vacancy(employer, "welder", ["weld_metal", "read_drawings"], external_id="W9")
    events = poll(coach, since=cursor)
    assert [(e["kind"], e["reason"], e["vacancy_id"]) for e in events["items"]] == [
        ("new", "new_vacancy", new["id"])
    ]
    cursor = events["next_cursor"]

    # The employer drops the protective-gear skill: the welder now covers every essential skill.
    changed = employer.patch(
        f"/api/v1/vacancies/{market['welder']['id']}",
        json={
            "skills": [
                {"uri": s["uri"], "importance": "essential"}
                for s in market["welder"]["skills"]
                if s["preferred_label"] != "wear appropriate protective gear"
            ]
        },
    )
    assert changed.status_code == 200, changed.get_json()
    events = poll(coach, since=cursor)["items"]
    assert [(e["kind"], e["reason"], e["vacancy_id"]) for e in events] == [
        ("changed", "vacancy_changed", market["welder"]["id"])
    ]
    assert events[0]["score"] > events[0]["previous_score"]
    cursor = events[-1]["event_id"]

    updated = coach.patch(f"/api/v1/candidates/{welder['id']}", json={"languages": {"nl": "A1", "fr": "C1"}})
    assert updated.status_code == 200
    events = poll(coach, since=cursor)["items"]
    assert events and all(e["kind"] == "changed" and e["reason"] == "candidate_changed" for e in events)
    assert all(e["score"] < e["previous_score"] for e in events)


def test_cursor_pagination(coach, market, make_candidate):
    make_candidate(coach, ["weld_metal", "read_drawings"], [("welder", 4)], reference="A")
    make_candidate(coach, ["operate_cnc"], [("cnc_operator", 3)], reference="B")
    make_candidate(coach, ["weld_metal", "read_drawings"], [("welder", 6)], reference="C")
    everything = poll(coach)["items"]
    assert len(everything) >= 3
    seen, cursor = [], 0
    while True:
        page = poll(coach, since=cursor, limit=2)
        seen += page["items"]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    assert [e["event_id"] for e in seen] == [e["event_id"] for e in everything]


def test_feed_is_per_organisation_and_for_candidate_holders(
    coach, other_coach, integration, admin, employer, market, make_candidate
):
    make_candidate(coach, ["weld_metal"], [("welder", 4)])
    assert poll(coach)["items"]
    assert poll(other_coach)["items"] == [] and poll(integration)["items"] == []
    assert admin.get("/api/v1/match-events").status_code == 403
    assert employer.get("/api/v1/match-events").status_code == 403
    assert coach.get("/api/v1/match-events?since=-1").status_code == 422
    assert AuditRecord.select().where(AuditRecord.action == "match_events").count() == 3


def test_erasing_a_candidate_erases_its_events_and_snapshot(coach, market, make_candidate):
    welder = make_candidate(coach, ["weld_metal"], [("welder", 4)])
    assert poll(coach)["items"]
    assert coach.delete(f"/api/v1/candidates/{welder['id']}").status_code in (200, 204)
    assert MatchEvent.select().count() == 0 and MatchSnapshot.select().count() == 0
    assert poll(coach)["items"] == []


def test_a_refresh_that_lost_the_race_writes_nothing(app, coach, market, make_candidate, monkeypatch):
    from api.matches.wiring import match_settings
    from models.base import utcnow
    from models.matching import MatchFeedState
    from models.organisation import Organisation
    from services.matches import feed

    make_candidate(coach, ["weld_metal"], [("welder", 4)])
    organisation = Organisation.get(Organisation.name == "Coaching A")
    real_index = feed.vacancy_index

    def index_while_another_worker_refreshes(settings):
        index = real_index(settings)
        # Another worker completes its refresh while this one is ranking.
        MatchFeedState.update(refreshed_at=utcnow()).where(
            MatchFeedState.organisation == organisation.id
        ).execute()
        return index

    monkeypatch.setattr(feed, "vacancy_index", index_while_another_worker_refreshes)
    with app.app_context():
        assert feed.refresh_feed(organisation.id, match_settings()) == 0
    assert MatchEvent.select().count() == 0 and MatchSnapshot.select().count() == 0
    monkeypatch.setattr(feed, "vacancy_index", real_index)
    MatchFeedState.update(refreshed_at=None, vacancies_version=-1).execute()
    assert poll(coach)["items"]  # the next poll, uncontested, reports the matches
