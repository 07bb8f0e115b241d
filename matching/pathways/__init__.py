"""Pathways (issue 15): which shortage occupations are within a person's reach, and what it takes.

Pure Python (numpy/scipy; no Flask, no peewee). See ``docs/pathways.md`` for the reach score, its
weights, what is never used and the limits of the data.
"""

from .config import COMPONENTS, PATHWAYS_VERSION, REGION_LANGUAGES, PathwayConfig
from .data import Demand, Occupation, Person
from .engine import describe, rank_pathways, render
from .market import DayView, PathwayMarket
from .overview import overview

__all__ = [
    "COMPONENTS",
    "PATHWAYS_VERSION",
    "REGION_LANGUAGES",
    "DayView",
    "Demand",
    "Occupation",
    "PathwayConfig",
    "PathwayMarket",
    "Person",
    "describe",
    "overview",
    "rank_pathways",
    "render",
]
