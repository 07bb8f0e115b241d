"""Counters that tell per-process caches when the data behind them changed.

A writer bumps a counter inside its own transaction. Readers read every counter in one query,
and inside a `counter_scope()` (one per HTTP request) at most once: the caches consulted by one
request cost one round trip together. A bump in this scope makes the next read see the database
again, so a request that writes and then reads sees its own write.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator, Mapping

from peewee import BigIntegerField, CharField

from .base import BaseModel

# Every counter name in use; a cache may depend only on these (a typo would silently never refresh).
COUNTER_NAMES = ("vocabulary", "vacancies", "candidates", "permit_reference")

_scope: contextvars.ContextVar[dict | None] = contextvars.ContextVar("knelpunt_counter_scope", default=None)


class CacheVersion(BaseModel):
    name = CharField(max_length=50, primary_key=True)
    version = BigIntegerField(default=0)

    @classmethod
    def current(cls, name: str) -> int:
        return current_counters()[name] if name in COUNTER_NAMES else cls._read_one(name)

    @classmethod
    def _read_one(cls, name: str) -> int:
        row = cls.select(cls.version).where(cls.name == name).first()
        return row.version if row else 0

    @classmethod
    def bump(cls, name: str) -> None:
        """Increment the counter (call inside the writer's transaction), creating it at 1 if absent.

        One atomic upsert, so concurrent writers in several workers never lose an increment.
        """
        (cls.insert(name=name, version=1)
         .on_conflict(conflict_target=[cls.name], update={cls.version: cls.version + 1})
         .execute())
        forget_counters()


_statements: dict[type, tuple[str, list]] = {}


def read_counters() -> dict[str, int]:
    """All counters in one query (0 for a counter never bumped). The statement is built once per
    database kind: every request sends it, and building it costs more than running it."""
    database = CacheVersion._meta.database.obj
    statement = _statements.get(type(database))
    if statement is None:
        query = CacheVersion.select(CacheVersion.name, CacheVersion.version).where(
            CacheVersion.name.in_(COUNTER_NAMES)
        )
        statement = _statements.setdefault(type(database), query.sql())
    rows = dict(database.execute_sql(*statement).fetchall())
    return {name: rows.get(name, 0) for name in COUNTER_NAMES}




def current_counters() -> Mapping[str, int]:
    """The counters as of this scope (read once per scope), or freshly read outside any scope."""
    held = _scope.get()
    if held is None:
        return read_counters()
    if not held:
        held.update(read_counters())
    return held


def prime_counters(values: Mapping[str, int]) -> None:
    """Hand the scope counters read by another query (the key check reads them in its own
    statement); ignored outside a scope and once the scope holds counters."""
    held = _scope.get()
    if held is not None and not held:
        held.update(values)


@contextlib.contextmanager
def counter_scope() -> Iterator[None]:
    """Read the counters at most once inside the block (one HTTP request, one CLI command)."""
    token = open_counter_scope()
    try:
        yield
    finally:
        close_counter_scope(token)


def open_counter_scope():
    """Start a scope (nested scopes share the outer one); returns the token for `close_counter_scope`."""
    if _scope.get() is not None:
        return None
    return _scope.set({})


def close_counter_scope(token) -> None:
    if token is not None:
        _scope.reset(token)


def forget_counters() -> None:
    """Make the next read in this scope see the database again (after a write in this scope)."""
    held = _scope.get()
    if held:
        held.clear()
