"""The audit record of a ranking query (matches, feed, pathways) for an explicit `Actor`: one
prepared INSERT, nothing read first. The only writer of query records; `services/audit.py` lists
and purges them."""

from __future__ import annotations

import datetime as dt
import json

from models.audit import AuditRecord
from models.base import db, utcnow
from services.actor import Actor


def public_parameters(params: dict) -> dict:
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in sorted(params.items()) if v is not None}


_COLUMNS = (
    AuditRecord.created_at,
    AuditRecord.action,
    AuditRecord.organisation,
    AuditRecord.api_key,
    AuditRecord.subject_type,
    AuditRecord.subject_id,
    AuditRecord.engine_version,
    AuditRecord.vocabulary_version,
    AuditRecord.parameters,
    AuditRecord.results,
)
_statements: dict[type, str] = {}


def _insert_statement(database) -> str:
    """The INSERT, written once per database kind: building it with the query builder on every
    ranking request costs more than sending it."""
    statement = _statements.get(type(database))
    if statement is None:
        left, right = database.quote[0], database.quote[1]
        columns = ", ".join(f"{left}{field.column_name}{right}" for field in _COLUMNS)
        table = f"{left}{AuditRecord._meta.table_name}{right}"
        statement = f"INSERT INTO {table} ({columns}) VALUES ({', '.join([database.param] * len(_COLUMNS))})"
        _statements[type(database)] = statement
    return statement


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
    answered, in one INSERT. Erasure of a candidate removes these records (docs/privacy.md)."""
    values = (
        utcnow(),
        action,
        actor.organisation_id,
        actor.key_id,
        subject_type,
        subject_id,
        engine_version,
        vocabulary_version,
        json.dumps(parameters, sort_keys=True),
        json.dumps(results),
    )
    database = db.obj
    database.execute_sql(
        _insert_statement(database), [field.db_value(value) for field, value in zip(_COLUMNS, values, strict=True)]
    )
