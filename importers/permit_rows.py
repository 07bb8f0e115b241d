"""Validation of permit reference data, shared by the admin API, the CSV import and the seed loader.

Each `clean_*` function takes a dict of raw values (strings from CSV, or JSON values) and returns a
dict of typed values for the model, or raises `ValidationFailed` with per-field messages.
"""

from __future__ import annotations

import datetime as dt
import re

from core.permits import (
    AMOUNT_STATUSES,
    AUTHORITIES,
    COMPLETENESS,
    CONFIDENCE,
    LABEL_LANGUAGES,
    LIST_PURPOSES,
    LIST_STATUSES,
    MAPPING_CONFIDENCE,
    REDUCED_GROUPS,
    RULE_COLUMNS,  # noqa: F401 (re-exported)
    RULE_COLUMNS_0009,
    RULE_FIELDS,
    UNKNOWN_PARAMETERS,  # noqa: F401 (re-exported)
    RuleField,
)
from models.errors import ConflictError, ValidationFailed
from models.permit import PermitRule, ShortageList

from .validity_lock import lock_validity_scope

LIST_COLUMNS = (
    "authority",
    "name",
    "purpose",
    "status",
    "valid_from",
    "valid_to",
    "completeness",
    "known_size",
    "confidence",
    "source_url",
    "note",
    "name_nl",
    "name_fr",
)
ENTRY_COLUMNS = (
    "list_name",
    "official_label",
    "label_language",
    "esco_uris",
    "esco_preferred_labels_en",
    "isco08_code",
    "mapping_confidence",
    "source_url",
    "note",
    "valid_from",
    "valid_to",
)
# Columns added after the first CSV format, per file: files without them still import (defaults
# apply to new rows, existing rows keep their values), so an older export, or another module's
# folder of lists, keeps working.
OPTIONAL_RULE_COLUMNS = frozenset(RULE_COLUMNS_0009)
OPTIONAL_LIST_COLUMNS = frozenset(("confidence", "name_nl", "name_fr"))  # migrations 0007, 0009
OPTIONAL_ENTRY_COLUMNS = frozenset(("valid_from", "valid_to"))  # migration 0009
ISCO_GROUPS = re.compile(r"^(\w+)=(\d{1,4}(?:,\d{1,4})*)$")
ESCO_OCCUPATION = re.compile(r"^http://data\.europa\.eu/esco/occupation/[0-9a-f-]{36}$")
BOOL_TRUE, BOOL_FALSE = ("true", "1", "yes", "t"), ("false", "0", "no", "f", "")


class _Errors:
    def __init__(self):
        self.errors: dict[str, list[str]] = {}

    def add(self, field: str, message: str):
        self.errors.setdefault(field, []).append(message)

    def raise_if_any(self, what: str):
        if self.errors:
            raise ValidationFailed(
                f"Invalid {what}: "
                + "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in self.errors.items()),
                errors=self.errors,
            )


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _date(raw, field, errs, required=False):
    if _blank(raw):
        if required:
            errs.add(field, "Required (YYYY-MM-DD).")
        return None
    if isinstance(raw, dt.date):
        return raw
    try:
        return dt.date.fromisoformat(str(raw).strip())
    except ValueError:
        errs.add(field, f"'{raw}' is not a date (YYYY-MM-DD).")
        return None


def _number(raw, field, errs, kind=float, minimum=None, maximum=None):
    if _blank(raw):
        return None
    try:
        value = kind(float(raw)) if kind is int else float(raw)
        if kind is int and float(raw) != int(float(raw)):
            raise ValueError
    except (TypeError, ValueError):
        errs.add(field, f"'{raw}' is not a{'n integer' if kind is int else ' number'}.")
        return None
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        errs.add(field, f"{value} is outside {minimum}..{maximum}.")
        return None
    return value


def _bool(raw, field, errs):
    if isinstance(raw, bool):
        return raw
    text = "" if raw is None else str(raw).strip().lower()
    if text in BOOL_TRUE:
        return True
    if text in BOOL_FALSE:
        return False
    errs.add(field, f"'{raw}' is not true/false.")
    return False


def _choice(raw, field, errs, choices, required=True):
    if _blank(raw):
        if required:
            errs.add(field, f"Required; one of {', '.join(choices)}.")
        return None
    value = str(raw).strip()
    if value not in choices:
        errs.add(field, f"'{value}' is not one of {', '.join(choices)}.")
        return None
    return value


def _multi(raw, field, errs, choices) -> str:
    values = [
        v.strip() for v in (raw if isinstance(raw, (list, tuple)) else str(raw or "").split(",")) if v.strip()
    ]
    bad = [v for v in values if v not in choices]
    if bad:
        errs.add(field, f"{', '.join(bad)} not in {', '.join(choices)}.")
    return ",".join(values)


def _text(raw) -> str:
    if isinstance(raw, (list, tuple)):
        return " ".join(str(v) for v in raw)
    return "" if raw is None else str(raw).strip()


def _isco_groups(raw, errs) -> str:
    """'nurse=2221,3221 teacher=2330': groups of `reduced_for` and the ISCO-08 codes (or prefixes)."""
    text = _text(raw)
    for part in text.split():
        match = ISCO_GROUPS.match(part)
        if not match or match.group(1) not in REDUCED_GROUPS:
            errs.add(
                "reduced_isco_groups",
                f"'{part}' is not group=ISCO codes (e.g. nurse=2221,3221; groups: {', '.join(REDUCED_GROUPS)}).",
            )
    return " ".join(text.split())


def _check_period(data, errs):
    if data.get("valid_from") and data.get("valid_to") and data["valid_to"] < data["valid_from"]:
        errs.add("valid_to", "Must not be before valid_from.")


def _rule_value(field: RuleField, raw, errs: _Errors):
    """One column of a rule, typed and checked by its facts (core.permits.RULE_FIELDS)."""
    name, kind = field.name, field.kind
    if kind == "choice":
        return _choice(raw or field.default, name, errs, field.choices, required=field.required)
    if kind == "date":
        return _date(raw, name, errs, required=field.required)
    if kind in ("number", "integer"):
        kind = int if kind == "integer" else float
        return _number(raw, name, errs, kind=kind, minimum=field.minimum, maximum=field.maximum)
    if kind == "bool":
        return _bool(raw, name, errs)
    if kind == "multi":
        return _multi(raw, name, errs, field.choices)
    if kind == "isco_groups":
        return _isco_groups(raw, errs)
    return _text(raw)  # text, urls


def _check_rule_amounts(data: dict, errs: _Errors) -> None:
    """What the threshold status, the reduced and long-contract amounts and the floor require together."""
    if data["wage_floor_alt_amount"] is not None and data["wage_floor_amount"] is None:
        errs.add("wage_floor_amount", "Required when wage_floor_alt_amount is set.")
    status = data["threshold_status"]
    if status in AMOUNT_STATUSES:
        if data["threshold_amount"] is None:
            errs.add("threshold_amount", f"Required when threshold_status is '{status}'.")
        if data["threshold_unit"] is None:
            errs.add("threshold_unit", f"Required when threshold_status is '{status}'.")
    if status == "conflict" and data["threshold_alt_amount"] is None:
        errs.add(
            "threshold_alt_amount",
            "Required when threshold_status is 'conflict' (the other source's figure).",
        )
    if status in ("not_found", "pending", "not_applicable") and data["threshold_amount"] is not None:
        errs.add("threshold_amount", f"Must be empty when threshold_status is '{status}'.")
    if data["reduced_for"] and data["reduced_threshold_amount"] is None:
        errs.add("reduced_threshold_amount", "Required when reduced_for is set.")
    if data["reduced_threshold_amount"] is not None and not data["reduced_for"]:
        errs.add("reduced_for", "Say who gets the reduced threshold.")
    if (data["long_contract_threshold_amount"] is None) != (data["long_contract_after_months"] is None):
        errs.add(
            "long_contract_after_months",
            "Give both long_contract_threshold_amount and long_contract_after_months.",
        )


def clean_rule(raw: dict) -> dict:
    errs = _Errors()
    data = {field.name: _rule_value(field, raw.get(field.name), errs) for field in RULE_FIELDS}
    _check_period(data, errs)
    _check_rule_amounts(data, errs)
    if not data["source_urls"]:
        errs.add("source_urls", "At least one source URL is required.")
    errs.raise_if_any("permit rule")
    return data


def clean_list(raw: dict) -> dict:
    errs = _Errors()
    data = {
        "authority": _choice(raw.get("authority"), "authority", errs, AUTHORITIES),
        "name": _text(raw.get("name")),
        "purpose": _choice(raw.get("purpose"), "purpose", errs, LIST_PURPOSES),
        "status": _choice(raw.get("status") or "in_force", "status", errs, LIST_STATUSES),
        "valid_from": _date(raw.get("valid_from"), "valid_from", errs),
        "valid_to": _date(raw.get("valid_to"), "valid_to", errs),
        "completeness": _choice(raw.get("completeness") or "partial", "completeness", errs, COMPLETENESS),
        "known_size": _number(raw.get("known_size"), "known_size", errs, kind=int, minimum=0),
        "confidence": _choice(raw.get("confidence") or "medium", "confidence", errs, CONFIDENCE),
        "source_url": _text(raw.get("source_url")),
        "note": _text(raw.get("note")),
        "name_nl": _text(raw.get("name_nl")),
        "name_fr": _text(raw.get("name_fr")),
    }
    if not data["name"]:
        errs.add("name", "Required.")
    elif len(data["name"]) > 300:
        errs.add("name", "At most 300 characters.")
    if data["status"] == "in_force" and data["valid_from"] is None:
        errs.add("valid_from", "A list in force needs a start date; ship it as status 'draft' otherwise.")
    _check_period(data, errs)
    errs.raise_if_any("shortage list")
    return data


def clean_entry(raw: dict) -> dict:
    errs = _Errors()
    uris = raw.get("esco_uris") or ""
    uris = [u.strip() for u in (uris if isinstance(uris, (list, tuple)) else str(uris).split()) if u.strip()]
    for uri in uris:
        if not ESCO_OCCUPATION.match(uri):
            errs.add("esco_uris", f"'{uri}' is not an ESCO occupation URI.")
    labels = raw.get("esco_preferred_labels_en") or ""
    if isinstance(labels, (list, tuple)):
        labels = "|".join(labels)
    data = {
        "official_label": _text(raw.get("official_label")),
        "label_language": _choice(raw.get("label_language"), "label_language", errs, LABEL_LANGUAGES),
        "esco_uris": " ".join(uris),
        "esco_preferred_labels_en": str(labels).strip(),
        "isco08_code": _text(raw.get("isco08_code")) or None,
        "mapping_confidence": _choice(
            raw.get("mapping_confidence") or ("proposed" if uris else "none"),
            "mapping_confidence",
            errs,
            MAPPING_CONFIDENCE,
        ),
        "source_url": _text(raw.get("source_url")),
        "note": _text(raw.get("note")),
        "valid_from": _date(raw.get("valid_from"), "valid_from", errs),
        "valid_to": _date(raw.get("valid_to"), "valid_to", errs),
    }
    _check_period(data, errs)
    if not data["official_label"]:
        errs.add("official_label", "Required.")
    if data["isco08_code"] and not re.fullmatch(r"\d{1,4}", data["isco08_code"]):
        errs.add("isco08_code", "An ISCO-08 code has 1 to 4 digits.")
    errs.raise_if_any("shortage list entry")
    return data


def periods_overlap(a_from, a_to, b_from, b_to) -> bool:
    far = dt.date.max
    return a_from <= (b_to or far) and b_from <= (a_to or far)


# Overlap checks (read-then-insert: call inside the writer's transaction)


def _describe_rule(rule) -> str:
    return (
        f"rule {rule.id} ({rule.authority}/{rule.route}, {rule.valid_from.isoformat()} to "
        f"{rule.valid_to.isoformat() if rule.valid_to else 'open end'})"
    )


def check_rule_overlap(data: dict, exclude_id: int | None = None) -> None:
    lock_validity_scope("permit_rule", data["authority"], data["route"])
    query = PermitRule.select().where(
        (PermitRule.authority == data["authority"]) & (PermitRule.route == data["route"])
    )
    if exclude_id is not None:
        query = query.where(PermitRule.id != exclude_id)
    for other in query:
        if periods_overlap(data["valid_from"], data["valid_to"], other.valid_from, other.valid_to):
            raise ConflictError(
                f"The validity {data['valid_from']} to {data['valid_to'] or 'open end'} overlaps "
                f"{_describe_rule(other)}; retire that rule first (set its valid_to).",
                errors={"clashing_rule_id": [str(other.id)]},
            )


def _describe_list(lst) -> str:
    return (
        f"list {lst.id} '{lst.name}' ({lst.valid_from.isoformat() if lst.valid_from else '?'} to "
        f"{lst.valid_to.isoformat() if lst.valid_to else 'open end'})"
    )


def check_list_overlap(data: dict, exclude_id: int | None = None) -> None:
    if data["status"] != "in_force":
        return  # drafts are never used, so they cannot clash
    lock_validity_scope("shortage_list", data["authority"], data["purpose"])
    query = ShortageList.select().where(
        (ShortageList.authority == data["authority"])
        & (ShortageList.purpose == data["purpose"])
        & (ShortageList.status == "in_force")
    )
    if exclude_id is not None:
        query = query.where(ShortageList.id != exclude_id)
    for other in query:
        if other.valid_from and periods_overlap(
            data["valid_from"], data["valid_to"], other.valid_from, other.valid_to
        ):
            raise ConflictError(
                f"The validity {data['valid_from']} to {data['valid_to'] or 'open end'} overlaps "
                f"{_describe_list(other)} for {data['authority']}/{data['purpose']}; "
                "retire that list first (set its valid_to).",
                errors={"clashing_list_id": [str(other.id)]},
            )
