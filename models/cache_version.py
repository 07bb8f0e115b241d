"""Counters that tell per-process caches when the data behind them changed."""

from __future__ import annotations

from peewee import BigIntegerField, CharField

from .base import BaseModel


class CacheVersion(BaseModel):
    name = CharField(max_length=50, primary_key=True)
    version = BigIntegerField(default=0)

    @classmethod
    def current(cls, name: str) -> int:
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
