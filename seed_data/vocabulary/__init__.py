"""The curated Belgian vocabulary shipped with the product: occupations, skills and ISCO-08 groups.

`load()` reads `occupations.json`, `skills.json` and `isco_groups.json` beside this file and writes
them through the ESCO importer's writer (`importers.esco.apply_vocabulary`): concepts are upserted
by URI (ISCO groups by code), each concept's labels are replaced per language present in the seed,
listed skill relations are added or updated and other relations are kept. Concepts that only an
official ESCO import brought in are left untouched. Running it twice changes nothing.

File formats (a label entry may miss a language; "alt" may be absent):

- occupations.json: [{"uri", "isco_code", "code"?, "description"?, "regulated_note"?,
  "labels": {"en": {"preferred": "...", "alt": [...]}, "nl": {...}, ...},
  "essential_skills": [skill URI, ...], "optional_skills": [skill URI, ...]}]
- skills.json: [{"uri", "skill_type", "reuse_level", "description", "labels": {...}}]
- isco_groups.json: [{"code": "7212", "labels": {"en": "...", "nl": "...", ...}}]
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from core.taxonomy import LANGUAGES
from importers.esco import ConceptData, VocabularyData, VocabularyImportError, apply_vocabulary
from models.base import db

DATA_DIR = Path(__file__).resolve().parent
SOURCE = "seed_data/vocabulary"
_ISCO = re.compile(r"^\d{1,4}$")


def _read_json(path: Path) -> list:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise VocabularyImportError(path.name, f"invalid JSON ({exc.msg})", row=exc.lineno) from exc
    if not isinstance(data, list):
        raise VocabularyImportError(path.name, "must contain a JSON array")
    return data


def _concept_labels(concept: ConceptData, labels, file: str, index: int) -> None:
    if not isinstance(labels, dict) or not labels:
        raise VocabularyImportError(file, "needs a 'labels' object", row=index, column="labels")
    for lang, entry in labels.items():
        if lang not in LANGUAGES:
            raise VocabularyImportError(file, f"unknown language '{lang}'", row=index, column="labels")
        if isinstance(entry, str):
            entry = {"preferred": entry}
        if not isinstance(entry, dict):
            raise VocabularyImportError(file, f"labels.{lang} must be an object", row=index, column="labels")
        if entry.get("preferred"):
            concept.add_label(lang, "preferred", str(entry["preferred"]))
        for kind in ("alt", "hidden"):
            values = entry.get(kind) or []
            if not isinstance(values, list):
                raise VocabularyImportError(
                    file, f"labels.{lang}.{kind} must be a list", row=index, column="labels"
                )
            for text in values:
                concept.add_label(lang, kind, str(text))


def _uri(item, file, index) -> str:
    uri = item.get("uri") if isinstance(item, dict) else None
    if not isinstance(uri, str) or not uri.startswith(("http://", "https://", "urn:")):
        raise VocabularyImportError(file, "needs a concept 'uri'", row=index, column="uri")
    return uri


def read_seed(folder: Path = DATA_DIR) -> VocabularyData:
    """Parse the seed JSON files into the importer's structure (validating as it goes)."""
    data = VocabularyData(relation_mode="upsert")
    groups_path, skills_path, occupations_path = (
        folder / "isco_groups.json",
        folder / "skills.json",
        folder / "occupations.json",
    )
    if groups_path.exists():
        for index, item in enumerate(_read_json(groups_path), start=1):
            code = str(item.get("code", "")) if isinstance(item, dict) else ""
            if not _ISCO.match(code):
                raise VocabularyImportError(
                    groups_path.name, "needs an ISCO-08 'code'", row=index, column="code"
                )
            group = data.groups.setdefault(code, ConceptData(f"http://data.europa.eu/esco/isco/C{code}"))
            group.fields["uri"] = group.uri
            if item.get("description"):
                group.fields["description"] = str(item["description"])
            for lang, text in (item.get("labels") or {}).items():
                if lang in LANGUAGES and text:
                    group.add_label(lang, "preferred", str(text))
    if skills_path.exists():
        for index, item in enumerate(_read_json(skills_path), start=1):
            skill = data.skills.setdefault(_uri(item, skills_path.name, index), ConceptData(item["uri"]))
            for key in ("skill_type", "reuse_level", "description"):
                if item.get(key):
                    skill.fields[key] = str(item[key])
            _concept_labels(skill, item.get("labels"), skills_path.name, index)
    if occupations_path.exists():
        for index, item in enumerate(_read_json(occupations_path), start=1):
            occupation = data.occupations.setdefault(
                _uri(item, occupations_path.name, index), ConceptData(item["uri"])
            )
            isco = str(item.get("isco_code") or "")
            if isco and not _ISCO.match(isco):
                raise VocabularyImportError(
                    occupations_path.name, f"'{isco}' is not an ISCO-08 code", row=index, column="isco_code"
                )
            for key in ("isco_code", "code", "description", "regulated_note"):
                if item.get(key):
                    occupation.fields[key] = str(item[key])
            _concept_labels(occupation, item.get("labels"), occupations_path.name, index)
            relations = data.relations.setdefault(occupation.uri, {})
            for relation in ("optional", "essential"):  # essential wins when a skill is in both lists
                for skill_uri in item.get(f"{relation}_skills") or []:
                    relations[str(skill_uri)] = relation
    return data


def load(folder: Path = DATA_DIR) -> list[str]:
    """Upsert the curated vocabulary; returns lines to print."""
    data = read_seed(folder)
    if not (data.groups or data.occupations or data.skills):
        return ["vocabulary: no seed files found, nothing loaded"]
    opened = db.is_closed()
    if opened:
        db.connect()
    try:
        counts = apply_vocabulary(data, source=SOURCE)
    finally:
        if opened:
            db.close()
    return ["vocabulary: " + line for line in counts.lines()]
