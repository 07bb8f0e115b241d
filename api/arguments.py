"""Request-argument parsing without a new schema per request.

flask-smorest hands the schema *class* given to `@blp.arguments(...)` to webargs, which builds an
instance for every request; marshmallow then deep-copies every declared field, and again for every
nested schema on first use (for a permit assessment, four schemas and ~50 fields a request). A
schema holds no state of a request (loads take their data as arguments), so one instance per class
serves every request and thread. `install()` gives every flask-smorest Blueprint this parser; it
runs when the `api` package is imported, before any blueprint declares its routes.
"""

from __future__ import annotations

import flask_smorest
import marshmallow as ma
from webargs.flaskparser import FlaskParser


class SchemaReusingParser(FlaskParser):
    """webargs' Flask parser that builds each argument schema class once."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._schemas: dict[type[ma.Schema], ma.Schema] = {}

    def _get_schema(self, argmap, req) -> ma.Schema:
        if isinstance(argmap, type) and issubclass(argmap, ma.Schema):
            schema = self._schemas.get(argmap)
            if schema is None:
                schema = self._schemas.setdefault(argmap, argmap())
            return schema
        return super()._get_schema(argmap, req)


def install() -> None:
    if not isinstance(flask_smorest.Blueprint.ARGUMENTS_PARSER, SchemaReusingParser):
        flask_smorest.Blueprint.ARGUMENTS_PARSER = SchemaReusingParser()
