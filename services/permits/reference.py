"""Permit reference data: rules, shortage lists and their entries, with the no-overlap rules.

Every write bumps `CacheVersion("permit_reference")` in its transaction, so each worker rebuilds its
snapshot on its next call.
"""

from __future__ import annotations

import datetime as dt

from importers.permit_rows import (
    ENTRY_COLUMNS,
    LIST_COLUMNS,
    RULE_COLUMNS,
    check_list_overlap,
    check_rule_overlap,
    clean_entry,
    clean_list,
    clean_rule,
)
from models.base import utcnow, write_transaction
from models.cache_version import CacheVersion
from models.errors import ConflictError, NotFoundError, ValidationFailed
from models.permit import PermitRule, ShortageList, ShortageListEntry

from .snapshot import CACHE_NAME


def serialise_lists(lists) -> list[dict]:
    counts = entry_counts([lst.id for lst in lists]) if lists else {}
    out = []
    for lst in lists:
        row = {column: getattr(lst, column) for column in LIST_COLUMNS}
        row.update(
            id=lst.id, entry_count=counts.get(lst.id, 0), created_at=lst.created_at, updated_at=lst.updated_at
        )
        out.append(row)
    return out


def serialise_entry(entry: ShortageListEntry) -> dict:
    return {
        "id": entry.id,
        "shortage_list_id": entry.shortage_list_id,
        "official_label": entry.official_label,
        "label_language": entry.label_language,
        "esco_uris": entry.esco_uris.split(),
        "esco_preferred_labels_en": [x for x in entry.esco_preferred_labels_en.split("|") if x],
        "isco08_code": entry.isco08_code,
        "mapping_confidence": entry.mapping_confidence,
        "source_url": entry.source_url,
        "note": entry.note,
        "valid_from": entry.valid_from,
        "valid_to": entry.valid_to,
    }


# Rules


def list_rules(filters: dict):
    query = PermitRule.select()
    if filters.get("authority"):
        query = query.where(PermitRule.authority == filters["authority"])
    if filters.get("route"):
        query = query.where(PermitRule.route == filters["route"])
    if filters.get("as_of"):
        day = filters["as_of"]
        query = query.where(
            (PermitRule.valid_from <= day) & ((PermitRule.valid_to.is_null()) | (PermitRule.valid_to >= day))
        )
    return query.order_by(PermitRule.authority, PermitRule.route, PermitRule.valid_from, PermitRule.id)


def get_rule(rule_id: int) -> PermitRule:
    rule = PermitRule.get_or_none(PermitRule.id == rule_id)
    if rule is None:
        raise NotFoundError(f"Permit rule {rule_id} not found.")
    return rule


def _rule_state(rule: PermitRule) -> dict:
    return {column: getattr(rule, column) for column in RULE_COLUMNS}


def create_rule(raw: dict) -> PermitRule:
    data = clean_rule(raw)
    with write_transaction():
        check_rule_overlap(data)
        rule = PermitRule.create(**data)
        CacheVersion.bump(CACHE_NAME)
    return rule


def update_rule(rule_id: int, changes: dict) -> PermitRule:
    with write_transaction():
        rule = get_rule(rule_id)
        data = clean_rule({**_rule_state(rule), **changes})
        check_rule_overlap(data, exclude_id=rule.id)
        PermitRule.update(**data, updated_at=utcnow()).where(PermitRule.id == rule.id).execute()
        CacheVersion.bump(CACHE_NAME)
    return get_rule(rule_id)


def retire_rule(rule_id: int, valid_to: dt.date) -> PermitRule:
    rule = get_rule(rule_id)
    if valid_to < rule.valid_from:
        raise ValidationFailed(
            f"valid_to must not be before the rule's valid_from ({rule.valid_from.isoformat()}).",
            errors={"json": {"valid_to": ["Before valid_from."]}},
        )
    return update_rule(rule_id, {"valid_to": valid_to})


# Shortage lists and entries


def _check_list_name(name: str, exclude_id: int | None = None) -> None:
    query = ShortageList.select().where(ShortageList.name == name)
    if exclude_id is not None:
        query = query.where(ShortageList.id != exclude_id)
    other = query.first()
    if other is not None:
        raise ConflictError(
            f"A shortage list named '{name}' already exists (list {other.id}).",
            errors={"clashing_list_id": [str(other.id)]},
        )


def list_shortage_lists(filters: dict):
    query = ShortageList.select()
    for field in ("authority", "purpose", "status"):
        if filters.get(field):
            query = query.where(getattr(ShortageList, field) == filters[field])
    if filters.get("as_of"):
        day = filters["as_of"]
        query = query.where(
            (ShortageList.status == "in_force")
            & (ShortageList.valid_from <= day)
            & ((ShortageList.valid_to.is_null()) | (ShortageList.valid_to >= day))
        )
    return query.order_by(
        ShortageList.authority, ShortageList.purpose, ShortageList.valid_from, ShortageList.id
    )


def entry_counts(list_ids) -> dict[int, int]:
    from peewee import fn

    rows = (
        ShortageListEntry.select(ShortageListEntry.shortage_list, fn.COUNT(ShortageListEntry.id).alias("n"))
        .where(ShortageListEntry.shortage_list.in_(list(list_ids)))
        .group_by(ShortageListEntry.shortage_list)
    )
    return {row.shortage_list_id: row.n for row in rows}


def get_shortage_list(list_id: int) -> ShortageList:
    lst = ShortageList.get_or_none(ShortageList.id == list_id)
    if lst is None:
        raise NotFoundError(f"Shortage list {list_id} not found.")
    return lst


def create_shortage_list(raw: dict) -> ShortageList:
    data = clean_list(raw)
    with write_transaction():
        _check_list_name(data["name"])
        check_list_overlap(data)
        lst = ShortageList.create(**data)
        CacheVersion.bump(CACHE_NAME)
    return lst


def update_shortage_list(list_id: int, changes: dict) -> ShortageList:
    with write_transaction():
        lst = get_shortage_list(list_id)
        data = clean_list({**{c: getattr(lst, c) for c in LIST_COLUMNS}, **changes})
        _check_list_name(data["name"], exclude_id=lst.id)
        check_list_overlap(data, exclude_id=lst.id)
        ShortageList.update(**data, updated_at=utcnow()).where(ShortageList.id == lst.id).execute()
        CacheVersion.bump(CACHE_NAME)
    return get_shortage_list(list_id)


def retire_shortage_list(list_id: int, valid_to: dt.date) -> ShortageList:
    lst = get_shortage_list(list_id)
    if lst.valid_from and valid_to < lst.valid_from:
        raise ValidationFailed(
            f"valid_to must not be before the list's valid_from ({lst.valid_from.isoformat()}).",
            errors={"json": {"valid_to": ["Before valid_from."]}},
        )
    return update_shortage_list(list_id, {"valid_to": valid_to})


def list_entries(list_id: int):
    get_shortage_list(list_id)
    return (
        ShortageListEntry.select()
        .where(ShortageListEntry.shortage_list == list_id)
        .order_by(ShortageListEntry.official_label, ShortageListEntry.id)
    )


def get_entry(list_id: int, entry_id: int) -> ShortageListEntry:
    entry = ShortageListEntry.get_or_none(
        (ShortageListEntry.id == entry_id) & (ShortageListEntry.shortage_list == list_id)
    )
    if entry is None:
        raise NotFoundError(f"Entry {entry_id} not found in shortage list {list_id}.")
    return entry


def _check_entry_label(list_id: int, label: str, exclude_id: int | None = None) -> None:
    query = ShortageListEntry.select().where(
        (ShortageListEntry.shortage_list == list_id) & (ShortageListEntry.official_label == label)
    )
    if exclude_id is not None:
        query = query.where(ShortageListEntry.id != exclude_id)
    other = query.first()
    if other is not None:
        raise ConflictError(f"List {list_id} already has an entry '{label}' (entry {other.id}).")


def create_entry(list_id: int, raw: dict) -> ShortageListEntry:
    data = clean_entry(raw)
    with write_transaction():
        get_shortage_list(list_id)
        _check_entry_label(list_id, data["official_label"])
        entry = ShortageListEntry.create(shortage_list=list_id, **data)
        CacheVersion.bump(CACHE_NAME)
    return entry


def update_entry(list_id: int, entry_id: int, changes: dict) -> ShortageListEntry:
    with write_transaction():
        entry = get_entry(list_id, entry_id)
        current = {c: getattr(entry, c) for c in ENTRY_COLUMNS if c != "list_name"}
        data = clean_entry({**current, **changes})
        _check_entry_label(list_id, data["official_label"], exclude_id=entry.id)
        ShortageListEntry.update(**data).where(ShortageListEntry.id == entry.id).execute()
        CacheVersion.bump(CACHE_NAME)
    return get_entry(list_id, entry_id)


def delete_entry(list_id: int, entry_id: int) -> None:
    with write_transaction():
        get_entry(list_id, entry_id).delete_instance()
        CacheVersion.bump(CACHE_NAME)
