"""Facts looked up in the official ESCO CSVs of ../shared/data/esco: ISCO-08 code, ESCO code and English
preferred label of an occupation, English labels of ISCO-08 groups, URIs of ESCO skills by label.

Used only by build.py at authoring time; the committed JSON files are the product.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

from seed_data import SHARED


def esco_dir(shared: Path) -> Path:
    return shared / "data" / "esco"


def _read(path: Path, key: str) -> dict[str, dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row[key]: row for row in csv.DictReader(handle)}


def fold(text: str) -> str:
    """Case- and accent-folded text."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


def label_key(text: str) -> str:
    """Folded label with British -ise spellings as the US file writes them ("organise" = "organize")."""
    text = re.sub(r"[^a-z0-9]+", " ", fold(text)).strip()
    return re.sub(r"(?<=[a-z])is(e|es|ed|ing|ation)\b", r"iz\1", text)


class EscoFacts:
    def __init__(self, shared: Path = SHARED) -> None:
        folder = esco_dir(shared)
        self.folder = folder
        self.en = _read(folder / "occupations_en.csv", "conceptUri")
        self.nl = _read(folder / "occupations_nl.csv", "conceptUri")
        self.isco = _read(folder / "ISCOGroups_en.csv", "code")

    def occupation(self, uri: str) -> dict:
        """ISCO-08 unit group, ESCO code and English preferred label of an ESCO occupation."""
        if uri not in self.en:
            raise SystemExit(f"not an ESCO occupation: {uri}")
        row = self.en[uri]
        isco = row["iscoGroup"]
        code = self.nl.get(uri, {}).get("code", "") or ""
        # the NL file is a newer ESCO release; keep its code only when it sits in the same ISCO group
        if code and not code.startswith(isco + "."):
            code = ""
        return {"uri": uri, "isco_code": isco, "code": code, "en_preferred": row["preferredLabel"]}

    def isco_label(self, code: str) -> str:
        return self.isco[code]["preferredLabel"]

    def skill_uris(self) -> dict[tuple[str, str], str]:
        """(lang, label_key(preferred label)) -> ESCO skill URI, from skills_en-us.csv and skills_fr.csv.

        Only labels that name exactly one ESCO skill are kept.
        """
        found: dict[tuple[str, str], set[str]] = {}
        for lang, name in (("en", "skills_en-us.csv"), ("fr", "skills_fr.csv")):
            with (self.folder / name).open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    found.setdefault((lang, label_key(row["preferredLabel"])), set()).add(row["conceptUri"])
        return {key: next(iter(uris)) for key, uris in found.items() if len(uris) == 1}
