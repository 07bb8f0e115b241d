"""Field types shared by the request and response schemas."""

from __future__ import annotations

import datetime as dt

import marshmallow as ma

from core.records import EXTERNAL_ID_PATTERN, EXTERNAL_ID_RULE  # noqa: F401  (field rules of the API)


class UtcDateTime(ma.fields.DateTime):
    """A timestamp in a response, always with its offset (`...+00:00`), as RFC 3339 `date-time`
    requires: the database stores naive UTC times, which are marked as UTC on the way out."""

    def _serialize(self, value, attr, obj, **kwargs):
        if isinstance(value, dt.datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return super()._serialize(value, attr, obj, **kwargs)


def utc_datetime_param(**kwargs) -> ma.fields.AwareDateTime:
    """A timestamp in a query or body; one without an offset is taken as UTC."""
    return ma.fields.AwareDateTime(default_timezone=dt.UTC, **kwargs)


# JSON bodies carry typed values: a string "3", a number 1 for a boolean or a boolean for a number
# is a client error (422), as the OpenAPI document says, not something to coerce. Query strings are
# text and keep marshmallow's coercing fields.


class StrictInt(ma.fields.Int):
    def _validated(self, value):
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.make_error("invalid")
        return super()._validated(value)


class StrictFloat(ma.fields.Float):
    def _validated(self, value):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.make_error("invalid")
        return super()._validated(value)


class StrictBool(ma.fields.Bool):
    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value
