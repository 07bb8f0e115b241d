"""What the engine sees of a candidate and a vacancy: plain, frozen values.

There is deliberately no field for nationality, sex, age or birth year, residence situation,
religion, origin or name: what is not in a profile cannot influence a score.
``CandidateProfile.from_mapping`` ignores any such key it is given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .config import CEFR_RANK

# Keys that must never reach the engine; `from_mapping` drops them (and anything else unknown).
PROTECTED_KEYS = frozenset(
    {
        "nationality",
        "sex",
        "gender",
        "age",
        "birth_year",
        "birth_date",
        "residence_situation",
        "religion",
        "origin",
        "ethnicity",
        "name",
        "eu_eea_swiss_citizen",
    }
)


# An occupation the title normaliser also proposed for a title: (ESCO occupation id, ISCO-08 code or
# None, the normaliser's calibrated score). The best hit is the profile's own occupation_id.
Alternative = tuple[int, str | None, float]


@dataclass(frozen=True)
class Experience:
    """A past job: its ESCO occupation (when normalised), ISCO-08 unit group and years.

    ``occupation_score`` is the normaliser's score of that occupation and ``alternatives`` the
    runner-up occupations it proposed for the title, with their scores; an occupation chosen by a
    person (``manual``) carries no alternatives.
    """

    occupation_id: int | None = None
    isco_code: str | None = None
    years: float | None = None
    title: str = ""
    occupation_score: float | None = None
    alternatives: tuple[Alternative, ...] = ()
    manual: bool = False


@dataclass(frozen=True)
class CandidateProfile:
    candidate_id: int | None = None
    skill_ids: tuple[int, ...] = ()
    skill_texts: tuple[str, ...] = ()  # free text that did not normalise to an ESCO skill
    experiences: tuple[Experience, ...] = ()
    languages: tuple[tuple[str, str], ...] = ()  # (ISO 639-1, CEFR level)
    education_eqf: int | None = None
    diploma_recognition: str = "unknown"  # recognised | pending | not_recognised | unknown
    preferred_regions: tuple[str, ...] = ()
    available_from: dt.date | None = None

    @classmethod
    def from_mapping(cls, data: Mapping) -> CandidateProfile:
        """Build from a plain dict (e.g. ``candidate_to_profile``); unknown and protected keys are ignored."""
        skill_ids, texts = [], []
        for item in data.get("skills") or ():
            if isinstance(item, Mapping):
                sid = item.get("skill_id")
                if sid is not None:
                    skill_ids.append(int(sid))
                elif (item.get("text") or "").strip():
                    texts.append(item["text"].strip())
            else:
                skill_ids.append(int(item))
        skill_ids += [int(s) for s in data.get("skill_ids") or ()]
        texts += [t.strip() for t in data.get("skill_texts") or () if t and t.strip()]
        experiences = tuple(
            Experience(
                occupation_id=_int_or_none(e.get("occupation_id")),
                isco_code=_isco(e.get("isco_code")),
                years=_float_or_none(e.get("years")),
                title=e.get("title") or "",
                occupation_score=_float_or_none(e.get("occupation_score")),
                alternatives=_alternatives(e),
                manual=e.get("occupation_source") == "manual",
            )
            for e in data.get("experiences") or ()
        )
        # Past job titles are not added to the free text: every title counts through the title
        # component (whether or not it normalised), so counting it again here would double it.
        return cls(
            candidate_id=_int_or_none(data.get("candidate_id", data.get("id"))),
            skill_ids=tuple(sorted(set(skill_ids))),
            skill_texts=tuple(dict.fromkeys(texts)),
            experiences=experiences,
            languages=_languages(data.get("languages")),
            education_eqf=_int_or_none(data.get("education_eqf")),
            diploma_recognition=data.get("diploma_recognition") or "unknown",
            preferred_regions=_regions(data.get("preferred_regions")),
            available_from=_date(data.get("available_from")),
        )


@dataclass(frozen=True)
class VacancyProfile:
    vacancy_id: int
    title: str = ""
    occupation_id: int | None = None
    isco_code: str | None = None
    occupation_score: float | None = None  # the normaliser's score; None when set by a person
    occupation_alternatives: tuple[Alternative, ...] = ()  # runner-up occupations of the title
    essential_skill_ids: tuple[int, ...] = ()
    optional_skill_ids: tuple[int, ...] = ()
    skill_texts: tuple[str, ...] = ()  # the employer's skill texts that did not normalise
    languages: tuple[tuple[str, str], ...] = ()
    region: str | None = None
    min_education_eqf: int | None = None
    min_experience_years: float | None = None
    start_date: dt.date | None = None
    sponsors_permit: bool = False
    organisation_id: int | None = None
    valid_through: dt.date | None = None  # not ranked after this day

    @classmethod
    def from_mapping(cls, data: Mapping) -> VacancyProfile:
        essential, optional, texts = [], [], []
        for item in data.get("skills") or ():
            sid = item.get("skill_id")
            if sid is None:
                if (item.get("text") or "").strip():
                    texts.append(item["text"].strip())
            elif (item.get("importance") or "essential") == "optional":
                optional.append(int(sid))
            else:
                essential.append(int(sid))
        essential += [int(s) for s in data.get("essential_skill_ids") or ()]
        optional += [int(s) for s in data.get("optional_skill_ids") or ()]
        texts += [t.strip() for t in data.get("skill_texts") or () if t and t.strip()]
        essential_set = set(essential)
        return cls(
            vacancy_id=int(data.get("vacancy_id", data.get("id"))),
            title=data.get("title") or "",
            occupation_id=_int_or_none(data.get("occupation_id")),
            isco_code=_isco(data.get("isco_code")),
            occupation_score=_float_or_none(data.get("occupation_score")),
            occupation_alternatives=_alternatives(data),
            essential_skill_ids=tuple(sorted(essential_set)),
            optional_skill_ids=tuple(sorted(set(optional) - essential_set)),
            skill_texts=tuple(dict.fromkeys(texts)),
            languages=_languages(data.get("languages")),
            region=data.get("region") or None,
            min_education_eqf=_int_or_none(data.get("min_education_eqf")),
            min_experience_years=_float_or_none(data.get("min_experience_years")),
            start_date=_date(data.get("start_date")),
            sponsors_permit=bool(data.get("sponsors_permit")),
            organisation_id=_int_or_none(data.get("organisation_id")),
            valid_through=_date(data.get("valid_through")),
        )


@dataclass(frozen=True)
class Vocabulary:
    """The slice of ESCO the engine needs: ISCO codes and skills of occupations, skill labels.

    ``occupation_skills[occupation_id] = (essential_skill_ids, optional_skill_ids)`` fills in the
    skills of a vacancy that lists none and grades how close two occupations are; ``skill_labels``
    (any language, several joined by " | ") lets free-text candidate skills be compared with ESCO
    skills by text similarity.
    """

    occupation_isco: Mapping[int, str] = field(default_factory=dict)
    occupation_skills: Mapping[int, tuple[tuple[int, ...], tuple[int, ...]]] = field(default_factory=dict)
    skill_labels: Mapping[int, str] = field(default_factory=dict)
    version: str = ""
    # ESCO occupation codes (ESCO >= 1.1, e.g. "7212.3.1" is a narrower occupation of "7212.3"):
    # the ESCO hierarchy below the ISCO unit group, used for the graded occupation proximity.
    occupation_codes: Mapping[int, str] = field(default_factory=dict)


def effective_skills(vacancy: VacancyProfile, vocabulary: Vocabulary) -> tuple[tuple[int, ...], tuple[int, ...], bool]:
    """The vacancy's (essential, optional) skills, from its ESCO occupation when it lists none.

    The third value says whether the occupation's skills were used.
    """
    if vacancy.essential_skill_ids or vacancy.optional_skill_ids or vacancy.occupation_id is None:
        return vacancy.essential_skill_ids, vacancy.optional_skill_ids, False
    essential, optional = vocabulary.occupation_skills.get(vacancy.occupation_id, ((), ()))
    essential = tuple(sorted(set(essential)))
    optional = tuple(sorted(set(optional) - set(essential)))
    return essential, optional, bool(essential or optional)


def isco_of(occupation_id: int | None, isco_code: str | None, vocabulary: Vocabulary) -> str | None:
    if isco_code:
        return isco_code
    if occupation_id is not None:
        return _isco(vocabulary.occupation_isco.get(occupation_id))
    return None


def cefr_rank(level: str | None) -> int:
    return CEFR_RANK.get((level or "").upper()[:2], 0)


def _alternatives(data: Mapping) -> tuple[Alternative, ...]:
    """Runner-up occupations of a title, as (occupation_id, isco_code, score).

    None when the occupation was set by a person (``occupation_source == "manual"``) or when there
    is no best occupation at all (the title did not normalise: its hits are noise). Items are
    mappings with ``occupation_id``, ``isco_code`` and ``score`` (or such tuples); the best
    occupation itself, items without id or score, and repeats are skipped.
    """
    if data.get("occupation_source") == "manual" or data.get("occupation_id") in (None, ""):
        return ()
    best = int(data["occupation_id"])
    found: dict[int, Alternative] = {}
    for item in data.get("occupation_alternatives") or ():
        if isinstance(item, Mapping):
            occ, isco, score = item.get("occupation_id"), item.get("isco_code"), item.get("score")
        else:
            occ, isco, score = item
        if occ in (None, "") or score in (None, "") or int(occ) == best or int(occ) in found:
            continue
        found[int(occ)] = (int(occ), _isco(isco), float(score))
    return tuple(found.values())


def _languages(items) -> tuple[tuple[str, str], ...]:
    found = {}
    if isinstance(items, Mapping):  # {"nl": "B1", ...}
        items = list(items.items())
    for item in items or ():
        lang, level = (item.get("lang"), item.get("level")) if isinstance(item, Mapping) else item
        if lang and cefr_rank(level):
            lang = lang.lower()[:2]
            if cefr_rank(level) > cefr_rank(found.get(lang)):
                found[lang] = level.upper()[:2]
    return tuple(sorted(found.items()))


def _regions(value) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        value = value.split(",")
    return tuple(sorted({v.strip() for v in value if v and v.strip()}))


def _isco(value) -> str | None:
    text = str(value or "").strip()
    return text if text.isdigit() else None


def _int_or_none(value) -> int | None:
    return None if value is None or value == "" else int(value)


def _float_or_none(value) -> float | None:
    return None if value is None or value == "" else float(value)


def _date(value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def iter_unique(values: Iterable) -> list:
    return list(dict.fromkeys(values))
