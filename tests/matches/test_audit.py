"""GET /audit (admins) and `flask audit purge`."""

from __future__ import annotations

import datetime as dt

from models.audit import AuditRecord
from models.base import utcnow


def test_admin_lists_and_filters_audit_records(admin, coach, other_coach, market, make_candidate):
    mine = make_candidate(coach, ["weld_metal"], [("welder", 4)])
    theirs = make_candidate(other_coach, ["operate_cnc"], [("cnc_operator", 1)])
    coach.get(f"/api/v1/candidates/{mine['id']}/matches")
    coach.get(f"/api/v1/candidates/{mine['id']}/matches?region=flanders")
    other_coach.get(f"/api/v1/candidates/{theirs['id']}/matches")
    coach.post("/api/v1/matches/preview", json={})

    everything = admin.get("/api/v1/audit").get_json()
    assert everything["total"] == 4
    created = [item["created_at"] for item in everything["items"]]
    assert created == sorted(created, reverse=True)

    queries = admin.get("/api/v1/audit?action=match_query").get_json()["items"]
    assert len(queries) == 3 and all(item["engine_version"] for item in queries)
    org = queries[0]["organisation_id"]
    assert {
        i["organisation_id"] for i in admin.get(f"/api/v1/audit?organisation={org}").get_json()["items"]
    } == {org}
    subject = admin.get(f"/api/v1/audit?subject_type=candidate&subject_id={mine['id']}").get_json()
    assert subject["total"] == 2 and {i["subject_id"] for i in subject["items"]} == {mine["id"]}
    assert subject["items"][0]["parameters"]["region"] == ["flanders"]
    assert subject["items"][0]["results"][0]["id"] == market["welder"]["id"]
    assert subject["items"][0]["api_key_prefix"].startswith("kp_")

    page = admin.get("/api/v1/audit?page=2&page_size=3").get_json()
    assert page["total_pages"] == 2 and len(page["items"]) == 1
    future = (utcnow() + dt.timedelta(hours=1)).isoformat()
    assert admin.get(f"/api/v1/audit?since={future}").get_json()["total"] == 0
    assert admin.get(f"/api/v1/audit?until={future}").get_json()["total"] == 4
    assert admin.get(f"/api/v1/audit?since={future}&until=2020-01-01T00:00:00").status_code == 422
    assert admin.get("/api/v1/audit?action=nothing").status_code == 422


def test_only_admins_read_the_audit_trail(coach, employer, integration):
    for caller in (coach, employer, integration):
        assert caller.get("/api/v1/audit").status_code == 403


def test_purge_deletes_records_older_than_the_retention(app, db_conn):
    now = utcnow()
    for days in (1, 100, 200, 400):
        AuditRecord.create(
            action="match_query",
            subject_type="candidate",
            subject_id=days,
            created_at=now - dt.timedelta(days=days),
        )
    runner = app.test_cli_runner()
    result = runner.invoke(args=["audit", "purge", "--older-than-days", "365"])
    assert result.exit_code == 0, result.output
    assert "deleted 1 audit record(s)" in result.output
    result = runner.invoke(args=["audit", "purge"])  # default: AUDIT_RETENTION_DAYS = 183
    assert result.exit_code == 0 and "deleted 1 audit record(s) older than 183 day(s)" in result.output
    assert sorted(r.subject_id for r in AuditRecord.select()) == [1, 100]
    refused = runner.invoke(args=["audit", "purge", "--older-than-days", "0"])
    assert refused.exit_code != 0 and AuditRecord.select().count() == 2
