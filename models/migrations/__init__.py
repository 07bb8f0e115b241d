"""Versioned schema migrations.

Each module `NNNN_name.py` in this package defines `up(database)`; it runs once, inside a
transaction, and its version is recorded in `schema_migration`. `apply_migrations()` is
idempotent: running it on an up-to-date database changes nothing. A later schema change is a new
module (use `playhouse.migrate` for column changes), never an edit of an applied one.
"""

from __future__ import annotations

import contextlib
import importlib
import pkgutil
import re

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


@contextlib.contextmanager
def _sqlite_foreign_keys_off(wanted: bool):
    """Foreign keys off around a migration that rebuilds SQLite tables (its module sets
    SQLITE_FOREIGN_KEYS_OFF = True): dropping a parent table would otherwise cascade into its
    children. The pragma is ignored inside a transaction, so this refuses to run in one."""
    if not wanted or is_postgres():
        yield
        return
    if db.in_transaction():
        raise RuntimeError("This migration rebuilds tables: run it outside a transaction.")
    db.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        if db.execute_sql("PRAGMA foreign_keys").fetchone()[0] != 0:
            raise RuntimeError("Could not turn SQLite foreign keys off for a table rebuild.")
        yield
    finally:
        db.execute_sql("PRAGMA foreign_keys = ON")


def _check_foreign_keys(version: int) -> None:
    if not is_postgres():
        broken = db.execute_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"migration {version:04d} left broken foreign keys: {broken[:5]}")


def apply_migrations(log=lambda message: None) -> list[str]:
    """Apply every pending migration in order; return the names applied."""
    db.create_tables([SchemaMigration], safe=True)
    done = applied_versions()
    applied = []
    for version, name, module in available_migrations():
        if version in done:
            continue
        with _sqlite_foreign_keys_off(getattr(module, "SQLITE_FOREIGN_KEYS_OFF", False)):
            with db.atomic():
                module.up(db)
                _check_foreign_keys(version)
                SchemaMigration.create(version=version, name=name)
        log(f"applied {version:04d}_{name}")
        applied.append(f"{version:04d}_{name}")
    return applied
