"""The audit record of a ranking query (matches, feed, pathways): one INSERT, nothing read first.

The same record as `api.audit.service.record_query`, written for an explicit `Actor` (the audit
service moves to `services/audit.py` in issue 14; then this becomes a call to it).
"""

from __future__ import annotations

import datetime as dt
import json

from models.audit import AuditRecord
from services.actor import Actor


def public_parameters(params: dict) -> dict:
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in sorted(params.items()) if v is not None}


def record_query(
    actor: Actor,
    action: str,
    subject_type: str,
    subject_id: int | None,
    *,
    engine_version: str,
    vocabulary_version: str,
    parameters: dict,
    results: list[dict],
) -> None:
    """Audit one ranking query of the actor's key: who asked, about whom, with which engine, what was
    answered. Erasure of a candidate removes these records (docs/privacy.md)."""
    AuditRecord.insert(
        action=action,
        organisation=actor.organisation_id,
        api_key=actor.key_id,
        subject_type=subject_type,
        subject_id=subject_id,
        engine_version=engine_version,
        vocabulary_version=vocabulary_version,
        parameters=json.dumps(parameters, sort_keys=True),
        results=json.dumps(results),
    ).execute()
