"""Rate limits per API key, counted in a `limits` storage shared by every worker when the storage is shared.

One application-wide limit (`RATE_LIMIT_PER_MINUTE` requests a minute, 0 disables it) counts every
request that carries a bearer key, whatever the endpoint, in fixed one-minute windows. The counter
is keyed by the SHA-256 of the key (the value stored in `api_key.key_hash`), so the storage never
holds a usable secret.

Storage (`RATE_LIMIT_STORAGE_URI`): `memory://` by default, which counts per worker process — with
N gunicorn workers a key can make up to N times the limit. For a limit that holds across workers and
hosts, point every worker at one shared store, e.g. `redis://host:6379/0` (install the `redis`
extra: `pip install -e '.[redis]'`). If that store becomes unreachable the limit is counted in
per-process memory rather than refusing requests, and the store is tried again a minute later.

The limit is checked before authentication, so a revoked or unknown key is counted under its own
hash (401 until the limit, then 429). Guessing with ever new keys is not slowed by it; keys are
256-bit random tokens, so guessing is hopeless anyway.

A breach answers 429 in the one error shape with `Retry-After` (seconds to the end of the window).

The check is one counter increment per request (the `limits` library, the storage layer of
Flask-Limiter): Flask-Limiter's own per-request work — resolving the limits that apply to the
endpoint, parsing the limit string, its request context — cost more than the key check, for one
application-wide limit that needs none of it.
"""

from __future__ import annotations

import logging
import math
import threading
import time

from flask import Flask, current_app
from limits import RateLimitItemPerMinute
from limits.storage import MemoryStorage, storage_from_string
from limits.strategies import FixedWindowRateLimiter

from services.authentication import hash_key
from services.cache import register_cache

from .auth import bearer_token
from .errors import error_body

log = logging.getLogger(__name__)
STORAGE_RETRY_SECONDS = 60
NAMESPACE = "knelpunt-key"


class TooManyRequests(Exception):
    def __init__(self, limit: int, retry_after: int):
        super().__init__(limit, retry_after)
        self.limit, self.retry_after = limit, retry_after


class KeyRateLimit:
    """A fixed-window counter per key hash in the configured storage, with an in-memory fallback."""

    def __init__(self, storage_uri: str):
        self.storage = storage_from_string(storage_uri)
        self.fallback = self.storage if isinstance(self.storage, MemoryStorage) else MemoryStorage()
        self._limiters = {id(s): FixedWindowRateLimiter(s) for s in (self.storage, self.fallback)}
        self._items: dict[int, RateLimitItemPerMinute] = {}
        self._storage_dead_until = 0.0
        self._lock = threading.Lock()

    def _item(self, per_minute: int) -> RateLimitItemPerMinute:
        item = self._items.get(per_minute)
        if item is None:
            item = self._items[per_minute] = RateLimitItemPerMinute(per_minute, namespace=NAMESPACE)
        return item

    def _storage(self):
        return self.fallback if time.monotonic() < self._storage_dead_until else self.storage

    def hit(self, per_minute: int, key_hash: str) -> None:
        """Count one request of this key; raise TooManyRequests beyond `per_minute` in the window."""
        item = self._item(per_minute)
        storage = self._storage()
        try:
            allowed = self._limiters[id(storage)].hit(item, key_hash)
        except Exception:  # noqa: BLE001 (any storage failure: count in memory instead of refusing)
            if storage is self.fallback:
                raise
            log.warning("rate-limit storage unreachable; counting in per-process memory for %s s",
                        STORAGE_RETRY_SECONDS)
            with self._lock:
                self._storage_dead_until = time.monotonic() + STORAGE_RETRY_SECONDS
            storage = self.fallback
            allowed = self._limiters[id(storage)].hit(item, key_hash)
        if not allowed:
            reset = self._limiters[id(storage)].get_window_stats(item, key_hash).reset_time
            raise TooManyRequests(per_minute, max(1, math.ceil(reset - time.time())))

    def clear(self) -> None:
        for storage in {id(s): s for s in (self.storage, self.fallback)}.values():
            storage.reset()


class _Limiters:
    """Every limit built in this process, so tests can empty their counters (`clear()`)."""

    def __init__(self):
        self.limiters: list[KeyRateLimit] = []

    def clear(self) -> None:
        for limiter in self.limiters:
            limiter.clear()


rate_limiter = _Limiters()
register_cache(rate_limiter)


def init_rate_limits(app: Flask) -> KeyRateLimit:
    limiter = KeyRateLimit(app.config["RATE_LIMIT_STORAGE_URI"])
    rate_limiter.limiters.append(limiter)

    @app.before_request
    def _count_request():
        # Requests without a key (health, docs) are not counted, nor anything when the limit is 0.
        per_minute = current_app.config.get("RATE_LIMIT_PER_MINUTE")
        if not per_minute:
            return
        token = bearer_token()
        if token is not None:
            limiter.hit(per_minute, hash_key(token))

    @app.errorhandler(TooManyRequests)
    def _too_many_requests(error: TooManyRequests):
        message = f"More than {error.limit} requests a minute with this key; retry in {error.retry_after} s."
        return error_body(429, message), 429, {"Retry-After": str(error.retry_after)}

    return limiter

