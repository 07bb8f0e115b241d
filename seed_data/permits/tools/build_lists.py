# ruff: noqa: E501  (list notes read better unwrapped)
"""Regenerate shortage_lists.csv and shortage_list_entries.csv from the research CSV.

Usage (from the repository root):
    python -m seed_data.permits.tools.build_lists [../shared/domain/shortage-occupations.csv]

ESCO URIs come from seed_data/vocabulary/shortage_mapping.json (key: region + "|" + label), written
by the vocabulary seed. The research CSV puts provenance remarks into the list name
("... - label carried over ..."); they are moved to the entry note so that one list is one row.
Run by hand when the research file changes; the output files are committed.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "domain" / "shortage-occupations.csv"
MAPPING = ROOT / "seed_data" / "vocabulary" / "shortage_mapping.json"

AUTHORITY = {"Flanders": "flanders", "Wallonia": "wallonia", "Brussels": "brussels"}
FLEMISH_2023 = "Migratielijst middengeschoolde functies (MB 1-9-2023, 29 functies)"
FLEMISH_DRAFT = "DRAFT migratielijst middengeschoolde functies 2025 (23 functies; adoption not confirmed)"

LISTS = {
    FLEMISH_2023: dict(
        purpose="medium_skilled",
        known_size=29,
        note=(
            "Ministerial list for the medium-skilled shortage route, applicable from 1 Sep 2023 (MB 1 Sep 2023, "
            "published BS 14 Sep 2023). valid_to left open until the 2025 MB is confirmed. Only part of the MB text "
            "was available: 6 labels verbatim, 10 from the official change notice, 15 carried over from the 2019/2021 "
            "lists, 1 inferred; check every label against the official PDF before production use. Transition: "
            "applications for removed jobs filed up to 13 Sep 2023 are still handled."
        ),
    ),
    FLEMISH_DRAFT: dict(
        purpose="medium_skilled",
        known_size=23,
        status="draft",
        note=(
            "DRAFT reported by De Tijd (Apr 2025): 29 -> 23 functions, 11 groups removed, 5 added (3 named). "
            "Adoption, publication date and full text NOT FOUND. Never used for assessments unless an admin sets dates."
        ),
    ),
}


def list_meta(name: str, row: dict) -> dict:
    if name in LISTS:
        return LISTS[name]
    if "68 fonctions" in name:
        return dict(
            purpose="permit_waiver",
            known_size=68,
            note="Walloon permit list 1 Oct 2023 - 30 Sep 2024 (68 functions); only 'chef/cheffe de partie' named.",
        )
    if "73 functions" in name:
        return dict(
            purpose="permit_waiver",
            known_size=73,
            note=(
                "Walloon permit list 1 Oct 2024 - 30 Sep 2025 (73 functions); only the 6 additions are named "
                "(English wording of Mondaq). Removed: butcher, baker, sales manager, plasterer, meat cutter, "
                "boilermaker, refrigeration technician, civil engineering mechanic, medical imaging technologist, "
                "customs declarant. Applications filed before 1 Oct 2024 keep the old list."
            ),
        )
    return dict(
        purpose="permit_waiver",
        known_size=None,
        note="Walloon permit list 1 Oct 2025 - 30 Sep 2026; low-reliability source, NOT confirmed officially; only 3 additions named.",
    )


def split_name(raw: str) -> tuple[str, str]:
    if raw.startswith("Migratielijst middengeschoolde functies (MB 1-9-2023)"):
        return FLEMISH_2023, raw.partition(" - ")[2] or ""
    if raw.startswith("DRAFT migratielijst"):
        return FLEMISH_DRAFT, raw.partition(" - ")[2]
    return raw, ""


def main(source: Path) -> None:
    mapping = json.loads(MAPPING.read_text(encoding="utf-8"))
    lists: dict[str, dict] = {}
    entries = []
    with open(source, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name, remark = split_name(row["list_name"])
            if name not in lists:
                meta = list_meta(name, row)
                lists[name] = {
                    "authority": AUTHORITY[row["region"]],
                    "name": name,
                    "purpose": meta["purpose"],
                    "status": meta.get("status", "in_force" if row["valid_from"] else "draft"),
                    "valid_from": row["valid_from"],
                    "valid_to": row["valid_to"],
                    "completeness": "partial",
                    "known_size": meta["known_size"] or "",
                    "confidence": meta.get("confidence", "medium"),
                    "source_url": row["source_url"],
                    "note": meta["note"],
                }
            mapped = mapping.get(f"{row['region']}|{row['occupation_label']}")
            notes = [remark] if remark else []
            notes.append(
                f"ISCO-08 {row['isco08_code'] or '(none)'} and ESCO label "
                f"'{row['esco_preferred_label_en'] or ''}' proposed by the researcher "
                f"(research mapping_confidence: {row['mapping_confidence']})."
            )
            if mapped:
                notes.append(
                    f"ESCO mapping: {mapped.get('note', '')} (ESCO ISCO groups {', '.join(mapped['esco_isco_codes'])})."
                )
            entries.append(
                {
                    "list_name": name,
                    "official_label": row["occupation_label"],
                    "label_language": row["label_language"],
                    "esco_uris": " ".join(mapped["esco_uris"]) if mapped else "",
                    "esco_preferred_labels_en": "|".join(mapped["esco_preferred_labels_en"])
                    if mapped
                    else "",
                    "isco08_code": row["isco08_code"],
                    "mapping_confidence": mapped["mapping_confidence"]
                    if mapped and mapped["esco_uris"]
                    else "none",
                    "source_url": row["source_url"],
                    "note": " ".join(notes),
                }
            )
    with open(HERE / "shortage_lists.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(
            handle, fieldnames=list(next(iter(lists.values())).keys()), lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(lists.values())
    with open(HERE / "shortage_list_entries.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(entries[0].keys()), lineterminator="\n")
        writer.writeheader()
        writer.writerows(entries)
    print(f"{len(lists)} lists, {len(entries)} entries")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE)
