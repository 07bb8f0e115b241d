"""Migration 0006 adds CandidateExperience.occupation_alternatives to databases created before it."""

from __future__ import annotations

import importlib

from models import db
from tests.vacancies.helpers import candidate_body

migration = importlib.import_module("models.migrations.0006_experience_alternatives")


def _columns(database) -> set[str]:
    return {c.name for c in database.get_columns("candidate_experience")}


def test_an_older_database_gains_the_column_and_keeps_its_rows(coach, vocab):
    body = coach.post("/api/v1/candidates", json=candidate_body()).get_json()
    with db.connection_context():
        _check(db, body["id"])


def _check(db_conn, candidate_id):
    # The table as it was before 0006 (SQLite >= 3.35 drops columns).
    db_conn.execute_sql("ALTER TABLE candidate_experience DROP COLUMN occupation_alternatives")
    assert "occupation_alternatives" not in _columns(db_conn)
    migration.up(db_conn)
    assert "occupation_alternatives" in _columns(db_conn)
    rows = db_conn.execute_sql(
        f"SELECT title, occupation_alternatives FROM candidate_experience WHERE candidate_id = {db_conn.param}",
        (candidate_id,),
    ).fetchall()
    assert rows == [("Metselaar", "[]")]
    migration.up(db_conn)  # running it again changes nothing
    assert "occupation_alternatives" in _columns(db_conn)
