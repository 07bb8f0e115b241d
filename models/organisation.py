"""Organisations (tenants) and their API keys."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField

from core.organisations import ORGANISATION_KINDS, ROLES_BY_KIND
from core.roles import ROLES

from .base import BaseModel, NeverReusedAutoField, utcnow
from .errors import ConflictError

KEY_PREFIX = "kp_"


class RoleNotAllowed(ConflictError):
    """The role conflicts with the organisation's kind (409: the request is well-formed, the
    organisation it names is what forbids it)."""


def check_role_for_kind(kind: str, role: str) -> None:
    allowed = ROLES_BY_KIND.get(kind, ())
    if role not in allowed:
        raise RoleNotAllowed(
            f"A '{kind}' organisation may only hold keys with role {', '.join(allowed) or '(none)'}.",
            {"role": [f"Must be one of: {', '.join(allowed)} for this organisation."]},
        )


def hash_key(secret: str) -> str:
    # Keys are 256-bit random tokens, so a fast hash is enough: there is nothing to brute-force.
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class Organisation(BaseModel):
    id = NeverReusedAutoField()
    name = CharField(max_length=200, unique=True)
    kind = CharField(max_length=20, choices=[(k, k) for k in ORGANISATION_KINDS])
    created_at = DateTimeField(default=utcnow)


class ApiKey(BaseModel):
    id = NeverReusedAutoField()
    organisation = ForeignKeyField(Organisation, backref="api_keys", on_delete="CASCADE")
    role = CharField(max_length=20, choices=[(r, r) for r in ROLES])
    # Only the hash is stored; the prefix lets an administrator recognise a key without the secret.
    key_hash = CharField(max_length=64, unique=True)
    prefix = CharField(max_length=16)
    label = CharField(max_length=200, default="")
    created_at = DateTimeField(default=utcnow)
    last_used_at = DateTimeField(null=True)
    revoked_at = DateTimeField(null=True)
    is_active = BooleanField(default=True, index=True)

    @classmethod
    def issue(cls, organisation: Organisation, role: str, label: str = "") -> tuple[ApiKey, str]:
        """Create a key and return it with its secret; the secret is never retrievable again.

        Raises RoleNotAllowed when the organisation's kind may not hold `role`."""
        check_role_for_kind(organisation.kind, role)
        secret = KEY_PREFIX + secrets.token_urlsafe(32)
        key = cls.create(organisation=organisation, role=role, key_hash=hash_key(secret),
                         prefix=secret[:10], label=label)
        return key, secret

    @classmethod
    def find_active(cls, secret: str | None) -> ApiKey | None:
        if not secret:
            return None
        digest = hash_key(secret)
        key = (cls.select(cls, Organisation).join(Organisation)
               .where(cls.key_hash == digest, cls.is_active == True)  # noqa: E712
               .first())
        # The lookup is by hash; the constant-time compare guards against timing on the index.
        if key is None or not hmac.compare_digest(key.key_hash, digest):
            return None
        return key

    def revoke(self) -> None:
        self.is_active = False
        self.revoked_at = utcnow()
        self.save(only=[ApiKey.is_active, ApiKey.revoked_at])
