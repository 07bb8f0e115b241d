"""OpenAPI additions that marshmallow fields cannot express.

A schema class may declare `OPENAPI_EXTRA`, a dict merged into its JSON schema (e.g.
`{"minProperties": 1}` on PATCH bodies, which must change something).
"""

from __future__ import annotations

from apispec import BasePlugin
from apispec.ext.marshmallow.common import resolve_schema_cls


class SchemaExtrasPlugin(BasePlugin):
    def schema_helper(self, name, definition, schema=None, **kwargs):
        if schema is None:
            return None
        return dict(getattr(resolve_schema_cls(schema), "OPENAPI_EXTRA", {}))


RULES_KEY = "x-rules-beyond-schema"
# The schema's pattern admits every four digits; only the codes that a municipality uses exist.
POSTCODE_RULE = "postcode is a Belgian postcode in use (Statbel's list; 1234 is not one)"


def rules_beyond_schema(*rules: str) -> dict:
    """`@blp.doc(**rules_beyond_schema(...))`: the rules of an operation that its JSON schema cannot
    state (one field depending on another, a reference that must exist, a date relative to today).
    A request breaking one answers 422 naming the field; the list is in the operation's description
    too, and the contract fuzzing (tests/contract) accepts that 422 for these operations only."""
    return {RULES_KEY: list(rules), "description": "Rules beyond the schema (422 when broken): "
            + "; ".join(rules) + "."}
