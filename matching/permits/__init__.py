"""Permit-route assessment: a pure rule engine over a reference-data snapshot (no flask, no peewee)."""

from .data import AUTHORITIES, ROUTE_ORDER, RULE_ROUTES, Membership, Rule, ShortageListData, Snapshot  # noqa: F401
from .engine import (  # noqa: F401
    CandidateFacts,
    InvalidFacts,
    VacancyFacts,
    assess,
    evaluate,
    salary_band,
    summarise,
    under_30,
    verdict_of,
)
from .texts import LANGUAGES  # noqa: F401
