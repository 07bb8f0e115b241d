"""What the pathways engine sees: a person, occupations, and the demand for them (plain frozen values).

There is deliberately no field for nationality, origin, sex, age or birth year, residence situation
or religion in ``Person``: what is not in it cannot change a reach score. ``Person.from_profile``
ignores any such key. Permit facts (``matching.permits.CandidateFacts``) are passed separately and
only ever reach the permit outlook.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .config import CEFR_RANK


@dataclass(frozen=True)
class Person:
    skill_ids: frozenset[int] = frozenset()
    past_occupation_ids: tuple[int, ...] = ()  # ESCO occupations of past jobs (normalised titles)
    languages: tuple[tuple[str, str], ...] = ()  # (ISO 639-1, CEFR level)
    education_eqf: int | None = None
    diploma_recognition: str = "unknown"
    preferred_regions: tuple[str, ...] = ()

    @classmethod
    def from_profile(cls, profile: Mapping) -> Person:
        """From ``services.candidates.candidates_to_profiles`` dicts; other keys are ignored."""
        skills = [s.get("skill_id") if isinstance(s, Mapping) else s for s in profile.get("skills") or ()]
        jobs = [e.get("occupation_id") for e in profile.get("experiences") or ()]
        languages = profile.get("languages") or {}
        if isinstance(languages, Mapping):
            languages = languages.items()
        return cls(
            skill_ids=frozenset(int(s) for s in skills if s is not None),
            past_occupation_ids=tuple(dict.fromkeys(int(j) for j in jobs if j is not None)),
            languages=tuple(sorted((str(k), str(v).upper()) for k, v in languages if str(v).upper() in CEFR_RANK)),
            education_eqf=profile.get("education_eqf"),
            diploma_recognition=profile.get("diploma_recognition") or "unknown",
            preferred_regions=tuple(profile.get("preferred_regions") or ()),
        )

    def level(self, lang: str) -> int:
        """CEFR rank (A1 = 1 … C2 = 6) of a language, 0 when not spoken."""
        return max((CEFR_RANK[level] for code, level in self.languages if code == lang), default=0)


@dataclass(frozen=True)
class Occupation:
    occupation_id: int
    uri: str
    label: str  # English preferred label: the last tie-break of the ranking
    isco_code: str | None = None
    essential_skill_ids: frozenset[int] = frozenset()
    optional_skill_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Demand:
    """Open vacancies of one occupation in one region, reduced to what pathways need."""

    occupation_id: int
    region: str
    open_vacancies: int
    annual_salaries: tuple[float, ...] = ()  # of the open vacancies that state one
    language_levels: Mapping[str, tuple[int, ...]] = field(default_factory=dict)  # lang -> CEFR ranks stated
    min_eqfs: tuple[int, ...] = ()  # minimum EQF levels stated (0 = none required)

    @classmethod
    def from_vacancies(cls, occupation_id: int, region: str, vacancies: Iterable[Mapping]) -> Demand:
        """From rows with ``salary_annual_eur``, ``min_education_eqf`` and ``languages`` ({lang: level})."""
        count, salaries, eqfs, levels = 0, [], [], {}
        for vacancy in vacancies:
            count += 1
            if vacancy.get("salary_annual_eur"):
                salaries.append(float(vacancy["salary_annual_eur"]))
            if vacancy.get("min_education_eqf") is not None:
                eqfs.append(int(vacancy["min_education_eqf"]))
            for lang, level in (vacancy.get("languages") or {}).items():
                if level in CEFR_RANK:
                    levels.setdefault(lang, []).append(CEFR_RANK[level])
        return cls(
            occupation_id,
            region,
            count,
            tuple(sorted(salaries)),
            {k: tuple(sorted(v)) for k, v in levels.items()},
            tuple(sorted(eqfs)),
        )

    @classmethod
    def from_counts(
        cls,
        occupation_id: int,
        region: str,
        open_vacancies: int,
        annual_salaries: Iterable[float] = (),
        language_counts: Mapping[str, Mapping[str, int]] | None = None,
        eqf_counts: Mapping[int, int] | None = None,
    ) -> Demand:
        """From aggregates: {lang: {CEFR level: vacancies}} and {minimum EQF: vacancies}."""
        levels = {
            lang: tuple(sorted(CEFR_RANK[level] for level, n in counts.items() if level in CEFR_RANK for _ in range(n)))
            for lang, counts in (language_counts or {}).items()
        }
        eqfs = tuple(sorted(int(eqf) for eqf, n in (eqf_counts or {}).items() for _ in range(n)))
        return cls(occupation_id, region, open_vacancies, tuple(sorted(float(s) for s in annual_salaries)),
                   {k: v for k, v in levels.items() if v}, eqfs)

    # The value tuples are sorted once, at construction: a median is then one or two lookups.

    def median_salary(self, min_sample: int) -> float | None:
        values = self.annual_salaries
        if len(values) < min_sample or not values:
            return None
        middle = len(values) // 2
        return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2

    def language_need(self, lang: str, min_evidence: int) -> int | None:
        """The lower median CEFR rank stated for ``lang``, or None with too little evidence."""
        ranks = self.language_levels.get(lang, ())
        return ranks[(len(ranks) - 1) // 2] if ranks and len(ranks) >= min_evidence else None

    def eqf_need(self, min_evidence: int) -> int | None:
        values = self.min_eqfs
        return values[(len(values) - 1) // 2] if values and len(values) >= min_evidence else None
