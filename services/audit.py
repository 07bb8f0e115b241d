"""Reading and purging the audit trail."""

from __future__ import annotations

import datetime as dt
import json

from models.audit import AuditRecord
from models.base import db, utcnow
from models.errors import ValidationFailed
from models.organisation import ApiKey
from services.actor import Actor
from services.organisations import require_admin

# Columns of a record that a response shows as they are.
OUTPUT_FIELDS = ("id", "created_at", "action", "organisation_id", "api_key_id", "subject_type", "subject_id",
                 "engine_version", "vocabulary_version")


def list_records(actor: Actor, filters: dict):
    """Audit records matching the filters, newest first (id breaks ties, so pages are stable)."""
    require_admin(actor)
    query = AuditRecord.select()
    if filters.get("since") and filters.get("until") and filters["since"] > filters["until"]:
        raise ValidationFailed(
            "'since' is after 'until'.", errors={"query": {"since": ["Must not be after until."]}}
        )
    if filters.get("action"):
        query = query.where(AuditRecord.action == filters["action"])
    if filters.get("organisation") is not None:
        query = query.where(AuditRecord.organisation == filters["organisation"])
    if filters.get("since"):
        query = query.where(AuditRecord.created_at >= _naive_utc(filters["since"]))
    if filters.get("until"):
        query = query.where(AuditRecord.created_at < _naive_utc(filters["until"]))
    if filters.get("subject_type"):
        query = query.where(AuditRecord.subject_type == filters["subject_type"])
    if filters.get("subject_id") is not None:
        query = query.where(AuditRecord.subject_id == filters["subject_id"])
    return query.order_by(AuditRecord.created_at.desc(), AuditRecord.id.desc())


def serialise_records(records: list[AuditRecord]) -> list[dict]:
    """Plain data for the response schema; the keys' visible prefixes are read in one query."""
    key_ids = {r.api_key_id for r in records if r.api_key_id}
    prefixes = (
        dict(ApiKey.select(ApiKey.id, ApiKey.prefix).where(ApiKey.id.in_(list(key_ids))).tuples())
        if key_ids
        else {}
    )
    return [_serialise(record, prefixes.get(record.api_key_id)) for record in records]


def _serialise(record: AuditRecord, prefix: str | None) -> dict:
    return {
        **{name: getattr(record, name) for name in OUTPUT_FIELDS},
        "api_key_prefix": prefix,
        "parameters": _json(record.parameters, {}),
        "results": _json(record.results, []),
    }


def purge(actor: Actor, older_than_days: int, now: dt.datetime | None = None) -> int:
    """Delete records older than the retention period, in one transaction; returns how many."""
    require_admin(actor)
    if older_than_days < 1:
        raise ValidationFailed(
            "The retention period must be at least one day.",
            errors={"older_than_days": ["Must be at least 1."]},
        )
    cutoff = (now or utcnow()) - dt.timedelta(days=older_than_days)
    with db.atomic():
        return AuditRecord.delete().where(AuditRecord.created_at < cutoff).execute()


def _naive_utc(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def _json(text: str, default):
    try:
        return json.loads(text or "")
    except ValueError:
        return default
