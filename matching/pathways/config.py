"""Weights and constants of the reach score, in one documented, immutable place (docs/pathways.md).

The reach of a person towards a shortage occupation in a region is
``100 × sum(w_i × c_i) / sum(w_i)`` over the components ``c_i`` in [0, 1] that apply: ``skills``
applies only when the vocabulary knows the occupation's skills (the curated seed does; an imported
ESCO without its skill relations may not).
"""

from __future__ import annotations

from dataclasses import dataclass

from core.matching import PATHWAY_COMPONENTS

from ..engine.config import CEFR_LEVELS, CEFR_RANK  # noqa: F401  (re-exported for the pathways modules)

# Bump when a formula, a weight or a constant changes: it is stored with every audit record.
PATHWAYS_VERSION = "pathways-1.0.0"

COMPONENTS = PATHWAY_COMPONENTS

# The working language(s) of each region's labour market; in Brussels either French or Dutch will do.
REGION_LANGUAGES = {
    "flanders": ("nl",),
    "brussels": ("fr", "nl"),
    "wallonia": ("fr",),
    "german_speaking": ("de",),
}
# Column order of the language arrays; on a tie (Brussels) the first one is reported.
LANGUAGES = ("fr", "nl", "de")


@dataclass(frozen=True)
class PathwayConfig:
    """Component weights and constants.

    Parameters
    ----------
    proximity, skills, language, education, recognition
        Component weights (relative; they need not sum to 1).
    same_occupation, same_unit_group, same_minor_group, same_sub_major_group
        Proximity of a past job to the occupation by the ISCO-08 hierarchy: the same ESCO
        occupation, the same unit group (4 digits), minor group (3), sub-major group (2).
    shared_skills_cap
        Proximity through shared essential skills: the share of the occupation's essential skills
        that the past job's occupation also requires, times this cap (a past job never counts as
        the same occupation through its skills alone).
    essential_share
        Within the skills component, the weight of the essential skills held (the rest: optional).
    language_one_level_short, language_two_levels_short
        Language credit when the person's CEFR level is one or two levels under the level needed.
    education_one_level_short, education_unknown
        Education credit one EQF level short, and when the person's level is unknown.
    recognition_credit
        Credit of the diploma recognition status, when the pathway needs a diploma (EQF ≥ 3).
    default_language_level
        Level of the region's language needed when too few open vacancies of the occupation in the
        region state one (fewer than ``min_evidence``).
    min_evidence
        Open vacancies that must state a language level or an EQF level before their median is used.
    min_salary_sample
        Open vacancies with a salary that the permit outlook needs; with fewer it answers ``unknown``.
    reach_threshold
        Reach from which the overview counts an occupation as within a person's reach.
    """

    proximity: float = 0.35
    skills: float = 0.30
    language: float = 0.15
    education: float = 0.10
    recognition: float = 0.10

    same_occupation: float = 1.0
    same_unit_group: float = 0.75
    same_minor_group: float = 0.5
    same_sub_major_group: float = 0.25
    shared_skills_cap: float = 0.7
    essential_share: float = 0.8

    language_one_level_short: float = 0.6
    language_two_levels_short: float = 0.3
    education_one_level_short: float = 0.5
    education_unknown: float = 0.5
    recognition_recognised: float = 1.0
    recognition_pending: float = 0.7
    recognition_unknown: float = 0.5
    recognition_not_recognised: float = 0.3

    default_language_level: str = "B1"
    min_evidence: int = 3
    min_salary_sample: int = 5
    reach_threshold: float = 60.0

    def weight(self, component: str) -> float:
        return float(getattr(self, component))

    def recognition_credit(self, status: str | None) -> float:
        return {
            "recognised": self.recognition_recognised,
            "pending": self.recognition_pending,
            "not_recognised": self.recognition_not_recognised,
        }.get(status or "unknown", self.recognition_unknown)
