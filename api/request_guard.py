"""Checks every request passes before a view runs, so hostile input is a clear 4xx, never a 500.

- Path integers beyond 64 bits do not match a route (404), as a database id never exceeds it.
- A body sent to POST, PUT or PATCH must be JSON (415 otherwise); an operation that reads a JSON
  body refuses an empty one (400) instead of treating it as `{}`.
- The JSON is checked once, before marshmallow sees it: nesting deeper than `MAX_JSON_DEPTH`, lone
  UTF-16 surrogates (which no database or UTF-8 encoder accepts) and NUL characters (which
  PostgreSQL refuses and which no title or id legitimately holds) are refused with 400/422.
- NUL characters in the path or the query string are refused as well (422).
"""

from __future__ import annotations

import json

from flask import Flask, current_app, request
from flask_smorest import abort
from werkzeug.routing import BaseConverter, IntegerConverter

from .fields import EXTERNAL_ID_PATTERN
from .pagination import MAX_ID

MAX_JSON_DEPTH = 32  # the deepest valid document (bulk → item → skill object) is 4 levels deep
BODY_METHODS = ("POST", "PUT", "PATCH")


class BoundedIntConverter(IntegerConverter):
    """`<int:...>` that only matches integers a database column can hold (larger ones: 404)."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


class ExternalIdConverter(BaseConverter):
    """`<extid:...>`: any path segment, documented with the pattern of the external ids a body may
    carry (api.fields.EXTERNAL_ID_PATTERN); the services answer 422 for another one."""


def install(app: Flask, api) -> None:
    """Register the converters (before any route is added), their OpenAPI form and the request check."""
    app.url_map.converters["int"] = BoundedIntConverter
    app.url_map.converters["extid"] = ExternalIdConverter
    api.register_converter(ExternalIdConverter, lambda converter: {"type": "string", "pattern": EXTERNAL_ID_PATTERN})
    app.before_request(check_request)


def _takes_json_body() -> bool:
    view = current_app.view_functions.get(request.endpoint or "")
    view_class = getattr(view, "view_class", None)
    method = getattr(view_class, request.method.lower(), None) if view_class else view
    arguments = getattr(method, "_apidoc", {}).get("arguments", {})
    return any(p.get("in") == "json" for p in arguments.get("parameters", []) if isinstance(p, dict))


def check_request() -> None:
    if "\x00" in request.path or any("\x00" in key + value for key, value in request.args.items(multi=True)):
        abort(422, message="NUL characters are not allowed in the URL or the query string.")
    if request.method not in BODY_METHODS or request.endpoint is None:
        return
    body = request.get_data(cache=True)
    if not body.strip():
        if _takes_json_body():
            abort(400, message="This operation needs a JSON body (Content-Type: application/json).")
        return
    if not request.is_json:
        abort(415, message="Send the body as JSON with 'Content-Type: application/json'.")
    try:
        document = json.loads(body)
    except RecursionError:
        abort(400, message=f"The JSON body is nested too deeply (more than {MAX_JSON_DEPTH} levels).")
    except ValueError:
        return  # malformed JSON: the argument parser answers 400 with its own message
    problem = _json_problem(document)
    if problem:
        abort(problem[0], message=problem[1])


def _json_problem(document) -> tuple[int, str] | None:
    """The first thing wrong with a parsed document, as (status, message), or None."""
    stack = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            return 400, f"The JSON body is nested too deeply (more than {MAX_JSON_DEPTH} levels)."
        if isinstance(value, dict):
            stack.extend((key, depth) for key in value)
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
        elif isinstance(value, str):
            if "\x00" in value:
                return 422, "NUL characters (\\u0000) are not allowed in text values."
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return 400, "The JSON body holds a lone UTF-16 surrogate (e.g. \\ud800): send valid Unicode text."
    return None
