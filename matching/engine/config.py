"""Weights and constants of the match score, in one documented, immutable place.

The score of a (candidate, vacancy) pair is ``sum(w_i * c_i) / sum(w_i)`` over the components
``c_i`` in [0, 1] that apply to the pair (the text component applies only when the candidate has
free-text skills that did not normalise to ESCO). Every constant here is explained in
``docs/matching.md``; an application overrides them with ``MATCH_WEIGHTS = {"essential_skills": 0.4}``
in its configuration (see :func:`MatchConfig.from_mapping`).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from dataclasses import dataclass

from core.matching import MATCH_COMPONENTS
from core.vacancies import CEFR_LEVELS

# Bump when a formula or a default weight changes: it is stored with every result and audit record.
ENGINE_VERSION = "match-1.2.0"

COMPONENTS = MATCH_COMPONENTS

# Components that apply only when the candidate has the input (past job titles, free-text skills);
# otherwise they are reported as null and their weight is left out.
OPTIONAL_COMPONENTS = ("title", "text")

CEFR_RANK = {level: rank for rank, level in enumerate(CEFR_LEVELS, start=1)}


@dataclass(frozen=True)
class MatchConfig:
    """Weights (relative, they need not sum to 1) and the constants of each component.

    Parameters
    ----------
    occupation, title, essential_skills, optional_skills, languages, education, location, availability, text
        Component weights.
    same_occupation, same_unit_group, same_minor_group, same_sub_major_group
        Occupation fit by the closest match between a past job and the vacancy's occupation:
        the same ESCO occupation, the same ISCO-08 unit group (4 digits), minor group (3 digits),
        sub-major group (2 digits).
    sibling_occupation, shared_skills_min, shared_skills_min_count
        Graded proximity beyond the code prefix (:func:`.proximity.occupation_proximity`): an
        occupation of the same ISCO unit group that is a narrower/broader variant in the ESCO
        hierarchy, or whose essential skills the past occupation covers for at least
        ``shared_skills_min`` (of at least ``shared_skills_min_count`` essential skills), is a
        *sibling* worth ``sibling_occupation``; an occupation of another group whose essential
        skills are covered that much counts ``same_unit_group × the share covered``.
    alternative_weight, max_alternatives
        The title normaliser's best occupation for a past job or a vacancy title counts fully (as
        does an occupation chosen by a person). Up to ``max_alternatives`` runner-up occupations it
        proposed count too, each with the confidence weight ``alternative_weight × (its score ÷ the
        best score)`` (at most ``alternative_weight`` < 1): the fit of a pair of occupations is the
        hierarchy value times the confidence weights of both sides.
    experience_floor, experience_saturation_years
        Years in that occupation scale the fit from ``experience_floor`` (no or unknown years) to 1
        at ``experience_saturation_years`` (or the vacancy's minimum experience when it states one).
    language_one_level_short
        Credit for a language one CEFR level below the requirement (met = 1, further below = 0).
    education_one_level_short, education_pending, education_not_recognised
        Education fit when one EQF level short, or when the level is met by a diploma whose
        recognition in Belgium is pending or refused (reported in the explanation, never silently met).
    neutral
        Value of a component when the candidate did not give the information (unknown education level,
        no preferred region, no availability date): the same for every vacancy, so it neither helps nor
        hurts one vacancy against another.
    availability_grace_days
        Availability falls linearly from 1 (available by the start date) to 0 this many days late.
    text_min_similarity
        Character n-gram cosine below which a free-text skill is not counted as resembling an ESCO skill.
    """

    occupation: float = 0.25
    title: float = 0.30
    essential_skills: float = 0.30
    optional_skills: float = 0.08
    languages: float = 0.12
    education: float = 0.07
    location: float = 0.08
    availability: float = 0.05
    text: float = 0.05

    same_occupation: float = 1.0
    same_unit_group: float = 0.75
    same_minor_group: float = 0.5
    same_sub_major_group: float = 0.25
    sibling_occupation: float = 0.9
    shared_skills_min: float = 0.5
    shared_skills_min_count: int = 3
    alternative_weight: float = 0.8
    max_alternatives: int = 3
    experience_floor: float = 0.6
    experience_saturation_years: float = 3.0

    language_one_level_short: float = 0.5
    education_one_level_short: float = 0.5
    education_pending: float = 0.75
    education_not_recognised: float = 0.5
    neutral: float = 0.5
    availability_grace_days: float = 90.0
    text_min_similarity: float = 0.35

    def __post_init__(self):
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if not isinstance(value, int | float) or value < 0:
                raise ValueError(f"match configuration '{field.name}' must be a number >= 0, not {value!r}")
        if sum(self.weight(name) for name in COMPONENTS if name not in OPTIONAL_COMPONENTS) <= 0:
            raise ValueError("at least one match component weight must be positive")
        if not self.same_unit_group <= self.sibling_occupation <= self.same_occupation:
            raise ValueError("sibling_occupation must lie between same_unit_group and same_occupation")
        if self.shared_skills_min > 1:
            raise ValueError("shared_skills_min is a share: at most 1")
        if self.alternative_weight >= 1:
            raise ValueError("alternative_weight must be below 1: an alternative never counts like the best hit")
        if self.experience_saturation_years <= 0 or self.availability_grace_days <= 0:
            raise ValueError("experience_saturation_years and availability_grace_days must be positive")

    def weight(self, component: str) -> float:
        return float(getattr(self, component))

    @functools.cached_property
    def component_weights(self) -> tuple[tuple[str, float], ...]:
        """(component, weight) in the order of ``COMPONENTS`` (the order the score adds them up)."""
        return tuple((name, self.weight(name)) for name in COMPONENTS)

    def level_weights(self) -> tuple[float, float, float, float]:
        return (self.same_occupation, self.same_unit_group, self.same_minor_group, self.same_sub_major_group)

    @classmethod
    def from_mapping(cls, overrides: Mapping | None) -> MatchConfig:
        """Defaults overridden by a mapping (e.g. the app's ``MATCH_WEIGHTS``); unknown keys are an error."""
        overrides = dict(overrides or {})
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(overrides) - known)
        if unknown:
            raise ValueError(f"unknown match configuration keys: {', '.join(unknown)}")
        return cls(**overrides)

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)
