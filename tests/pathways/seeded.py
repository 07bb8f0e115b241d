"""The shipped seed data (curated vocabulary, permit rules, permit and labour-market shortage lists)
as pure engine inputs, read straight from the seed files: no database, so table-driven engine tests
stay fast. Skill and occupation ids are positions in the seed files.
"""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from pathlib import Path

from matching.pathways import Occupation, PathwayMarket
from matching.permits import Snapshot

SEED = Path(__file__).resolve().parents[2] / "seed_data"


def _csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=1)
def vocabulary() -> tuple[dict, dict, list[Occupation]]:
    """({skill URI: id}, {occupation English label: Occupation}, occupations)."""
    skills = json.loads((SEED / "vocabulary" / "skills.json").read_text(encoding="utf-8"))
    skill_id = {s["uri"]: i for i, s in enumerate(skills, start=1)}
    occupations = []
    for i, o in enumerate(json.loads((SEED / "vocabulary" / "occupations.json").read_text(encoding="utf-8")), 1):
        essential = frozenset(skill_id[u] for u in o["essential_skills"])
        occupations.append(
            Occupation(i, o["uri"], o["labels"]["en"]["preferred"], o["isco_code"], essential,
                       frozenset(skill_id[u] for u in o["optional_skills"]) - essential)
        )
    return skill_id, {o.label: o for o in occupations}, occupations


def shortage_lists() -> list[tuple[dict, set]]:
    out = []
    for folder in ("permits", "labour_market"):
        uris: dict[str, set] = {}
        for entry in _csv(SEED / folder / "shortage_list_entries.csv"):
            uris.setdefault(entry["list_name"], set()).update(entry["esco_uris"].split())
        out += [(row, uris.get(row["name"], set())) for row in _csv(SEED / folder / "shortage_lists.csv")]
    return out


@lru_cache(maxsize=1)
def permit_snapshot() -> Snapshot:
    return Snapshot.build(_csv(SEED / "permits" / "permit_rules.csv"), shortage_lists(), version="seed")


def market(demand=(), lists=None) -> PathwayMarket:
    snapshot = permit_snapshot() if lists is None else Snapshot.build([], lists)
    return PathwayMarket(vocabulary()[2], demand, snapshot.all_lists(), version="seed")
