"""Permit reference data (issue 5): work-authorisation rules and shortage-occupation lists as CSV.

`load()` validates the three CSV files in this folder and upserts them (rules by authority, route
and valid_from; lists by name; entries by list and official label), all or nothing, and bumps
`CacheVersion("permit_reference")` when something changed. Safe to run twice. The same format is
read and written by `flask --app wsgi permits import|export DIR`.
"""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent


def load() -> list[str]:
    from api.permits.service import import_csv

    return import_csv(DATA_DIR)
