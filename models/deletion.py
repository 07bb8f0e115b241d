"""Deleted vacancies and erased candidates, as the per-process match caches learn about them.

A deletion is a change like any other: the deleting transaction writes a row here (kind, former
id, time) beside the bump of the kind's cache counter (`record_deletion`). A process whose counter
moved reads the rows written since its last sync and drops those records from its index or pool.
Rows are kept for `DELETIONS_KEPT`; a process that last synced before that rebuilds instead. The
row holds a former internal id and a time, nothing about the person or the job (docs/privacy.md).
"""

from __future__ import annotations

import datetime as dt

from peewee import CharField, DateTimeField, IntegerField

from .base import BaseModel, utcnow
from .cache_version import CacheVersion

DELETIONS_KEPT = dt.timedelta(days=7)
# kind -> the cache counter its writers bump
DELETION_COUNTERS = {"vacancy": "vacancies", "candidate": "candidates"}


class DeletedRecord(BaseModel):
    kind = CharField(max_length=20)  # vacancy | candidate
    record_id = IntegerField()
    deleted_at = DateTimeField(default=utcnow, index=True)


def record_deletion(kind: str, record_id: int) -> None:
    """Call inside the deleting transaction: note the deletion and bump the kind's counter."""
    now = utcnow()
    DeletedRecord.delete().where(DeletedRecord.deleted_at < now - DELETIONS_KEPT).execute()
    DeletedRecord.insert(kind=kind, record_id=record_id, deleted_at=now).execute()
    CacheVersion.bump(DELETION_COUNTERS[kind])
