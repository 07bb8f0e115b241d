"""The matching engine's view of vacancies and candidates, read in a fixed number of tuple queries.

ONE reader per kind, used for the full build of a process's index or pool, for its incremental
sync, and for the contract functions `vacancies_to_profiles` / `candidates_to_profiles` of the
vacancy and candidate services. Each returns, per record, the engine's plain-value profile and a
small record with what match responses show and permit summaries read, so that a ranking request
reads neither the vacancies nor the candidate from the database.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from typing import NamedTuple

from models.candidate import Candidate, CandidateExperience, CandidateLanguage, CandidatePermitFacts, CandidateSkill
from models.vacancy import Vacancy, VacancyLanguage, VacancySkill

from .vocabulary import labels

CHUNK = 2000  # ids per `IN (...)`: SQLite caps the number of bound variables


class VacancyRecord(NamedTuple):
    """The columns of a vacancy that match responses and permit summaries read (attribute names as
    on `models.vacancy.Vacancy`, so permit code reads either)."""

    id: int
    organisation_id: int
    title: str
    occupation_id: int | None
    occupation_uri: str | None
    occupation_score: float | None
    occupation_source: str
    occupation_alternatives: str
    region: str
    postcode: str
    min_education_eqf: int | None
    min_experience_years: float | None
    start_date: dt.date | None
    valid_through: dt.date | None
    status: str
    sponsors_permit: bool
    salary_amount: float | None
    salary_period: str | None
    salary_annual_eur: float | None
    weekly_hours: float | None
    full_time_weekly_hours: float | None
    contract_type: str | None
    duration_months: int | None
    pay_category: str
    employer_in_belgium: bool
    executive_post: bool | None


_VACANCY_COLUMNS = [
    Vacancy.occupation if name == "occupation_id" else Vacancy.organisation if name == "organisation_id"
    else getattr(Vacancy, name)
    for name in VacancyRecord._fields
]


class CandidateRecord(NamedTuple):
    """What ranking reads of a candidate besides its profile: owner, sharing, identifiers, permit facts."""

    id: int
    organisation_id: int
    share_with_employers: bool
    external_id: str | None
    reference: str
    education_eqf: int | None
    diploma_recognition: str
    preferred_regions: str
    available_from: dt.date | None
    driving_licences: str
    updated_at: dt.datetime
    permit_facts: dict  # as services.permits.candidate_permit_facts; never part of the profile


_CANDIDATE_COLUMNS = [
    Candidate.organisation if name == "organisation_id" else getattr(Candidate, name)
    for name in CandidateRecord._fields
    if name != "permit_facts"
]
_PERMIT_FACT_FIELDS = ("residence_situation", "eu_eea_swiss_citizen", "birth_year", "is_nurse", "is_teacher")


def in_chunks(ids, read) -> list:
    """`read(condition)` for ids in chunks of CHUNK, concatenated (the caller's order is not kept)."""
    ids = list(ids)
    return [row for start in range(0, len(ids), CHUNK) for row in read(ids[start : start + CHUNK])]


def engine_alternatives(stored: list[str | None]) -> list[list[dict]]:
    """The stored runner-up occupations (JSON with URIs) as the engine reads them.

    Each list item becomes ``{"occupation_id", "isco_code", "score"}``; occupations no longer in
    the vocabulary are left out.
    """
    known = labels()
    return [known.alternatives(json.loads(text or "[]")) for text in stored]


def _child_rows(owner_field, condition, *columns):
    """(owner id, *columns) of the child rows of every record matching `condition`, in child-id order."""
    owner = owner_field.rel_model
    return (
        owner_field.model.select(owner_field, *columns)
        .join(owner, on=(owner_field == owner.id))
        .where(condition)
        .order_by(owner_field.model.id)
        .tuples()
    )


# --- vacancies ----------------------------------------------------------------------------------


def vacancy_rows(condition) -> list[tuple[dict, VacancyRecord]]:
    """(profile dict, record) of every vacancy matching `condition` (on `Vacancy`), by id: 3 queries."""
    skills: dict[int, list] = defaultdict(list)
    for vacancy_id, skill_id, text, importance in _child_rows(
        VacancySkill.vacancy, condition, VacancySkill.skill, VacancySkill.text, VacancySkill.importance
    ):
        skills[vacancy_id].append({"skill_id": skill_id, "text": text, "importance": importance})
    languages: dict[int, dict] = defaultdict(dict)
    for vacancy_id, lang, level in _child_rows(VacancyLanguage.vacancy, condition, VacancyLanguage.lang,
                                               VacancyLanguage.level):
        languages[vacancy_id][lang] = level
    known = labels()
    out = []
    for row in Vacancy.select(*_VACANCY_COLUMNS).where(condition).order_by(Vacancy.id).tuples():
        v = VacancyRecord(*row)
        profile = {
            "id": v.id,
            "title": v.title,
            "occupation_id": v.occupation_id,
            "occupation_uri": v.occupation_uri,
            "occupation_score": v.occupation_score,
            "occupation_source": v.occupation_source,
            "occupation_alternatives": known.alternatives(json.loads(v.occupation_alternatives or "[]")),
            "isco_code": known.isco.get(v.occupation_id),
            "region": v.region,
            "skills": skills.get(v.id, []),
            "languages": languages.get(v.id, {}),
            "min_education_eqf": v.min_education_eqf,
            "min_experience_years": v.min_experience_years,
            "start_date": v.start_date,
            "valid_through": v.valid_through,
            "status": v.status,
            "sponsors_permit": v.sponsors_permit,
            "salary_annual_eur": v.salary_annual_eur,
        }
        out.append((profile, v))
    return out


def vacancies_to_profiles(vacancies: list) -> list[dict]:
    """Plain-value profiles for the matching engine, in the order given (rows or ids)."""
    ids = [getattr(v, "id", v) for v in vacancies]
    found = {p["id"]: p for p, _ in in_chunks(ids, lambda chunk: vacancy_rows(Vacancy.id.in_(chunk)))}
    return [found[i] for i in ids if i in found]


# --- candidates ---------------------------------------------------------------------------------


def _split(value: str) -> list[str]:
    return [part for part in (value or "").split(",") if part]


def _candidate_children(condition) -> tuple[dict, dict, dict, dict]:
    skills: dict[int, list] = defaultdict(list)
    for candidate_id, skill_id, text, years in _child_rows(
        CandidateSkill.candidate, condition, CandidateSkill.skill, CandidateSkill.text, CandidateSkill.years
    ):
        skills[candidate_id].append({"skill_id": skill_id, "text": text, "years": years})
    known = labels()
    experiences: dict[int, list] = defaultdict(list)
    for candidate_id, occupation_id, years, title, score, source, alternatives in _child_rows(
        CandidateExperience.candidate,
        condition,
        CandidateExperience.occupation,
        CandidateExperience.years,
        CandidateExperience.title,
        CandidateExperience.occupation_score,
        CandidateExperience.occupation_source,
        CandidateExperience.occupation_alternatives,
    ):
        experiences[candidate_id].append(
            {
                "occupation_id": occupation_id,
                "isco_code": known.isco.get(occupation_id),
                "years": years,
                "title": title,
                "occupation_score": score,
                "occupation_source": source,
                "occupation_alternatives": known.alternatives(json.loads(alternatives or "[]")),
            }
        )
    languages: dict[int, dict] = defaultdict(dict)
    for candidate_id, lang, level in _child_rows(CandidateLanguage.candidate, condition, CandidateLanguage.lang,
                                                 CandidateLanguage.level):
        languages[candidate_id][lang] = level
    permit_facts = {
        row[0]: dict(zip(_PERMIT_FACT_FIELDS, row[1:], strict=True))
        for row in _child_rows(
            CandidatePermitFacts.candidate, condition, *(getattr(CandidatePermitFacts, f) for f in _PERMIT_FACT_FIELDS)
        )
    }
    return skills, experiences, languages, permit_facts


def candidate_rows(condition) -> list[tuple[dict, CandidateRecord]]:
    """(profile dict, record) of every candidate matching `condition` (on `Candidate`), by id: 5 queries.

    The profile deliberately holds nothing from CandidatePermitFacts; the record keeps those facts
    apart for the permit summaries shown to the candidate's coach."""
    skills, experiences, languages, permit_facts = _candidate_children(condition)
    out = []
    for row in Candidate.select(*_CANDIDATE_COLUMNS).where(condition).order_by(Candidate.id).tuples():
        c = CandidateRecord(*row, permit_facts={})
        facts = {"education_eqf": c.education_eqf, "diploma_recognition": c.diploma_recognition}
        facts.update(permit_facts.get(c.id, {}))
        profile = {
            "id": c.id,
            "skills": skills.get(c.id, []),
            "experiences": experiences.get(c.id, []),
            "languages": languages.get(c.id, {}),
            "education_eqf": c.education_eqf,
            "diploma_recognition": c.diploma_recognition,
            "preferred_regions": _split(c.preferred_regions),
            "available_from": c.available_from,
            "driving_licences": _split(c.driving_licences),
        }
        out.append((profile, c._replace(permit_facts=facts)))
    return out


def candidates_to_profiles(candidates: list) -> list[dict]:
    """Matching-engine profiles, in the order given (rows or ids). Reads nothing into them from
    CandidatePermitFacts."""
    ids = [getattr(c, "id", c) for c in candidates]
    found = {p["id"]: p for p, _ in in_chunks(ids, lambda chunk: candidate_rows(Candidate.id.in_(chunk)))}
    return [found[i] for i in ids if i in found]
