"""Build the curated vocabulary JSON files from the hand-written tables in this folder.

    .venv/bin/python seed_data/vocabulary/tools/build.py

Facts (occupation URI, ISCO-08 unit group, ESCO code, English ISCO group labels) are looked up in
the official ESCO CSVs under ../shared/data/esco; every label in nl/fr/de (and the English labels of
occupations and skills) comes from the tables in occupations_*.py, skills_data.py and isco_data.py.
The committed JSON is the product; this script only needs to run when the tables change.
"""

from __future__ import annotations

import csv
import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from build_shortage import build as build_shortage  # noqa: E402
from esco_lookup import ESCO_DIR, EscoFacts  # noqa: E402
from extra_labels import EXTRA_LABELS  # noqa: E402
from isco_data import ISCO_LABELS  # noqa: E402
from occupations_a import OCCUPATIONS_A  # noqa: E402
from occupations_b import OCCUPATIONS_B  # noqa: E402
from occupations_c import OCCUPATIONS_C  # noqa: E402
from occupations_d import OCCUPATIONS_D  # noqa: E402
from regulated import REGULATED_NOTES  # noqa: E402
from skills_data import SKILLS  # noqa: E402

ALL_OCCUPATIONS = OCCUPATIONS_A + OCCUPATIONS_B + OCCUPATIONS_C + OCCUPATIONS_D
LANGS = ("en", "nl", "fr", "de")
SKILL_TYPES = {"s": "skill/competence", "k": "knowledge"}
REUSE = {"T": "transversal", "C": "cross-sector", "S": "sector-specific", "O": "occupation-specific"}
SKILL_PREFIX = "urn:knelpunt:skill:"
OUT = HERE.parent


def kebab(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


def gendered_forms(label: str) -> list[str]:
    """The separate masculine/feminine labels written inside one label.

    "soudeur/soudeuse" -> soudeur, soudeuse; "Schweißer/in" -> Schweißer, Schweißerin;
    "huishoud(st)er" -> huishouder, huishoudster. Slashes between different words
    ("chauffeur/verhuizer", "MIG/MAG") are left alone: both sides must share a stem.
    """
    match = re.fullmatch(r"(\S+)/in\b(.*)", label)
    if match:
        stem, rest = match.groups()
        feminine = (stem[:-1] if stem.endswith("e") else stem) + "in"  # Technologe -> Technologin
        return [stem + rest, feminine + rest]
    match = re.fullmatch(r"(\w+)\((\w+)\)(\w*)", label)
    if match:
        head, optional, tail = match.groups()
        return [head + tail, head + optional + tail]
    if label.count("/") == 1:
        left, right = (p.strip() for p in label.split("/"))
        if len(left) >= 4 and len(right) >= 4 and left[0].isupper() == right[0].isupper():
            common = 0
            for a, b in zip(_fold(left), _fold(right), strict=False):
                if a != b:
                    break
                common += 1
            if common >= 3:
                return [left, right]
    return []


def labels(spec: str) -> dict:
    parts = [p.strip() for p in spec.split(";") if p.strip()]
    parts = parts[:1] + [form for part in parts for form in [part, *gendered_forms(part)]][1:]
    if not parts:
        return {"preferred": "", "alt": []}
    preferred, seen, alt = parts[0], {parts[0].casefold()}, []
    for part in parts[1:]:
        if part.casefold() not in seen:
            seen.add(part.casefold())
            alt.append(part)
    return {"preferred": preferred, "alt": alt}


def _label_key(text: str) -> str:
    """Folded label with British -ise spellings as the US file writes them ("organise" = "organize")."""
    text = re.sub(r"[^a-z0-9]+", " ", _fold(text)).strip()
    return re.sub(r"(?<=[a-z])is(e|es|ed|ing|ation)\b", r"iz\1", text)


def esco_skill_uris() -> dict[tuple[str, str], str]:
    """(lang, folded preferred label) -> ESCO skill URI, from skills_en-us.csv and skills_fr.csv.

    Only labels that name exactly one ESCO skill are kept.
    """
    found: dict[tuple[str, str], set[str]] = {}
    for lang, name in (("en", "skills_en-us.csv"), ("fr", "skills_fr.csv")):
        with (ESCO_DIR / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                found.setdefault((lang, _label_key(row["preferredLabel"])), set()).add(row["conceptUri"])
    return {key: next(iter(uris)) for key, uris in found.items() if len(uris) == 1}


def build_skills() -> tuple[list[dict], dict[str, str]]:
    """Curated skills; a skill whose English (else French) preferred label is the preferred label of
    one ESCO skill takes that skill's ESCO URI, the others keep a local URI (see SOURCES.md)."""
    skills, uri_of = [], {}
    esco = esco_skill_uris()
    for key, (stype, reuse, en, nl, fr, de, description) in SKILLS.items():
        lab = {"en": labels(en), "nl": labels(nl), "fr": labels(fr)}
        if de:
            lab["de"] = labels(de)
        uri = (
            esco.get(("en", _label_key(lab["en"]["preferred"])))
            or esco.get(("fr", _label_key(lab["fr"]["preferred"])))
            or SKILL_PREFIX + kebab(lab["en"]["preferred"])
        )
        if uri in uri_of.values():
            raise SystemExit(f"duplicate skill uri {uri}")
        uri_of[key] = uri
        skills.append({"uri": uri, "skill_type": SKILL_TYPES[stype], "reuse_level": REUSE[reuse],
                       "description": description, "labels": lab})
    return skills, uri_of


def build_occupations(facts: EscoFacts, skill_uri: dict[str, str]) -> tuple[list[dict], list[str]]:
    warnings, out, seen = [], [], set()
    for row in ALL_OCCUPATIONS:
        uri = facts.uri(row.key)
        if uri in seen:
            raise SystemExit(f"duplicate occupation {uri}")
        seen.add(uri)
        fact = facts.occupation(uri)
        extra = EXTRA_LABELS.get(row.key, {})
        lab = {lang: labels(getattr(row, lang) + "; " + extra.get(lang, "")) for lang in LANGS}
        if lab["en"]["preferred"] != fact["en_preferred"]:
            warnings.append(f"en preferred {lab['en']['preferred']!r} != ESCO {fact['en_preferred']!r}")
        essential = [skill_uri[k] for k in row.essential.split()]
        optional = [skill_uri[k] for k in row.optional.split() if k not in row.essential.split()]
        record = {"uri": uri, "isco_code": fact["isco_code"]}
        if fact["code"]:
            record["code"] = fact["code"]
        record.update({
            "description": row.description,
            "regulated_note": REGULATED_NOTES.get(uri.rsplit("/", 1)[1][:8], ""),
            "labels": lab,
            "essential_skills": essential,
            "optional_skills": optional,
        })
        out.append(record)
    unknown = set(EXTRA_LABELS) - {row.key for row in ALL_OCCUPATIONS}
    if unknown:
        raise SystemExit(f"extra_labels.py has keys of no occupation: {sorted(unknown)}")
    return sorted(out, key=lambda r: r["uri"]), warnings


def build_isco(facts: EscoFacts, occupations: list[dict]) -> list[dict]:
    codes = set()
    for occ in occupations:
        code = occ["isco_code"]
        codes.update(code[:n] for n in range(1, len(code) + 1))
    missing = sorted(c for c in codes if c not in ISCO_LABELS)
    if missing:
        raise SystemExit(f"isco_data.py lacks nl/fr/de labels for {missing}: "
                         + "; ".join(f"{c} {facts.isco_label(c)}" for c in missing))
    groups = []
    for code in sorted(codes):
        nl, fr, de = ISCO_LABELS[code]
        groups.append({"code": code, "labels": {"en": facts.isco_label(code), "nl": nl, "fr": fr, "de": de}})
    return groups


def render(data) -> str:
    """The exact text of a committed JSON file."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def generate() -> tuple[dict[str, list | dict], list[str]]:
    """All seed files as data (file name -> content), plus notes for the author."""
    facts = EscoFacts()
    skills, skill_uri = build_skills()
    occupations, notes = build_occupations(facts, skill_uri)
    used = {u for o in occupations for u in o["essential_skills"] + o["optional_skills"]}
    unused = [s["uri"] for s in skills if s["uri"] not in used]
    if unused:
        notes.append("skills defined but unused (not written): " + ", ".join(unused))
    skills = sorted((s for s in skills if s["uri"] in used), key=lambda s: s["uri"])
    isco = build_isco(facts, occupations)
    shortage = build_shortage(facts)
    mapped = {u for row in shortage.values() for u in row["esco_uris"]}
    missing = mapped - {o["uri"] for o in occupations}
    if missing:
        raise SystemExit(f"shortage mapping uses occupations not seeded: {sorted(missing)}")
    files = {"occupations.json": occupations, "skills.json": skills, "isco_groups.json": isco,
             "shortage_mapping.json": shortage}
    return files, notes


def main() -> None:
    files, notes = generate()
    sizes = {}
    for name, data in files.items():
        text = render(data)
        (OUT / name).write_text(text, encoding="utf-8")
        sizes[name] = len(text.encode("utf-8"))
    for note in notes:
        print("note:", note)
    occupations = files["occupations.json"]
    n_labels = sum(1 + len(o["labels"][lang]["alt"]) for o in occupations for lang in LANGS)
    counts = {name: len(data) for name, data in files.items()}
    print(f"{counts['occupations.json']} occupations ({n_labels} labels), {counts['skills.json']} skills, "
          f"{counts['isco_groups.json']} ISCO groups, {counts['shortage_mapping.json']} shortage rows")
    print("sizes:", ", ".join(f"{k} {v / 1024:.0f} KiB" for k, v in sizes.items()))


if __name__ == "__main__":
    main()
