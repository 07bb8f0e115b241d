"""Write seed_data/vocabulary/shortage_mapping.json from shortage_map.py (run from the repo root)."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from esco_lookup import EscoFacts  # noqa: E402
from shortage_map import SHORTAGE_MAP  # noqa: E402

CSV_PATH = HERE.parents[2].parent / "shared" / "domain" / "shortage-occupations.csv"


def build(facts: EscoFacts) -> dict:
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = {}
    for row in rows:
        key = f"{row['region']}|{row['occupation_label']}"
        uuids, confidence, note = SHORTAGE_MAP[key]
        uris = [facts.uri(u) for u in uuids]
        out[key] = {
            "region": row["region"],
            "occupation_label": row["occupation_label"],
            "label_language": row["label_language"],
            "isco08_code": row["isco08_code"],
            "esco_uris": uris,
            "esco_isco_codes": [facts.occupation(u)["isco_code"] for u in uris],
            "esco_preferred_labels_en": [facts.occupation(u)["en_preferred"] for u in uris],
            "mapping_confidence": confidence,
            "note": note,
        }
    unused = set(SHORTAGE_MAP) - set(out)
    if unused:
        raise SystemExit(f"mapping keys not in the CSV: {sorted(unused)}")
    return dict(sorted(out.items()))


if __name__ == "__main__":
    data = build(EscoFacts())
    target = HERE.parent / "shortage_mapping.json"
    target.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(data)} rows to {target}")
