"""`flask seed`: load every curated data set, in dependency order, idempotently."""

from __future__ import annotations

import importlib

# Each module exposes `load() -> list[str]` (lines to print) and must be safe to run twice.
REFERENCE_LOADERS = ("seed_data.vocabulary", "seed_data.permits", "seed_data.labour_market")
DEMO_LOADERS = ("seed_data.demo",)


def seed_all(include_demo: bool = True) -> list[str]:
    lines = []
    for name in REFERENCE_LOADERS + (DEMO_LOADERS if include_demo else ()):
        lines.extend(importlib.import_module(name).load())
    return lines
