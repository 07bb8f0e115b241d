"""Vacancies: access rules, normalisation, idempotent writes, bulk, and the matching profile.

Access: employers see and write only their own organisation's vacancies; coaches and integrations
read every open vacancy (plus their own organisation's, if any); admins see everything. Anything
else is simply not found (404). Every write bumps `CacheVersion("vacancies")` in its transaction.
"""

from __future__ import annotations

import datetime as dt
import json

from core.regions import InvalidPostcode, region_for_postcode
from core.vacancies import (
    CEFR_LEVELS,
    CONTRACT_TYPES,
    IMPORTANCE,
    PAY_CATEGORIES,
    SALARY_PERIODS,
    TEXT_LANGUAGES,
    VACANCY_STATUSES,
)
from models.audit import AuditRecord
from models.base import utcnow, write_transaction
from models.cache_version import CacheVersion
from models.deletion import record_deletion
from models.errors import ConflictError, NotFoundError, PreconditionFailed, ValidationFailed
from models.vacancy import Vacancy, VacancyLanguage, VacancySkill
from services.actor import Actor
from services.normalisation import (
    ConcurrentWrite,
    DuplicateExternalId,
    annual_salary,
    check_choices,
    check_if_match,
    etag_for,
    input_fingerprint,
    is_low_confidence,
    manual_occupation,
    normalise_occupation,
    normalise_skill,
    occupation_info,
    replace_rows,
    run_bulk,
    same_value,
    shortage_lists,
    skill_entries,
    skill_info,
    with_url_external_id,
    write_with_retry,
)

CACHE_NAME = "vacancies"
ETAG_KIND = "vacancy"

# Fields copied from the validated input onto the row as they are.
DIRECT_FIELDS = (
    "external_id",
    "title",
    "title_lang",
    "description",
    "postcode",
    "min_education_eqf",
    "min_experience_years",
    "salary_amount",
    "salary_period",
    "weekly_hours",
    "full_time_weekly_hours",
    "contract_type",
    "duration_months",
    "start_date",
    "positions",
    "pay_category",
    "employer_in_belgium",
    "executive_post",
    "status",
    "valid_through",
    "sponsors_permit",
)
# Values a caller outside HTTP could send wrongly (the schema refuses them first on the API).
CHOICES = {
    "title_lang": TEXT_LANGUAGES,
    "salary_period": SALARY_PERIODS,
    "contract_type": CONTRACT_TYPES,
    "pay_category": PAY_CATEGORIES,
    "status": VACANCY_STATUSES,
}
DERIVED_FIELDS = (
    "region",
    "salary_annual_eur",
    "occupation_id",
    "occupation_uri",
    "occupation_score",
    "occupation_source",
    "occupation_alternatives",
)


# Columns of the row that a response shows as they are.
OUTPUT_FIELDS = ("id", "organisation_id", *DIRECT_FIELDS, "region", "salary_annual_eur", "version", "created_at",
                 "updated_at")


def vacancy_etag(vacancy: Vacancy) -> str:
    return etag_for(ETAG_KIND, vacancy.id, vacancy.version)


# --- access -------------------------------------------------------------------------------------


def _visible_query(actor: Actor):
    query = Vacancy.select()
    if actor.is_admin:
        return query
    if actor.role == "employer":
        return query.where(Vacancy.organisation == actor.organisation_id)
    return query.where((Vacancy.status == "open") | (Vacancy.organisation == actor.organisation_id))


def get_visible_vacancy(actor: Actor, vacancy_id: int) -> Vacancy:
    """The vacancy if the actor may read it (see module docstring), else NotFoundError."""
    vacancy = _visible_query(actor).where(Vacancy.id == vacancy_id).first()
    if vacancy is None:
        raise NotFoundError(f"Vacancy {vacancy_id} not found.")
    return vacancy


def get_writable_vacancy(actor: Actor, vacancy_id: int) -> Vacancy:
    """Only the owning organisation (or an admin) may change a vacancy."""
    query = Vacancy.select().where(Vacancy.id == vacancy_id)
    if not actor.is_admin:
        query = query.where(Vacancy.organisation == actor.organisation_id)
    vacancy = query.first()
    if vacancy is None:
        raise NotFoundError(f"Vacancy {vacancy_id} not found.")
    return vacancy


def list_vacancies(actor: Actor, filters: dict):
    """Ordered query of the vacancies visible to the actor, with the filters applied."""
    query = _visible_query(actor)
    if filters.get("status"):
        query = query.where(Vacancy.status == filters["status"])
    if filters.get("region"):
        query = query.where(Vacancy.region == filters["region"])
    if filters.get("occupation"):
        value = filters["occupation"].strip()
        query = query.where(
            Vacancy.occupation == int(value) if value.isdigit() else Vacancy.occupation_uri == value
        )
    if filters.get("updated_since"):
        since = filters["updated_since"]
        if since.tzinfo is not None:
            since = since.astimezone(dt.UTC).replace(tzinfo=None)
        query = query.where(Vacancy.updated_at >= since)
    if filters.get("external_id"):
        query = query.where(Vacancy.external_id == filters["external_id"])
    return query.order_by(Vacancy.id)


# --- writes -------------------------------------------------------------------------------------


def _current_state(vacancy: Vacancy) -> dict:
    return {name: getattr(vacancy, name) for name in DIRECT_FIELDS + DERIVED_FIELDS}


def _current_skills(vacancy: Vacancy) -> list[tuple]:
    return [
        (s.skill_id, s.text, s.match_score, s.importance)
        for s in VacancySkill.select().where(VacancySkill.vacancy == vacancy.id).order_by(VacancySkill.id)
    ]


def _current_languages(vacancy: Vacancy) -> dict:
    return {
        row.lang: row.level for row in VacancyLanguage.select().where(VacancyLanguage.vacancy == vacancy.id)
    }


def _check_rules(state: dict, is_new: bool, before: dict | None) -> None:
    errors = {}
    if state["salary_amount"] is not None and not state["salary_period"]:
        errors["salary_period"] = ["Give the salary period (hour, month or year) with the salary amount."]
    if state["salary_period"] == "hour" and state["salary_amount"] is not None and not state["weekly_hours"]:
        errors["weekly_hours"] = ["Weekly hours are needed to convert an hourly salary to an annual one."]
    if state["contract_type"] == "fixed_term" and not state["duration_months"]:
        errors["duration_months"] = ["A fixed-term contract needs its duration in months."]
    if state["valid_through"] is not None and state["status"] == "open":
        newly_open = is_new or before["status"] != "open" or before["valid_through"] != state["valid_through"]
        if newly_open and state["valid_through"] < dt.date.today():
            errors["valid_through"] = [
                f"{state['valid_through'].isoformat()} is in the past: an open vacancy "
                "must be valid today or later (or set status to closed)."
            ]
    if errors:
        raise ValidationFailed("Some values are inconsistent; see 'errors'.", errors=errors)


def _prepare(data: dict, vacancy: Vacancy | None, partial: bool) -> tuple[dict, list | None, dict | None]:
    """Target row state, target skills (None = keep) and target languages (None = keep)."""
    check_choices(
        [(name, data.get(name), allowed) for name, allowed in CHOICES.items()]
        + [(f"skills.{i}.importance", skill.get("importance"), IMPORTANCE)
           for i, skill in enumerate(data.get("skills") or ())]
        + [(f"languages.{lang}", level, CEFR_LEVELS) for lang, level in (data.get("languages") or {}).items()]
    )
    before = _current_state(vacancy) if vacancy is not None else None
    state = dict(before) if (partial and before) else {}
    state.update({k: v for k, v in data.items() if k in DIRECT_FIELDS})
    if not partial:
        # Full replacement: a PUT that omits the external_id keeps the one the record is known by.
        if vacancy is not None and not state.get("external_id"):
            state["external_id"] = vacancy.external_id

    try:
        state["region"] = region_for_postcode(state["postcode"])
    except InvalidPostcode as exc:
        # Only a postcode stored before the list of postcodes in use (a PATCH that keeps it) gets
        # here: the schema refuses such postcodes when they are sent.
        raise ValidationFailed(f"{exc} Send a postcode in use.", errors={"postcode": [str(exc)]}) from exc
    state["salary_annual_eur"] = annual_salary(
        state["salary_amount"], state["salary_period"], state["weekly_hours"]
    )

    lang = state.get("title_lang")
    if data.get("occupation_uri"):
        state.update(manual_occupation(data["occupation_uri"]))
    elif (
        not partial
        or "occupation_uri" in data
        or (("title" in data or "title_lang" in data) and before["occupation_source"] != "manual")
    ):
        state.update(normalise_occupation(state["title"], lang))

    skills = None
    if "skills" in data:
        skills = []
        for position, item in enumerate(data["skills"]):
            normalised = normalise_skill(item, lang, f"skills.{position}")
            skills.append(
                (
                    normalised["skill_id"],
                    normalised["text"],
                    normalised["match_score"],
                    item.get("importance", "essential"),
                )
            )
    languages = dict(data["languages"]) if "languages" in data else None
    _check_rules(state, vacancy is None, before)
    return state, skills, languages


def _write(
    organisation_id: int, data: dict, vacancy: Vacancy | None, partial: bool, if_match: str | None = None
) -> tuple[Vacancy, str]:
    """Create or update one vacancy in its own transaction; report created/updated/unchanged."""
    with write_transaction():
        check_if_match(if_match, vacancy_etag(vacancy) if vacancy is not None else None)
        # Full writes carry a fingerprint of their input: an identical re-push is a no-op.
        fingerprint = input_fingerprint(data) if not partial else ""
        if vacancy is not None and fingerprint and vacancy.input_hash == fingerprint:
            return vacancy, "unchanged"
        state, skills, languages = _prepare(data, vacancy, partial)
        if vacancy is None:
            if (
                state.get("external_id")
                and Vacancy.select()
                .where(Vacancy.organisation == organisation_id, Vacancy.external_id == state["external_id"])
                .exists()
            ):
                raise DuplicateExternalId(
                    f"A vacancy with external_id '{state['external_id']}' already exists in "
                    "your organisation; update it with PUT /vacancies/by-external-id/<id>.",
                    errors={"external_id": ["Already used in your organisation."]},
                )
            vacancy = Vacancy.create(organisation=organisation_id, input_hash=fingerprint, **state)
            _replace_children(vacancy, skills or [], languages or {})
            CacheVersion.bump(CACHE_NAME)
            return vacancy, "created"

        before = _current_state(vacancy)
        changed = {k: v for k, v in state.items() if not same_value(before.get(k), v)}
        skills_changed = skills is not None and skills != _current_skills(vacancy)
        languages_changed = languages is not None and languages != _current_languages(vacancy)
        if not changed and not skills_changed and not languages_changed:
            _remember_fingerprint(vacancy, fingerprint)
            return vacancy, "unchanged"
        if (
            "external_id" in changed
            and changed["external_id"]
            and Vacancy.select()
            .where(
                Vacancy.organisation == vacancy.organisation_id,
                Vacancy.external_id == changed["external_id"],
                Vacancy.id != vacancy.id,
            )
            .exists()
        ):
            raise ConflictError(
                f"Another vacancy already uses external_id '{changed['external_id']}'.",
                errors={"external_id": ["Already used in your organisation."]},
            )
        now = utcnow()
        # Compare-and-set on the version: a concurrent writer that got there first makes this fail.
        updated = (
            Vacancy.update(**changed, input_hash=fingerprint, version=Vacancy.version + 1, updated_at=now)
            .where(Vacancy.id == vacancy.id, Vacancy.version == vacancy.version)
            .execute()
        )
        if not updated:
            raise ConcurrentWrite(
                "The vacancy was changed by another request at the same time; fetch it again and retry."
            )
        if skills_changed or languages_changed:
            _replace_children(
                vacancy, skills if skills_changed else None, languages if languages_changed else None
            )
        CacheVersion.bump(CACHE_NAME)
        return Vacancy.get_by_id(vacancy.id), "updated"


def _remember_fingerprint(vacancy: Vacancy, fingerprint: str) -> None:
    """Store the fingerprint of an input that changed nothing, without a new version."""
    if fingerprint and vacancy.input_hash != fingerprint:
        Vacancy.update(input_hash=fingerprint).where(
            Vacancy.id == vacancy.id, Vacancy.version == vacancy.version
        ).execute()


def _replace_children(vacancy: Vacancy, skills: list | None, languages: dict | None) -> None:
    if skills is not None:
        replace_rows(VacancySkill.vacancy, vacancy.id, ("skill", "text", "match_score", "importance"), skills)
    if languages is not None:
        replace_rows(VacancyLanguage.vacancy, vacancy.id, ("lang", "level"), sorted(languages.items()))


def create_vacancy(actor: Actor, data: dict) -> tuple[Vacancy, str]:
    """A new vacancy of the actor's organisation."""
    return _write(actor.organisation_id, data, None, partial=False)


def update_vacancy(actor: Actor, vacancy_id: int, data: dict, if_match: str | None) -> tuple[Vacancy, str]:
    """PATCH: change only the fields sent."""
    return write_with_retry(
        lambda: get_writable_vacancy(actor, vacancy_id),
        lambda vacancy: _write(vacancy.organisation_id, data, vacancy, partial=True, if_match=if_match),
        if_match,
    )


def upsert_vacancy(
    actor: Actor, external_id: str, data: dict, if_match: str | None = None
) -> tuple[Vacancy, str]:
    """Idempotent PUT by external id in the actor's organisation: 'created', 'updated' or 'unchanged'."""
    data = with_url_external_id(data, external_id)
    organisation_id = actor.organisation_id
    return write_with_retry(
        lambda: Vacancy.get_or_none(
            Vacancy.organisation == organisation_id, Vacancy.external_id == external_id
        ),
        lambda vacancy: _write(organisation_id, data, vacancy, partial=False, if_match=if_match),
        if_match,
    )


def bulk_upsert_vacancies(actor: Actor, items: list, load_item) -> dict:
    """Each item is upserted by its external_id on its own; results in input order."""
    return run_bulk(items, load_item, lambda data: upsert_vacancy(actor, data["external_id"], data))


def delete_vacancy(actor: Actor, vacancy_id: int, if_match: str | None) -> None:
    with write_transaction():
        vacancy = get_writable_vacancy(actor, vacancy_id)
        check_if_match(if_match, vacancy_etag(vacancy))
        deleted = (
            Vacancy.delete().where(Vacancy.id == vacancy.id, Vacancy.version == vacancy.version).execute()
        )
        if not deleted:
            raise PreconditionFailed("The vacancy changed while it was being deleted; fetch it again.")
        AuditRecord.create(
            action="vacancy_deleted",
            organisation=vacancy.organisation_id,
            api_key=actor.key_id,
            subject_type="vacancy",
            subject_id=vacancy.id,
        )
        record_deletion("vacancy", vacancy.id)


# --- output -------------------------------------------------------------------------------------


def serialise_vacancies(
    vacancies: list[Vacancy], lang: str = "en", today: dt.date | None = None
) -> list[dict]:
    """Plain data for a page of vacancies (the response schema dumps it), fixed query count."""
    if not vacancies:
        return []
    today = today or dt.date.today()
    ids = [v.id for v in vacancies]
    skills_by_vacancy: dict[int, list] = {i: [] for i in ids}
    for row in VacancySkill.select().where(VacancySkill.vacancy.in_(ids)).order_by(VacancySkill.id):
        skills_by_vacancy[row.vacancy_id].append(row)
    languages_by_vacancy: dict[int, dict] = {i: {} for i in ids}
    for row in (
        VacancyLanguage.select().where(VacancyLanguage.vacancy.in_(ids)).order_by(VacancyLanguage.lang)
    ):
        languages_by_vacancy[row.vacancy_id][row.lang] = row.level
    occupations = occupation_info([v.occupation_id for v in vacancies], lang)
    skills = skill_info([s.skill_id for rows in skills_by_vacancy.values() for s in rows], lang)
    shortage_cache: dict[tuple, list] = {}
    out = []
    for v in vacancies:
        key = (v.occupation_uri, v.region)
        if key not in shortage_cache:
            shortage_cache[key] = shortage_lists(v.occupation_uri, v.region, today) if v.occupation_uri else []
        low = is_low_confidence(v.occupation_source, v.occupation_score)
        occupation = occupations.get(v.occupation_id, {})
        out.append({
            **{name: getattr(v, name) for name in OUTPUT_FIELDS},
            "occupation": {
                "id": v.occupation_id,
                "uri": v.occupation_uri,
                "preferred_label": occupation.get("preferred_label"),
                "isco_code": occupation.get("isco_code"),
                "score": v.occupation_score,
                "source": v.occupation_source,
            },
            "occupation_low_confidence": low,
            "occupation_alternatives": json.loads(v.occupation_alternatives or "[]") if low else [],
            "skills": skill_entries(skills_by_vacancy[v.id], skills, ("importance",)),
            "languages": languages_by_vacancy[v.id],
            "shortage_lists": shortage_cache[key],
            "etag": vacancy_etag(v),
        })
    return out


def serialise_vacancy(vacancy: Vacancy, lang: str = "en") -> dict:
    return serialise_vacancies([vacancy], lang)[0]
