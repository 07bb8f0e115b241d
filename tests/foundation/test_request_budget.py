"""Round trips every request pays (issue 14, hot paths): the key check is ONE statement, which also
reads the cache counters; /health is one; the connection stays open between requests and is
dropped when a request leaves it in doubt. (Revocation on the next request, over the kept
connection: tests/foundation/test_auth.py::test_revoked_key_is_refused_at_once.)"""

from __future__ import annotations

import pytest
from peewee import OperationalError

import api.auth
from models import db, is_postgres
from models.cache_version import CacheVersion
from tests.query_count import recorded_queries


def test_the_key_check_is_one_statement_that_also_reads_the_cache_counters(coach):
    assert coach.get("/api/v1/me").status_code == 200  # the first use also writes last_used_at
    with recorded_queries() as statements:
        response = coach.get("/api/v1/me")
    assert response.status_code == 200 and response.get_json()["organisation"]["name"] == "Coaching A"
    assert len(statements) == 1
    assert '"api_key"' in statements[0] and '"organisation"' in statements[0] and '"cache_version"' in statements[0]


def test_caches_consulted_after_the_key_check_read_no_counters_of_their_own(vocabulary, coach):
    coach.get("/api/v1/occupations/search?q=lasser")  # builds the index
    with recorded_queries() as statements:
        assert coach.get("/api/v1/occupations/search?q=heftruckchauffeur").status_code == 200
    assert sum('"cache_version"' in statement for statement in statements) == 1  # the key check's
    assert '"api_key"' in statements[0]


def test_a_bump_in_the_request_is_seen_by_the_next_one(vocabulary, coach):
    coach.get("/api/v1/occupations/search?q=lasser")
    with db.connection_context(), db.atomic():
        CacheVersion.bump("vocabulary")
    with recorded_queries() as statements:
        assert coach.get("/api/v1/occupations/search?q=lasser").status_code == 200
    assert any('"occupation_label"' in statement for statement in statements)


def test_health_is_one_statement(client):
    client.get("/api/v1/health")
    with recorded_queries() as statements:
        response = client.get("/api/v1/health")
    assert response.status_code == 200 and response.get_json()["database"]["schema_up_to_date"] is True
    assert statements == ["SELECT version FROM schema_migration"]


def test_the_connection_is_kept_between_requests(coach):
    coach.get("/api/v1/me")
    connection = db.connection()
    assert coach.get("/api/v1/me").status_code == 200
    assert not db.is_closed() and db.connection() is connection


def test_a_database_error_answers_503_and_drops_the_connection(coach, monkeypatch):
    coach.get("/api/v1/me")

    def unavailable(secret):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(api.auth, "find_active_key", unavailable)
    response = coach.get("/api/v1/me")
    assert response.status_code == 503 and response.headers["Retry-After"]
    assert db.is_closed()
    monkeypatch.undo()
    assert coach.get("/api/v1/me").status_code == 200


def test_a_connection_the_server_dropped_is_reopened_without_an_error(coach):
    if not is_postgres():
        pytest.skip("a server that drops a connection: PostgreSQL")
    import psycopg2

    coach.get("/api/v1/me")
    backend = db.connection().get_backend_pid()
    other = psycopg2.connect(dbname=db.obj.database, **db.obj.connect_params)
    try:
        other.autocommit = True
        other.cursor().execute("SELECT pg_terminate_backend(%s)", (backend,))
    finally:
        other.close()
    assert coach.get("/api/v1/me").status_code == 200
    assert db.connection().get_backend_pid() != backend
