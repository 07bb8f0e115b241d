"""Authentication and authorisation: every protected view declares the roles it admits.

`require_role(...)` authenticates the bearer key, checks the role, and puts the caller on
`flask.g` (`g.api_key`, `g.organisation`, `g.role`). Tenant scoping then lives in the services'
queries, so another tenant's record is simply not found (404) and its existence never leaks.
"""

from __future__ import annotations

import datetime as dt
import functools

from flask import g, request
from flask_smorest import abort

from core.roles import ROLES
from models.base import utcnow
from models.organisation import ApiKey
from services.actor import Actor

ALL_ROLES = ROLES
# Writing last_used_at on every request would turn every read into a write; a minute is precise
# enough to tell whether a key is still in use.
LAST_USED_RESOLUTION = dt.timedelta(seconds=60)

SECURITY = [{"bearerAuth": []}]


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def authenticate() -> ApiKey:
    key = ApiKey.find_active(bearer_token())
    if key is None:
        abort(401)
    now = utcnow()
    if key.last_used_at is None or now - key.last_used_at > LAST_USED_RESOLUTION:
        ApiKey.update(last_used_at=now).where(ApiKey.id == key.id).execute()
    g.api_key, g.organisation, g.role = key, key.organisation, key.role
    return key


def require_role(*roles: str):
    """Admit only keys whose role is in `roles` (all roles when none are given)."""
    allowed = roles or ALL_ROLES

    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            key = authenticate()
            if key.role not in allowed:
                abort(403, message=f"Role '{key.role}' may not use this operation "
                                   f"(allowed: {', '.join(allowed)}).")
            return view(*args, **kwargs)

        # Documented in OpenAPI: the operation needs a bearer key of one of these roles.
        apidoc = getattr(wrapper, "_apidoc", {})
        apidoc.setdefault("manual_doc", {}).setdefault("security", SECURITY)
        apidoc["manual_doc"]["x-roles"] = list(allowed)
        wrapper._apidoc = apidoc
        wrapper._knelpunt_roles = allowed
        return wrapper

    return decorator


def is_admin() -> bool:
    return getattr(g, "role", None) == "admin"


def current_organisation():
    return g.organisation


def current_actor() -> Actor:
    """The authenticated caller as the explicit `Actor` that services take."""
    key = g.api_key
    return Actor(organisation_id=key.organisation_id, role=key.role, key_id=key.id)
