"""Look up facts (URI, ISCO-08 code, ESCO code) in the official ESCO CSVs in ../shared/data/esco.

Used only by build.py at authoring time; the committed JSON files are the product.
"""

from __future__ import annotations

import csv
from pathlib import Path

ESCO_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "esco"
OCCUPATION_PREFIX = "http://data.europa.eu/esco/occupation/"


def _read(name: str) -> dict[str, dict]:
    path = ESCO_DIR / name
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["conceptUri"]: row for row in csv.DictReader(handle)}


class EscoFacts:
    def __init__(self) -> None:
        self.en = _read("occupations_en.csv")
        self.nl = _read("occupations_nl.csv")
        with (ESCO_DIR / "ISCOGroups_en.csv").open(encoding="utf-8", newline="") as handle:
            self.isco = {row["code"]: row for row in csv.DictReader(handle)}

    def uri(self, key: str) -> str:
        """Full occupation URI from a uuid (or its first 8 characters)."""
        if key.startswith("http"):
            return key
        full = OCCUPATION_PREFIX + key
        if full in self.en:
            return full
        matches = [uri for uri in self.en if uri[len(OCCUPATION_PREFIX):].startswith(key)]
        if len(matches) != 1:
            raise KeyError(f"{len(matches)} ESCO occupations with uuid prefix {key!r}")
        return matches[0]

    def occupation(self, uri: str) -> dict:
        row = self.en[uri]
        isco = row["iscoGroup"]
        code = self.nl.get(uri, {}).get("code", "") or ""
        # the NL file is a newer ESCO release; keep its code only when it sits in the same ISCO group
        if code and not code.startswith(isco + "."):
            code = ""
        return {"uri": uri, "isco_code": isco, "code": code, "en_preferred": row["preferredLabel"],
                "regulated": row.get("regulatedProfessionNote", "")}

    def isco_label(self, code: str) -> str:
        return self.isco[code]["preferredLabel"]
