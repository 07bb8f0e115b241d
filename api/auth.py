"""Authentication and authorisation: every protected view declares the roles it admits.

`require_role(...)` authenticates the bearer key, checks the role, and puts the caller on
`flask.g` (`g.api_key`, `g.organisation`, `g.role`). Tenant scoping then lives in the services'
queries, so another tenant's record is simply not found (404) and its existence never leaks.
"""

from __future__ import annotations

import functools

from flask import g, request
from flask_smorest import abort

from core.roles import ROLES
from services.actor import Actor
from services.authentication import find_active_key, note_use

ALL_ROLES = ROLES

SECURITY = [{"bearerAuth": []}]


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def authenticate():
    """The active key of the request, with its organisation, in one query (services.authentication)."""
    key = find_active_key(bearer_token())
    if key is None:
        abort(401)
    note_use(key)
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
