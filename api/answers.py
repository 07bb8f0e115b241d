"""Serialised responses of recent identical requests, for read endpoints whose answer is a pure
function of the request and of data versioned by cache counters (vocabulary search, permit
assessment). A repeated request skips the work and the schema dump; the bytes are those the
schema dump gives (the first answer is dumped through it), and they go when a counter moves."""

from __future__ import annotations

import json
from collections.abc import Callable

from flask import current_app

from services.cache import RecentValues, VersionedCache


class RenderedAnswers:
    def __init__(self, name: str, depends_on: tuple[str, ...], schema, size: int = 2048):
        self._schema = schema
        self._bodies = VersionedCache(name, depends_on, build=lambda: RecentValues(size))

    def respond(self, key, compute: Callable[[], object]):
        """The response for `key` (hashable, everything the answer depends on besides the counters)."""
        bodies = self._bodies.get()
        body = bodies.get(key)
        if body is None:
            body = dumped(self._schema, compute())
            bodies.put(key, body)
        return json_response(body)


def dumped(schema, data) -> bytes:
    """The bytes flask-smorest's `@blp.response(schema)` would send for `data`."""
    return current_app.json.response(schema.dump(data)).get_data()


def json_response(body: bytes):
    return current_app.response_class(body, mimetype=current_app.json.mimetype)


def request_key(data) -> str:
    """A hashable key of loaded arguments (nested dicts and lists, dates): canonical JSON."""
    return json.dumps(data, sort_keys=True, default=str, separators=(",", ":"))
