"""Tiny record type for the hand-written occupation tables."""

from __future__ import annotations

from typing import NamedTuple


class Occupation(NamedTuple):
    key: str  # ESCO occupation uuid (or a unique prefix of it)
    en: str  # "preferred; alt; alt; ..."
    nl: str
    fr: str
    de: str
    essential: str  # space-separated skill keys
    optional: str = ""
    description: str = ""
