"""The hot path's database budget: a candidate's matches cost the key check (one statement, which
also reads the cache counters) and one audit INSERT, whatever the number of vacancies and results."""

from __future__ import annotations

from tests.query_count import recorded_queries


def _key_check(sql: str) -> bool:
    """The API key look-up and its bookkeeping (api.auth: the "hotpath" engineer's budget)."""
    return "api_key" in sql.lower() and "audit_record" not in sql.lower()


def _budget(statements: list[str]) -> tuple[list[str], list[str]]:
    rest = [s for s in statements if not _key_check(s)]
    reads = [s for s in rest if s.lstrip().upper().startswith("SELECT")]
    writes = [s for s in rest if not s.lstrip().upper().startswith("SELECT")]
    return reads, writes


def test_candidate_matches_cost_the_key_check_and_one_audit_insert(coach, market, make_candidate, vocab):
    welder = make_candidate(coach, ["weld_metal", "read_drawings"], [("welder", 4)])
    url = f"/api/v1/candidates/{welder['id']}/matches"
    assert coach.get(url).status_code == 200  # builds this process's index, pool and labels
    for query in ("", "?region=flanders&limit=5", "?occupation=" + vocab["occupations"]["welder"]["uri"]):
        with recorded_queries() as statements:
            response = coach.get(url + query)
        assert response.status_code == 200, response.get_json()
        assert response.get_json()["items"]
        reads, writes = _budget(statements)
        assert reads == [], statements
        assert "cache_version" in statements[0].lower(), statements  # the key check reads the counters
        assert len(writes) == 1 and writes[0].lstrip().upper().startswith("INSERT"), statements
        assert "audit_record" in writes[0].lower()


def test_a_write_elsewhere_is_seen_by_the_next_request(coach, market, make_candidate, make_vacancy, employer):
    welder = make_candidate(coach, ["weld_metal"], [("welder", 4)])
    url = f"/api/v1/candidates/{welder['id']}/matches"
    before = {i["vacancy_id"] for i in coach.get(url).get_json()["items"]}
    new = make_vacancy(employer, "welder", ["weld_metal"], external_id="W-RT")
    after = {i["vacancy_id"] for i in coach.get(url).get_json()["items"]}
    assert new["id"] in after and new["id"] not in before
