"""The concept search engine (matching.concept_search) on the fixture vocabulary, without a database."""

import math

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
    # weights fitted on French titles score French queries
    decision = OCCUPATION_MODEL.for_lang("fr").decision([hit.signals[name] for name in FEATURES])
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


# -- the model learned from real titles ------------------------------------------------------------
def test_the_shipped_occupation_model_is_a_small_data_file_fitted_for_dutch_french_and_english():
    import json

    from matching.search_weights import OCCUPATION_MODEL_FILE, VOCABULARY_MODEL

    assert OCCUPATION_MODEL_FILE.stat().st_size < 5_000_000
    assert set(OCCUPATION_MODEL.by_lang) == {"nl", "fr", "en"}
    assert len(OCCUPATION_MODEL.associations) > 1000
    assert len(OCCUPATION_MODEL.group_associations) > 1000
    # the file says which parts of the MELO split it learned from: never the test part the figures come from
    fitted_on = json.loads(OCCUPATION_MODEL_FILE.read_text(encoding="utf-8"))["fitted_on"]
    assert "fit" in fitted_on and "test" not in fitted_on
    for lang in ("nl", "fr", "en"):
        assert OCCUPATION_MODEL.for_lang(lang).weights != VOCABULARY_MODEL.weights
        assert OCCUPATION_MODEL.for_lang(lang).interactions
    # queries in other languages keep the weights fitted on the vocabulary itself
    assert OCCUPATION_MODEL.for_lang("de").weights == VOCABULARY_MODEL.weights
    # English titles have a word table of their own; Dutch and French (and German) share the pooled one
    english, _, _ = OCCUPATION_MODEL.associations_for("en")
    assert len(english) > 1000 and english is not OCCUPATION_MODEL.associations
    assert OCCUPATION_MODEL.associations_for("nl")[0] is OCCUPATION_MODEL.associations
    assert OCCUPATION_MODEL.for_lang("fr").associations is OCCUPATION_MODEL.associations


def test_the_shipped_english_weights_score_english_titles_with_and_without_a_language(index):
    title = "Senior welder for the night shift"
    assert index.detect_language(title) == "en"
    hits = index.search(title, lang=None, limit=3)
    assert hits == index.search(title, lang="en", limit=3)
    decision = OCCUPATION_MODEL.for_lang("en").decision([hits[0].signals[name] for name in FEATURES])
    assert hits[0].score == pytest.approx(1 / (1 + math.exp(-decision)), abs=1e-3)
    vocabulary = OCCUPATION_MODEL.for_lang("de").decision([hits[0].signals[name] for name in FEATURES])
    assert decision != pytest.approx(vocabulary, abs=1e-3)


def test_a_model_file_with_other_features_is_refused(tmp_path):
    import json

    from matching.search_weights import OCCUPATION_MODEL_FILE, Model

    data = json.loads(OCCUPATION_MODEL_FILE.read_text(encoding="utf-8"))
    data["features"] = data["features"][:-1]
    path = tmp_path / "model.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="features"):
        Model.load(path)


def _title_model(associations, nl_weights=None):
    from matching.search_weights import VOCABULARY_MODEL, Model

    by_lang = {"nl": (nl_weights, VOCABULARY_MODEL.intercept)} if nl_weights else {}
    return Model(VOCABULARY_MODEL.weights, VOCABULARY_MODEL.intercept, associations, 1.0, by_lang)


def test_learned_word_associations_reach_a_concept_that_shares_no_word_with_the_title():
    from matching.search_weights import VOCABULARY_MODEL

    weights = list(VOCABULARY_MODEL.weights)
    weights[FEATURES.index("title_assoc")] = 4.0
    weights[FEATURES.index("head_assoc")] = 4.0
    welder = next(c for c in _concepts() if c.key == "welder")
    # "werfbediende" names none of the fixture labels; the titles it was learned from were welders'.
    plain = ConceptIndex(_concepts())
    associations = {word: {welder.uri: 9} for word in plain.title_words("werfbediende", "nl")}
    learned = ConceptIndex(_concepts(), model=_title_model(associations, tuple(weights)))
    assert all(hit.key != "welder" for hit in plain.search("werfbediende", lang="nl", limit=3))
    hit = learned.search("werfbediende", lang="nl", limit=1)[0]
    assert hit.key == "welder"
    assert hit.signals["title_assoc"] == pytest.approx(0.9)  # 9 titles / (9 + 1 smoothing)
    assert hit.signals["head_assoc"] == pytest.approx(0.9)
    # English queries are scored with the vocabulary weights, in which associations weigh nothing
    english = next(h for h in learned.search("werfbediende", lang="en", limit=10) if h.key == "welder")
    assert english.signals["title_assoc"] == pytest.approx(0.9)
    assert english.score < hit.score


def test_group_associations_reach_the_siblings_of_a_learned_occupation_and_no_other_group():
    concepts = [
        Concept(1, OCC + "weld", (("nl", "preferred", "lasser"),), "7212"),
        Concept(2, OCC + "solder", (("nl", "preferred", "soldeerder"),), "7212"),
        Concept(3, OCC + "sheet", (("nl", "preferred", "plaatwerker"),), "7213"),
        Concept(4, OCC + "nurse", (("nl", "preferred", "verpleegkundige"),), "2221"),
    ]
    index = ConceptIndex(concepts, model=_title_model({}))
    words = index.title_words("werfbediende", "nl")
    # Nine titles "werfbediende" were welders'; the file counts them under the unit group 7212.
    index.set_associations({w: {OCC + "weld": 9} for w in words}, 1.0, {w: {"7212": 9} for w in words})
    signals = {hit.key: hit.signals for hit in index.search("werfbediende", lang="nl", limit=10)}
    # the sibling of the same unit group (never named by a title) shares the group's evidence
    assert signals[2]["title_assoc"] == 0.0
    assert signals[2]["group_assoc"] == pytest.approx(0.9) and signals[2]["group_head_assoc"] == pytest.approx(0.9)
    # the minor group 721 holds 7212 and 7213; the nurse's group (2221) learns nothing
    assert signals[3]["group_assoc"] == 0.0 and signals[3]["minor_assoc"] == pytest.approx(0.9)
    assert 4 not in signals or signals[4]["minor_assoc"] == 0.0


def test_a_language_with_its_own_word_table_uses_it_and_the_others_keep_the_pooled_one(tmp_path):
    import json

    from matching.search_weights import OCCUPATION_MODEL_FILE, VOCABULARY_MODEL, Model

    weights = list(VOCABULARY_MODEL.weights)
    weights[FEATURES.index("title_assoc")] = 4.0
    weights[FEATURES.index("head_assoc")] = 4.0
    by_lang = {lang: {"weights": weights, "intercept": VOCABULARY_MODEL.intercept} for lang in ("nl", "en")}
    plain = ConceptIndex(_concepts())
    welder, cook = (next(c for c in _concepts() if c.key == key) for key in ("welder", "cook"))
    # Learned from Dutch titles: a "werfbediende" is a welder; from English ones: a cook.
    by_lang["en"]["associations"] = {w: {cook.uri: 9} for w in plain.title_words("werfbediende", "en")}
    by_lang["en"]["smoothing"] = 2.0
    data = json.loads(OCCUPATION_MODEL_FILE.read_text(encoding="utf-8"))
    data.update(
        weights=list(VOCABULARY_MODEL.weights),
        intercept=VOCABULARY_MODEL.intercept,
        by_lang=by_lang,
        smoothing=1.0,
        associations={w: {welder.uri: 9} for w in plain.title_words("werfbediende", "nl")},
    )
    path = tmp_path / "model.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    model = Model.load(path)
    assert model.associations_for("en") == (by_lang["en"]["associations"], {}, 2.0)
    learned = ConceptIndex(_concepts(), model=model)
    dutch = learned.search("werfbediende", lang="nl", limit=1)[0]
    english = learned.search("werfbediende", lang="en", limit=1)[0]
    assert (dutch.key, dutch.signals["title_assoc"]) == ("welder", pytest.approx(0.9))  # 9 / (9 + 1)
    assert (english.key, english.signals["title_assoc"]) == ("cook", pytest.approx(9 / 11, abs=1e-4))  # 9 / (9 + 2)
    # German queries have no table of their own: the pooled one
    german = next(h for h in learned.search("werfbediende", lang="de", limit=10) if h.key == "welder")
    assert german.signals["title_assoc"] == pytest.approx(0.9)


@pytest.mark.parametrize(
    "title, lang",
    [
        ("Lasser TIG (m/v/x) - Gent", "nl"),
        ("Verpleegkundigen (m/v) nachtdienst", "nl"),
        ("Soudeur(euse) H/F CDI", "fr"),
        ("Agent de nettoyage de bureaux", "fr"),
        ("Senior welder for the night shift", "en"),
    ],
)
def test_the_language_of_a_title_is_detected_from_the_vocabulary_words(index, title, lang):
    assert index.detect_language(title) == lang


def test_a_title_without_a_language_is_scored_as_its_detected_language(index):
    # The service normalises candidates' past job titles without a language: they get the weights
    # fitted for the language the title is written in.
    for title in ("Lasser TIG (m/v/x) - Gent", "Soudeur(euse) H/F CDI"):
        lang = index.detect_language(title)
        assert index.search(title, lang=None) == index.search(title, lang=lang)


def test_interaction_terms_add_to_the_score_and_are_shared_by_their_features_in_the_explanation():
    from matching.search_weights import VOCABULARY_MODEL, Model

    i, j = FEATURES.index("head_match"), FEATURES.index("char_cosine")
    model = Model(VOCABULARY_MODEL.weights, VOCABULARY_MODEL.intercept, interactions=((j, i, 2.0),))
    features = [0.5] * len(FEATURES)
    assert model.decision(features) == pytest.approx(VOCABULARY_MODEL.decision(features) + 2.0 * 0.5 * 0.5)
    explained = model.explain(features)
    assert sum(explained.values()) == pytest.approx(model.decision(features) - model.intercept, abs=1e-3)
    assert explained["head_match"] == pytest.approx(VOCABULARY_MODEL.explain(features)["head_match"] + 0.25, abs=1e-3)
