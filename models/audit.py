"""Audit trail: match queries (EU AI Act: recruitment matching is high-risk) and erasures.

Records hold pseudonymous ids and parameters, never the profile itself; an erasure record says
that an erasure happened and by whom, without the erased data.
"""

from __future__ import annotations

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from .base import BaseModel, NeverReusedAutoField, utcnow
from .organisation import ApiKey, Organisation


class AuditRecord(BaseModel):
    id = NeverReusedAutoField()
    created_at = DateTimeField(default=utcnow, index=True)
    action = CharField(max_length=40, index=True)
    organisation = ForeignKeyField(Organisation, null=True, on_delete="SET NULL")
    api_key = ForeignKeyField(ApiKey, null=True, on_delete="SET NULL")
    subject_type = CharField(max_length=20, default="")  # candidate | vacancy | preview
    subject_id = IntegerField(null=True)  # internal id only: pseudonymous, no external id or reference
    engine_version = CharField(max_length=40, default="")
    vocabulary_version = CharField(max_length=40, default="")
    parameters = TextField(default="{}")  # JSON
    results = TextField(default="[]")  # JSON list of {"id", "score"}

    class Meta:
        indexes = ((("subject_type", "subject_id"), False),)
