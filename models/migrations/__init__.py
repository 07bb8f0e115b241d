"""Versioned schema migrations.

Each module `NNNN_name.py` in this package defines `up(database)`; it runs once, inside a
transaction, and its version is recorded in `schema_migration`. `apply_migrations()` is
idempotent: running it on an up-to-date database changes nothing. A later schema change is a new
module (use `playhouse.migrate` for column changes), never an edit of an applied one; each module
writes the schema of its own version, never the live models (see `frozen.py` and
docs/architecture.md).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from contextlib import contextmanager

from peewee import CharField, DateTimeField, IntegerField, Model

from ..base import db, is_postgres, utcnow

_MODULE_NAME = re.compile(r"^(\d{4})_(\w+)$")


class SchemaMigration(Model):
    version = IntegerField(primary_key=True)
    name = CharField(max_length=200)
    applied_at = DateTimeField(default=utcnow)

    class Meta:
        database = db
        table_name = "schema_migration"


def available_migrations() -> list[tuple[int, str, object]]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        match = _MODULE_NAME.match(info.name)
        if match:
            module = importlib.import_module(f"{__name__}.{info.name}")
            found.append((int(match.group(1)), match.group(2), module))
    return sorted(found, key=lambda item: item[0])


def applied_versions() -> set[int]:
    if not db.table_exists("schema_migration"):
        return set()
    return {row.version for row in SchemaMigration.select(SchemaMigration.version)}


def apply_migrations(log=lambda message: None, up_to: int | None = None) -> list[str]:
    """Apply every pending migration in order (or those up to version `up_to`); return the names applied."""
    db.create_tables([SchemaMigration], safe=True)
    done = applied_versions()
    applied = []
    with foreign_key_actions_off():
        for version, name, module in available_migrations():
            if version in done or (up_to is not None and version > up_to):
                continue
            with db.atomic():
                module.up(db)
                _check_foreign_keys()
                SchemaMigration.create(version=version, name=name)
            log(f"applied {version:04d}_{name}")
            applied.append(f"{version:04d}_{name}")
    return applied


@contextmanager
def foreign_key_actions_off():
    """On SQLite, migrate with foreign keys off, as SQLite's own table-rebuild procedure requires.

    `playhouse.migrate` rebuilds a SQLite table for some changes (a NOT NULL column: copy, DROP,
    rename). With foreign keys on, that DROP runs the ON DELETE actions of the tables pointing at
    it, so rebuilding `shortage_list` (0007) emptied `shortage_list_entry`. The pragma only takes
    effect outside a transaction; `_check_foreign_keys` verifies each migration instead.
    """
    if is_postgres() or db.in_transaction():
        yield
        return
    db.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        db.execute_sql("PRAGMA foreign_keys = ON")


def _check_foreign_keys() -> None:
    if not is_postgres():
        broken = db.execute_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"migration left rows whose foreign keys point at nothing: {broken[:5]}")
