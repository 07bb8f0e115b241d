"""The matching engine: profiles in, ranked and explained matches out (no Flask, no peewee).

>>> index = VacancyIndex(vacancy_profiles, vocabulary)           # built once per process
>>> page = index.rank(candidate_profile, as_of=date.today(), top_k=20)
>>> index.upsert(changed_vacancy_profile); index.remove(closed_vacancy_id)

See ``docs/matching.md`` for the score, its weights and what is never used.
"""

from .candidates import CandidatePool
from .config import COMPONENTS, ENGINE_VERSION, MatchConfig
from .explain import explain
from .index import MatchFilters, RankedPage, VacancyIndex, top_k_order
from .profiles import PROTECTED_KEYS, CandidateProfile, Experience, VacancyProfile, Vocabulary
from .proximity import Proximity, ProximityTable, occupation_proximity
from .scoring import LanguageGap, MatchResult, prepare_candidate, score_pair

__all__ = [
    "COMPONENTS",
    "ENGINE_VERSION",
    "PROTECTED_KEYS",
    "CandidatePool",
    "CandidateProfile",
    "Experience",
    "LanguageGap",
    "MatchConfig",
    "MatchFilters",
    "MatchResult",
    "Proximity",
    "ProximityTable",
    "RankedPage",
    "VacancyIndex",
    "VacancyProfile",
    "Vocabulary",
    "explain",
    "occupation_proximity",
    "prepare_candidate",
    "score_pair",
    "top_k_order",
]
