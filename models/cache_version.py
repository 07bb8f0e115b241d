"""Counters that tell per-process caches when the data behind them changed."""

from __future__ import annotations

from peewee import BigIntegerField, CharField

from .base import BaseModel, db


class CacheVersion(BaseModel):
    name = CharField(max_length=50, primary_key=True)
    version = BigIntegerField(default=0)

    @classmethod
    def current(cls, name: str) -> int:
        row = cls.select(cls.version).where(cls.name == name).first()
        return row.version if row else 0

    @classmethod
    def bump(cls, name: str) -> int:
        """Increment the counter (call inside the writer's transaction); returns the new value."""
        with db.atomic():
            updated = cls.update(version=cls.version + 1).where(cls.name == name).execute()
            if not updated:
                cls.insert(name=name, version=1).on_conflict_ignore().execute()
                # A concurrent writer may have inserted first; make sure our write still counts.
                if cls.current(name) == 0:
                    cls.update(version=cls.version + 1).where(cls.name == name).execute()
            return cls.current(name)
