"""Rate limits per API key with Flask-Limiter, shared by every worker when the storage is shared.

One application-wide limit (`RATE_LIMIT_PER_MINUTE` requests a minute, 0 disables it) counts every
request that carries a bearer key, whatever the endpoint, in fixed one-minute windows. The counter
is keyed by the SHA-256 of the key (the value stored in `api_key.key_hash`), so the storage never
holds a usable secret.

Storage (`RATE_LIMIT_STORAGE_URI`): `memory://` by default, which counts per worker process — with
N gunicorn workers a key can make up to N times the limit. For a limit that holds across workers and
hosts, point every worker at one shared store, e.g. `redis://host:6379/0` (install the `redis`
extra: `pip install -e '.[redis]'`). If that store becomes unreachable the limiter falls back to
per-process memory rather than refusing requests.

The limit is checked before authentication, so a revoked or unknown key is counted under its own
hash (401 until the limit, then 429). Guessing with ever new keys is not slowed by it; keys are
256-bit random tokens, so guessing is hopeless anyway.

A breach answers 429 in the one error shape with `Retry-After` (seconds to the end of the window).
"""

from __future__ import annotations

import math
import time

from flask import Flask, current_app
from flask_limiter import ApplicationLimit, Limiter
from flask_limiter.errors import RateLimitExceeded

from services.authentication import hash_key

from .auth import bearer_token
from .cache import register_cache
from .errors import error_body


def _key_of_request() -> str:
    return "key:" + hash_key(bearer_token() or "")


def _limit_per_minute() -> str:
    return f"{current_app.config['RATE_LIMIT_PER_MINUTE']} per minute"


def _exempt() -> bool:
    """Requests without a key (health, docs) are not counted, nor anything when the limit is 0."""
    return not current_app.config.get("RATE_LIMIT_PER_MINUTE") or bearer_token() is None


class _Limiters:
    """Every Limiter built in this process, so tests can empty their counters (`clear()`)."""

    def __init__(self):
        self.limiters: list[Limiter] = []

    def clear(self) -> None:
        for limiter in self.limiters:
            limiter.reset()


rate_limiter = _Limiters()
register_cache(rate_limiter)


def init_rate_limits(app: Flask) -> Limiter:
    limiter = Limiter(
        _key_of_request,
        app=app,
        application_limits=[
            ApplicationLimit(_limit_per_minute, key_function=_key_of_request, exempt_when=_exempt)
        ],
        storage_uri=app.config["RATE_LIMIT_STORAGE_URI"],
        strategy="fixed-window",
        in_memory_fallback_enabled=True,
        headers_enabled=False,  # Retry-After is set on the 429 itself; no extra storage reads per request
    )
    rate_limiter.limiters.append(limiter)

    @app.errorhandler(RateLimitExceeded)
    def _too_many_requests(error: RateLimitExceeded):
        current = limiter.current_limit
        wait = max(1, math.ceil(current.window.reset_time - time.time())) if current else 60
        limit = current_app.config["RATE_LIMIT_PER_MINUTE"]
        message = f"More than {limit} requests a minute with this key; retry in {wait} s."
        return error_body(429, message), 429, {"Retry-After": str(wait)}

    return limiter
