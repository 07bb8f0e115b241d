"""Schema pieces shared by the vacancy and candidate resources (and reused by others): enumerated
values, external ids, skills, languages, PATCH bodies and bulk uploads."""

from __future__ import annotations

import marshmallow as ma

from api.fields import StrictInt
from api.iso639 import ISO_639_1
from core.records import EXTERNAL_ID_PATTERN, EXTERNAL_ID_RULE, MAX_BULK_ITEMS
from core.vacancies import CEFR_LEVELS
from services.normalisation import invalid_item


def one_of(choices, what: str):
    return ma.validate.OneOf(choices, error=f"Not a valid {what}: use one of {', '.join(choices)}.")


def external_id_field(description: str) -> ma.fields.Str:
    return ma.fields.Str(
        load_default=None,
        allow_none=True,
        validate=ma.validate.Regexp(EXTERNAL_ID_PATTERN, error=f"Invalid external id: {EXTERNAL_ID_RULE}"),
        metadata={"description": f"{description} {EXTERNAL_ID_RULE}"},
    )


LANGUAGE_KEY_RULE = "keys are ISO 639-1 language codes (two lowercase letters, e.g. nl, fr, ar, ti)"


def _iso_639_1(code: str) -> None:
    if code not in ISO_639_1:
        raise ma.ValidationError(
            f"'{code}' is not an ISO 639-1 language code: use two lowercase letters such as nl, fr, de or en."
        )


def languages_field(description: str) -> ma.fields.Dict:
    """{ISO 639-1 code: CEFR level}. OpenAPI 3.0 cannot constrain object keys (no `propertyNames`),
    so the key rule is stated in the description and in the operations' rules beyond the schema."""
    return ma.fields.Dict(
        keys=ma.fields.Str(validate=_iso_639_1),
        values=ma.fields.Str(
            validate=ma.validate.OneOf(CEFR_LEVELS, error="Not a CEFR level: use one of A1, A2, B1, B2, C1, C2.")
        ),
        load_default=dict,
        metadata={"description": f"{description} The {LANGUAGE_KEY_RULE}.", "example": {"nl": "B1", "en": "A2"}},
    )


class SkillRefField(ma.fields.Field):
    """A skill as a string (an ESCO skill URI when it starts with http, else free text) or an
    object {"uri"| "text", ...}; loads to a dict with at least one of uri/text."""

    def __init__(self, extra_schema: type[ma.Schema], **kwargs):
        super().__init__(**kwargs)
        self.extra_schema = extra_schema

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            value = {"uri": value} if value.strip().lower().startswith("http") else {"text": value}
        if not isinstance(value, dict):
            raise ma.ValidationError(
                "A skill is an ESCO skill URI, a free-text skill, or an object with 'uri' or 'text'."
            )
        loaded = self.extra_schema().load(value)
        if not loaded.get("uri") and not (loaded.get("text") or "").strip():
            raise ma.ValidationError("Give the skill's ESCO 'uri' or a free-text 'text'.")
        return loaded


class BulkInputSchema(ma.Schema):
    items = ma.fields.List(
        # Any JSON value: each item is validated on its own, and a bad one (null or not an object
        # included) is an error item of a 200 answer, never a 422 for the whole upload.
        ma.fields.Raw(allow_none=True),
        required=True,
        validate=ma.validate.Length(
            min=1,
            max=MAX_BULK_ITEMS,
            error=f"Send between 1 and {MAX_BULK_ITEMS:,} items per request; split larger uploads.",
        ),
        metadata={"description": f"Up to {MAX_BULK_ITEMS:,} records, each with an `external_id`."},
    )


class BulkItemResultSchema(ma.Schema):
    index = StrictInt(metadata={"description": "Position of the item in the request."})
    external_id = ma.fields.Str(allow_none=True)
    status = ma.fields.Str(metadata={"description": "`created`, `updated`, `unchanged` or `error`."})
    id = StrictInt()
    version = StrictInt()
    message = ma.fields.Str()
    errors = ma.fields.Raw()


class BulkResultSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(BulkItemResultSchema))
    counts = ma.fields.Dict(keys=ma.fields.Str(), values=StrictInt())


class PatchMixin:
    """A PATCH body: the fields of a full write, all optional, at least one.

    Only the top-level fields are optional: an object inside (an experience, permit facts) is whole
    or absent, so `partial` names the top-level fields instead of being True (which would reach
    into nested schemas and let an experience without its title through)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("partial", tuple(self._declared_fields))
        super().__init__(**kwargs)

    OPENAPI_EXTRA = {"minProperties": 1}

    @ma.validates_schema(pass_original=True)
    def _changes_something(self, data, original, **kwargs):
        if isinstance(original, dict) and not original:
            raise ma.ValidationError("Send at least one field to change.", field_name="_schema")


def bulk_item_loader(schema: ma.Schema):
    """`schema.load` for the items of a bulk upload: a bad item raises ValidationFailed, which the
    bulk runner reports as that item's error."""

    def load(raw: dict) -> dict:
        try:
            return schema.load(raw)
        except ma.ValidationError as err:
            raise invalid_item(err.messages) from err

    return load
