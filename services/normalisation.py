"""Helpers shared by the vacancy and candidate services: ETags, `If-Match`, vocabulary
normalisation of occupations and skills, salary conversion and the per-item bulk runner.

The vocabulary calls go to the taxonomy service (issue 3 contract in docs/architecture.md) and the
shortage lists to the permit service (issue 5).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import hashlib
import json
import logging
import re

from peewee import DatabaseError, IntegrityError

from core.pay import MONTHS_PER_YEAR_BE, WEEKS_PER_YEAR
from core.records import EXTERNAL_ID_PATTERN, EXTERNAL_ID_RULE
from models.base import write_transaction
from models.cache_version import CacheVersion, counter_scope
from models.errors import ConflictError, DomainError, PreconditionFailed, ValidationFailed
from models.taxonomy import Occupation, Skill
from services.permits import shortage_lists_for
from services.taxonomy import (
    OCCUPATION_LOW_CONFIDENCE,
    SKILL_MIN_CONFIDENCE,
    occupation_labels,
    search_occupations,
    search_skills,
    skill_labels,
)

log = logging.getLogger(__name__)

ALTERNATIVES_SHOWN = 3
# Under this calibrated probability the best occupation hit is treated as no match at all.
OCCUPATION_FLOOR = 0.1


# --- ETags and If-Match -------------------------------------------------------------------------


class ConcurrentWrite(PreconditionFailed):
    """Another request changed the record between our read and our compare-and-set write."""


class DuplicateExternalId(ConflictError):
    """A create found the external id already taken in the organisation."""


UPSERT_ATTEMPTS = 5


def check_external_id(external_id: str) -> None:
    """The external id in a URL obeys the same rules as in a body."""
    if not re.fullmatch(EXTERNAL_ID_PATTERN, external_id):
        raise ValidationFailed(
            f"Invalid external id in the URL: {EXTERNAL_ID_RULE}",
            errors={"external_id": [EXTERNAL_ID_RULE]},
        )


def replace_rows(owner_field, owner_id: int, columns: tuple[str, ...], rows) -> None:
    """Replace the child rows of one record: delete them all, insert `rows` (tuples in `columns` order).

    `owner_field` is the child table's foreign key to the record (e.g. `VacancySkill.vacancy`).
    """
    model = owner_field.model
    model.delete().where(owner_field == owner_id).execute()
    if rows:
        model.insert_many(
            [{owner_field.name: owner_id, **dict(zip(columns, row, strict=True))} for row in rows]
        ).execute()


def with_url_external_id(data: dict, external_id: str) -> dict:
    """The body of a PUT by external id, carrying the URL's id (a different one in the body is refused)."""
    check_external_id(external_id)
    if data.get("external_id") not in (None, external_id):
        raise ValidationFailed(
            "The body's external_id differs from the one in the URL.",
            errors={"external_id": [f"Must be '{external_id}' (the URL's) or omitted."]},
        )
    return {**data, "external_id": external_id}


def write_with_retry(find, write, if_match: str | None):
    """Run `write(find())`, retrying when a concurrent request created or changed the same record.

    Two racing PUTs of a new external id both see no record; the loser's INSERT hits the unique
    index and is retried as an update. Without If-Match a lost compare-and-set is retried too; with
    If-Match it is the client's version that is stale, so the 412 stands.
    """
    for attempt in range(UPSERT_ATTEMPTS):
        try:
            # Read and write in one transaction: on SQLite (BEGIN IMMEDIATE) nobody can slip in
            # between; on PostgreSQL the retries below cover the READ COMMITTED window.
            with write_transaction():
                return write(find())
        except (IntegrityError, DuplicateExternalId):
            if attempt == UPSERT_ATTEMPTS - 1:
                raise
        except ConcurrentWrite:
            if if_match or attempt == UPSERT_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def etag_for(kind: str, record_id: int, version: int) -> str:
    """Strong ETag derived from the record id and its version counter (quoted, RFC 9110)."""
    return f'"{kind}-{record_id}-v{version}"'


def check_if_match(if_match: str | None, current_etag: str | None) -> None:
    """Raise PreconditionFailed when an `If-Match` header does not name the current version.

    `current_etag` is None when the record does not exist yet: then any `If-Match` fails, `*`
    included (RFC 9110 §13.1.1).
    """
    if if_match is None or not if_match.strip():
        return
    if current_etag is None:
        raise PreconditionFailed(
            "If-Match was sent but the record does not exist yet; drop the header to create it."
        )
    wanted = [tag.strip() for tag in if_match.split(",") if tag.strip()]
    if "*" in wanted:
        return
    # Strong comparison (RFC 9110 §13.1.1): a weak tag (W/"...") never matches, as it does not
    # promise the byte-identical version that a write is conditioned on.
    if current_etag not in {tag for tag in wanted if not tag.startswith("W/")}:
        raise PreconditionFailed(
            f"The record changed since you read it (current ETag {current_etag}, you sent "
            f"{if_match.strip()}): fetch it again and retry with the new ETag."
        )


# --- vocabulary ---------------------------------------------------------------------------------

# Within one bulk request or seed run the vocabulary version is read once and URI lookups are
# remembered (the vocabulary cannot change in between).
_memo: contextvars.ContextVar[dict | None] = contextvars.ContextVar("normalisation_memo", default=None)


@contextlib.contextmanager
def normalisation_memo():
    """Remember URI look-ups and read the cache counters once for the duration of the block (nested
    blocks share the outer one). Search results are kept by the taxonomy service's own cache."""
    if _memo.get() is not None:
        yield
        return
    token = _memo.set({})
    try:
        with counter_scope():
            yield
    finally:
        _memo.reset(token)


def vocabulary_counter() -> int:
    """The vocabulary's cache counter (read once per counter scope: an HTTP request, a memo block)."""
    return CacheVersion.current("vocabulary")


def input_fingerprint(data: dict) -> str:
    """Hash of a full write's validated input and the vocabulary version it was normalised with.

    A PUT whose fingerprint equals the stored one is "unchanged" without normalising anything.
    """
    payload = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(f"{vocabulary_counter()}|{payload}".encode()).hexdigest()


def is_low_confidence(source: str, score: float | None) -> bool:
    """An automatic occupation the owner should check (OCCUPATION_LOW_CONFIDENCE), or none found."""
    return source == "none" or (source == "auto" and (score or 0) < OCCUPATION_LOW_CONFIDENCE)


def _memoised_get(model, uri: str):
    memo = _memo.get()
    if memo is None:
        return model.get_or_none(model.uri == uri)
    key = (model.__name__, uri)
    if key not in memo:
        memo[key] = model.get_or_none(model.uri == uri)
    return memo[key]


def occupation_by_uri(uri: str, field: str = "occupation_uri") -> Occupation:
    occupation = _memoised_get(Occupation, uri.strip())
    if occupation is None:
        raise ValidationFailed(
            f"Unknown ESCO occupation URI '{uri}'.",
            errors={
                field: [
                    f"'{uri}' is not an occupation of the loaded ESCO "
                    "vocabulary; search /api/v1/occupations to find one."
                ]
            },
        )
    return occupation


def skill_by_uri(uri: str, field: str) -> Skill:
    skill = _memoised_get(Skill, uri.strip())
    if skill is None:
        raise ValidationFailed(
            f"Unknown ESCO skill URI '{uri}'.",
            errors={
                field: [
                    f"'{uri}' is not a skill of the loaded ESCO vocabulary; "
                    "send the skill as free text instead, or search "
                    "/api/v1/skills to find its URI."
                ]
            },
        )
    return skill


def normalise_occupation(title: str, lang: str | None) -> dict:
    """Best occupation for a job title, as the fields stored on the record.

    Returns occupation_id/uri/score/source and the runner-up alternatives (JSON) so that a
    low-confidence result can be corrected by the owner. A best hit under OCCUPATION_FLOOR is
    noise (an unrelated title still gets *some* nearest concept): nothing is stored (source
    "none") and the hits are only offered as alternatives.
    """
    results = search_occupations(title, lang=lang, limit=ALTERNATIVES_SHOWN + 1) if title.strip() else []
    alternatives = [
        {
            "uri": r["uri"],
            "preferred_label": r.get("preferred_label"),
            "isco_code": r.get("isco_code"),
            "score": round(float(r["score"]), 4),
        }
        for r in results
    ]
    if not results or float(results[0]["score"]) < OCCUPATION_FLOOR:
        return {
            "occupation_id": None,
            "occupation_uri": None,
            "occupation_score": None,
            "occupation_source": "none",
            "occupation_alternatives": json.dumps(alternatives[:ALTERNATIVES_SHOWN], ensure_ascii=False),
        }
    best = results[0]
    return {
        "occupation_id": best["occupation_id"],
        "occupation_uri": best["uri"],
        "occupation_score": round(float(best["score"]), 4),
        "occupation_source": "auto",
        "occupation_alternatives": json.dumps(alternatives[1 : ALTERNATIVES_SHOWN + 1], ensure_ascii=False),
    }


def manual_occupation(uri: str, field: str = "occupation_uri") -> dict:
    occupation = occupation_by_uri(uri, field)
    return {
        "occupation_id": occupation.id,
        "occupation_uri": occupation.uri,
        "occupation_score": None,
        "occupation_source": "manual",
        "occupation_alternatives": "[]",
    }


def normalise_skill(item: dict, lang: str | None, field: str) -> dict:
    """{uri?, text?} → {skill_id, text, match_score}. Free text below SKILL_MIN_CONFIDENCE stays text."""
    uri, text = item.get("uri"), (item.get("text") or "").strip()
    if uri:
        skill = skill_by_uri(uri, field)
        return {"skill_id": skill.id, "text": text, "match_score": None}
    results = search_skills(text, lang=lang, limit=1)
    if results and float(results[0]["score"]) >= SKILL_MIN_CONFIDENCE:
        return {
            "skill_id": results[0]["skill_id"],
            "text": text,
            "match_score": round(float(results[0]["score"]), 4),
        }
    return {"skill_id": None, "text": text, "match_score": None}


def occupation_info(ids, lang: str) -> dict[int, dict]:
    """{occupation_id: {"uri", "isco_code", "preferred_label"}} in one pair of queries."""
    ids = [i for i in set(ids) if i is not None]
    if not ids:
        return {}
    labels = occupation_labels(ids, lang)
    rows = Occupation.select(Occupation.id, Occupation.uri, Occupation.isco_code).where(
        Occupation.id.in_(ids)
    )
    return {o.id: {"uri": o.uri, "isco_code": o.isco_code, "preferred_label": labels.get(o.id)} for o in rows}


def skill_info(ids, lang: str) -> dict[int, dict]:
    ids = [i for i in set(ids) if i is not None]
    if not ids:
        return {}
    labels = skill_labels(ids, lang)
    rows = Skill.select(Skill.id, Skill.uri).where(Skill.id.in_(ids))
    return {s.id: {"uri": s.uri, "preferred_label": labels.get(s.id)} for s in rows}


def shortage_lists(occupation_uri: str | None, region: str, as_of: dt.date) -> list[str]:
    """Names of the shortage lists the occupation is on in the region at `as_of` (permit service)."""

    return list(shortage_lists_for(occupation_uri, region, as_of))


# --- terms --------------------------------------------------------------------------------------


def check_choices(checks) -> None:
    """Refuse values outside their enumeration: `checks` are (field, value, allowed) triples; None passes.

    The API's schemas refuse such values first; this guards the callers outside HTTP (seed, CLI)."""
    errors = {
        field: [f"Not a valid value: use one of {', '.join(allowed)}."]
        for field, value, allowed in checks
        if value is not None and value not in allowed
    }
    if errors:
        raise ValidationFailed("Some values are not among the allowed ones; see 'errors'.", errors=errors)


def skill_entries(rows, details: dict[int, dict], extra: tuple[str, ...]) -> list[dict]:
    """Response entries of a record's skill rows: the ESCO skill (`details` from `skill_info`), the
    text as given, the normaliser's score, and the `extra` columns of the row."""
    return [
        {
            "skill_id": row.skill_id,
            "uri": details.get(row.skill_id, {}).get("uri"),
            "preferred_label": details.get(row.skill_id, {}).get("preferred_label"),
            "text": row.text,
            "match_score": row.match_score,
            **{name: getattr(row, name) for name in extra},
        }
        for row in rows
    ]


def annual_salary(amount: float | None, period: str | None, weekly_hours: float | None) -> float | None:
    """Gross annual EUR: hour × weekly hours × 52; month × 13.92; year as is."""
    if amount is None or period is None:
        return None
    if period == "hour":
        return round(amount * weekly_hours * WEEKS_PER_YEAR, 2) if weekly_hours else None
    if period == "month":
        return round(amount * MONTHS_PER_YEAR_BE, 2)
    return round(float(amount), 2)


def same_value(a, b) -> bool:
    """Equality that ignores float noise and datetime/date representation differences."""
    if isinstance(a, float) or isinstance(b, float):
        if a is None or b is None:
            return a is b
        return abs(float(a) - float(b)) < 1e-6
    return a == b


# --- bulk ---------------------------------------------------------------------------------------


def run_bulk(items: list, load_item, write_item) -> dict:
    """Validate and write each item on its own; one bad item never loses the good ones.

    `load_item(raw) -> data` and `write_item(data) -> (record, status)` raise DomainError (the HTTP
    layer turns its schema's errors into ValidationFailed with `invalid_item`). Each write runs in
    its own transaction (a savepoint when the caller already holds one), so a failing item rolls
    back only itself.
    """
    with normalisation_memo():
        return _run_bulk(items, load_item, write_item)


def _run_bulk(items: list, load_item, write_item) -> dict:
    results, counts = [], {"created": 0, "updated": 0, "unchanged": 0, "error": 0}
    for index, raw in enumerate(items):
        external_id = raw.get("external_id") if isinstance(raw, dict) else None
        entry = {"index": index, "external_id": external_id if isinstance(external_id, str) else None}
        try:
            if not isinstance(raw, dict):
                raise invalid_item({"_schema": ["Each item must be a JSON object."]})
            data = load_item(raw)
            if not data.get("external_id"):
                raise ValidationFailed(
                    "Bulk items need an external_id (it makes retries safe).",
                    errors={"external_id": ["Required in bulk uploads."]},
                )
            with write_transaction():
                record, status = write_item(data)
            entry.update(status=status, id=record.id, version=record.version)
        except DomainError as err:
            entry.update(
                status="error", message=err.message, **({"errors": err.errors} if err.errors else {})
            )
        except IntegrityError:
            entry.update(
                status="error",
                message="This item conflicts with an existing record "
                "(duplicate external_id written concurrently?).",
            )
        except DatabaseError:
            # Rolled back on its own; the items before and after it are unaffected.
            log.exception("bulk item %d could not be stored", index)
            entry.update(status="error", message="This item could not be stored; it was rolled back.")
        counts[entry["status"]] += 1
        results.append(entry)
    return {"items": results, "counts": counts}


def invalid_item(messages) -> ValidationFailed:
    """The error of a bulk item that breaks its schema: `messages` maps fields to messages."""
    fields = sorted(messages) if isinstance(messages, dict) else []
    summary = "Invalid value in: " + ", ".join(str(f) for f in fields) + "." if fields else "Invalid item."
    return ValidationFailed(summary, errors=messages)
