"""General labour-market shortage lists (issue 15): VDAB, Actiris, Le Forem and ADG, as dated CSV.

These are the public employment services' lists of hard-to-fill occupations (purpose
`labour_market`): a demand signal for pathways, never a permit waiver. Same CSV format and same
loader as `seed_data/permits` (`importers.permit_csv.import_csv`): it only adds the rows that are
missing and never undoes an administrator's edit. `tools/build.py` regenerates the CSV from
`../shared/domain/shortage-lists-2026-research.csv` (every row keeps its source URL).
"""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent


def load() -> list[str]:
    from importers.permit_csv import import_csv

    return import_csv(DATA_DIR, update_existing=False, skip_conflicts=True)
