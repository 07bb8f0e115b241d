"""Migrations replay history: an empty database migrated from 0001 to head has exactly the schema
the models declare, and a database created at an older head upgrades with its rows intact.

Both tests rebuild the suite's database (SQLite file or TEST_DATABASE_URL) and leave it migrated
to head again, as the session fixture made it.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from models import ALL_MODELS, db
from models.candidate import CandidateExperience
from models.migrations import SchemaMigration, applied_versions, apply_migrations, available_migrations
from models.permit import ShortageList, ShortageListEntry
from tests.foundation.schema_snapshot import drop_everything, snapshot

OLDER_HEAD = 5  # the last migration that created tables before columns were first added to them


@pytest.fixture
def empty_database(app):
    with db.connection_context():
        drop_everything(db)
        try:
            yield db
        finally:
            drop_everything(db)
            apply_migrations()


def test_an_empty_database_migrated_to_head_has_the_schema_of_the_models(empty_database):
    assert [version for version, _, _ in available_migrations()][0] == 1
    apply_migrations()
    migrated = snapshot(empty_database)
    drop_everything(empty_database)
    empty_database.create_tables([SchemaMigration] + ALL_MODELS)
    declared = snapshot(empty_database)

    assert sorted(migrated) == sorted(declared)
    differences = {table: {part: (migrated[table][part], declared[table][part])
                           for part in declared[table] if migrated[table][part] != declared[table][part]}
                   for table in declared if migrated[table] != declared[table]}
    assert differences == {}  # per table: (what the migrations built, what the models declare)


def test_a_database_at_an_older_head_upgrades_with_its_rows_intact(empty_database):
    apply_migrations(up_to=OLDER_HEAD)
    assert max(applied_versions()) == OLDER_HEAD
    older = snapshot(empty_database)
    _one_row_in_every_table(empty_database, older)
    rows_before = {table: _rows(empty_database, table, older[table]["columns"])
                   for table in older if table != "schema_migration"}

    applied = apply_migrations()

    assert applied and applied[0].startswith(f"{OLDER_HEAD + 1:04d}_")
    assert snapshot(empty_database) != older  # the upgrade really changed the schema
    for table, rows in rows_before.items():
        assert len(rows) == 1, table
        assert _rows(empty_database, table, older[table]["columns"]) == rows, table
    # The columns added since then hold their documented values for old rows.
    assert CandidateExperience.get().occupation_alternatives == "[]"
    assert ShortageList.get().confidence == "medium"
    assert ShortageListEntry.select().count() == 1  # a SQLite table rebuild used to cascade-delete these


def _rows(database, table, columns) -> list[tuple]:
    names = sorted(columns)
    selected = ", ".join(f'"{name}"' for name in names)
    return database.execute_sql(f'SELECT {selected} FROM "{table}" ORDER BY 1').fetchall()


def _one_row_in_every_table(database, schema) -> None:
    """Insert one row per table, parents first; every foreign key points at its parent's row."""
    inserted: dict[str, object] = {}
    pending = [table for table in sorted(schema) if table != "schema_migration"]
    while pending:
        table = next(t for t in pending
                     if all(target in inserted or target == t for _, target, _, _ in schema[t]["foreign_keys"]))
        pending.remove(table)
        parents = {source[0]: inserted[target] for source, target, _, _ in schema[table]["foreign_keys"]}
        values = {}
        for name, (kind, _, primary) in schema[table]["columns"].items():
            if primary and _integer(kind):
                continue  # the database assigns it
            values[name] = parents[name] if name in parents else _sample(kind, table)
        columns = ", ".join(f'"{name}"' for name in values)
        placeholders = ", ".join([database.param] * len(values))
        database.execute_sql(f'INSERT INTO "{table}" ({columns}) VALUES ({placeholders})', list(values.values()))
        key = next((n for n, (_, _, primary) in schema[table]["columns"].items() if primary), None)
        inserted[table] = database.execute_sql(f'SELECT "{key}" FROM "{table}"').fetchone()[0]


def _integer(kind: str) -> bool:
    return "INT" in kind.upper()


def _sample(kind: str, table: str):
    """A value of the column's type; strings are distinct per table and fit the declared length."""
    kind = kind.upper()
    if "BOOL" in kind:
        return True
    if _integer(kind):
        return 7
    if any(word in kind for word in ("REAL", "FLOAT", "DOUBLE", "NUMERIC")):
        return 2.5
    if "TIMESTAMP" in kind or "DATETIME" in kind:
        return dt.datetime(2025, 3, 4, 5, 6, 7)
    if "DATE" in kind:
        return dt.date(2025, 3, 4)
    length = re.search(r"\((\d+)\)", kind)
    return f"{table}-sample"[-int(length.group(1)):] if length else f"{table} sample text"
