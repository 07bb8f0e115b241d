"""Shared helpers of the normaliser's development scripts: read ESCO CSVs, make held-out label queries.

Reads ../shared/data/esco directly (never copied into the repository). Used by
bench/train_ranker.py and bench/occupation_search_nl_fr.py.
"""

from __future__ import annotations

import csv
import random
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ESCO = ROOT.parent / "shared" / "data" / "esco"

from matching.concept_search import Concept  # noqa: E402

GENDER = {
    "nl": ["(m/v/x)", "(m/v)", "m/v/x", "(v/m/x)"],
    "fr": ["H/F", "(h/f)", "F/H", "(H/F/X)"],
    "de": ["(m/w/d)", "m/w/d"],
    "en": ["(m/f)", "M/F"],
}
PREFIX = {
    "nl": ["Junior", "Senior", "Ervaren", "Stagiair", "Interim"],
    "fr": ["Junior", "Senior", "Stagiaire"],
    "de": ["Junior", "Senior"],
    "en": ["Junior", "Senior", "Trainee", "Experienced"],
}
SUFFIX = {
    "nl": [
        "voltijds",
        "deeltijds",
        "- Gent",
        "- Antwerpen",
        "regio Leuven",
        "REF 2291",
        "- interim",
        "vast contract",
        "ploegen",
    ],
    "fr": ["CDI", "CDD", "- Liège", "- Bruxelles", "temps plein", "Réf. 44-21", "- intérim", "mi-temps"],
    "de": ["Vollzeit", "- Eupen", "befristet"],
    "en": ["full-time", "- Brussels", "REF 1234", "part time"],
}


def read_concepts(langs=("en",), isco_groups=True) -> list[Concept]:
    """ESCO occupations of the given languages merged by URI, as `Concept`s (keys are positions)."""
    # Preferred labels of the ISCO group in every language available, as the service indexes them.
    groups: dict[str, list[str]] = {}
    for name in ("ISCOGroups_en.csv", "ISCOGroups_fr.csv") if isco_groups else ():
        if (ESCO / name).exists():
            with (ESCO / name).open(newline="", encoding="utf-8") as handle:
                for row in csv.DictReader(handle):
                    groups.setdefault(row["code"], []).append(row["preferredLabel"])
    merged: dict[str, dict] = {}
    for lang in langs:
        with (ESCO / f"occupations_{lang}.csv").open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                entry = merged.setdefault(
                    row["conceptUri"], {"labels": [], "isco": row.get("iscoGroup") or None, "description": ""}
                )
                if lang == "en" or not entry["description"]:
                    entry["description"] = row.get("description") or entry["description"]
                entry["labels"].append((lang, "preferred", row["preferredLabel"].strip()))
                for column, kind in (("altLabels", "alt"), ("hiddenLabels", "hidden")):
                    for text in (row.get(column) or "").splitlines():
                        if text.strip():
                            entry["labels"].append((lang, kind, text.strip()))
    return [
        Concept(
            i,
            uri,
            tuple(e["labels"]),
            e["isco"],
            tuple(groups.get(e["isco"], ())),
            e["description"],
        )
        for i, (uri, e) in enumerate(merged.items())
    ]


def hold_out(
    concepts: list[Concept], lang: str, fraction: float, seed: int, min_chars: int = 4
) -> tuple[list[Concept], list[tuple[str, str, str]]]:
    """Remove one alt label of `lang` from a fraction of concepts; returns (index concepts, queries).

    A query is (label text, gold URI, lang). Labels that are a trivial variant of a remaining label
    of the same concept (same text after accent folding) are not used as queries.
    """
    rng = random.Random(seed)
    kept, queries = [], []
    for concept in concepts:
        alts = [lab for lab in concept.labels if lab[0] == lang and lab[1] == "alt" and len(lab[2]) >= min_chars]
        if alts and rng.random() < fraction:
            chosen = rng.choice(alts)
            rest = tuple(lab for lab in concept.labels if lab != chosen)
            if _fold(chosen[2]) not in {_fold(lab[2]) for lab in rest}:
                queries.append((chosen[2], concept.uri, lang))
                concept = Concept(
                    concept.key,
                    concept.uri,
                    rest,
                    concept.isco_code,
                    concept.group_labels,
                    concept.description,
                )
        kept.append(concept)
    return kept, queries


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch)).strip()


def add_noise(text: str, lang: str, rng: random.Random) -> str:
    """Dress a label up as a vacancy title: seniority, gender marker, contract/place, casing, typos."""
    if rng.random() < 0.3:
        text = f"{rng.choice(PREFIX[lang])} {text}"
    if rng.random() < 0.5:
        text = f"{text} {rng.choice(GENDER[lang])}"
    if rng.random() < 0.4:
        text = f"{text} {rng.choice(SUFFIX[lang])}"
    roll = rng.random()
    if roll < 0.15:
        text = text.upper()
    elif roll < 0.35:
        text = text.title()
    if rng.random() < 0.15:
        text = _fold(text)
    if rng.random() < 0.15 and len(text) > 6:
        i = rng.randrange(1, len(text) - 2)
        text = text[:i] + text[i + 1] + text[i] + text[i + 2 :] if rng.random() < 0.5 else text[:i] + text[i + 1 :]
    return text
