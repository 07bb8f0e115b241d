"""Per-process caches (search indexes, the vacancy index) and how they learn about writes.

Each cache remembers the value of a counter row in `cache_version` when it was built. A writer
bumps the counter in the same transaction as its write; every gunicorn worker compares the counter
with one cheap primary-key read per request and rebuilds or updates only when it moved.
"""

from __future__ import annotations

import threading

_registry: list = []
_lock = threading.Lock()


def register_cache(cache) -> None:
    """Register an object with a `clear()` method; tests clear every cache between tests."""
    with _lock:
        if cache not in _registry:
            _registry.append(cache)


def clear_all() -> None:
    with _lock:
        caches = list(_registry)
    for cache in caches:
        cache.clear()
