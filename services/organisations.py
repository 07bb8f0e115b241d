"""Organisations (tenants) and their API keys: what administrators manage, over the API and the CLI.

Which role a key of each kind of organisation may hold is one rule (`core.organisations.
ROLES_BY_KIND`), enforced by `ApiKey.issue`, the only way a key is made.
"""

from __future__ import annotations

from core.organisations import ROLES_BY_KIND
from models.base import db
from models.errors import ConflictError, ForbiddenError, NotFoundError
from models.organisation import ApiKey, Organisation
from services.actor import Actor


def require_admin(actor: Actor) -> None:
    if not actor.is_admin:
        raise ForbiddenError("Only administrators manage organisations and API keys.")


def list_organisations(actor: Actor, kind: str | None = None):
    require_admin(actor)
    query = Organisation.select().order_by(Organisation.name, Organisation.id)
    if kind:
        query = query.where(Organisation.kind == kind)
    return query


def create_organisation(actor: Actor, name: str, kind: str) -> Organisation:
    require_admin(actor)
    if Organisation.select().where(Organisation.name == name).exists():
        raise ConflictError(f"An organisation named '{name}' already exists.")
    return Organisation.create(name=name, kind=kind)


def get_organisation(actor: Actor, organisation_id: int) -> Organisation:
    require_admin(actor)
    organisation = Organisation.get_or_none(Organisation.id == organisation_id)
    if organisation is None:
        raise NotFoundError(f"Organisation {organisation_id} not found.")
    return organisation


def organisation_named(actor: Actor, name: str, kind: str) -> Organisation:
    """The organisation of that name, created with `kind` if there is none; ConflictError when it
    exists with another kind."""
    require_admin(actor)
    organisation, _ = Organisation.get_or_create(name=name, defaults={"kind": kind})
    if organisation.kind != kind:
        raise ConflictError(f"organisation '{name}' exists with kind '{organisation.kind}', not '{kind}'")
    return organisation


def list_keys(actor: Actor, organisation_id: int | None = None, is_active: bool | None = None):
    require_admin(actor)
    query = ApiKey.select().order_by(ApiKey.id)
    if organisation_id is not None:
        query = query.where(ApiKey.organisation == organisation_id)
    if is_active is not None:
        query = query.where(ApiKey.is_active == is_active)
    return query


def issue_key(actor: Actor, organisation_id: int, role: str | None, label: str = "") -> tuple[ApiKey, str]:
    """A key for the organisation; `role` defaults to the one its kind holds (ROLES_BY_KIND)."""
    organisation = get_organisation(actor, organisation_id)
    with db.atomic():
        return ApiKey.issue(organisation, role or ROLES_BY_KIND[organisation.kind][0], label)


def issue_key_for_name(actor: Actor, name: str, kind: str, role: str, label: str = "") -> tuple[ApiKey, str]:
    """A key for the organisation of that name (created with `kind` if needed), in one transaction:
    a refused role (RoleNotAllowed) creates nothing."""
    with db.atomic():
        return ApiKey.issue(organisation_named(actor, name, kind), role, label)


def revoke_key(actor: Actor, key_id: int) -> ApiKey:
    require_admin(actor)
    key = ApiKey.get_or_none(ApiKey.id == key_id)
    if key is None:
        raise NotFoundError(f"API key {key_id} not found.")
    if key.is_active:
        key.revoke()
    return key


def revoke_keys_labelled(actor: Actor, label: str) -> int:
    """Revoke every active key with this label (e.g. the demo keys of an earlier `make serve`)."""
    keys = list(list_keys(actor, is_active=True).where(ApiKey.label == label))
    for key in keys:
        key.revoke()
    return len(keys)


def keys_named(actor: Actor, prefix_or_id: str) -> list[ApiKey]:
    """The keys with this numeric id, or else with this visible prefix (e.g. kp_AbCdEfG)."""
    require_admin(actor)
    if prefix_or_id.isdigit():
        return list(ApiKey.select().where(ApiKey.id == int(prefix_or_id)))
    return list(ApiKey.select().where(ApiKey.prefix == prefix_or_id))


def keys_with_organisations(actor: Actor) -> list[ApiKey]:
    """Every key with its organisation loaded (one query), oldest first."""
    require_admin(actor)
    return list(ApiKey.select(ApiKey, Organisation).join(Organisation).order_by(ApiKey.id))
