"""Permit reference data (issue 5): work-authorisation rules and shortage-occupation lists as CSV.

`load()` validates the three CSV files in this folder and adds the rows that are missing (rules by
authority, route and valid_from; lists by name; entries by list and official label), all or
nothing, and bumps `CacheVersion("permit_reference")` when something changed. It never undoes an
administrator's edit: existing rows are left as they are, and a shipped row that would overlap an
administrator's row is skipped and reported. Safe to run twice. To apply corrections to existing
rows, use `flask --app wsgi permits import DIR` (a full upsert, same CSV format).
"""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent


def load() -> list[str]:
    from importers.permit_csv import import_csv

    return import_csv(DATA_DIR, update_existing=False, skip_conflicts=True)
