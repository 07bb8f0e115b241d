"""Kept for the modules not yet moved to `services.permits`; the functions are the same."""

from services.permits import *  # noqa: F401,F403
