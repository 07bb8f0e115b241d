"""The incremental sync of a per-process collection (the vacancy index, the candidate pool).

When a counter moved, a process re-reads the records written since its last sync (minus a safety
margin: a transaction still open during the sync commits rows with an older ``updated_at``;
re-applying a row is harmless) and the deletions recorded in `models.deletion.DeletedRecord` over
the same period. It asks for a rebuild instead when too much changed, or when its last sync is
older than the deletions the table keeps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from models.base import utcnow
from models.deletion import DELETIONS_KEPT, DeletedRecord, record_deletion

SYNC_MARGIN = dt.timedelta(seconds=120)
REBUILD_AFTER_CHANGES = 5000

__all__ = ["SYNC_MARGIN", "catch_up", "record_deletion"]  # writers that delete call record_deletion


def catch_up(
    kind: str,
    synced_at: dt.datetime,
    read_changed: Callable[[dt.datetime], list],
    apply: Callable[[list, list[int]], None],
) -> dt.datetime | None:
    """Apply what changed since `synced_at`; returns the new sync time, or None to ask for a rebuild.

    `read_changed(since)` returns the records of `kind` written at or after `since`;
    `apply(changed, deleted_ids)` updates the collection (under the caller's lock).
    """
    started = utcnow()
    if started - synced_at >= DELETIONS_KEPT - SYNC_MARGIN:
        return None  # deletions that old may have been pruned
    since = synced_at - SYNC_MARGIN
    changed = read_changed(since)
    if len(changed) > REBUILD_AFTER_CHANGES:
        return None
    deleted = [
        record_id
        for (record_id,) in DeletedRecord.select(DeletedRecord.record_id)
        .where(DeletedRecord.kind == kind, DeletedRecord.deleted_at >= since)
        .tuples()
    ]
    apply(changed, deleted)
    return started
