"""Audit trail schemas."""

from __future__ import annotations

import marshmallow as ma

from api.common_schemas import one_of
from api.fields import UtcDateTime, utc_datetime_param
from api.pagination import PageQuerySchema, id_field
from core.audit import AUDIT_ACTIONS, AUDIT_SUBJECT_TYPES


class AuditQuerySchema(PageQuerySchema):
    action = ma.fields.Str(load_default=None, validate=one_of(AUDIT_ACTIONS, "audit action"))
    organisation = id_field(
        load_default=None, metadata={"description": "Organisation id of the caller."}
    )
    since = utc_datetime_param(
        load_default=None, metadata={"description": "From this time (UTC), inclusive."}
    )
    until = utc_datetime_param(load_default=None, metadata={"description": "Before this time (UTC)."})
    subject_type = ma.fields.Str(
        load_default=None, validate=one_of(AUDIT_SUBJECT_TYPES, "subject type")
    )
    subject_id = id_field(
        load_default=None, metadata={"description": "Internal candidate or vacancy id."}
    )


class AuditRecordSchema(ma.Schema):
    id = ma.fields.Int()
    created_at = UtcDateTime()
    action = ma.fields.Str()
    organisation_id = ma.fields.Int(allow_none=True)
    api_key_id = ma.fields.Int(allow_none=True)
    api_key_prefix = ma.fields.Str(
        allow_none=True, metadata={"description": "Visible prefix of the key used."}
    )
    subject_type = ma.fields.Str()
    subject_id = ma.fields.Int(allow_none=True)
    engine_version = ma.fields.Str()
    vocabulary_version = ma.fields.Str()
    parameters = ma.fields.Dict()
    results = ma.fields.List(ma.fields.Dict(), metadata={"description": "Returned ids with their scores."})
