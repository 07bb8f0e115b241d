"""Validate the curated vocabulary files shipped in seed_data/vocabulary/.

These tests read the seed files themselves (that is their purpose) and never touch the database.
Checks against the official ESCO files and the shortage list run only when ../shared is present.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
VOCAB = REPO / "seed_data" / "vocabulary"
SHARED = REPO.parent / "shared"
ESCO_OCCUPATIONS_EN = SHARED / "data" / "esco" / "occupations_en.csv"
ESCO_ISCO_EN = SHARED / "data" / "esco" / "ISCOGroups_en.csv"
SHORTAGE_CSV = SHARED / "domain" / "shortage-occupations.csv"

LANGS = ("nl", "fr", "en", "de")
OCCUPATION_URI = re.compile(r"^http://data\.europa\.eu/esco/occupation/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$")
LOCAL_SKILL_URI = re.compile(r"^urn:knelpunt:skill:[a-z0-9]+(-[a-z0-9]+)*$")
ESCO_SKILL_URI = re.compile(r"^http://data\.europa\.eu/esco/skill/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$")
UUID_LIKE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}")
MAX_BYTES = 1_500_000
REUSE_LEVELS = {"transversal", "cross-sector", "sector-specific", "occupation-specific"}


def _load(name):
    path = VOCAB / name
    raw = path.read_bytes()
    assert len(raw) < MAX_BYTES, f"{name} is {len(raw)} bytes"
    return json.loads(raw.decode("utf-8"))


@pytest.fixture(scope="module")
def occupations():
    return _load("occupations.json")


@pytest.fixture(scope="module")
def skills():
    return _load("skills.json")


@pytest.fixture(scope="module")
def isco_groups():
    return _load("isco_groups.json")


@pytest.fixture(scope="module")
def shortage_mapping():
    return _load("shortage_mapping.json")


@pytest.fixture(scope="module")
def occupation_by_uri(occupations):
    return {o["uri"]: o for o in occupations}


def _all_labels(record, lang):
    lab = record["labels"].get(lang)
    if not lab:
        return []
    return [lab["preferred"], *lab["alt"]]


def _fold(text):
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c)).replace("’", "'")


def _kebab(text):
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# --- occupations -------------------------------------------------------------------------------

def test_at_least_150_occupations_with_unique_esco_uris_in_sorted_order(occupations):
    assert isinstance(occupations, list)
    assert len(occupations) >= 150
    uris = [o["uri"] for o in occupations]
    assert len(set(uris)) == len(uris), [u for u, n in Counter(uris).items() if n > 1]
    bad = [u for u in uris if not OCCUPATION_URI.match(u)]
    assert not bad
    assert uris == sorted(uris), "occupations.json must be sorted by uri (deterministic output)"


def test_every_occupation_has_preferred_labels_in_four_languages(occupations):
    missing = [(o["uri"], lang) for o in occupations for lang in LANGS
               if not (o["labels"].get(lang) or {}).get("preferred", "").strip()]
    assert not missing


def test_alt_labels_are_clean_lists_without_duplicates(occupations):
    problems = []
    for occ in occupations:
        for lang, lab in occ["labels"].items():
            assert set(lab) == {"preferred", "alt"}, (occ["uri"], lang)
            assert isinstance(lab["alt"], list)
            texts = [lab["preferred"], *lab["alt"]]
            if any(not isinstance(t, str) or not t.strip() or t != t.strip() or len(t) > 500 for t in texts):
                problems.append((occ["uri"], lang, "empty, padded or too long label"))
            folded = [t.casefold() for t in texts]
            if len(set(folded)) != len(folded):
                problems.append((occ["uri"], lang, "duplicate label"))
    assert not problems


def test_common_occupations_have_several_alt_labels_per_language(occupations):
    total = Counter()
    for occ in occupations:
        for lang in LANGS:
            total[lang] += len(occ["labels"][lang]["alt"])
    for lang in ("nl", "fr", "en"):
        assert total[lang] / len(occupations) >= 2.5, (lang, total[lang])
    rich = [o for o in occupations if all(len(o["labels"][lang]["alt"]) >= 4 for lang in ("nl", "fr"))]
    assert len(rich) >= 60


def test_isco_and_esco_codes_are_well_formed(occupations):
    for occ in occupations:
        assert re.fullmatch(r"\d{4}", occ["isco_code"]), occ["uri"]
        if occ.get("code"):
            assert occ["code"].startswith(occ["isco_code"] + "."), (occ["uri"], occ["code"])
        assert isinstance(occ.get("description", ""), str)
        assert isinstance(occ.get("regulated_note", ""), str)


def test_every_occupation_has_essential_skills_that_exist(occupations, skills):
    skill_uris = {s["uri"] for s in skills}
    for occ in occupations:
        essential, optional = occ["essential_skills"], occ["optional_skills"]
        assert len(essential) >= 4, occ["uri"]
        assert len(optional) <= 5, occ["uri"]
        assert len(set(essential + optional)) == len(essential) + len(optional), occ["uri"]
        unknown = [u for u in essential + optional if u not in skill_uris]
        assert not unknown, (occ["uri"], unknown)


# --- skills ------------------------------------------------------------------------------------

def test_skills_have_unique_honest_uris_and_labels(skills):
    uris = [s["uri"] for s in skills]
    assert len(set(uris)) == len(uris)
    assert uris == sorted(uris)
    for skill in skills:
        uri = skill["uri"]
        if uri.startswith("urn:"):
            # local skills are named after their English label and never look like ESCO UUIDs
            assert LOCAL_SKILL_URI.match(uri), uri
            assert uri == "urn:knelpunt:skill:" + _kebab(skill["labels"]["en"]["preferred"]), uri
            assert not UUID_LIKE.search(uri), uri
        else:
            assert ESCO_SKILL_URI.match(uri), uri
        assert skill["skill_type"] in {"skill/competence", "knowledge"}, uri
        assert skill["reuse_level"] in REUSE_LEVELS, uri
        for lang in ("nl", "fr", "en"):
            assert skill["labels"][lang]["preferred"].strip(), (uri, lang)


def test_every_skill_is_used_and_many_are_shared_between_occupations(occupations, skills):
    uses = Counter(u for o in occupations for u in o["essential_skills"] + o["optional_skills"])
    unused = [s["uri"] for s in skills if s["uri"] not in uses]
    assert not unused
    shared = [u for u, n in uses.items() if n >= 2]
    assert len(shared) >= len(skills) * 0.6
    # Looked up by English label: a skill's URI is ESCO's where ESCO has the skill, else a local one.
    uri_of = {s["labels"]["en"]["preferred"]: s["uri"] for s in skills}
    assert uses[uri_of["apply health and safety standards"]] >= 30
    assert uses[uri_of["operate forklift"]] >= 3
    assert uses[uri_of["read technical drawings"]] >= 10


def test_skills_carry_the_esco_uri_of_the_esco_skill_with_their_label(skills):
    esco_skills = SHARED / "data" / "esco" / "skills_en-us.csv"
    if not esco_skills.exists():
        pytest.skip("../shared/data/esco/skills_en-us.csv not present")
    with esco_skills.open(encoding="utf-8", newline="") as handle:
        esco = {row["conceptUri"]: row["preferredLabel"] for row in csv.DictReader(handle)}
    linked = [s for s in skills if s["uri"].startswith("http")]
    assert len(linked) >= 80
    for skill in linked:
        assert skill["uri"] in esco, skill["uri"]
    by_label = {label.casefold(): uri for uri, label in esco.items()}
    for skill in skills:
        if skill["uri"].startswith("urn:"):
            # a local URI only where no ESCO skill has this English preferred label
            assert skill["labels"]["en"]["preferred"].casefold() not in by_label, skill["uri"]


# --- ISCO groups -------------------------------------------------------------------------------

def test_isco_groups_cover_every_level_above_each_occupation(occupations, isco_groups):
    codes = [g["code"] for g in isco_groups]
    assert len(set(codes)) == len(codes)
    assert codes == sorted(codes)
    known = set(codes)
    for occ in occupations:
        code = occ["isco_code"]
        missing = [code[:n] for n in range(1, 5) if code[:n] not in known]
        assert not missing, (occ["uri"], missing)


def test_isco_groups_have_labels_in_four_languages_and_parents(isco_groups):
    known = {g["code"] for g in isco_groups}
    for group in isco_groups:
        assert re.fullmatch(r"\d{1,4}", group["code"])
        for lang in LANGS:
            assert group["labels"][lang].strip(), (group["code"], lang)
        if len(group["code"]) > 1:
            assert group["code"][:-1] in known, group["code"]


# --- Belgian usage -----------------------------------------------------------------------------

# (label, language, English preferred label of the occupation that must carry it)
BELGIAN_VARIANTS = [
    ("heftruckchauffeur", "nl", "forklift operator"),
    ("vorkheftruckbestuurder", "nl", "forklift operator"),
    ("cariste", "fr", "forklift operator"),
    ("lasser", "nl", "welder"),
    ("soudeur", "fr", "welder"),
    ("soudeuse", "fr", "welder"),
    ("Schweißer/in", "de", "welder"),
    ("zorgkundige", "nl", "nurse assistant"),
    ("aide-soignant", "fr", "nurse assistant"),
    ("aide-soignante", "fr", "nurse assistant"),
    ("Pflegehelferin", "de", "nurse assistant"),
    ("poetsvrouw", "nl", "building cleaner"),
    ("technicien de surface", "fr", "building cleaner"),
    ("nettoyeuse", "fr", "building cleaner"),
    ("polyvalent medewerker keuken", "nl", "kitchen assistant"),
    ("commis de cuisine", "fr", "kitchen assistant"),
    ("magazijnier", "nl", "warehouse worker"),
    ("préparateur de commandes", "fr", "warehouse order picker"),
    ("CNC-operator", "nl", "computer numerical control machine operator"),
    ("elektricien", "nl", "electrician"),
    ("chauffeur poids lourd", "fr", "cargo vehicle driver"),
    ("vrachtwagenchauffeur", "nl", "cargo vehicle driver"),
    ("infirmière", "fr", "nurse responsible for general care"),
    ("verpleegkundige", "nl", "nurse responsible for general care"),
    ("cuisinière", "fr", "cook"),
    ("kokkin", "nl", "cook"),
    ("beenhouwer", "nl", "butcher"),
    ("bouchère", "fr", "butcher"),
    ("metselaar", "nl", "bricklayer"),
    ("maçon", "fr", "bricklayer"),
    ("lasster", "nl", "welder"),
    ("Lkw-Fahrer", "de", "cargo vehicle driver"),
]


@pytest.mark.parametrize("label,lang,owner", BELGIAN_VARIANTS)
def test_belgian_variants_and_gendered_forms_belong_to_the_right_occupation(occupations, label, lang, owner):
    carriers = [o["labels"]["en"]["preferred"] for o in occupations
                if _fold(label) in {_fold(t) for t in _all_labels(o, lang)}]
    assert owner in carriers, (label, carriers)


# --- shortage-list mapping ---------------------------------------------------------------------

def test_shortage_mapping_points_to_seeded_occupations(shortage_mapping, occupation_by_uri):
    assert shortage_mapping, "shortage_mapping.json is empty"
    for key, row in shortage_mapping.items():
        region, _, label = key.partition("|")
        assert region and label, key
        assert row["mapping_confidence"] in {"exact", "close", "broad"}, key
        assert row["esco_uris"], key
        missing = [u for u in row["esco_uris"] if u not in occupation_by_uri]
        assert not missing, (key, missing)


@pytest.mark.skipif(not SHORTAGE_CSV.exists(), reason="../shared/domain/shortage-occupations.csv not present")
def test_every_shortage_csv_row_is_mapped(shortage_mapping):
    with SHORTAGE_CSV.open(encoding="utf-8", newline="") as handle:
        keys = {f"{row['region']}|{row['occupation_label']}" for row in csv.DictReader(handle)}
    assert keys, "empty shortage CSV"
    assert sorted(keys - set(shortage_mapping)) == []
    assert sorted(set(shortage_mapping) - keys) == []


# --- agreement with the official ESCO files ----------------------------------------------------

@pytest.fixture(scope="module")
def esco_occupations():
    if not ESCO_OCCUPATIONS_EN.exists():
        pytest.skip("../shared/data/esco/occupations_en.csv not present")
    with ESCO_OCCUPATIONS_EN.open(encoding="utf-8", newline="") as handle:
        return {row["conceptUri"]: row for row in csv.DictReader(handle)}


def test_occupation_uris_and_isco_codes_agree_with_official_esco(occupations, esco_occupations):
    unknown = [o["uri"] for o in occupations if o["uri"] not in esco_occupations]
    assert not unknown
    wrong_isco = [(o["uri"], o["isco_code"], esco_occupations[o["uri"]]["iscoGroup"]) for o in occupations
                  if o["isco_code"] != esco_occupations[o["uri"]]["iscoGroup"]]
    assert not wrong_isco


def test_english_preferred_labels_agree_with_official_esco(occupations, esco_occupations):
    # identical preferred labels let a later official import merge with the seed
    different = []
    for occ in occupations:
        official = esco_occupations[occ["uri"]]["preferredLabel"]
        if occ["labels"]["en"]["preferred"] != official:
            different.append((occ["labels"]["en"]["preferred"], official))
    assert not different


def test_isco_english_labels_agree_with_official_esco(isco_groups):
    if not ESCO_ISCO_EN.exists():
        pytest.skip("../shared/data/esco/ISCOGroups_en.csv not present")
    with ESCO_ISCO_EN.open(encoding="utf-8", newline="") as handle:
        official = {row["code"]: row["preferredLabel"] for row in csv.DictReader(handle)}
    different = [(g["code"], g["labels"]["en"], official.get(g["code"])) for g in isco_groups
                 if official.get(g["code"]) != g["labels"]["en"]]
    assert not different

