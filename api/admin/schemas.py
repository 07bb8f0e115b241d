import marshmallow as ma

from api.fields import UtcDateTime
from api.pagination import PageQuerySchema, id_field
from core.organisations import ORGANISATION_KINDS
from core.roles import ROLES


class OrganisationSchema(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    name = ma.fields.Str(required=True, validate=ma.validate.Length(min=2, max=200))
    kind = ma.fields.Str(required=True, validate=ma.validate.OneOf(ORGANISATION_KINDS),
                         metadata={"description": "coaching | employer | integration | admin"})
    created_at = UtcDateTime(dump_only=True)


class OrganisationQuerySchema(PageQuerySchema):
    kind = ma.fields.Str(validate=ma.validate.OneOf(ORGANISATION_KINDS))


class ApiKeySchema(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    organisation_id = id_field(required=True, in_body=True)
    role = ma.fields.Str(
        load_default=None,
        validate=ma.validate.OneOf(ROLES),
        metadata={
            "description": "The role an organisation's kind holds: admin → admin, coaching → coach, employer → "
            "employer, integration → integration (the default; another role answers 409)."
        },
    )
    label = ma.fields.Str(load_default="", validate=ma.validate.Length(max=200))
    prefix = ma.fields.Str(dump_only=True, metadata={"description": "First characters of the key, to recognise it."})
    is_active = ma.fields.Bool(dump_only=True)
    created_at = UtcDateTime(dump_only=True)
    last_used_at = UtcDateTime(dump_only=True, allow_none=True)
    revoked_at = UtcDateTime(dump_only=True, allow_none=True)


class NewApiKeySchema(ApiKeySchema):
    secret = ma.fields.Str(dump_only=True, metadata={"description": "The key itself. Shown once, never again."})


class ApiKeyQuerySchema(PageQuerySchema):
    organisation_id = id_field()
    is_active = ma.fields.Bool()


class MeSchema(ma.Schema):
    organisation = ma.fields.Nested(OrganisationSchema)
    role = ma.fields.Str()
    key_prefix = ma.fields.Str()
