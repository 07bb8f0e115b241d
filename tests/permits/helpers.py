"""Helpers for the permit tests (no database): snapshots and facts builders."""

from __future__ import annotations

import csv
import datetime as dt
import functools
from pathlib import Path

from matching.permits import Snapshot, assess

SEED_DIR = Path(__file__).resolve().parents[2] / "seed_data" / "permits"
OCC = "http://data.europa.eu/esco/occupation/"
BRICKLAYER = OCC + "05f321f8-055b-407d-bf19-e0ddabda56b7"


def D(text: str) -> dt.date:  # noqa: N802 (reads like a literal)
    return dt.date.fromisoformat(text)


def read_rows(name: str) -> list[dict]:
    with open(SEED_DIR / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def shipped_snapshot() -> Snapshot:
    """The shipped reference data (seed_data/permits), as the engine sees it after `flask seed`."""
    rules = read_rows("permit_rules.csv")
    lists = read_rows("shortage_lists.csv")
    entries = read_rows("shortage_list_entries.csv")
    pairs = [
        (
            lst,
            [
                (u, e.get("valid_from"), e.get("valid_to"))  # dated membership (issue 11)
                for e in entries
                if e["list_name"] == lst["name"]
                for u in e["esco_uris"].split()
            ],
        )
        for lst in lists
    ]
    return Snapshot.build(rules, pairs, version="shipped")


def shipped_uri(label: str) -> str:
    """The first ESCO URI mapped to a shipped list entry with this official label."""
    for row in read_rows("shortage_list_entries.csv"):
        if row["official_label"] == label:
            return row["esco_uris"].split()[0]
    raise KeyError(label)


def route(result: dict, route_id: str) -> dict | None:
    return next((r for r in result["routes"] if r["route"] == route_id), None)


def condition(result: dict, route_id: str, condition_id: str) -> dict | None:
    found = route(result, route_id)
    assert found is not None, f"route {route_id} missing: {[r['route'] for r in result['routes']]}"
    return next((c for c in found["conditions"] if c["id"] == condition_id), None)


def run(snapshot, vacancy: dict, candidate: dict | None, on: str, lang: str = "en") -> dict:
    """Like the service: the occupation's ISCO-08 unit group comes from the vocabulary."""
    uri = vacancy.get("occupation_uri")
    if uri and "occupation_isco" not in vacancy:
        vacancy = {**vacancy, "occupation_isco": vocabulary_isco().get(uri)}
    return assess(snapshot, vacancy, candidate, D(on), lang)


RULE_DEFAULTS = {
    "valid_to": "",
    "threshold_status": "not_applicable",
    "source_urls": "https://example.org/source",
}


def rule(**fields) -> dict:
    return {**RULE_DEFAULTS, **fields}


@functools.cache
def vocabulary_isco() -> dict[str, str]:
    """{ESCO URI: ISCO-08 unit group} of the shipped vocabulary (what the service looks up)."""
    import json

    path = SEED_DIR.parent / "vocabulary" / "occupations.json"
    with open(path, encoding="utf-8") as handle:
        return {o["uri"]: o["isco_code"] for o in json.load(handle)}


SOFTWARE_DEVELOPER = OCC + "f2b15a0e-e65a-438a-affb-29b9d50b77d1"  # ISCO 2512
NURSE = OCC + "8d3e8aaa-791b-4c75-a465-f3f827028f50"  # nurse responsible for general care, ISCO 2221
CASHIER = OCC + "2b871272-bd61-4206-bd1a-0b96d7023098"  # ISCO 5230


def developer_job(postcode: str, amount: float, period: str = "year", **extra) -> dict:
    """A full-time, permanent software-developer job (ISCO 2512: neither nurse nor teacher)."""
    return {
        "postcode": postcode,
        "occupation_uri": SOFTWARE_DEVELOPER,
        "salary": {"amount": amount, "period": period},
        "contract_type": "permanent",
        "weekly_hours": 38,
        "full_time_weekly_hours": 38,
        "employer_in_belgium": True,
        **extra,
    }
