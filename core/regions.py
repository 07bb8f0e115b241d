"""Belgium's regions as Knelpunt names them, and postcode → competent region for work authorisation.

The table is data (`seed_data/reference/postcode_regions.csv`); the narrowest matching range wins,
so the nine German-speaking municipalities override the Liège province range they sit in. A range
holds codes that no municipality uses (1234 lies in Brussels' 1000-1299), so a postcode must also be
in `seed_data/reference/postcodes.csv`, Statbel's list of postcodes and the municipalities (NIS
codes) they serve (built by seed_data/reference/tools/build_postcodes.py).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

REGIONS = ("flanders", "brussels", "wallonia", "german_speaking")
DEFAULT_TABLE = Path(__file__).resolve().parent.parent / "seed_data" / "reference" / "postcode_regions.csv"
DEFAULT_POSTCODES = DEFAULT_TABLE.with_name("postcodes.csv")
_POSTCODE = re.compile(r"^\d{4}$")
# The nine municipalities of the German-speaking Community (NIS codes, province of Liège): Amel,
# Büllingen, Bütgenbach, Eupen, Kelmis, Lontzen, Raeren, Sankt Vith, Burg-Reuland.
GERMAN_SPEAKING_NIS = frozenset({"63001", "63012", "63013", "63023", "63040", "63048", "63061", "63067", "63087"})


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


@lru_cache(maxsize=4)
def load_postcodes(path: str | Path = DEFAULT_POSTCODES) -> dict[str, tuple[str, ...]]:
    """Every Belgian postcode → the NIS codes of the municipalities it serves (read once per process)."""
    with open(path, newline="", encoding="utf-8") as handle:
        return {row["postcode"]: tuple(row["nis_codes"].split()) for row in csv.DictReader(handle)}


def region_of_nis(nis_code: str) -> str:
    """The region of a municipality from its NIS code: the first digits name the province."""
    if nis_code in GERMAN_SPEAKING_NIS:
        return "german_speaking"
    if nis_code.startswith("21"):
        return "brussels"
    if nis_code.startswith(("23", "24")):  # Flemish Brabant (Halle-Vilvoorde, Leuven)
        return "flanders"
    if nis_code.startswith("25"):  # Walloon Brabant (Nivelles)
        return "wallonia"
    return "flanders" if nis_code[0] in "1347" else "wallonia"


def range_disagreements(
    postcodes: Mapping[str, Iterable[str]], table: tuple[PostcodeRange, ...] | None = None
) -> list[str]:
    """Where the list of postcodes and the ranges disagree: a postcode outside every range, or one
    whose municipality's region (from its NIS code) is not the region of its range."""
    problems = []
    for postcode, nis_codes in sorted(postcodes.items()):
        try:
            entry = _range_of(postcode, table or load_table())
        except InvalidPostcode:
            problems.append(f"{postcode}: in no range of postcode_regions.csv")
            continue
        for nis_code in nis_codes:
            if region_of_nis(nis_code) != entry.region:
                problems.append(
                    f"{postcode}: NIS {nis_code} is in {region_of_nis(nis_code)}, its range "
                    f"{entry.start}-{entry.end} ({entry.area}) in {entry.region}"
                )
    return problems


def _range_of(text: str, table: tuple[PostcodeRange, ...]) -> PostcodeRange:
    if not _POSTCODE.match(text):
        raise InvalidPostcode(f"'{text}' is not a Belgian postcode (four digits, 1000-9999).")
    number = int(text)
    for entry in table:
        if entry.start <= number <= entry.end:
            return entry
    raise InvalidPostcode(f"'{text}' is not a Belgian postcode (four digits, 1000-9999).")


def lookup_postcode(postcode: str, table: tuple[PostcodeRange, ...] | None = None) -> PostcodeRange:
    """Return the range (region, area) of a Belgian postcode; raise InvalidPostcode when it is not
    four digits in a range, or when no municipality uses it."""
    text = str(postcode).strip()
    entry = _range_of(text, table or load_table())
    if text not in load_postcodes():
        raise InvalidPostcode(f"{text} is not a Belgian postcode (no municipality has it in Statbel's list).")
    return entry


def region_for_postcode(postcode: str) -> str:
    return lookup_postcode(postcode).region
