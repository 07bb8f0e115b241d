"""Build the curated vocabulary JSON files from the hand-written tables in ../sources.

    .venv/bin/python -m seed_data.vocabulary.tools.build

(`python -m seed_data.rebuild` rebuilds this folder and the files built from it; its --out writes
elsewhere.)

Reads (see ../SOURCES.md):
- sources/occupations.json: the occupations (ESCO URI, labels per language, first one preferred,
  skill keys, description, regulated note);
- sources/skills.json: the curated skills (key, type, reuse level, labels, description);
- sources/isco_labels.csv: nl/fr/de labels of the ISCO-08 groups;
- sources/shortage_mapping.csv: each row of ../shared/domain/shortage-occupations.csv mapped to ESCO
  occupations;
and looks facts up in ../shared/data/esco (ISCO-08 unit group, ESCO code, English ISCO labels, ESCO
skill URIs). Writes occupations.json, skills.json, isco_groups.json and shortage_mapping.json, by
default beside the loader (seed_data/vocabulary). The committed JSON is the product; rebuilding from
the same sources gives the same bytes (tests/seed/test_rebuild.py).
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from pathlib import Path

from seed_data import SHARED

from .esco_lookup import EscoFacts, fold, label_key

VOCABULARY = Path(__file__).resolve().parents[1]
SOURCES = VOCABULARY / "sources"
LANGS = ("en", "nl", "fr", "de")
SKILL_PREFIX = "urn:knelpunt:skill:"


def kebab(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


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
            for a, b in zip(fold(left), fold(right), strict=False):
                if a != b:
                    break
                common += 1
            if common >= 3:
                return [left, right]
    return []


def labels(written: list[str]) -> dict:
    """{"preferred", "alt"} from the labels as written (first one preferred); the gendered forms inside
    a label are added as alternatives, duplicates (ignoring case) dropped."""
    parts = [p.strip() for p in written if p.strip()]
    parts = parts[:1] + [form for part in parts for form in [part, *gendered_forms(part)]][1:]
    if not parts:
        return {"preferred": "", "alt": []}
    preferred, seen, alt = parts[0], {parts[0].casefold()}, []
    for part in parts[1:]:
        if part.casefold() not in seen:
            seen.add(part.casefold())
            alt.append(part)
    return {"preferred": preferred, "alt": alt}


def _read_json(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def _read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def build_skills(sources: Path, facts: EscoFacts) -> tuple[list[dict], dict[str, str]]:
    """Curated skills; a skill whose English (else French) preferred label is the preferred label of
    one ESCO skill takes that skill's ESCO URI, the others keep a local URI (see SOURCES.md)."""
    skills, uri_of = [], {}
    esco = facts.skill_uris()
    for row in _read_json(sources / "skills.json"):
        lab = {lang: labels(row["labels"][lang]) for lang in LANGS if row["labels"].get(lang)}
        uri = (
            esco.get(("en", label_key(lab["en"]["preferred"])))
            or esco.get(("fr", label_key(lab["fr"]["preferred"])))
            or SKILL_PREFIX + kebab(lab["en"]["preferred"])
        )
        if row["key"] in uri_of or uri in uri_of.values():
            raise SystemExit(f"duplicate skill {row['key']} ({uri})")
        uri_of[row["key"]] = uri
        skills.append({"uri": uri, "skill_type": row["skill_type"], "reuse_level": row["reuse_level"],
                       "description": row["description"], "labels": lab})
    return skills, uri_of


def build_occupations(sources: Path, facts: EscoFacts, skill_uri: dict[str, str]) -> tuple[list[dict], list[str]]:
    warnings, out, seen = [], [], set()
    for row in _read_json(sources / "occupations.json"):
        uri = row["uri"]
        if uri in seen:
            raise SystemExit(f"duplicate occupation {uri}")
        seen.add(uri)
        fact = facts.occupation(uri)
        lab = {lang: labels(row["labels"][lang]) for lang in LANGS}
        if lab["en"]["preferred"] != fact["en_preferred"]:
            warnings.append(f"en preferred {lab['en']['preferred']!r} != ESCO {fact['en_preferred']!r}")
        both = set(row["essential_skills"]) & set(row["optional_skills"])
        unknown = set(row["essential_skills"] + row["optional_skills"]) - set(skill_uri)
        if both or unknown:
            raise SystemExit(f"{uri}: skills both essential and optional {sorted(both)}, unknown {sorted(unknown)}")
        record = {"uri": uri, "isco_code": fact["isco_code"]}
        if fact["code"]:
            record["code"] = fact["code"]
        record.update({
            "description": row["description"],
            "regulated_note": row.get("regulated_note", ""),
            "labels": lab,
            "essential_skills": [skill_uri[k] for k in row["essential_skills"]],
            "optional_skills": [skill_uri[k] for k in row["optional_skills"]],
        })
        out.append(record)
    return sorted(out, key=lambda r: r["uri"]), warnings


def build_isco(sources: Path, facts: EscoFacts, occupations: list[dict]) -> list[dict]:
    translated = {row["code"]: row for row in _read_csv(sources / "isco_labels.csv")}
    codes = set()
    for occ in occupations:
        code = occ["isco_code"]
        codes.update(code[:n] for n in range(1, len(code) + 1))
    missing = sorted(c for c in codes if c not in translated)
    if missing:
        raise SystemExit(f"isco_labels.csv lacks nl/fr/de labels for {missing}: "
                         + "; ".join(f"{c} {facts.isco_label(c)}" for c in missing))
    return [{"code": code, "labels": {"en": facts.isco_label(code), "nl": translated[code]["nl"],
                                      "fr": translated[code]["fr"], "de": translated[code]["de"]}}
            for code in sorted(codes)]


def build_shortage(sources: Path, facts: EscoFacts, shared: Path) -> dict:
    """Each row of ../shared/domain/shortage-occupations.csv with the ESCO occupations it is mapped to."""
    mapping = {f"{row['region']}|{row['occupation_label']}": row for row in _read_csv(sources / "shortage_mapping.csv")}
    out = {}
    for row in _read_csv(shared / "domain" / "shortage-occupations.csv"):
        key = f"{row['region']}|{row['occupation_label']}"
        mapped = mapping[key]
        found = [facts.occupation(uri) for uri in mapped["esco_uris"].split()]
        out[key] = {
            "region": row["region"],
            "occupation_label": row["occupation_label"],
            "label_language": row["label_language"],
            "isco08_code": row["isco08_code"],
            "esco_uris": [fact["uri"] for fact in found],
            "esco_isco_codes": [fact["isco_code"] for fact in found],
            "esco_preferred_labels_en": [fact["en_preferred"] for fact in found],
            "mapping_confidence": mapped["mapping_confidence"],
            "note": mapped["note"],
        }
    unused = set(mapping) - set(out)
    if unused:
        raise SystemExit(f"shortage_mapping.csv rows not in the shortage CSV: {sorted(unused)}")
    return dict(sorted(out.items()))


def render(data) -> str:
    """The exact text of a committed JSON file."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def generate(sources: Path = SOURCES, shared: Path = SHARED) -> tuple[dict[str, list | dict], list[str]]:
    """All seed files as data (file name -> content), plus notes for the author."""
    facts = EscoFacts(shared)
    skills, skill_uri = build_skills(sources, facts)
    occupations, notes = build_occupations(sources, facts, skill_uri)
    used = {u for o in occupations for u in o["essential_skills"] + o["optional_skills"]}
    unused = [s["uri"] for s in skills if s["uri"] not in used]
    if unused:
        notes.append("skills defined but unused (not written): " + ", ".join(unused))
    skills = sorted((s for s in skills if s["uri"] in used), key=lambda s: s["uri"])
    isco = build_isco(sources, facts, occupations)
    shortage = build_shortage(sources, facts, shared)
    mapped = {u for row in shortage.values() for u in row["esco_uris"]}
    missing = mapped - {o["uri"] for o in occupations}
    if missing:
        raise SystemExit(f"shortage mapping uses occupations not seeded: {sorted(missing)}")
    files = {"occupations.json": occupations, "skills.json": skills, "isco_groups.json": isco,
             "shortage_mapping.json": shortage}
    return files, notes


def write(out: Path = VOCABULARY, shared: Path = SHARED, sources: Path = SOURCES) -> list[str]:
    """Write the four JSON files into `out`; returns lines to print."""
    files, notes = generate(sources, shared)
    out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (out / name).write_bytes(render(data).encode("utf-8"))
    occupations = files["occupations.json"]
    n_labels = sum(1 + len(o["labels"][lang]["alt"]) for o in occupations for lang in LANGS)
    counts = {name: len(data) for name, data in files.items()}
    return [*(f"note: {note}" for note in notes),
            f"{out}: {counts['occupations.json']} occupations ({n_labels} labels), {counts['skills.json']} skills, "
            f"{counts['isco_groups.json']} ISCO groups, {counts['shortage_mapping.json']} shortage rows"]


def main() -> None:
    for line in write():
        print(line)


if __name__ == "__main__":
    main()
