"""Belgian postcode → competent region for work authorisation.

The table is data (`seed_data/reference/postcode_regions.csv`); the narrowest matching range wins,
so the nine German-speaking municipalities override the Liège province range they sit in.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

REGIONS = ("flanders", "brussels", "wallonia", "german_speaking")
DEFAULT_TABLE = Path(__file__).resolve().parent.parent / "seed_data" / "reference" / "postcode_regions.csv"
_POSTCODE = re.compile(r"^\d{4}$")


class InvalidPostcode(ValueError):
    pass


@dataclass(frozen=True)
class PostcodeRange:
    start: int
    end: int
    region: str
    area: str


@lru_cache(maxsize=4)
def load_table(path: str | Path = DEFAULT_TABLE) -> tuple[PostcodeRange, ...]:
    with open(path, newline="", encoding="utf-8") as handle:
        rows = [
            PostcodeRange(int(r["postcode_from"]), int(r["postcode_to"]), r["region"], r["area"])
            for r in csv.DictReader(handle)
        ]
    unknown = {r.region for r in rows} - set(REGIONS)
    if unknown:
        raise ValueError(f"unknown regions in {path}: {sorted(unknown)}")
    # Narrowest range first, so that a specific municipality beats its province.
    return tuple(sorted(rows, key=lambda r: (r.end - r.start, r.start)))


def lookup_postcode(postcode: str, table: tuple[PostcodeRange, ...] | None = None) -> PostcodeRange:
    """Return the range (region, area) of a Belgian postcode; raise InvalidPostcode otherwise."""
    text = str(postcode).strip()
    if not _POSTCODE.match(text):
        raise InvalidPostcode(f"'{postcode}' is not a Belgian postcode (four digits, 1000-9999).")
    number = int(text)
    for entry in table or load_table():
        if entry.start <= number <= entry.end:
            return entry
    raise InvalidPostcode(f"'{postcode}' is not a Belgian postcode (four digits, 1000-9999).")


def region_for_postcode(postcode: str) -> str:
    return lookup_postcode(postcode).region
