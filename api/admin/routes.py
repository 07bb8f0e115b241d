from flask import g
from flask.views import MethodView

from api.auth import current_actor, require_role
from api.pagination import page_schema, paginate
from services import organisations

from . import blp
from .schemas import (
    ApiKeyQuerySchema,
    ApiKeySchema,
    MeSchema,
    NewApiKeySchema,
    OrganisationQuerySchema,
    OrganisationSchema,
)


def _key_dict(key, secret=None):
    data = {"id": key.id, "organisation_id": key.organisation_id, "role": key.role, "label": key.label,
            "prefix": key.prefix, "is_active": key.is_active, "created_at": key.created_at,
            "last_used_at": key.last_used_at, "revoked_at": key.revoked_at}
    if secret:
        data["secret"] = secret
    return data


@blp.route("/me")
class Me(MethodView):
    @require_role()
    @blp.response(200, MeSchema)
    def get(self):
        """Show the organisation and role of the calling key"""
        return {"organisation": g.organisation, "role": g.role, "key_prefix": g.api_key.prefix}


@blp.route("/organisations")
class Organisations(MethodView):
    @require_role("admin")
    @blp.arguments(OrganisationQuerySchema, location="query")
    @blp.response(200, page_schema(OrganisationSchema))
    def get(self, args):
        """List organisations (admin)"""
        query = organisations.list_organisations(current_actor(), args.get("kind"))
        return paginate(query, args["page"], args["page_size"])

    @require_role("admin")
    @blp.arguments(OrganisationSchema)
    @blp.response(201, OrganisationSchema)
    def post(self, data):
        """Create an organisation (admin)"""
        return organisations.create_organisation(current_actor(), data["name"], data["kind"])


@blp.route("/organisations/<int:organisation_id>")
class OrganisationById(MethodView):
    @require_role("admin")
    @blp.response(200, OrganisationSchema)
    def get(self, organisation_id):
        """Get one organisation (admin)"""
        return organisations.get_organisation(current_actor(), organisation_id)


@blp.route("/api-keys")
class ApiKeys(MethodView):
    @require_role("admin")
    @blp.arguments(ApiKeyQuerySchema, location="query")
    @blp.response(200, page_schema(ApiKeySchema))
    def get(self, args):
        """List API keys, never their secrets (admin)"""
        query = organisations.list_keys(current_actor(), args.get("organisation_id"), args.get("is_active"))
        return paginate(query, args["page"], args["page_size"], transform=_key_dict)

    @require_role("admin")
    @blp.arguments(ApiKeySchema)
    @blp.response(201, NewApiKeySchema)
    @blp.alt_response(404, description="No organisation with this id.")
    @blp.alt_response(409, description="The role is not the one the organisation's kind holds.")
    def post(self, data):
        """Issue an API key; the secret is in this response only (admin)"""
        key, secret = organisations.issue_key(
            current_actor(), data["organisation_id"], data.get("role"), data.get("label", "")
        )
        return _key_dict(key, secret)


@blp.route("/api-keys/<int:key_id>")
class ApiKeyById(MethodView):
    @require_role("admin")
    @blp.response(200, ApiKeySchema)
    def delete(self, key_id):
        """Revoke an API key (admin); it stops working at once"""
        return _key_dict(organisations.revoke_key(current_actor(), key_id))
