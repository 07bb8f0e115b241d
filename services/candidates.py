"""Candidates: tenant-scoped CRUD, idempotent writes, bulk, erasure and the matching profile.

Only the owning organisation (coach or integration keys) and admins ever see a candidate; another
tenant's candidate is not found (404); employers are refused at the route (403). Permit facts are
stored apart (`CandidatePermitFacts`) and never enter `candidate_to_profile`. Every write bumps
`CacheVersion("candidates")` in its transaction.
"""

from __future__ import annotations

import datetime as dt
import json

from peewee import ForeignKeyField, IntegerField

from core.candidates import DIPLOMA_RECOGNITION, DRIVING_LICENCES
from core.regions import REGIONS
from core.residence import RESIDENCE_SITUATIONS
from core.vacancies import CEFR_LEVELS
from models.audit import AuditRecord
from models.base import MODEL_REGISTRY, utcnow, write_transaction
from models.cache_version import CacheVersion
from models.candidate import (
    Candidate,
    CandidateExperience,
    CandidateLanguage,
    CandidatePermitFacts,
    CandidateSkill,
)
from models.deletion import record_deletion
from models.errors import ConflictError, ForbiddenError, NotFoundError, PreconditionFailed
from services.actor import Actor
from services.normalisation import (
    ConcurrentWrite,
    DuplicateExternalId,
    check_choices,
    check_if_match,
    etag_for,
    input_fingerprint,
    manual_occupation,
    normalise_occupation,
    normalise_skill,
    occupation_info,
    replace_rows,
    run_bulk,
    same_value,
    skill_entries,
    skill_info,
    with_url_external_id,
    write_with_retry,
)

CACHE_NAME = "candidates"
ETAG_KIND = "candidate"

DIRECT_FIELDS = (
    "external_id",
    "reference",
    "education_eqf",
    "education_field",
    "diploma_recognition",
    "driving_licences",
    "preferred_regions",
    "available_from",
    "consent_given_at",
    "consent_purpose",
    "share_with_employers",
)
LIST_FIELDS = ("driving_licences", "preferred_regions")  # stored comma-separated
FACT_FIELDS = ("residence_situation", "eu_eea_swiss_citizen", "birth_year", "is_nurse", "is_teacher")


# Columns that a response shows as they are (the schema picks the permit facts' own fields).
OUTPUT_FIELDS = ("id", "organisation_id", "external_id", "reference", "education_eqf", "education_field",
                 "diploma_recognition", "available_from", "consent_given_at", "consent_purpose",
                 "share_with_employers", "version", "created_at", "updated_at")
EXPERIENCE_OUTPUT_FIELDS = ("title", "occupation_id", "occupation_uri", "occupation_score", "occupation_source",
                            "years", "country")


def candidate_etag(candidate: Candidate) -> str:
    return etag_for(ETAG_KIND, candidate.id, candidate.version)


def _split(value: str) -> list[str]:
    return [part for part in (value or "").split(",") if part]


# --- access -------------------------------------------------------------------------------------


def _owned_query(actor: Actor):
    if actor.role == "employer":
        raise ForbiddenError("Employers never see candidate data.")
    query = Candidate.select()
    if not actor.is_admin:
        query = query.where(Candidate.organisation == actor.organisation_id)
    return query


def get_owned_candidate(actor: Actor, candidate_id: int) -> Candidate:
    """The candidate if the actor's organisation owns it (or the actor is admin), else NotFoundError."""
    candidate = _owned_query(actor).where(Candidate.id == candidate_id).first()
    if candidate is None:
        raise NotFoundError(f"Candidate {candidate_id} not found.")
    return candidate


def list_candidates(actor: Actor, filters: dict):
    query = _owned_query(actor)
    if filters.get("region"):
        # Region ids are distinct words, none a substring of another, so a LIKE on the list is exact.
        query = query.where(Candidate.preferred_regions.contains(filters["region"]))
    if filters.get("occupation"):
        value = filters["occupation"].strip()
        condition = (
            CandidateExperience.occupation == int(value)
            if value.isdigit()
            else CandidateExperience.occupation_uri == value
        )
        query = query.where(
            Candidate.id.in_(CandidateExperience.select(CandidateExperience.candidate).where(condition))
        )
    if filters.get("updated_since"):
        since = filters["updated_since"]
        if since.tzinfo is not None:
            since = since.astimezone(dt.UTC).replace(tzinfo=None)
        query = query.where(Candidate.updated_at >= since)
    if filters.get("external_id"):
        query = query.where(Candidate.external_id == filters["external_id"])
    return query.order_by(Candidate.id)


# --- writes -------------------------------------------------------------------------------------


def _current_state(candidate: Candidate) -> dict:
    state = {name: getattr(candidate, name) for name in DIRECT_FIELDS}
    for name in LIST_FIELDS:
        state[name] = _split(state[name])
    return state


def _current_children(candidate: Candidate) -> dict:
    facts = CandidatePermitFacts.get_or_none(CandidatePermitFacts.candidate == candidate.id)
    return {
        "skills": [
            (s.skill_id, s.text, s.match_score, s.years, s.level)
            for s in CandidateSkill.select()
            .where(CandidateSkill.candidate == candidate.id)
            .order_by(CandidateSkill.id)
        ],
        "experiences": [
            (
                e.title,
                e.occupation_id,
                e.occupation_uri,
                e.occupation_score,
                e.occupation_source,
                e.years,
                e.country,
                e.occupation_alternatives,
            )
            for e in CandidateExperience.select()
            .where(CandidateExperience.candidate == candidate.id)
            .order_by(CandidateExperience.id)
        ],
        "languages": {
            row.lang: row.level
            for row in CandidateLanguage.select().where(CandidateLanguage.candidate == candidate.id)
        },
        "permit_facts": None if facts is None else tuple(getattr(facts, f) for f in FACT_FIELDS),
    }


def _prepare(data: dict, candidate: Candidate | None, partial: bool) -> tuple[dict, dict]:
    """Target row state and the target children (only the kinds present in `data` when partial)."""
    _check_choices(data)
    before = _current_state(candidate) if candidate is not None else None
    state = dict(before) if (partial and before) else {}
    state.update({k: v for k, v in data.items() if k in DIRECT_FIELDS})
    if not partial and candidate is not None and not state.get("external_id"):
        state["external_id"] = candidate.external_id
    for name in LIST_FIELDS:
        # Keep the order given, drop duplicates.
        state[name] = list(dict.fromkeys(state.get(name) or []))
    if state.get("consent_given_at") is not None and state["consent_given_at"].tzinfo is not None:
        state["consent_given_at"] = state["consent_given_at"].astimezone(dt.UTC).replace(tzinfo=None)

    children = {}
    if "skills" in data:
        children["skills"] = []
        for position, item in enumerate(data["skills"]):
            norm = normalise_skill(item, None, f"skills.{position}")
            children["skills"].append(
                (norm["skill_id"], norm["text"], norm["match_score"], item.get("years"), item.get("level"))
            )
    if "experiences" in data:
        children["experiences"] = []
        for position, item in enumerate(data["experiences"]):
            if item.get("occupation_uri"):
                occ = manual_occupation(item["occupation_uri"], f"experiences.{position}.occupation_uri")
            else:
                occ = normalise_occupation(item["title"], None)
            children["experiences"].append(
                (
                    item["title"],
                    occ["occupation_id"],
                    occ["occupation_uri"],
                    occ["occupation_score"],
                    occ["occupation_source"],
                    item.get("years"),
                    item.get("country"),
                    occ["occupation_alternatives"],
                )
            )
    if "languages" in data:
        children["languages"] = dict(data["languages"])
    if "permit_facts" in data:
        facts = data["permit_facts"]
        children["permit_facts"] = None if facts is None else tuple(facts.get(f) for f in FACT_FIELDS)
    return state, children


def _check_choices(data: dict) -> None:
    facts = data.get("permit_facts") or {}
    check_choices(
        [("diploma_recognition", data.get("diploma_recognition"), DIPLOMA_RECOGNITION),
         ("permit_facts.residence_situation", facts.get("residence_situation"), RESIDENCE_SITUATIONS)]
        + [(f"driving_licences.{i}", value, DRIVING_LICENCES)
           for i, value in enumerate(data.get("driving_licences") or ())]
        + [(f"preferred_regions.{i}", value, REGIONS) for i, value in enumerate(data.get("preferred_regions") or ())]
        + [(f"languages.{lang}", level, CEFR_LEVELS) for lang, level in (data.get("languages") or {}).items()]
    )


def _row_values(state: dict) -> dict:
    values = dict(state)
    for name in LIST_FIELDS:
        if name in values:
            values[name] = ",".join(values[name])
    return values


def _write(
    organisation_id: int, data: dict, candidate: Candidate | None, partial: bool, if_match: str | None = None
) -> tuple[Candidate, str]:
    with write_transaction():
        check_if_match(if_match, candidate_etag(candidate) if candidate is not None else None)
        # Full writes carry a fingerprint of their input: an identical re-push is a no-op.
        fingerprint = input_fingerprint(data) if not partial else ""
        if candidate is not None and fingerprint and candidate.input_hash == fingerprint:
            return candidate, "unchanged"
        state, children = _prepare(data, candidate, partial)
        if candidate is None:
            if (
                state.get("external_id")
                and Candidate.select()
                .where(
                    Candidate.organisation == organisation_id, Candidate.external_id == state["external_id"]
                )
                .exists()
            ):
                raise DuplicateExternalId(
                    f"A candidate with external_id '{state['external_id']}' already exists in "
                    "your organisation; update it with PUT /candidates/by-external-id/<id>.",
                    errors={"external_id": ["Already used in your organisation."]},
                )
            candidate = Candidate.create(
                organisation=organisation_id, input_hash=fingerprint, **_row_values(state)
            )
            _replace_children(candidate, children)
            CacheVersion.bump(CACHE_NAME)
            return candidate, "created"

        before = _current_state(candidate)
        changed = {k: v for k, v in state.items() if not same_value(before.get(k), v)}
        current = _current_children(candidate)
        changed_children = {k: v for k, v in children.items() if v != current[k]}
        if not changed and not changed_children:
            _remember_fingerprint(candidate, fingerprint)
            return candidate, "unchanged"
        if (
            changed.get("external_id")
            and Candidate.select()
            .where(
                Candidate.organisation == candidate.organisation_id,
                Candidate.external_id == changed["external_id"],
                Candidate.id != candidate.id,
            )
            .exists()
        ):
            raise ConflictError(
                f"Another candidate already uses external_id '{changed['external_id']}'.",
                errors={"external_id": ["Already used in your organisation."]},
            )
        updated = (
            Candidate.update(
                **_row_values(changed),
                input_hash=fingerprint,
                version=Candidate.version + 1,
                updated_at=utcnow(),
            )
            .where(Candidate.id == candidate.id, Candidate.version == candidate.version)
            .execute()
        )
        if not updated:
            raise ConcurrentWrite(
                "The candidate was changed by another request at the same time; fetch it again and retry."
            )
        _replace_children(candidate, changed_children)
        CacheVersion.bump(CACHE_NAME)
        return Candidate.get_by_id(candidate.id), "updated"


def _remember_fingerprint(candidate: Candidate, fingerprint: str) -> None:
    """Store the fingerprint of an input that changed nothing, without a new version."""
    if fingerprint and candidate.input_hash != fingerprint:
        Candidate.update(input_hash=fingerprint).where(
            Candidate.id == candidate.id, Candidate.version == candidate.version
        ).execute()


SKILL_COLUMNS = ("skill", "text", "match_score", "years", "level")
EXPERIENCE_COLUMNS = ("title", "occupation", "occupation_uri", "occupation_score", "occupation_source", "years",
                      "country", "occupation_alternatives")


def _replace_children(candidate: Candidate, children: dict) -> None:
    cid = candidate.id
    if "skills" in children:
        replace_rows(CandidateSkill.candidate, cid, SKILL_COLUMNS, children["skills"])
    if "experiences" in children:
        replace_rows(CandidateExperience.candidate, cid, EXPERIENCE_COLUMNS, children["experiences"])
    if "languages" in children:
        replace_rows(CandidateLanguage.candidate, cid, ("lang", "level"), sorted(children["languages"].items()))
    if "permit_facts" in children:
        facts = children["permit_facts"]
        replace_rows(CandidatePermitFacts.candidate, cid, FACT_FIELDS, [facts] if facts is not None else [])


def create_candidate(actor: Actor, data: dict) -> tuple[Candidate, str]:
    """A new candidate of the actor's organisation."""
    _owned_query(actor)  # refuses employers
    return _write(actor.organisation_id, data, None, partial=False)


def update_candidate(actor: Actor, candidate_id: int, data: dict, if_match: str | None) -> tuple[Candidate, str]:
    """PATCH: change only the fields sent."""
    return write_with_retry(
        lambda: get_owned_candidate(actor, candidate_id),
        lambda candidate: _write(candidate.organisation_id, data, candidate, partial=True, if_match=if_match),
        if_match,
    )


def upsert_candidate(
    actor: Actor, external_id: str, data: dict, if_match: str | None = None
) -> tuple[Candidate, str]:
    """Idempotent PUT by external id in the actor's organisation: 'created', 'updated' or 'unchanged'."""
    _owned_query(actor)  # refuses employers
    data = with_url_external_id(data, external_id)
    organisation_id = actor.organisation_id
    return write_with_retry(
        lambda: Candidate.get_or_none(
            Candidate.organisation == organisation_id, Candidate.external_id == external_id
        ),
        lambda candidate: _write(organisation_id, data, candidate, partial=False, if_match=if_match),
        if_match,
    )


def bulk_upsert_candidates(actor: Actor, items: list, load_item) -> dict:
    """Each item is upserted by its external_id on its own; results in input order."""
    _owned_query(actor)  # refuses employers
    return run_bulk(items, load_item, lambda data: upsert_candidate(actor, data["external_id"], data))


# --- erasure ------------------------------------------------------------------------------------


def _referencing_columns():
    """Every column of another table that points at a candidate: foreign keys to Candidate, and
    plain integer `candidate_id` columns (caches, match events), whoever owns the table."""
    for model in MODEL_REGISTRY:
        if model is Candidate or model is AuditRecord:
            continue
        for field in model._meta.sorted_fields:
            if isinstance(field, ForeignKeyField) and field.rel_model is Candidate:
                yield model, field
            elif (
                isinstance(field, IntegerField)
                and not isinstance(field, ForeignKeyField)
                and field.column_name == "candidate_id"
            ):
                yield model, field


# How a candidate appears in the `results` of other audit records (json.dumps of a list of dicts):
# as the ranked id of a vacancy match query, and as the candidate of a match-feed poll.
_RESULT_KEYS = {("match_query", "vacancy"): "id", ("match_events", "feed"): "candidate"}


def erase_audit_traces(candidate_id: int) -> dict:
    """Remove the candidate from the audit trail: its own match-query records go, and it is taken
    out of the results of vacancy match queries and feed polls (the rest of those records, about
    the vacancy or the poll, stays). Only the `candidate_erased` record then names its id."""
    about = AuditRecord.delete().where(
        AuditRecord.subject_type == "candidate",
        AuditRecord.subject_id == candidate_id,
        AuditRecord.action != "candidate_erased",
    ).execute()
    rewritten = 0
    for (action, subject_type), key in _RESULT_KEYS.items():
        # A LIKE narrows the scan to the records that may list the candidate; the JSON decides.
        mentions = AuditRecord.results.contains(f'"{key}": {candidate_id},') | AuditRecord.results.contains(
            f'"{key}": {candidate_id}}}'
        )
        query = AuditRecord.select(AuditRecord.id, AuditRecord.results).where(
            AuditRecord.action == action, AuditRecord.subject_type == subject_type, mentions
        )
        for record in query:
            results = json.loads(record.results or "[]")
            kept = [item for item in results if item.get(key) != candidate_id]
            if len(kept) != len(results):
                AuditRecord.update(results=json.dumps(kept)).where(AuditRecord.id == record.id).execute()
                rewritten += 1
    return {key: count for key, count in (("audit_record", about), ("audit_results", rewritten)) if count}


def erase_candidate(actor: Actor, candidate_id: int, if_match: str | None) -> dict:
    """GDPR erasure: delete the profile and every row derived from it (not a soft delete), and
    record that an erasure happened, without any of the erased data."""
    with write_transaction():
        candidate = get_owned_candidate(actor, candidate_id)
        check_if_match(if_match, candidate_etag(candidate))
        removed = {}
        for model, field in _referencing_columns():
            count = model.delete().where(field == candidate.id).execute()
            if count:
                removed[model._meta.table_name] = count
        deleted = (
            Candidate.delete()
            .where(Candidate.id == candidate.id, Candidate.version == candidate.version)
            .execute()
        )
        if not deleted:
            raise PreconditionFailed("The candidate changed while it was being erased; fetch it again.")
        removed.update(erase_audit_traces(candidate.id))
        AuditRecord.create(
            action="candidate_erased",
            organisation=candidate.organisation_id,
            api_key=actor.key_id,
            subject_type="candidate",
            subject_id=candidate.id,
            parameters=json.dumps({"rows_removed": removed, "erased_by_role": actor.role}, sort_keys=True),
        )
        record_deletion("candidate", candidate.id)
    return removed


# --- output -------------------------------------------------------------------------------------


def serialise_candidates(candidates: list[Candidate], lang: str = "en") -> list[dict]:
    """Plain data for the owning organisation (permit facts included; the response schema dumps
    it), with a fixed number of queries."""
    if not candidates:
        return []
    ids = [c.id for c in candidates]
    skills = _rows_by_candidate(CandidateSkill, ids, CandidateSkill.id)
    experiences = _rows_by_candidate(CandidateExperience, ids, CandidateExperience.id)
    languages = {i: {} for i in ids}
    for row in (
        CandidateLanguage.select().where(CandidateLanguage.candidate.in_(ids)).order_by(CandidateLanguage.lang)
    ):
        languages[row.candidate_id][row.lang] = row.level
    facts = {
        row.candidate_id: row for row in CandidatePermitFacts.select().where(CandidatePermitFacts.candidate.in_(ids))
    }
    occupations = occupation_info([e.occupation_id for rows in experiences.values() for e in rows], lang)
    skill_details = skill_info([s.skill_id for rows in skills.values() for s in rows], lang)
    return [
        {
            **{name: getattr(c, name) for name in OUTPUT_FIELDS},
            "skills": skill_entries(skills[c.id], skill_details, ("years", "level")),
            "experiences": [
                {
                    **{name: getattr(e, name) for name in EXPERIENCE_OUTPUT_FIELDS},
                    "occupation_label": occupations.get(e.occupation_id, {}).get("preferred_label"),
                    "isco_code": occupations.get(e.occupation_id, {}).get("isco_code"),
                }
                for e in experiences[c.id]
            ],
            "languages": languages[c.id],
            "driving_licences": _split(c.driving_licences),
            "preferred_regions": _split(c.preferred_regions),
            "permit_facts": facts.get(c.id),
            "etag": candidate_etag(c),
        }
        for c in candidates
    ]


def _rows_by_candidate(model, ids: list[int], order) -> dict[int, list]:
    rows = {i: [] for i in ids}
    for row in model.select().where(model.candidate.in_(ids)).order_by(order):
        rows[row.candidate_id].append(row)
    return rows


def serialise_candidate(candidate: Candidate, lang: str = "en") -> dict:
    return serialise_candidates([candidate], lang)[0]
