"""Import the official ESCO CSV download (and the curated seed) into the vocabulary tables.

Two steps, so a malformed file never leaves a partial vocabulary:

1. `read_esco_folder(folder)` parses and validates every file it recognises —
   `occupations_<lang>.csv`, `ISCOGroups_<lang>.csv`, `skills_<lang>.csv`,
   `occupationSkillRelations_<lang>.csv`, where `<lang>` may carry a region (`skills_en-us.csv`) —
   merging languages by concept URI. The first problem raises
   `VocabularyImportError` naming the file, the record and the column; nothing has been written yet.
2. `apply_vocabulary(data, source)` writes the differences in one transaction: new concepts, changed
   fields, labels added/removed per concept and language, relations. A second run finds no
   difference and writes nothing (no new `VocabularyVersion`, no cache bump).

The seed loader (`seed_data.vocabulary`) builds the same `VocabularyData` from JSON and calls
`apply_vocabulary`, so both paths share one writer.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from peewee import chunked

from core.taxonomy import LANGUAGES
from models.base import db
from models.cache_version import CacheVersion
from models.taxonomy import (
    IscoGroup,
    IscoGroupLabel,
    Occupation,
    OccupationLabel,
    OccupationSkill,
    Skill,
    SkillLabel,
    VocabularyVersion,
)

MAX_LABEL_LENGTH = 500
CHUNK = 400
RELATIONS = ("essential", "optional")
# The language may carry a region, as in ESCO's downloads: "skills_en-us.csv" is English (US spelling),
# imported as "en".
FILE_PATTERN = re.compile(
    r"^(occupations|ISCOGroups|skills|occupationSkillRelations)_([A-Za-z]{2})(?:-[A-Za-z]{2})?\.csv$"
)
ISCO_CODE = re.compile(r"^\d{1,4}$")
# Description language preference: one description per concept, English when the file has it.
DESCRIPTION_PRIORITY = ("en", "nl", "fr", "de")

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


class VocabularyImportError(ValueError):
    """A file that cannot be imported; names the file, the record (1 = first data row) and column."""

    def __init__(self, file: str, message: str, row: int | None = None, column: str | None = None):
        self.file, self.row, self.column, self.reason = file, row, column, message
        where = file
        if row is not None:
            where += f", row {row}"
        if column:
            where += f", column {column}"
        super().__init__(f"{where}: {message}")


@dataclass
class ConceptData:
    uri: str
    labels: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # lang -> [(kind, text)]
    fields: dict[str, str] = field(default_factory=dict)

    def add_label(self, lang: str, kind: str, text: str) -> None:
        text = " ".join(text.split())
        if not text:
            return
        bucket = self.labels.setdefault(lang, [])
        if (kind, text) not in bucket:
            bucket.append((kind, text))


@dataclass
class VocabularyData:
    groups: dict[str, ConceptData] = field(default_factory=dict)  # keyed by ISCO code
    occupations: dict[str, ConceptData] = field(default_factory=dict)  # keyed by URI
    skills: dict[str, ConceptData] = field(default_factory=dict)
    relations: dict[str, dict[str, str]] = field(default_factory=dict)  # occupation URI -> skill URI -> kind
    # "replace": an occupation's relations become exactly the listed ones (ESCO download);
    # "upsert": listed relations are added or updated, others kept (curated seed).
    relation_mode: str = "replace"
    files: list[str] = field(default_factory=list)


# -- reading -------------------------------------------------------------------------------------
def _rows(path: Path, required: tuple[str, ...]):
    """Yield (record_number, row dict) from a CSV file, validating its shape as it goes."""
    name = path.name
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise VocabularyImportError(name, f"cannot be read ({exc.strerror})") from exc
    with handle:
        reader = csv.reader(handle, strict=True)
        record = 0
        try:
            header = next(reader, None)
            if not header:
                raise VocabularyImportError(name, "the file is empty (no header row)", row=0)
            header = [h.strip() for h in header]
            for column in required:
                if column not in header:
                    raise VocabularyImportError(
                        name, f"required column '{column}' is missing from the header", row=0, column=column
                    )
            for values in reader:
                record += 1
                if not values or (len(values) == 1 and not values[0].strip()):
                    continue
                if len(values) != len(header):
                    raise VocabularyImportError(
                        name,
                        f"has {len(values)} fields where the header has {len(header)} "
                        f"(an unclosed quote or a stray comma?)",
                        row=record,
                        column=header[min(len(values), len(header)) - 1] if values else None,
                    )
                yield record, dict(zip(header, values, strict=True))
        except csv.Error as exc:
            raise VocabularyImportError(name, f"malformed CSV ({exc})", row=record + 1) from exc
        except UnicodeDecodeError as exc:
            raise VocabularyImportError(name, "is not valid UTF-8", row=record + 1) from exc


def _required(name, record, row, column) -> str:
    value = (row.get(column) or "").strip()
    if not value:
        raise VocabularyImportError(name, "is empty", row=record, column=column)
    return value


def _check_label(name, record, column, text) -> str:
    text = " ".join(text.split())
    if len(text) > MAX_LABEL_LENGTH:
        raise VocabularyImportError(
            name, f"a label is longer than {MAX_LABEL_LENGTH} characters", row=record, column=column
        )
    return text


def _check_uri(name, record, column, uri) -> str:
    if not uri.startswith(("http://", "https://")) or len(uri) > 255 or " " in uri:
        raise VocabularyImportError(name, f"'{uri[:80]}' is not a concept URI", row=record, column=column)
    return uri


def _labels_from_row(concept: ConceptData, lang, name, record, row) -> None:
    concept.add_label(lang, "preferred", _check_label(name, record, "preferredLabel", row["preferredLabel"]))
    for column, kind in (("altLabels", "alt"), ("hiddenLabels", "hidden")):
        for text in (row.get(column) or "").splitlines():
            text = _check_label(name, record, column, text)
            if text:
                concept.add_label(lang, kind, text)


def _set_field(concept: ConceptData, key: str, value: str, lang: str | None = None) -> None:
    value = (value or "").strip()
    if not value:
        return
    if key == "description" and lang is not None:
        # Keep the description of the most preferred language seen so far.
        rank = DESCRIPTION_PRIORITY.index(lang) if lang in DESCRIPTION_PRIORITY else len(DESCRIPTION_PRIORITY)
        current = concept.fields.get("_description_rank")
        if current is not None and int(current) <= rank:
            return
        concept.fields["_description_rank"] = str(rank)
        concept.fields[key] = value
        return
    concept.fields.setdefault(key, value)  # first language read wins (English is read first)


def _read_concepts(path: Path, lang: str, target: dict[str, ConceptData], kind: str) -> int:
    name = path.name
    # A regional variant (skills_en-us.csv) lists every concept but leaves the label empty where the
    # variant has no wording of its own (13 skills in ESCO 1.2's en-us file): such a row adds nothing.
    regional_variant = "-" in path.stem.split("_", 1)[-1]
    count = 0
    for record, row in _rows(path, ("conceptUri", "preferredLabel")):
        uri = _check_uri(name, record, "conceptUri", _required(name, record, row, "conceptUri"))
        if regional_variant and not (row.get("preferredLabel") or "").strip():
            continue
        _required(name, record, row, "preferredLabel")
        concept = target.setdefault(uri, ConceptData(uri))
        _labels_from_row(concept, lang, name, record, row)
        if kind == "occupation":
            isco = (row.get("iscoGroup") or "").strip()
            if isco and not ISCO_CODE.match(isco):
                raise VocabularyImportError(
                    name, f"'{isco}' is not an ISCO-08 code (1 to 4 digits)", row=record, column="iscoGroup"
                )
            _set_field(concept, "isco_code", isco)
            code = (row.get("code") or "").strip()
            if len(code) > 50:
                raise VocabularyImportError(name, "longer than 50 characters", row=record, column="code")
            _set_field(concept, "code", code)
            note = (row.get("regulatedProfessionNote") or "").strip()
            if note and not note.endswith("/unregulated"):
                _set_field(concept, "regulated_note", note)
        else:
            for column, key in (("skillType", "skill_type"), ("reuseLevel", "reuse_level")):
                value = (row.get(column) or "").strip()
                if len(value) > 50:
                    raise VocabularyImportError(name, "longer than 50 characters", row=record, column=column)
                _set_field(concept, key, value)
        _set_field(concept, "description", row.get("description") or "", lang)
        count += 1
    return count


def _read_groups(path: Path, lang: str, target: dict[str, ConceptData]) -> int:
    name = path.name
    # A regional variant (skills_en-us.csv) lists every concept but leaves the label empty where the
    # variant has no wording of its own (13 skills in ESCO 1.2's en-us file): such a row adds nothing.
    regional_variant = "-" in path.stem.split("_", 1)[-1]
    count = 0
    for record, row in _rows(path, ("conceptUri", "preferredLabel")):
        uri = _check_uri(name, record, "conceptUri", _required(name, record, row, "conceptUri"))
        if regional_variant and not (row.get("preferredLabel") or "").strip():
            continue
        _required(name, record, row, "preferredLabel")
        code = (row.get("code") or "").strip()
        if not code:
            code = uri.rstrip("/").rsplit("/", 1)[-1].lstrip("C")  # .../isco/C7212 -> 7212
        if not ISCO_CODE.match(code):
            raise VocabularyImportError(
                name, f"'{code}' is not an ISCO-08 code (1 to 4 digits)", row=record, column="code"
            )
        group = target.setdefault(code, ConceptData(uri))
        group.fields.setdefault("uri", uri)
        _labels_from_row(group, lang, name, record, row)
        _set_field(group, "description", row.get("description") or "", lang)
        count += 1
    return count


def _read_relations(path: Path, relations: dict[str, dict[str, str]]) -> int:
    name = path.name
    count = 0
    for record, row in _rows(path, ("occupationUri", "relationType", "skillUri")):
        occupation = _check_uri(name, record, "occupationUri", _required(name, record, row, "occupationUri"))
        skill = _check_uri(name, record, "skillUri", _required(name, record, row, "skillUri"))
        relation = _required(name, record, row, "relationType").lower()
        if relation not in RELATIONS:
            raise VocabularyImportError(
                name, f"'{relation}' is not essential or optional", row=record, column="relationType"
            )
        relations.setdefault(occupation, {})[skill] = relation
        count += 1
    return count


def read_esco_folder(folder: str | Path, progress: Callable[[str], None] = lambda line: None) -> VocabularyData:
    """Parse and validate the ESCO CSV files of `folder`; raise `VocabularyImportError` on a problem."""
    folder = Path(folder)
    if not folder.is_dir():
        raise VocabularyImportError(str(folder), "is not a folder")
    found: dict[str, list[tuple[str, Path]]] = {}
    for path in sorted(folder.iterdir()):
        match = FILE_PATTERN.match(path.name)
        if not match or not path.is_file():
            continue
        kind, lang = match.group(1), match.group(2).lower()
        if lang not in LANGUAGES:
            progress(f"skipping {path.name}: language '{lang}' is not one of {', '.join(LANGUAGES)}")
            continue
        found.setdefault(kind, []).append((lang, path))
    if not found:
        raise VocabularyImportError(
            str(folder),
            "contains no ESCO CSV file (occupations_<lang>.csv, ISCOGroups_<lang>.csv, skills_<lang>.csv, ...)",
        )
    order = {lang: i for i, lang in enumerate(DESCRIPTION_PRIORITY)}
    data = VocabularyData()
    for kind in ("ISCOGroups", "skills", "occupations"):
        for lang, path in sorted(found.get(kind, []), key=lambda item: order.get(item[0], 9)):
            if kind == "ISCOGroups":
                n = _read_groups(path, lang, data.groups)
            else:
                n = _read_concepts(
                    path,
                    lang,
                    data.skills if kind == "skills" else data.occupations,
                    "skill" if kind == "skills" else "occupation",
                )
            data.files.append(path.name)
            progress(f"read {path.name}: {n} rows")
    # Relations are the same in every language's file: read one (English when present).
    relation_files = sorted(found.get("occupationSkillRelations", []), key=lambda item: order.get(item[0], 9))
    if relation_files:
        path = relation_files[0][1]
        n = _read_relations(path, data.relations)
        data.files.append(path.name)
        progress(f"read {path.name}: {n} relations")
    for concept_map in (data.groups, data.occupations, data.skills):
        for concept in concept_map.values():
            concept.fields.pop("_description_rank", None)
    return data


# -- writing -------------------------------------------------------------------------------------
@dataclass
class ImportCounts:
    created: dict[str, int] = field(default_factory=lambda: {"isco_groups": 0, "occupations": 0, "skills": 0})
    updated: dict[str, int] = field(default_factory=lambda: {"isco_groups": 0, "occupations": 0, "skills": 0})
    labels_added: int = 0
    labels_removed: int = 0
    relations_added: int = 0
    relations_changed: int = 0
    relations_removed: int = 0
    relations_skipped: int = 0
    totals: dict[str, int] = field(default_factory=dict)
    version_id: int | None = None

    @property
    def changed(self) -> bool:
        return bool(
            sum(self.created.values())
            or sum(self.updated.values())
            or self.labels_added
            or self.labels_removed
            or self.relations_added
            or self.relations_changed
            or self.relations_removed
        )

    def lines(self) -> list[str]:
        out = []
        for key in ("isco_groups", "occupations", "skills"):
            out.append(
                f"{key}: {self.created[key]} created, {self.updated[key]} updated, "
                f"{self.totals.get(key, 0)} in the file(s)"
            )
        out.append(f"labels: {self.labels_added} added, {self.labels_removed} removed")
        out.append(
            f"relations: {self.relations_added} added, {self.relations_changed} changed, "
            f"{self.relations_removed} removed, {self.relations_skipped} skipped (unknown concept)"
        )
        out.append(
            f"vocabulary version {self.version_id} recorded"
            if self.version_id
            else "no changes: the vocabulary was already up to date"
        )
        return out


def _sync_concepts(
    model,
    key_field,
    label_model,
    fk_field,
    records: dict[str, ConceptData],
    field_names,
    counts: ImportCounts,
    counter: str,
    progress,
) -> dict[str, int]:
    """Create/update concepts and replace their labels per language; returns key -> id for all records."""
    key_column = getattr(model, key_field)
    columns = [model.id, key_column] + [getattr(model, f) for f in field_names]
    existing = {row[1]: row for row in model.select(*columns).tuples()}
    new_rows = []
    for key, concept in records.items():
        row = existing.get(key)
        if row is None:
            values = {key_field: key}
            # Every row names every column: peewee's insert_many takes its columns from the first row.
            values.update({f: concept.fields.get(f) or (None if getattr(model, f).null else "") for f in field_names})
            new_rows.append(values)
            continue
        current = dict(zip(field_names, row[2:], strict=True))
        changes = {
            f: concept.fields[f]
            for f in field_names
            if concept.fields.get(f) and concept.fields[f] != (current.get(f) or "")
        }
        if changes:
            model.update(**changes).where(model.id == row[0]).execute()
            counts.updated[counter] += 1
    for batch in chunked(new_rows, CHUNK):
        model.insert_many(batch).execute()
    counts.created[counter] += len(new_rows)
    if new_rows:
        progress(f"  {counter}: {len(new_rows)} created")
    ids = {row[1]: row[0] for row in model.select(model.id, key_column).tuples()}

    # Labels: for each concept and each language present in the data, the stored set becomes the given set.
    langs = sorted({lang for concept in records.values() for lang in concept.labels})
    if not langs:
        return ids
    stored: dict[tuple[int, str], dict[tuple[str, str], int]] = {}
    fk_column = getattr(label_model, fk_field)
    for label_id, concept_id, lang, kind, text in (
        label_model.select(label_model.id, fk_column, label_model.lang, label_model.kind, label_model.text)
        .where(label_model.lang.in_(langs))
        .tuples()
    ):
        stored.setdefault((concept_id, lang), {})[(kind, text)] = label_id
    to_add, to_remove = [], []
    for key, concept in records.items():
        concept_id = ids[key]
        for lang, labels in concept.labels.items():
            have = stored.get((concept_id, lang), {})
            want = {(kind, text) for kind, text in labels}
            for kind, text in labels:
                if (kind, text) not in have:
                    to_add.append({fk_field: concept_id, "lang": lang, "kind": kind, "text": text})
            to_remove.extend(label_id for pair, label_id in have.items() if pair not in want)
    for batch in chunked(to_remove, CHUNK):
        label_model.delete().where(label_model.id.in_(batch)).execute()
    for batch in chunked(to_add, CHUNK):
        label_model.insert_many(batch).execute()
    counts.labels_added += len(to_add)
    counts.labels_removed += len(to_remove)
    if to_add or to_remove:
        progress(f"  {counter} labels: {len(to_add)} added, {len(to_remove)} removed")
    return ids


def _sync_relations(data: VocabularyData, occupation_ids, skill_ids, counts: ImportCounts) -> None:
    if not data.relations:
        return
    wanted: dict[tuple[int, int], str] = {}
    touched: set[int] = set()
    for occupation_uri, skills in data.relations.items():
        occupation_id = occupation_ids.get(occupation_uri)
        if occupation_id is None:
            counts.relations_skipped += len(skills)
            continue
        touched.add(occupation_id)
        for skill_uri, relation in skills.items():
            skill_id = skill_ids.get(skill_uri)
            if skill_id is None:
                counts.relations_skipped += 1
                continue
            wanted[(occupation_id, skill_id)] = relation
    existing = {}
    for batch in chunked(sorted(touched), CHUNK):
        for rel_id, occupation_id, skill_id, relation in (
            OccupationSkill.select(
                OccupationSkill.id,
                OccupationSkill.occupation,
                OccupationSkill.skill,
                OccupationSkill.relation,
            )
            .where(OccupationSkill.occupation.in_(batch))
            .tuples()
        ):
            existing[(occupation_id, skill_id)] = (rel_id, relation)
    to_add = []
    for pair, relation in wanted.items():
        if pair not in existing:
            to_add.append({"occupation": pair[0], "skill": pair[1], "relation": relation})
        elif existing[pair][1] != relation:
            OccupationSkill.update(relation=relation).where(OccupationSkill.id == existing[pair][0]).execute()
            counts.relations_changed += 1
    if data.relation_mode == "replace":
        stale = [rel_id for pair, (rel_id, _) in existing.items() if pair not in wanted]
        for batch in chunked(stale, CHUNK):
            OccupationSkill.delete().where(OccupationSkill.id.in_(batch)).execute()
        counts.relations_removed += len(stale)
    for batch in chunked(to_add, CHUNK):
        OccupationSkill.insert_many(batch).execute()
    counts.relations_added += len(to_add)


def apply_vocabulary(
    data: VocabularyData,
    source: str,
    esco_version: str = "",
    progress: Callable[[str], None] = lambda line: None,
) -> ImportCounts:
    """Write `data` in one transaction; records a `VocabularyVersion` and bumps the cache only on change."""
    counts = ImportCounts()
    counts.totals = {
        "isco_groups": len(data.groups),
        "occupations": len(data.occupations),
        "skills": len(data.skills),
    }
    with db.atomic():
        _sync_concepts(
            IscoGroup,
            "code",
            IscoGroupLabel,
            "group",
            data.groups,
            ("uri", "description"),
            counts,
            "isco_groups",
            progress,
        )
        skill_ids = _sync_concepts(
            Skill,
            "uri",
            SkillLabel,
            "skill",
            data.skills,
            ("skill_type", "reuse_level", "description"),
            counts,
            "skills",
            progress,
        )
        occupation_ids = _sync_concepts(
            Occupation,
            "uri",
            OccupationLabel,
            "occupation",
            data.occupations,
            ("isco_code", "code", "regulated_note", "description"),
            counts,
            "occupations",
            progress,
        )
        _sync_relations(data, occupation_ids, skill_ids, counts)
        if counts.changed:
            version = VocabularyVersion.create(
                source=source[:200],
                esco_version=esco_version[:50],
                occupations=Occupation.select().count(),
                skills=Skill.select().count(),
                labels=OccupationLabel.select().count() + SkillLabel.select().count(),
            )
            counts.version_id = version.id
            CacheVersion.bump("vocabulary")
    return counts


def import_esco_folder(
    folder: str | Path, esco_version: str = "", progress: Callable[[str], None] = lambda line: None
) -> ImportCounts:
    """Validate then import an ESCO CSV folder; raises `VocabularyImportError` before writing anything."""
    data = read_esco_folder(folder, progress)
    progress("writing to the database…")
    return apply_vocabulary(
        data, source=f"ESCO CSV {Path(folder).resolve()}", esco_version=esco_version, progress=progress
    )
