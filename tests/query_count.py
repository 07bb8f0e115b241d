"""Count the SQL statements a block sends to the database (for round-trip budgets of hot paths)."""

from __future__ import annotations

import contextlib

from models.base import db


@contextlib.contextmanager
def recorded_queries():
    """Yield a list that receives every SQL statement executed inside the block, in order."""
    statements: list[str] = []
    database = db.obj
    original = database.execute_sql

    def execute_sql(sql, params=None, *args, **kwargs):
        statements.append(sql)
        return original(sql, params, *args, **kwargs)

    database.execute_sql = execute_sql
    try:
        yield statements
    finally:
        del database.execute_sql  # back to the class's method
