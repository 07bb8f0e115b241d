"""Organisations and API keys."""

from __future__ import annotations

from models.base import db
from models.errors import ConflictError, NotFoundError
from models.organisation import ROLES_BY_KIND, ApiKey, Organisation


def list_organisations(kind: str | None = None):
    query = Organisation.select().order_by(Organisation.name, Organisation.id)
    if kind:
        query = query.where(Organisation.kind == kind)
    return query


def create_organisation(name: str, kind: str) -> Organisation:
    if Organisation.select().where(Organisation.name == name).exists():
        raise ConflictError(f"An organisation named '{name}' already exists.")
    return Organisation.create(name=name, kind=kind)


def get_organisation(organisation_id: int) -> Organisation:
    organisation = Organisation.get_or_none(Organisation.id == organisation_id)
    if organisation is None:
        raise NotFoundError(f"Organisation {organisation_id} not found.")
    return organisation


def list_keys(organisation_id: int | None = None, is_active: bool | None = None):
    query = ApiKey.select().order_by(ApiKey.id)
    if organisation_id is not None:
        query = query.where(ApiKey.organisation == organisation_id)
    if is_active is not None:
        query = query.where(ApiKey.is_active == is_active)
    return query


def issue_key(organisation_id: int, role: str | None, label: str = "") -> tuple[ApiKey, str]:
    """A key for the organisation; `role` defaults to the one its kind holds (ROLES_BY_KIND)."""
    organisation = get_organisation(organisation_id)
    with db.atomic():
        return ApiKey.issue(organisation, role or ROLES_BY_KIND[organisation.kind][0], label)


def revoke_key(key_id: int) -> ApiKey:
    key = ApiKey.get_or_none(ApiKey.id == key_id)
    if key is None:
        raise NotFoundError(f"API key {key_id} not found.")
    if key.is_active:
        key.revoke()
    return key
