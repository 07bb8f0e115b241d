"""Kept for the modules not yet moved to `services.permits`; the functions are the same."""

from services.permits import *  # noqa: F401,F403
from services.permits import candidate_permit_facts, permit_summaries, shortage_lists_for, snapshot  # noqa: F401
