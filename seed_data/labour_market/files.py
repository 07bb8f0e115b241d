"""The shipped permit rules and shortage lists (permit and labour-market ones) read straight from
the seed CSV files, without a database: for engine tests and benchmarks."""

from __future__ import annotations

import csv
from pathlib import Path

from matching.permits import Snapshot

SEED = Path(__file__).resolve().parents[1]
LIST_FOLDERS = ("permits", "labour_market")


def _csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def shipped_lists() -> list[tuple[dict, set]]:
    """(list row, (URI, valid_from, valid_to) of its entries) for every shipped list."""
    out = []
    for folder in LIST_FOLDERS:
        uris: dict[str, set] = {}
        for entry in _csv(SEED / folder / "shortage_list_entries.csv"):
            dates = (entry.get("valid_from") or None, entry.get("valid_to") or None)
            uris.setdefault(entry["list_name"], set()).update((uri, *dates) for uri in entry["esco_uris"].split())
        out += [(row, uris.get(row["name"], set())) for row in _csv(SEED / folder / "shortage_lists.csv")]
    return out


def shipped_snapshot() -> Snapshot:
    """The permit engine's snapshot of the shipped rules and lists."""
    return Snapshot.build(_csv(SEED / "permits" / "permit_rules.csv"), shipped_lists(), version="seed-files")


def shipped_occupations() -> list:
    """The curated vocabulary's occupations as ``matching.pathways.Occupation`` values; skill and
    occupation ids are positions (from 1) in skills.json and occupations.json."""
    import json

    from matching.pathways import Occupation

    vocabulary = SEED / "vocabulary"
    skills = json.loads((vocabulary / "skills.json").read_text(encoding="utf-8"))
    skill_id = {s["uri"]: i for i, s in enumerate(skills, start=1)}
    out = []
    for i, o in enumerate(json.loads((vocabulary / "occupations.json").read_text(encoding="utf-8")), start=1):
        essential = frozenset(skill_id[u] for u in o["essential_skills"])
        optional = frozenset(skill_id[u] for u in o["optional_skills"]) - essential
        out.append(Occupation(i, o["uri"], o["labels"]["en"]["preferred"], o["isco_code"], essential, optional))
    return out
