"""Authentication and authorisation: every protected view declares the roles it admits.

`require_role(...)` authenticates the bearer key, checks the role, and puts the caller on
`flask.g` (`g.api_key`, `g.organisation`, `g.role`). Tenant scoping then lives in the services'
queries, so another tenant's record is simply not found (404) and its existence never leaks.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
import time

from flask import current_app, g, request
from flask_smorest import abort

from models.base import utcnow
from models.organisation import ApiKey

from .cache import register_cache

ALL_ROLES = ("admin", "coach", "employer", "integration")
CANDIDATE_ROLES = ("admin", "coach", "integration")
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


class RateLimiter:
    """Fixed one-minute windows per key, per process (a gunicorn worker counts its own share).

    A case-management script stuck in a loop should slow down rather than starve coaches; the
    limit is generous and configurable (`RATE_LIMIT_PER_MINUTE`, 0 disables it).
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._windows: dict[int, tuple[int, int]] = {}

    def hit(self, key_id: int, limit: int) -> int | None:
        """Count one request; return seconds to wait when over the limit, else None."""
        now = time.time()
        window = int(now // 60)
        with self._lock:
            current, count = self._windows.get(key_id, (window, 0))
            if current != window:
                current, count = window, 0
            count += 1
            self._windows[key_id] = (current, count)
            if len(self._windows) > 10_000:  # forget idle keys
                self._windows = {k: v for k, v in self._windows.items() if v[0] == window}
        if count > limit:
            return max(1, int(60 - now % 60))
        return None

    def clear(self):
        with self._lock:
            self._windows.clear()


rate_limiter = RateLimiter()
register_cache(rate_limiter)


def authenticate() -> ApiKey:
    key = ApiKey.find_active(bearer_token())
    if key is None:
        abort(401)
    limit = current_app.config.get("RATE_LIMIT_PER_MINUTE", 0)
    if limit:
        wait = rate_limiter.hit(key.id, limit)
        if wait is not None:
            abort(429, message=f"More than {limit} requests a minute with this key; retry in {wait} s.",
                  headers={"Retry-After": str(wait)})
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
