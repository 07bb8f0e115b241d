"""What a match query needs besides the data: the deployment's settings.

`MatchSettings` comes from the application configuration (the HTTP layer reads it; the CLI and
benches build their own).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

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
