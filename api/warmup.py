"""Build the per-process indexes before a worker takes its first request.

Without this, the first search or match request of each gunicorn worker pays for building the
occupation/skill search indexes and the vacancy index (seconds with the seed vocabulary, 20 s or
more at national scale). Later changes are still picked up per request through the cache counters.
"""

from __future__ import annotations

import logging
import time

from models.base import db

log = logging.getLogger(__name__)


def warm_up(app) -> float:
    """Build the search and match indexes inside `app`; return the seconds it took."""

    from api.matches.wiring import match_settings
    from services.matches import candidate_state, current_index
    from services.taxonomy import occupation_index, skill_index

    started = time.perf_counter()
    with app.app_context(), db.connection_context():
        occupation_index.get()
        skill_index.get()
        current_index(match_settings().config)
        candidate_state()
    return time.perf_counter() - started
