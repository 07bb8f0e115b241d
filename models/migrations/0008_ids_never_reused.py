"""Ids are never given again: SQLite tables whose ids the audit trail, ETags, the match feed's
cursor or employers' opaque references point at get AUTOINCREMENT (see NeverReusedAutoField).

SQLite cannot add AUTOINCREMENT to a column, so each table is rebuilt (the SQLite procedure for
other schema changes): a copy is created from the table's own CREATE statement plus AUTOINCREMENT,
the rows are copied with their ids, the old table is dropped, the copy renamed and the indexes
recreated. Foreign keys are off meanwhile (every SQLite migration runs so, see models.migrations), or
dropping the old table would cascade into its children; `PRAGMA foreign_key_check` runs before the
commit. The high-water mark starts at the largest id still present (ids freed before this migration
cannot be known). PostgreSQL sequences never go back: nothing to do there.
"""

from __future__ import annotations

import re

from models.base import is_postgres

TABLES = ("organisation", "api_key", "vacancy", "candidate", "audit_record", "match_event")
_ID_COLUMN = re.compile(r'("id" INTEGER NOT NULL PRIMARY KEY)(?! AUTOINCREMENT)', re.IGNORECASE)


def up(database):
    if is_postgres():
        return
    for table in TABLES:
        if database.table_exists(table):
            rebuild_sqlite_table(database, table, lambda sql: _ID_COLUMN.sub(r"\1 AUTOINCREMENT", sql, count=1))


def rebuild_sqlite_table(database, table: str, change) -> bool:
    """Rebuild `table` from `change(its CREATE statement)`, keeping rows, ids and indexes.

    Returns False (and does nothing) when `change` leaves the statement as it is.
    """
    (create_sql,) = database.execute_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()
    changed = change(create_sql)
    if changed == create_sql:
        return False
    indexes = [row[0] for row in database.execute_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", (table,)
    )]
    staging = f"{table}__rebuild"
    name = re.compile(rf'^(CREATE TABLE (?:IF NOT EXISTS )?)"?{re.escape(table)}"?', re.IGNORECASE)
    database.execute_sql(name.sub(rf'\1"{staging}"', changed, count=1))
    database.execute_sql(f'INSERT INTO "{staging}" SELECT * FROM "{table}"')
    database.execute_sql(f'DROP TABLE "{table}"')
    database.execute_sql(f'ALTER TABLE "{staging}" RENAME TO "{table}"')
    for statement in indexes:
        database.execute_sql(statement)
    return True
