"""Vocabulary service: occupation/skill search, labels, relations and the ISCO hierarchy.

This is the contract other domains call (docs/architecture.md, "vocabulary service"); it takes plain
values and returns plain values, and access to the vocabulary does not depend on the caller.

Search runs on per-process state (`SearchState`: the `matching.concept_search.ConceptIndex`, the
preferred label of each concept per language, its ISCO code or skill type, and the recent results),
one `services.cache.VersionedCache` per concept table that depends on the `vocabulary` counter. A
search costs no query of its own beyond the counter read the request shares with every other cache:
labels and codes of the hits come from that state, and a repeated (text, lang, limit) from its
results, which go with the state when the vocabulary changes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from peewee import fn

from core.taxonomy import (
    LANGUAGES,
    MAX_LIMIT,
    MAX_QUERY_LENGTH,
    OCCUPATION_LOW_CONFIDENCE,
    SKILL_MIN_CONFIDENCE,
)
from matching.concept_search import Concept, ConceptIndex
from matching.search_weights import OCCUPATION_MODEL, SKILL_MODEL
from models.errors import NotFoundError, ValidationFailed
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
from services.cache import RecentValues, VersionedCache

__all__ = [
    "MAX_LIMIT", "MAX_QUERY_LENGTH", "OCCUPATION_LOW_CONFIDENCE", "SKILL_MIN_CONFIDENCE",
    "search_occupations", "search_skills", "occupation_labels", "skill_labels", "occupation_skill_ids",
    "vocabulary_version", "isco_hierarchy", "get_occupation", "get_skill", "get_isco_group",
    "RECENT_RESULTS", "VOCABULARY_COUNTER",
]

VOCABULARY_COUNTER = "vocabulary"
# Preferred label of a concept: in the asked language, else English, else these, else any.
LABEL_FALLBACK = ("en", "nl", "fr", "de")
# Distinct recent searches whose results a process keeps per concept table (a few MB).
RECENT_RESULTS = 2048


# -- per-process search state -------------------------------------------------------------------
@dataclass(frozen=True)
class SearchState:
    """What a search needs, built from the database once per vocabulary version."""

    index: ConceptIndex
    preferred: dict[int, dict[str, str]]  # concept key -> {lang: first preferred label}
    detail: dict[int, str | None]  # concept key -> ISCO code (occupations) or skill type (skills)
    recent: RecentValues = field(default_factory=lambda: RecentValues(RECENT_RESULTS))

    def preferred_label(self, key: int, lang: str | None, default: str | None = None) -> str | None:
        labels = self.preferred.get(key, {})
        for candidate in (lang or "en", *LABEL_FALLBACK):
            if candidate in labels:
                return labels[candidate]
        return next(iter(labels.values()), default)


def _first_preferred(labels) -> dict[str, str]:
    """{lang: text} of the first preferred label per language, in the order of `labels`."""
    found: dict[str, str] = {}
    for lang, kind, text in labels:
        if kind == "preferred":
            found.setdefault(lang, text)
    return found


def _state(concepts: list[Concept], detail: dict, **index_options) -> SearchState:
    return SearchState(
        index=ConceptIndex(concepts, **index_options),
        preferred={concept.key: _first_preferred(concept.labels) for concept in concepts},
        detail={concept.key: detail.get(concept.key) for concept in concepts},
    )


def _labels_by_concept(label_model, fk) -> dict[int, list[tuple[str, str, str]]]:
    labels = defaultdict(list)
    query = (
        label_model.select(fk, label_model.lang, label_model.kind, label_model.text)
        .order_by(label_model.id)
        .tuples()
    )
    for concept_id, lang, kind, text in query:
        labels[concept_id].append((lang, kind, text))
    return labels


def _group_labels_by_code() -> dict[str, list[str]]:
    labels = defaultdict(list)
    query = (
        IscoGroupLabel.select(IscoGroup.code, IscoGroupLabel.text)
        .join(IscoGroup)
        .where(IscoGroupLabel.kind == "preferred")
        .order_by(IscoGroupLabel.id)
        .tuples()
    )
    for code, text in query:
        labels[code].append(text)
    return labels


def _build_occupation_state() -> SearchState:
    labels = _labels_by_concept(OccupationLabel, OccupationLabel.occupation)
    groups = _group_labels_by_code()
    concepts, isco = [], {}
    for occupation_id, uri, isco_code, description in (
        Occupation.select(Occupation.id, Occupation.uri, Occupation.isco_code, Occupation.description)
        .order_by(Occupation.id)
        .tuples()
    ):
        if not labels.get(occupation_id):
            continue
        group_labels = tuple(groups.get(isco_code, ())) if isco_code else ()
        concepts.append(
            Concept(
                occupation_id, uri, tuple(labels[occupation_id]), isco_code, group_labels, description or ""
            )
        )
        isco[occupation_id] = isco_code
    return _state(concepts, isco, model=OCCUPATION_MODEL)


def _build_skill_state() -> SearchState:
    labels = _labels_by_concept(SkillLabel, SkillLabel.skill)
    concepts, kinds = [], {}
    for skill_id, uri, description, skill_type in (
        Skill.select(Skill.id, Skill.uri, Skill.description, Skill.skill_type).order_by(Skill.id).tuples()
    ):
        if labels.get(skill_id):
            concepts.append(Concept(skill_id, uri, tuple(labels[skill_id]), None, (), description or ""))
            kinds[skill_id] = skill_type or ""
    return _state(concepts, kinds, model=SKILL_MODEL, doc_candidates=5)


occupation_index: VersionedCache[SearchState] = VersionedCache(
    "occupation_search", (VOCABULARY_COUNTER,), build=_build_occupation_state
)
skill_index: VersionedCache[SearchState] = VersionedCache(
    "skill_search", (VOCABULARY_COUNTER,), build=_build_skill_state
)


# -- validation -------------------------------------------------------------------------------
def _check_search_args(text, lang, limit) -> tuple[str, str | None, int]:
    errors = {}
    if not isinstance(text, str) or not text.strip():
        errors["q"] = ["Give the text to search for (a job title or skill)."]
    elif len(text) > MAX_QUERY_LENGTH:
        errors["q"] = [f"At most {MAX_QUERY_LENGTH} characters."]
    if lang is not None and lang not in LANGUAGES:
        errors["lang"] = [f"Must be one of: {', '.join(LANGUAGES)}."]
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= MAX_LIMIT:
        errors["limit"] = [f"Must be an integer from 1 to {MAX_LIMIT}."]
    if errors:
        raise ValidationFailed("Invalid search: " + ", ".join(sorted(errors)) + ".", errors=errors)
    return text.strip(), lang, limit


# -- contract ---------------------------------------------------------------------------------
def search_occupations(text: str, lang: str | None = None, limit: int = 10) -> list[dict]:
    """Best occupations for a free-text title, best first, with a calibrated score in [0, 1]."""
    return _search(occupation_index.get(), "occupation_id", "isco_code", text, lang, limit)


def search_skills(text: str, lang: str | None = None, limit: int = 10) -> list[dict]:
    """Best ESCO skills for a free-text skill, best first, with a calibrated score in [0, 1]."""
    return _search(skill_index.get(), "skill_id", "skill_type", text, lang, limit)


def _search(state: SearchState, id_field: str, detail_field: str, text, lang, limit) -> list[dict]:
    """The hits as fresh dicts (callers may change them): the concept, its label in the asked language,
    its detail field, the score and the evidence."""
    text, lang, limit = _check_search_args(text, lang, limit)
    key = (text, lang, limit)
    hits = state.recent.get(key)
    if hits is None:
        hits = tuple(
            {
                id_field: hit.key,
                detail_field: state.detail.get(hit.key),
                "uri": hit.uri,
                "preferred_label": state.preferred_label(hit.key, lang, default=hit.matched_label),
                "score": hit.score,
                "matched_label": hit.matched_label,
                "matched_lang": hit.matched_lang,
                "matched_kind": hit.matched_kind,
                "signals": hit.signals,
            }
            for hit in state.index.search(text, lang=lang, limit=limit)
        )
        state.recent.put(key, hits)
    return [{**hit, "signals": dict(hit["signals"])} for hit in hits]


def _preferred_labels(label_model, fk, ids, lang) -> dict[int, str]:
    """Preferred label per concept in `lang`, else English, else any language (stable choice)."""
    ids = [int(i) for i in ids if i is not None]
    if not ids:
        return {}
    order = [lang or "en", *LABEL_FALLBACK]
    found: dict[int, tuple[int, str]] = {}
    query = (
        label_model.select(fk, label_model.lang, label_model.text)
        .where(fk.in_(ids), label_model.kind == "preferred")
        .order_by(label_model.id)
        .tuples()
    )
    for concept_id, label_lang, text in query:
        rank = order.index(label_lang) if label_lang in order else len(order)
        if concept_id not in found or rank < found[concept_id][0]:
            found[concept_id] = (rank, text)
    return {concept_id: text for concept_id, (_, text) in found.items()}


def occupation_labels(ids, lang) -> dict[int, str]:
    """Preferred label of each occupation id in `lang` (falling back to en, then any language)."""
    return _preferred_labels(OccupationLabel, OccupationLabel.occupation, ids, lang)


def skill_labels(ids, lang) -> dict[int, str]:
    """Preferred label of each skill id in `lang` (falling back to en, then any language)."""
    return _preferred_labels(SkillLabel, SkillLabel.skill, ids, lang)


def occupation_skill_ids(occupation_ids) -> dict[int, dict[str, list[int]]]:
    """Essential and optional skill ids of each occupation (every requested id is a key)."""
    ids = [int(i) for i in occupation_ids if i is not None]
    result = {i: {"essential": [], "optional": []} for i in ids}
    if not ids:
        return result
    query = (
        OccupationSkill.select(OccupationSkill.occupation, OccupationSkill.skill, OccupationSkill.relation)
        .where(OccupationSkill.occupation.in_(ids))
        .order_by(OccupationSkill.skill)
        .tuples()
    )
    for occupation_id, skill_id, relation in query:
        result[occupation_id]["essential" if relation == "essential" else "optional"].append(skill_id)
    return result


def vocabulary_version() -> str:
    """A short identifier of the loaded vocabulary: last import's id, source and ESCO version."""
    latest = VocabularyVersion.select().order_by(VocabularyVersion.id.desc()).first()
    if latest is None:
        return "none"
    suffix = f"-esco{latest.esco_version}" if latest.esco_version else ""
    return f"v{latest.id}{suffix}"


# -- detail views ---------------------------------------------------------------------------
def _labels_by_lang(rows) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for lang, kind, text in rows:
        entry = out.setdefault(lang, {"preferred": None, "alt": [], "hidden": []})
        if kind == "preferred":
            entry["preferred"] = entry["preferred"] or text
        else:
            entry.setdefault(kind, []).append(text)
    return out


def _resolve(model, ref: str):
    ref = (ref or "").strip()
    concept = None
    if ref.isdigit():
        concept = model.get_or_none(model.id == int(ref))
    elif ref.startswith(("http://", "https://", "urn:")):
        concept = model.get_or_none(model.uri == ref)
    elif ref:
        # A bare ESCO identifier (the UUID at the end of the URI).
        concept = model.select().where(model.uri.endswith("/" + ref)).first()
    if concept is None:
        noun = "Occupation" if model is Occupation else "Skill"
        raise NotFoundError(f"{noun} '{ref}' not found in the vocabulary.")
    return concept


def isco_hierarchy(code: str | None, lang: str | None) -> list[dict]:
    """The ISCO-08 groups from major group down to `code`, each with its label in `lang`."""
    if not code:
        return []
    codes = [code[:n] for n in range(1, len(code) + 1)]
    groups = {g.code: g for g in IscoGroup.select().where(IscoGroup.code.in_(codes))}
    labels = _group_labels([g.id for g in groups.values()], lang)
    return [
        {"code": c, "label": labels.get(groups[c].id) if c in groups else None, "level": len(c)}
        for c in codes
    ]


def _group_labels(group_ids, lang) -> dict[int, str]:
    order = [lang or "en", *LABEL_FALLBACK]
    found: dict[int, tuple[int, str]] = {}
    if not group_ids:
        return {}
    for group_id, label_lang, text in (
        IscoGroupLabel.select(IscoGroupLabel.group, IscoGroupLabel.lang, IscoGroupLabel.text)
        .where(IscoGroupLabel.group.in_(group_ids), IscoGroupLabel.kind == "preferred")
        .tuples()
    ):
        rank = order.index(label_lang) if label_lang in order else len(order)
        if group_id not in found or rank < found[group_id][0]:
            found[group_id] = (rank, text)
    return {gid: text for gid, (_, text) in found.items()}


def get_occupation(ref: str, lang: str | None = None) -> dict:
    """One occupation with its labels, ISCO hierarchy and skills (the shortage lists naming it are the
    permit reference data's: `services.permits.shortage_lists_for`)."""
    lang = _check_lang(lang)
    occupation = _resolve(Occupation, ref)
    labels = _labels_by_lang(
        OccupationLabel.select(OccupationLabel.lang, OccupationLabel.kind, OccupationLabel.text)
        .where(OccupationLabel.occupation == occupation)
        .order_by(OccupationLabel.lang, OccupationLabel.kind, OccupationLabel.id)
        .tuples()
    )
    relations = occupation_skill_ids([occupation.id])[occupation.id]
    all_skill_ids = relations["essential"] + relations["optional"]
    names = skill_labels(all_skill_ids, lang or "en")
    uris = (
        dict(Skill.select(Skill.id, Skill.uri).where(Skill.id.in_(all_skill_ids)).tuples())
        if all_skill_ids
        else {}
    )

    def skills(ids):
        return sorted(
            ({"skill_id": i, "uri": uris.get(i), "preferred_label": names.get(i)} for i in ids),
            key=lambda s: ((s["preferred_label"] or "").lower(), s["skill_id"]),
        )

    return {
        "occupation_id": occupation.id,
        "uri": occupation.uri,
        "preferred_label": occupation_labels([occupation.id], lang or "en").get(occupation.id),
        "isco_code": occupation.isco_code,
        "code": occupation.code,
        "description": occupation.description,
        "regulated_note": occupation.regulated_note,
        "labels": labels,
        "isco_hierarchy": isco_hierarchy(occupation.isco_code, lang),
        "essential_skills": skills(relations["essential"]),
        "optional_skills": skills(relations["optional"]),
        "vocabulary_version": vocabulary_version(),
    }


def get_skill(ref: str, lang: str | None = None) -> dict:
    """One skill with its labels and the occupations that need it."""
    lang = _check_lang(lang)
    skill = _resolve(Skill, ref)
    labels = _labels_by_lang(
        SkillLabel.select(SkillLabel.lang, SkillLabel.kind, SkillLabel.text)
        .where(SkillLabel.skill == skill)
        .order_by(SkillLabel.lang, SkillLabel.kind, SkillLabel.id)
        .tuples()
    )
    rows = list(
        OccupationSkill.select(OccupationSkill.occupation, OccupationSkill.relation)
        .where(OccupationSkill.skill == skill)
        .tuples()
    )
    occ_ids = [r[0] for r in rows]
    names = occupation_labels(occ_ids, lang or "en")
    uris = (
        dict(Occupation.select(Occupation.id, Occupation.uri).where(Occupation.id.in_(occ_ids)).tuples())
        if occ_ids
        else {}
    )
    occupations = sorted(
        (
            {
                "occupation_id": oid,
                "uri": uris.get(oid),
                "preferred_label": names.get(oid),
                "relation": relation,
            }
            for oid, relation in rows
        ),
        key=lambda o: (
            o["relation"] != "essential",
            (o["preferred_label"] or "").lower(),
            o["occupation_id"],
        ),
    )
    return {
        "skill_id": skill.id,
        "uri": skill.uri,
        "preferred_label": skill_labels([skill.id], lang or "en").get(skill.id),
        "skill_type": skill.skill_type,
        "reuse_level": skill.reuse_level,
        "description": skill.description,
        "labels": labels,
        "occupations": occupations,
    }


def get_isco_group(code: str, lang: str | None = None) -> dict:
    """One ISCO-08 group: labels, parents, direct sub-groups and its occupations (unit groups)."""
    lang = _check_lang(lang)
    code = (code or "").strip()
    group = IscoGroup.get_or_none(IscoGroup.code == code) if code.isdigit() and len(code) <= 4 else None
    if group is None:
        raise NotFoundError(f"ISCO-08 group '{code}' not found.")
    labels = _labels_by_lang(
        IscoGroupLabel.select(IscoGroupLabel.lang, IscoGroupLabel.kind, IscoGroupLabel.text)
        .where(IscoGroupLabel.group == group)
        .order_by(IscoGroupLabel.id)
        .tuples()
    )
    children = list(
        IscoGroup.select()
        .where(IscoGroup.code.startswith(code), fn.LENGTH(IscoGroup.code) == len(code) + 1)
        .order_by(IscoGroup.code)
    )
    child_labels = _group_labels([c.id for c in children], lang)
    occupations = []
    if len(code) == 4:
        occ = list(
            Occupation.select(Occupation.id, Occupation.uri)
            .where(Occupation.isco_code == code)
            .order_by(Occupation.id)
        )
        names = occupation_labels([o.id for o in occ], lang or "en")
        occupations = sorted(
            ({"occupation_id": o.id, "uri": o.uri, "preferred_label": names.get(o.id)} for o in occ),
            key=lambda o: ((o["preferred_label"] or "").lower(), o["occupation_id"]),
        )
    return {
        "code": group.code,
        "uri": group.uri,
        "level": len(group.code),
        "label": _group_labels([group.id], lang).get(group.id),
        "description": group.description,
        "labels": labels,
        "hierarchy": isco_hierarchy(group.code, lang)[:-1],
        "children": [{"code": c.code, "label": child_labels.get(c.id)} for c in children],
        "occupations": occupations,
    }


def _check_lang(lang):
    if lang is not None and lang not in LANGUAGES:
        raise ValidationFailed(
            "Invalid language.", errors={"lang": [f"Must be one of: {', '.join(LANGUAGES)}."]}
        )
    return lang
