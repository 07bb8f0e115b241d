"""The concept search engine (matching.concept_search) on the fixture vocabulary, without a database."""

import pytest

from matching.concept_search import Concept, ConceptIndex
from matching.search_weights import FEATURES, OCCUPATION_MODEL
from tests.vocab_fixture import OCC, OCCUPATIONS


def _concepts():
    concepts = []
    for key, (uuid, isco, labels, _ess, _opt) in OCCUPATIONS.items():
        rows = []
        for lang, entry in labels.items():
            rows.append((lang, "preferred", entry["preferred"]))
            rows.extend((lang, "alt", text) for text in entry.get("alt", []))
        concepts.append(Concept(key, OCC + uuid, tuple(rows), isco, (), f"Fixture description of {key}."))
    return concepts


@pytest.fixture(scope="module")
def index():
    return ConceptIndex(_concepts())


@pytest.mark.parametrize(
    "title, lang, key",
    [
        # Dutch
        ("Lasser TIG (m/v/x) - REF 1234 - Gent", "nl", "welder"),
        ("LASSERS gezocht", "nl", "welder"),
        ("heftruckchauffeur", "nl", "forklift_driver"),
        ("Ervaren heftruckbestuurster - 3 ploegen", None, "forklift_driver"),
        ("Zorgkundige woonzorgcentrum", "nl", "care_assistant"),
        ("Verpleegkundigen (m/v) nachtdienst", "nl", "nurse"),
        ("Schoonmaakster kantoren - Brugge", "nl", "cleaner"),
        ("Metselaar voltijds", None, "bricklayer"),
        ("Trappenmonteur", "nl", "staircase_installer"),
        # French
        ("Soudeur(euse) H/F CDI", "fr", "welder"),
        ("soudeuse", None, "welder"),
        ("Aide-soignante", "fr", "care_assistant"),
        ("Infirmière - Liège", "fr", "nurse"),
        ("Chauffeur routier (H/F)", "fr", "truck_driver"),
        ("Cuisinière en collectivité", "fr", "cook"),
        ("Maçonne", "fr", "bricklayer"),
        # German
        ("Schweißerin (m/w/d) Vollzeit", "de", "welder"),
        ("Staplerfahrer (m/w/d)", "de", "forklift_driver"),
        ("Köchin", "de", "cook"),
        # English
        ("Senior Software Engineer", "en", "software_developer"),
        ("CNC Machinist - night shift", "en", "cnc_operator"),
        ("Registered Nurses", "en", "nurse"),
        ("HGV driver", "en", "truck_driver"),
        # typos
        ("verpleegkundie", "nl", "nurse"),
        ("weldr", "en", "welder"),
    ],
)
def test_noisy_titles_find_their_occupation(index, title, lang, key):
    hits = index.search(title, lang=lang, limit=5)
    assert hits, title
    assert hits[0].key == key, [(h.key, h.matched_label, h.score) for h in hits]


def test_hits_are_sorted_scored_in_unit_interval_and_explained(index):
    hits = index.search("lasser", limit=10)
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert set(hits[0].signals) == set(FEATURES)
    assert hits[0].matched_label == "lasser" and hits[0].matched_lang == "nl" and hits[0].matched_kind == "preferred"


def test_an_exact_label_is_confident_and_nonsense_is_not(index):
    assert index.search("metselaar", lang="nl")[0].score > 0.5
    nonsense = index.search("xq zzv plork", limit=3)
    assert not nonsense or nonsense[0].score < 0.3


def test_search_is_deterministic(index):
    first = [(h.key, h.score, h.matched_label) for h in index.search("operator", limit=10)]
    again = [(h.key, h.score, h.matched_label) for h in ConceptIndex(_concepts()).search("operator", limit=10)]
    assert first == again


def test_language_preference_changes_the_matched_label_not_the_concept(index):
    french = index.search("programmeur", lang="fr", limit=1)[0]
    dutch = index.search("programmeur", lang="nl", limit=1)[0]
    assert french.key == dutch.key == "software_developer"
    assert french.matched_lang == "fr" and dutch.matched_lang == "nl"


def test_limit_and_empty_inputs(index):
    assert len(index.search("a", limit=3)) <= 3
    assert index.search("", limit=3) == []
    assert index.search("lasser", limit=0) == []
    assert ConceptIndex([]).search("lasser") == []


def test_score_is_the_model_probability_of_the_explained_features(index):
    import math

    hit = index.search("soudeur", lang="fr", limit=1)[0]
    decision = OCCUPATION_MODEL.decision([hit.signals[name] for name in FEATURES])
    assert hit.score == pytest.approx(1 / (1 + math.exp(-decision)), abs=1e-3)


def test_a_belgian_variant_absent_from_the_labels_is_searched_as_the_vocabulary_word():
    concepts = [
        Concept(1, OCC + "koel", (("nl", "preferred", "koelmonteur"),), "7127"),
        Concept(2, OCC + "color", (("nl", "preferred", "colorist"),), "7132"),
        Concept(3, OCC + "stuc", (("nl", "preferred", "stukadoor"),), "7123"),
    ]
    small = ConceptIndex(concepts)
    assert small.search("Frigorist (m/v/x)", lang="nl")[0].key == 1
    assert small.search("Plafonneerder", lang="nl")[0].key == 3
