"""The search endpoints' round-trip budget and the in-memory labels behind it.

A search request reads the database once beyond the key check (the cache counters, shared by every
cache the request consults); labels and codes of the hits come from the per-process search state.
"""

import pytest

from services import taxonomy
from tests.query_count import recorded_queries


def _beyond_key_check(statements):
    return [sql for sql in statements if '"api_key"' not in sql]


@pytest.mark.parametrize("path", ["/api/v1/occupations/search", "/api/v1/skills/search"])
def test_a_search_request_costs_one_round_trip_beyond_the_key_check(coach, vocabulary, path):
    coach.get(path, query_string={"q": "lasser"})  # builds the search state of this process
    for params in ({"q": "soudeur", "lang": "fr"}, {"q": "heftruck", "limit": 3}, {"q": "soudeur", "lang": "fr"}):
        with recorded_queries() as statements:
            response = coach.get(path, query_string=params)
        assert response.status_code == 200, response.json
        assert len(_beyond_key_check(statements)) <= 1, statements


def test_a_repeated_search_answers_the_same_body(coach, vocabulary):
    params = {"q": "Soudeur H/F", "lang": "nl", "limit": 4}
    first = coach.get("/api/v1/occupations/search", query_string=params)
    again = coach.get("/api/v1/occupations/search", query_string=params)
    assert first.status_code == again.status_code == 200
    assert first.get_data() == again.get_data()
    assert first.headers["Content-Type"] == again.headers["Content-Type"] == "application/json"


@pytest.mark.parametrize("lang", [None, "nl", "fr", "de", "en"])
def test_hit_labels_match_the_vocabulary_tables(db_conn, vocabulary, lang):
    """The preferred label of each hit is the one `occupation_labels`/`skill_labels` read from the database."""
    for text in ("lasser", "soudeur", "verpleegkundige", "chauffeur", "cook"):
        hits = taxonomy.search_occupations(text, lang=lang, limit=10)
        labels = taxonomy.occupation_labels([hit["occupation_id"] for hit in hits], lang or "en")
        assert [hit["preferred_label"] for hit in hits] == [labels[hit["occupation_id"]] for hit in hits]
    for text in ("lasapparatuur", "welding", "heftruck", "hygiene"):
        hits = taxonomy.search_skills(text, lang=lang, limit=10)
        labels = taxonomy.skill_labels([hit["skill_id"] for hit in hits], lang or "en")
        assert [hit["preferred_label"] for hit in hits] == [labels[hit["skill_id"]] for hit in hits]


def test_callers_get_their_own_copy_of_the_hits(db_conn, vocabulary):
    first = taxonomy.search_occupations("lasser", lang="nl", limit=2)
    first[0]["score"] = -1.0
    first[0]["signals"].clear()
    again = taxonomy.search_occupations("lasser", lang="nl", limit=2)
    assert again[0]["score"] >= 0 and again[0]["signals"]
