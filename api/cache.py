"""Kept for the modules not yet moved to `services.cache`; the registry is the same."""

from services.cache import clear_all, register_cache

__all__ = ["clear_all", "register_cache"]
