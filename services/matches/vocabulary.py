"""The vocabulary as matching reads it: the engine's slice, and labels and URIs held per process.

`labels()` answers what a match response shows of occupations and skills (URI, ISCO code,
preferred label in the request's language, else English, else another language) from memory:
one `VersionedCache` over the `vocabulary` counter, so a ranking request sends no label query.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from matching.engine import Vocabulary
from models.taxonomy import Occupation, OccupationLabel, OccupationSkill, Skill, SkillLabel
from services.cache import VersionedCache
from services.taxonomy import vocabulary_version

LABEL_LANGUAGES = ("en", "nl", "fr")  # the skill labels the engine compares free text with
FALLBACK = ("en", "nl", "fr", "de")  # after the asked language; then any language


def load_vocabulary() -> Vocabulary:
    """The engine's slice of the vocabulary: ISCO and ESCO codes, occupation skills, skill labels (en/nl/fr)."""
    isco = dict(
        Occupation.select(Occupation.id, Occupation.isco_code).where(Occupation.isco_code.is_null(False)).tuples()
    )
    relations: dict[int, tuple[list, list]] = defaultdict(lambda: ([], []))
    for occupation_id, skill_id, relation in OccupationSkill.select(
        OccupationSkill.occupation, OccupationSkill.skill, OccupationSkill.relation
    ).tuples():
        relations[occupation_id][0 if relation == "essential" else 1].append(skill_id)
    labels: dict[int, list[str]] = defaultdict(list)
    for skill_id, text in (
        SkillLabel.select(SkillLabel.skill, SkillLabel.text)
        .where(SkillLabel.kind == "preferred", SkillLabel.lang.in_(LABEL_LANGUAGES))
        .order_by(SkillLabel.skill, SkillLabel.lang)
        .tuples()
    ):
        labels[skill_id].append(text)
    codes = dict(Occupation.select(Occupation.id, Occupation.code).where(Occupation.code.is_null(False)).tuples())
    return Vocabulary(
        occupation_isco=isco,
        occupation_codes={o: c for o, c in codes.items() if c},
        occupation_skills={o: (tuple(e), tuple(p)) for o, (e, p) in relations.items()},
        skill_labels={s: " | ".join(dict.fromkeys(t)) for s, t in labels.items()},
        version=vocabulary_version(),
    )


@dataclass
class _Concepts:
    """One kind of concept: URI per id, and the preferred labels that a language may fall back to."""

    uri: dict[int, str]
    texts: dict[int, list[tuple[str, str]]]  # id -> [(lang, text)] in label-id order, FALLBACK + one other
    by_lang: dict[str, dict[int, str]] = field(default_factory=dict)

    def label_map(self, lang: str | None) -> dict[int, str]:
        """As `services.taxonomy.occupation_labels`: the asked language, else en, nl, fr, de, else any."""
        lang = lang or "en"
        found = self.by_lang.get(lang)
        if found is None:
            order = [lang, *FALLBACK]
            found = {}
            for concept_id, texts in self.texts.items():
                best = None
                for label_lang, text in texts:
                    rank = order.index(label_lang) if label_lang in order else len(order)
                    if best is None or rank < best[0]:
                        best = (rank, text)
                found[concept_id] = best[1]
            self.by_lang[lang] = found
        return found


def _concepts(model, label_model, fk) -> _Concepts:
    texts: dict[int, list] = defaultdict(list)
    others: set[int] = set()
    for concept_id, lang, text in (
        label_model.select(fk, label_model.lang, label_model.text)
        .where(label_model.kind == "preferred")
        .order_by(label_model.id)
        .tuples()
    ):
        if lang in FALLBACK:
            texts[concept_id].append((lang, text))
        elif concept_id not in others:  # the first label of another language ranks below all of FALLBACK
            others.add(concept_id)
            texts[concept_id].append((lang, text))
    return _Concepts(uri=dict(model.select(model.id, model.uri).tuples()), texts=dict(texts))


class Labels:
    """URIs, ISCO codes and preferred labels of every occupation and skill."""

    def __init__(self):
        self.occupations = _concepts(Occupation, OccupationLabel, OccupationLabel.occupation)
        self.skills = _concepts(Skill, SkillLabel, SkillLabel.skill)
        self.isco = dict(Occupation.select(Occupation.id, Occupation.isco_code).tuples())
        self.occupation_by_uri = {uri: oid for oid, uri in self.occupations.uri.items()}
        self.skill_by_uri = {uri: sid for sid, uri in self.skills.uri.items()}

    def occupation_info(self, ids, lang: str) -> dict[int, dict]:
        """{occupation_id: {"uri", "isco_code", "preferred_label"}} of the known ids."""
        labels = self.occupations.label_map(lang)
        uris = self.occupations.uri
        return {
            i: {"uri": uris[i], "isco_code": self.isco.get(i), "preferred_label": labels.get(i)}
            for i in set(ids)
            if i in uris
        }

    def skill_info(self, ids, lang: str) -> dict[int, dict]:
        """{skill_id: {"uri", "preferred_label"}} of the known ids."""
        labels = self.skills.label_map(lang)
        uris = self.skills.uri
        return {i: {"uri": uris[i], "preferred_label": labels.get(i)} for i in set(ids) if i in uris}

    def alternatives(self, stored: list[dict]) -> list[dict]:
        """Stored runner-up occupations ({"uri", "score"}) as the engine reads them; unknown URIs are left out."""
        out = []
        for item in stored:
            oid = self.occupation_by_uri.get(item.get("uri"))
            if oid is not None:
                out.append({"occupation_id": oid, "isco_code": self.isco.get(oid), "score": item.get("score")})
        return out


_labels = VersionedCache("match_labels", ("vocabulary",), build=Labels)


def labels() -> Labels:
    return _labels.get()
