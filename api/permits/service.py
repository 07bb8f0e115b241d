"""Permit assessment and its reference data (rules, shortage lists): business logic, no flask.

Other modules call `assess`, `assess_vacancy`, `permit_summaries` and `shortage_lists_for`
(contract in docs/architecture.md). The reference data is read once per process into a
`matching.permits.Snapshot` and rebuilt when `CacheVersion("permit_reference")` moves.
"""

from __future__ import annotations

import csv
import datetime as dt
import threading
from pathlib import Path

from matching.permits import CandidateFacts, InvalidFacts, Snapshot, VacancyFacts
from matching.permits import assess as engine_assess
from matching.permits import summarise as engine_summarise
from matching.regions import InvalidPostcode, region_for_postcode
from models.base import utcnow, write_transaction
from models.cache_version import CacheVersion
from models.errors import ConflictError, NotFoundError, ValidationFailed
from models.permit import PermitRule, ShortageList, ShortageListEntry

from ..cache import register_cache
from .validation import (
    ENTRY_COLUMNS,
    LIST_COLUMNS,
    OPTIONAL_ENTRY_COLUMNS,
    OPTIONAL_LIST_COLUMNS,
    OPTIONAL_RULE_COLUMNS,
    RULE_COLUMNS,
    clean_entry,
    clean_list,
    clean_rule,
    periods_overlap,
)
from .validity_lock import lock_validity_scope

CACHE_NAME = "permit_reference"
RULES_FILE, LISTS_FILE, ENTRIES_FILE = "permit_rules.csv", "shortage_lists.csv", "shortage_list_entries.csv"


# ------------------------------------------------------------------------------------------------
# Snapshot cache
# ------------------------------------------------------------------------------------------------


def _rule_row(rule: PermitRule) -> dict:
    row = {column: getattr(rule, column) for column in RULE_COLUMNS}
    row["id"] = rule.id
    return row


def build_snapshot() -> Snapshot:
    version = CacheVersion.current(CACHE_NAME)
    rules = [_rule_row(r) for r in PermitRule.select().order_by(PermitRule.id)]
    uris: dict[int, list] = {}  # list id -> (uri, valid_from, valid_to): dated membership
    for entry in ShortageListEntry.select(
        ShortageListEntry.shortage_list,
        ShortageListEntry.esco_uris,
        ShortageListEntry.valid_from,
        ShortageListEntry.valid_to,
    ):
        uris.setdefault(entry.shortage_list_id, []).extend(
            (uri, entry.valid_from, entry.valid_to) for uri in entry.esco_uris.split()
        )
    lists = [
        ({column: getattr(lst, column) for column in LIST_COLUMNS}, uris.get(lst.id, ()))
        for lst in ShortageList.select().order_by(ShortageList.id)
    ]
    return Snapshot.build(rules, lists, version=f"{CACHE_NAME}:{version}")


class _SnapshotCache:
    """One snapshot per process; one primary-key read per call tells whether it is stale."""

    def __init__(self):
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._version: int | None = None

    def clear(self):
        with self._lock:
            self._snapshot, self._version = None, None

    def get(self) -> Snapshot:
        current = CacheVersion.current(CACHE_NAME)
        snapshot = self._snapshot
        if snapshot is not None and self._version == current:
            return snapshot
        with self._lock:
            if self._snapshot is None or self._version != current:
                self._snapshot, self._version = build_snapshot(), current
            return self._snapshot


_cache = _SnapshotCache()
register_cache(_cache)


def snapshot() -> Snapshot:
    return _cache.get()


# ------------------------------------------------------------------------------------------------
# Assessments (contract for other modules)
# ------------------------------------------------------------------------------------------------


def occupation_isco(uris) -> dict[str, str]:
    """{ESCO URI: ISCO-08 unit group} of the given occupations (one query): the reduced permit
    thresholds for nurses and teachers belong to the job's occupation."""
    from models.taxonomy import Occupation

    wanted = {u for u in uris if u}
    if not wanted:
        return {}
    query = Occupation.select(Occupation.uri, Occupation.isco_code).where(Occupation.uri.in_(list(wanted)))
    return {row.uri: row.isco_code for row in query if row.isco_code}


def _with_isco(facts: dict, isco: dict | None = None) -> dict:
    if facts.get("occupation_isco") or not facts.get("occupation_uri"):
        return facts
    found = (isco if isco is not None else occupation_isco([facts["occupation_uri"]])).get(
        facts["occupation_uri"]
    )
    return {**facts, "occupation_isco": found}


def _vacancy_facts(facts: dict, isco: dict | None = None) -> VacancyFacts:
    try:
        return VacancyFacts.from_dict(_with_isco(facts, isco))
    except InvalidFacts as exc:
        field = "vacancy.postcode" if "postcode" in str(exc) else "vacancy"
        raise ValidationFailed(str(exc), errors={field: [str(exc)]}) from exc


def _candidate_facts(facts) -> CandidateFacts | None:
    if facts is None:
        return None
    if not isinstance(facts, dict):
        facts = candidate_permit_facts(facts)
    try:
        return CandidateFacts.from_dict(facts)
    except InvalidFacts as exc:
        raise ValidationFailed(str(exc), errors={"candidate": [str(exc)]}) from exc


def assess(vacancy_facts: dict, candidate_facts: dict | None, as_of: dt.date, lang: str) -> dict:
    """Full assessment of a job described by plain facts (see the POST /permit-assessments body)."""
    return engine_assess(
        snapshot(), _vacancy_facts(vacancy_facts), _candidate_facts(candidate_facts), as_of, lang
    )


def vacancy_permit_facts(vacancy) -> dict:
    """The permit-relevant facts of a `models.vacancy.Vacancy` row."""
    return {
        "authority": vacancy.region or None,
        "postcode": vacancy.postcode,
        "occupation_uri": vacancy.occupation_uri,
        "salary_amount": vacancy.salary_amount,
        "salary_period": vacancy.salary_period if vacancy.salary_amount is not None else None,
        "salary_annual_eur": vacancy.salary_annual_eur,
        "weekly_hours": vacancy.weekly_hours,
        "full_time_weekly_hours": vacancy.full_time_weekly_hours,
        "contract_type": vacancy.contract_type,
        "duration_months": vacancy.duration_months,
        "pay_category": vacancy.pay_category,
        "employer_in_belgium": vacancy.employer_in_belgium,
        "executive_post": vacancy.executive_post,
    }


def candidate_permit_facts(candidate) -> dict:
    """Permit facts of a `models.candidate.Candidate` row (its CandidatePermitFacts + education)."""
    from models.candidate import CandidatePermitFacts

    facts = CandidatePermitFacts.get_or_none(CandidatePermitFacts.candidate == candidate.id)
    out = {"education_eqf": candidate.education_eqf, "diploma_recognition": candidate.diploma_recognition}
    if facts is not None:
        out.update(
            residence_situation=facts.residence_situation,
            eu_eea_swiss_citizen=facts.eu_eea_swiss_citizen,
            birth_year=facts.birth_year,
            is_nurse=facts.is_nurse,
            is_teacher=facts.is_teacher,
        )
    return out


def assess_vacancy(vacancy, as_of: dt.date, lang: str, candidate=None) -> dict:
    """Full assessment of a stored vacancy; `candidate` is a Candidate row, a facts dict or None."""
    result = engine_assess(
        snapshot(), _vacancy_facts(vacancy_permit_facts(vacancy)), _candidate_facts(candidate), as_of, lang
    )
    return {"vacancy_id": vacancy.id, **result}


def permit_summaries(vacancies, as_of: dt.date, candidate_facts=None) -> dict:
    """{vacancy_id: {"verdict", "best_route"}} for many vacancies (one snapshot, no sentences)."""
    snap = snapshot()
    candidate = _candidate_facts(candidate_facts)
    vacancies = list(vacancies)
    isco = occupation_isco(v.occupation_uri for v in vacancies)
    out = {}
    for vacancy in vacancies:
        try:
            facts = VacancyFacts.from_dict(_with_isco(vacancy_permit_facts(vacancy), isco))
        except InvalidFacts:
            out[vacancy.id] = {"verdict": "not_supportive", "best_route": None}
            continue
        out[vacancy.id] = engine_summarise(snap, facts, candidate, as_of)
    return out


def shortage_lists_for(occupation_uri: str | None, region: str, as_of: dt.date) -> list[str]:
    """Names of the shortage lists in force on `as_of` in `region` that contain the occupation."""
    return snapshot().lists_with_occupation(occupation_uri, region, as_of)


def region_of(postcode: str) -> str:
    try:
        return region_for_postcode(postcode)
    except InvalidPostcode as exc:
        raise ValidationFailed(str(exc), errors={"vacancy.postcode": [str(exc)]}) from exc


def _resolve_occupation(vacancy: dict, lang: str) -> dict:
    """The occupation of a POSTed job: a known ESCO URI, or the best match for its title."""
    from models.taxonomy import Occupation

    uri = (vacancy.get("occupation_uri") or "").strip()
    if uri:
        if not Occupation.select(Occupation.id).where(Occupation.uri == uri).exists():
            raise ValidationFailed(
                f"Unknown ESCO occupation URI '{uri}'.",
                errors={"vacancy.occupation_uri": ["Not an occupation of the loaded ESCO vocabulary."]},
            )
        return {"uri": uri, "source": "occupation_uri"}
    from services.taxonomy import OCCUPATION_LOW_CONFIDENCE, occupation_labels, search_occupations

    hits = search_occupations(vacancy["title"], lang=None, limit=1)
    if not hits:
        raise ValidationFailed(
            f"No ESCO occupation recognised in the title '{vacancy['title']}'; send occupation_uri.",
            errors={"vacancy.title": ["No occupation recognised."]},
        )
    hit = hits[0]
    labels = occupation_labels([hit["occupation_id"]], lang)
    label = labels.get(hit["occupation_id"]) or hit["preferred_label"]
    return {
        "uri": hit["uri"],
        "preferred_label": label,
        "score": round(hit["score"], 3),
        "source": "title",
        "low_confidence": hit["score"] < OCCUPATION_LOW_CONFIDENCE,
    }


def assess_request(vacancy: dict, candidate: dict | None, as_of: dt.date, lang: str) -> dict:
    """POST /permit-assessments: check the input, normalise the occupation, assess. Stores nothing."""
    authority = region_of(vacancy["postcode"])
    occupation = _resolve_occupation(vacancy, lang)
    facts = {**vacancy, "authority": authority, "occupation_uri": occupation["uri"]}
    result = assess(facts, candidate, as_of, lang)
    return {
        "as_of": result.pop("as_of"),
        "authority": result.pop("authority"),
        "occupation": occupation,
        **result,
    }


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


# ------------------------------------------------------------------------------------------------
# Rules: CRUD with the no-overlap rule
# ------------------------------------------------------------------------------------------------


def _describe_rule(rule) -> str:
    return (
        f"rule {rule.id} ({rule.authority}/{rule.route}, {rule.valid_from.isoformat()} to "
        f"{rule.valid_to.isoformat() if rule.valid_to else 'open end'})"
    )


def _check_rule_overlap(data: dict, exclude_id: int | None = None) -> None:
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
        _check_rule_overlap(data)
        rule = PermitRule.create(**data)
        CacheVersion.bump(CACHE_NAME)
    return rule


def update_rule(rule_id: int, changes: dict) -> PermitRule:
    with write_transaction():
        rule = get_rule(rule_id)
        data = clean_rule({**_rule_state(rule), **changes})
        _check_rule_overlap(data, exclude_id=rule.id)
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


# ------------------------------------------------------------------------------------------------
# Shortage lists and entries
# ------------------------------------------------------------------------------------------------


def _describe_list(lst) -> str:
    return (
        f"list {lst.id} '{lst.name}' ({lst.valid_from.isoformat() if lst.valid_from else '?'} to "
        f"{lst.valid_to.isoformat() if lst.valid_to else 'open end'})"
    )


def _check_list_overlap(data: dict, exclude_id: int | None = None) -> None:
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
        _check_list_overlap(data)
        lst = ShortageList.create(**data)
        CacheVersion.bump(CACHE_NAME)
    return lst


def update_shortage_list(list_id: int, changes: dict) -> ShortageList:
    with write_transaction():
        lst = get_shortage_list(list_id)
        data = clean_list({**{c: getattr(lst, c) for c in LIST_COLUMNS}, **changes})
        _check_list_name(data["name"], exclude_id=lst.id)
        _check_list_overlap(data, exclude_id=lst.id)
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


# ------------------------------------------------------------------------------------------------
# CSV import / export (same format as seed_data/permits)
# ------------------------------------------------------------------------------------------------


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def export_csv(directory: str | Path) -> list[str]:
    """Write the three CSV files; return lines to print."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    lists = {lst.id: lst for lst in ShortageList.select().order_by(ShortageList.id)}
    tables = {
        RULES_FILE: (
            RULE_COLUMNS,
            [
                [_csv_value(getattr(r, c)) for c in RULE_COLUMNS]
                for r in PermitRule.select().order_by(
                    PermitRule.authority, PermitRule.route, PermitRule.valid_from
                )
            ],
        ),
        LISTS_FILE: (
            LIST_COLUMNS,
            [[_csv_value(getattr(lst, c)) for c in LIST_COLUMNS] for lst in lists.values()],
        ),
        ENTRIES_FILE: (
            ENTRY_COLUMNS,
            [
                [lists[e.shortage_list_id].name] + [_csv_value(getattr(e, c)) for c in ENTRY_COLUMNS[1:]]
                for e in ShortageListEntry.select().order_by(
                    ShortageListEntry.shortage_list, ShortageListEntry.id
                )
            ],
        ),
    }
    lines = []
    for name, (columns, rows) in tables.items():
        with open(directory / name, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(columns)
            writer.writerows(rows)
        lines.append(f"wrote {len(rows)} rows to {directory / name}")
    return lines


def _read_csv(path: Path, columns: tuple[str, ...], required: bool, optional=frozenset()) -> list[dict]:
    if not path.exists():
        if required:
            raise ValidationFailed(f"{path.name} is missing in {path.parent}.", errors={"file": [str(path)]})
        return []
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or []) and c not in optional]
        if missing:
            raise ValidationFailed(
                f"{path.name}: missing columns {', '.join(missing)}.",
                errors={path.name: [f"missing column {c}" for c in missing]},
            )
        return list(reader)


def _prefixed(exc: ValidationFailed, where: str) -> ValidationFailed:
    return ValidationFailed(f"{where}: {exc.message}", errors={where: exc.errors or {}})


def _given(data: dict, row: dict, optional: frozenset) -> dict:
    """`data` without the optional columns the file does not have: an update then keeps what the
    row has (e.g. an entry's dates), and a new row gets the model's defaults."""
    return {c: v for c, v in data.items() if c in row or c not in optional}


def import_csv(
    directory: str | Path, update_existing: bool = True, skip_conflicts: bool = False
) -> list[str]:
    """Validate and upsert the CSV files in `directory`, all or nothing. Natural keys: rules by
    (authority, route, valid_from), lists by name, entries by (list name, official_label).

    The seed loader passes `update_existing=False, skip_conflicts=True`: it only adds what is
    missing and never undoes an administrator's edits (a retired rule stays retired); rows that
    would clash with an administrator's rows are skipped and reported."""
    directory = Path(directory)
    # Columns added later (OPTIONAL_COLUMNS) may be missing: older files still import, with defaults.
    raw_rules = _read_csv(directory / RULES_FILE, RULE_COLUMNS, False, OPTIONAL_RULE_COLUMNS)
    raw_lists = _read_csv(directory / LISTS_FILE, LIST_COLUMNS, False, OPTIONAL_LIST_COLUMNS)
    raw_entries = _read_csv(directory / ENTRIES_FILE, ENTRY_COLUMNS, False, OPTIONAL_ENTRY_COLUMNS)
    if not (raw_rules or raw_lists or raw_entries):
        raise ValidationFailed(
            f"No permit reference data found in {directory} "
            f"(expected {RULES_FILE}, {LISTS_FILE}, {ENTRIES_FILE})."
        )
    rules, lists, entries = [], [], []
    for number, row in enumerate(raw_rules, start=2):
        try:
            rules.append(_given(clean_rule(row), row, OPTIONAL_RULE_COLUMNS))
        except ValidationFailed as exc:
            raise _prefixed(exc, f"{RULES_FILE} line {number}") from exc
    for number, row in enumerate(raw_lists, start=2):
        try:
            lists.append(_given(clean_list(row), row, OPTIONAL_LIST_COLUMNS))
        except ValidationFailed as exc:
            raise _prefixed(exc, f"{LISTS_FILE} line {number}") from exc
    for number, row in enumerate(raw_entries, start=2):
        try:
            data = _given(clean_entry(row), row, OPTIONAL_ENTRY_COLUMNS)
            entries.append((row.get("list_name", "").strip(), data, number))
        except ValidationFailed as exc:
            raise _prefixed(exc, f"{ENTRIES_FILE} line {number}") from exc
    skipped: list[str] = []
    counts = {
        "rules created": 0,
        "rules updated": 0,
        "lists created": 0,
        "lists updated": 0,
        "entries created": 0,
        "entries updated": 0,
    }
    changed = False
    with write_transaction():
        keyed = [
            (
                PermitRule.get_or_none(
                    (PermitRule.authority == data["authority"])
                    & (PermitRule.route == data["route"])
                    & (PermitRule.valid_from == data["valid_from"])
                ),
                data,
            )
            for data in rules
        ]
        # Updates first: closing last year's rule (valid_to) must happen before next year's is added.
        keyed.sort(key=lambda pair: pair[0] is None)
        for existing, data in keyed:
            if existing is not None and not update_existing:
                continue
            try:
                _check_rule_overlap(data, exclude_id=existing.id if existing else None)
            except ConflictError as exc:
                if not skip_conflicts:
                    raise
                skipped.append(
                    f"skipped rule {data['authority']}/{data['route']} from {data['valid_from']}: "
                    f"{exc.message}"
                )
                continue
            if existing is None:
                PermitRule.create(**data)
                counts["rules created"] += 1
                changed = True
            elif any(getattr(existing, c) != v for c, v in data.items()):
                PermitRule.update(**data, updated_at=utcnow()).where(PermitRule.id == existing.id).execute()
                counts["rules updated"] += 1
                changed = True
        list_ids = {}
        for data in lists:
            existing = ShortageList.get_or_none(ShortageList.name == data["name"])
            if existing is not None and not update_existing:
                list_ids[data["name"]] = existing.id
                continue
            try:
                _check_list_overlap(data, exclude_id=existing.id if existing else None)
            except ConflictError as exc:
                if not skip_conflicts:
                    raise
                skipped.append(f"skipped list '{data['name']}' and its entries: {exc.message}")
                list_ids[data["name"]] = None
                continue
            if existing is None:
                list_ids[data["name"]] = ShortageList.create(**data).id
                counts["lists created"] += 1
                changed = True
            else:
                list_ids[data["name"]] = existing.id
                if any(getattr(existing, c) != v for c, v in data.items()):
                    ShortageList.update(**data, updated_at=utcnow()).where(
                        ShortageList.id == existing.id
                    ).execute()
                    counts["lists updated"] += 1
                    changed = True
        for list_name, data, number in entries:
            if list_name in list_ids and list_ids[list_name] is None:
                continue  # its list was skipped
            list_id = list_ids.get(list_name)
            if list_id is None:
                found = ShortageList.get_or_none(ShortageList.name == list_name)
                if found is None:
                    raise ValidationFailed(
                        f"{ENTRIES_FILE} line {number}: unknown list '{list_name}'.",
                        errors={f"{ENTRIES_FILE} line {number}": {"list_name": ["Unknown list."]}},
                    )
                list_id = list_ids[list_name] = found.id
            existing = ShortageListEntry.get_or_none(
                (ShortageListEntry.shortage_list == list_id)
                & (ShortageListEntry.official_label == data["official_label"])
            )
            if existing is not None and not update_existing:
                continue
            if existing is None:
                ShortageListEntry.create(shortage_list=list_id, **data)
                counts["entries created"] += 1
                changed = True
            elif {c: getattr(existing, c) for c in data} != data:
                ShortageListEntry.update(**data).where(ShortageListEntry.id == existing.id).execute()
                counts["entries updated"] += 1
                changed = True
        if changed:
            CacheVersion.bump(CACHE_NAME)
    summary = f"permit reference data from {directory}: " + ", ".join(f"{v} {k}" for k, v in counts.items())
    return [summary] + skipped
