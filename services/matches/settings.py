"""What a match query needs besides the data: the deployment's settings and the collaborating services.

`MatchSettings` comes from the application configuration (the HTTP layer reads it; the CLI and
benches build their own). `Collaborators` are functions of modules that live outside `services/`
until their own move (issue 14: taxonomy, permits, vacancy access); the HTTP layer wires them once
(`api/matches/__init__.py`). When those modules are in `services/`, each becomes a plain import.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from matching.engine import MatchConfig

DEFAULT_EVENT_THRESHOLD = 60.0
DEFAULT_EVENT_MIN_CHANGE = 5.0
DEFAULT_EVENT_MAX_PER_CANDIDATE = 50


@dataclass(frozen=True)
class MatchSettings:
    """Weights and match-feed thresholds of the deployment, and the key of employers' references."""

    config: MatchConfig
    reference_secret: bytes = b""
    event_threshold: float = DEFAULT_EVENT_THRESHOLD
    event_min_change: float = DEFAULT_EVENT_MIN_CHANGE
    event_max_per_candidate: int = DEFAULT_EVENT_MAX_PER_CANDIDATE

    @classmethod
    def from_mapping(cls, config: Mapping, reference_secret: bytes = b"") -> MatchSettings:
        """From configuration keys MATCH_WEIGHTS and MATCH_EVENT_* (absent keys take the defaults)."""
        try:
            weights = MatchConfig.from_mapping(config.get("MATCH_WEIGHTS"))
        except ValueError as exc:  # a deployment error: refuse to rank with weights nobody chose
            raise RuntimeError(f"invalid MATCH_WEIGHTS configuration: {exc}") from exc
        return cls(
            config=weights,
            reference_secret=reference_secret,
            event_threshold=float(config.get("MATCH_EVENT_THRESHOLD", DEFAULT_EVENT_THRESHOLD)),
            event_min_change=float(config.get("MATCH_EVENT_MIN_CHANGE", DEFAULT_EVENT_MIN_CHANGE)),
            event_max_per_candidate=int(config.get("MATCH_EVENT_MAX_PER_CANDIDATE", DEFAULT_EVENT_MAX_PER_CANDIDATE)),
        )


@dataclass(frozen=True)
class Collaborators:
    """Functions of the taxonomy, permit and vacancy modules that matching and pathways call."""

    vocabulary_version: Callable[[], str]
    permit_snapshot: Callable[[], Any]  # -> the current matching.permits.Snapshot
    vacancy_permit_facts: Callable[[Any], dict]  # a vacancy (row or record) -> its permit facts
    visible_vacancy: Callable[[Any, int], Any]  # (actor, id) -> Vacancy row, else NotFoundError
    search_skills: Callable[[str, str | None, int], list[dict]]
    skill_min_confidence: Callable[[], float]
    normalise_occupation: Callable[[str, str | None], dict]


_wired: list[Collaborators] = []


def wire(collaborators: Collaborators) -> None:
    """Called once by the HTTP layer at import time (and by tools that use the services alone)."""
    _wired[:] = [collaborators]


def collaborators() -> Collaborators:
    if not _wired:
        raise RuntimeError("services.matches is not wired: import api (or call settings.wire) first")
    return _wired[0]
