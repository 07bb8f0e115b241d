"""Issue 10 item 4: a deleted candidate's or vacancy's id (and ETag) is never given to another
record, on a new database and on one upgraded by migration 0008 with its data in place."""

from __future__ import annotations

import importlib

from models import db, is_postgres
from models.candidate import CandidateSkill
from models.migrations import SchemaMigration, apply_migrations, foreign_key_actions_off
from tests.vacancies.helpers import candidate_body, vacancy_body

migration = importlib.import_module("models.migrations.0008_ids_never_reused")


def _delete_newest_then_create(owner, other, path, body):
    first = owner.post(path, json=body).get_json()
    newest = owner.post(path, json=body).get_json()
    assert owner.delete(f"{path}/{newest['id']}").status_code == 204
    created = other.post(path, json=body).get_json()
    assert created["id"] > newest["id"]
    assert created["etag"] != newest["etag"]
    assert owner.get(f"{path}/{newest['id']}").status_code == 404
    return first, newest, created


def test_a_deleted_candidate_id_goes_to_nobody_else(coach, other_coach):
    _delete_newest_then_create(coach, other_coach, "/api/v1/candidates", candidate_body())


def test_a_deleted_vacancy_id_goes_to_nobody_else(employer, other_employer):
    _delete_newest_then_create(employer, other_employer, "/api/v1/vacancies", vacancy_body())


def _table_sql(table: str) -> str:
    return db.execute_sql("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]


def _as_before_0008():
    """Put the schema back as it was before 0008 (plain INTEGER PRIMARY KEY on SQLite)."""
    with db.connection_context():
        if not is_postgres():
            with foreign_key_actions_off(), db.atomic():
                for table in migration.TABLES:
                    migration.rebuild_sqlite_table(db, table, lambda sql: sql.replace(" AUTOINCREMENT", ""))
                assert "AUTOINCREMENT" not in _table_sql("candidate")
        SchemaMigration.delete().where(SchemaMigration.version == 8).execute()


def test_upgrading_keeps_every_row_and_stops_id_reuse(coach, other_coach, employer, vocabulary):
    _as_before_0008()
    try:
        kept = coach.post("/api/v1/candidates", json=candidate_body(external_id="keep")).get_json()
        newest = coach.post("/api/v1/candidates", json=candidate_body(external_id="newest")).get_json()
        vacancy = employer.post("/api/v1/vacancies", json=vacancy_body(external_id="v")).get_json()
        with db.connection_context():
            skills_before = CandidateSkill.select().count()
            assert skills_before >= 2
            assert apply_migrations() == ["0008_ids_never_reused"]
            assert apply_migrations() == []  # idempotent
            assert CandidateSkill.select().count() == skills_before  # children survived the rebuild
            if not is_postgres():
                for table in migration.TABLES:
                    assert "AUTOINCREMENT" in _table_sql(table), table
                assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
                assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
                indexes = {row[1] for row in db.execute_sql("PRAGMA index_list('candidate')")}
                assert "candidate_organisation_id_external_id" in indexes
    finally:
        with db.connection_context():
            apply_migrations()
    assert coach.get(f"/api/v1/candidates/{kept['id']}").get_json()["skills"] == kept["skills"]
    assert employer.get(f"/api/v1/vacancies/{vacancy['id']}").get_json()["title"] == vacancy["title"]
    assert coach.delete(f"/api/v1/candidates/{newest['id']}").status_code == 204
    created = other_coach.post("/api/v1/candidates", json=candidate_body()).get_json()
    assert created["id"] > newest["id"]
    # Erasure still cascades to the children after the rebuild.
    assert coach.delete(f"/api/v1/candidates/{kept['id']}").status_code == 204
    with db.connection_context():
        assert CandidateSkill.select().where(CandidateSkill.candidate == kept["id"]).count() == 0
