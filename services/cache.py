"""One design for every per-process cache: a value built from the database, valid for given counters.

A writer bumps a counter row in `cache_version` inside its own transaction
(`models.cache_version.CacheVersion.bump`). A cache remembers the counters its value was built at;
a reader compares them with the current ones and rebuilds (or updates incrementally) only when one
moved. The current counters are read in ONE query for all names and, inside a `counter_scope()`
(the HTTP layer opens one per request), at most once per scope: a request that consults three
caches costs one round trip, and a write elsewhere is seen by the next request.

Usage::

    occupation_index = VersionedCache("occupation_index", ("vocabulary",), build=_build_index)
    index = occupation_index.get()

    # incremental: update(old_value, old_counters, new_counters) returns the new value,
    # or None to ask for a full build
    vacancy_index = VersionedCache("vacancy_index", ("vocabulary", "vacancies"), build=..., update=...)
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Generic, TypeVar

from models.cache_version import COUNTER_NAMES, current_counters

T = TypeVar("T")


_registry: list = []
_registry_lock = threading.Lock()


class VersionedCache(Generic[T]):
    """A value built from the database and kept while the counters it depends on stay put."""

    def __init__(
        self,
        name: str,
        depends_on: tuple[str, ...],
        build: Callable[[], T],
        update: Callable[[T, Mapping[str, int], Mapping[str, int]], T | None] | None = None,
    ):
        unknown = set(depends_on) - set(COUNTER_NAMES)
        if unknown:
            raise ValueError(f"cache {name!r} depends on unknown counters {sorted(unknown)}")
        self.name = name
        self.depends_on = depends_on
        self._build = build
        self._update = update
        self._lock = threading.RLock()
        self._value: T | None = None
        self._key: tuple[int, ...] | None = None
        self._counters: dict[str, int] = {}
        register_cache(self)

    def get(self) -> T:
        counters = current_counters()
        key = tuple(counters[name] for name in self.depends_on)
        value = self._value
        if value is not None and self._key == key:
            return value
        with self._lock:
            if self._value is None or self._key != key:
                fresh = {name: counters[name] for name in self.depends_on}
                updated = None
                if self._value is not None and self._update is not None:
                    updated = self._update(self._value, self._counters, fresh)
                self._value = updated if updated is not None else self._build()
                self._key, self._counters = key, fresh
            return self._value

    def peek(self) -> T | None:
        """The value held now, without checking counters (for warm-up reports and tests)."""
        return self._value

    def clear(self) -> None:
        with self._lock:
            self._value, self._key, self._counters = None, None, {}


class RecentValues:
    """The values of the last `size` distinct keys, least recently used dropped first. Kept inside a
    `VersionedCache` value, so they all go when a counter it depends on moves."""

    def __init__(self, size: int = 2048):
        self._size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key, value) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)


def register_cache(cache) -> None:
    """Register an object with a `clear()` method; tests clear every cache between tests."""
    with _registry_lock:
        if cache not in _registry:
            _registry.append(cache)


def clear_all() -> None:
    with _registry_lock:
        caches = list(_registry)
    for cache in caches:
        cache.clear()
