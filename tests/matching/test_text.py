"""Title and label normalisation (matching.text): pure functions, no app or database."""

import subprocess
import sys

import pytest

from matching.text import CompoundSplitter, clean_title, expand, fold, label_variants, stem


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Lasser TIG (m/v/x) - REF 1234 - Gent", "lasser tig"),
        ("Soudeur H/F CDI", "soudeur"),
        ("Soudeur(euse) - Liège", "soudeur"),
        ("Vendeur·euse temps plein", "vendeur"),
        ("Technicien.ne de maintenance", "technicien de maintenance"),
        ("Infirmier/ère en CDD", "infirmier en"),
        ("aide-soignant(e)", "aide soignant"),
        ("Schweißer (m/w/d) Vollzeit", "schweisser"),
        ("CNC-operator (M/V/X) voltijds", "cnc operator"),
        ("Heftruckchauffeur 3-ploegenstelsel", "heftruckchauffeur"),
        ("Junior Accountant (F/H/X) - Bruxelles", "accountant"),
        ("MARKETING ASSISTANT", "marketing assistant"),
        ("Stagiaire comptable", "comptable"),
        ("Verpleegkundige - interim - regio Antwerpen", "verpleegkundige"),
        ("IT Support Engineer", "ict support engineer"),
        ("Sales Mgr.", "sales manager"),
    ],
)
def test_clean_title_keeps_only_the_occupation_words(raw, expected):
    assert clean_title(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Agent / Agente de propreté urbaine", "agent de proprete urbaine"),
        ("Technicien régleur / Technicienne régleuse en injection", "technicien regleur en injection"),
        ("Vendeur / Vendeuse en prêt-à-porter", "vendeur en pret a porter"),
        # the feminine only adds an ending (the stemmer keeps English "employee" as it is)
        ("Employé polyvalent / Employée polyvalente de restaurant", "employe de restaurant"),
        ("Pilote professionnel / professionnelle aéronautique", "pilote professionnel aeronautique"),
        ("Hôte / Hôtesse de caisse", "hote de caisse"),
        # different words on both sides of the slash stay
        ("Chauffeur / livreur", "chauffeur livreur"),
        ("Kelner/serveerster", "kelner serveerster"),
        ("Bedrijfsleider / ondernemer horeca", "bedrijfsleider ondernemer horeca"),
    ],
)
def test_a_title_spelling_out_both_genders_keeps_one(raw, expected):
    assert clean_title(raw, "fr") == expected


def test_clean_title_never_returns_empty_for_a_noise_only_title():
    assert clean_title("Stagiair (m/v/x)") != ""


def test_stage_is_noise_in_french_but_a_word_in_english():
    assert clean_title("Stage manager", "en") == "stage manager"
    assert clean_title("Stage comptabilité", "fr") == "comptabilite"


@pytest.mark.parametrize(
    "feminine, masculine",
    [
        ("soudeuse", "soudeur"),
        ("infirmiere", "infirmier"),
        ("technicienne", "technicien"),
        ("operatrice", "operateur"),
        ("vendeuse", "vendeur"),
        ("boulangere", "boulanger"),
        ("aide soignante", "aide soignant"),
        ("schweisserin", "schweisser"),
    ],
)
def test_feminine_forms_stem_like_the_masculine(feminine, masculine):
    assert [stem(w) for w in fold(feminine).split()] == [stem(w) for w in fold(masculine).split()]


@pytest.mark.parametrize(
    "plural, singular",
    [
        ("lassers", "lasser"),
        ("welders", "welder"),
        ("nurses", "nurse"),
        ("secretaries", "secretary"),
        ("verpleegkundigen", "verpleegkundige"),
        ("soudeurs", "soudeur"),
    ],
)
def test_plurals_stem_like_the_singular(plural, singular):
    assert stem(plural) == stem(singular)


def test_stem_leaves_words_that_only_look_feminine():
    assert stem("engineer") == "engineer"
    assert stem("magasin") == "magasin"


def test_fold_strips_accents_case_and_punctuation():
    assert fold("Électricien-Monteur  (ÉQUIPE)") == "electricien monteur equipe"
    assert fold("Straße") == "strasse"


def test_compound_splitter_uses_the_vocabulary_words():
    splitter = CompoundSplitter(["heftruck", "chauffeur", "trap", "maker", "pijp", "lasser"])
    assert splitter.split("heftruckchauffeur") == ("heftruck", "chauffeur")
    assert splitter.split("trappenmaker") == ("trap", "maker")  # plural modifier with doubled consonant
    assert splitter.split("pijplasser") == ("pijp", "lasser")
    assert splitter.split("lasser") == ()
    assert splitter.split("onbekendwoord") == ()


def test_label_variants_split_masculine_feminine_pairs_only():
    assert label_variants("soudeur/soudeuse") == ["soudeur/soudeuse", "soudeur", "soudeuse"]
    assert label_variants("chauffeur C/CE") == ["chauffeur C/CE"]


def test_expand_adds_vocabulary_words_for_belgian_variants():
    assert expand("plafonneerder") == [("plafonneerder", "stukadoor")]
    assert expand("technicien de surface") and "nettoyeur" in expand("technicien de surface")[0][1]
    assert expand("lasser") == []


def test_matching_package_imports_neither_flask_nor_peewee():
    code = (
        "import sys, matching.text, matching.concept_search, matching.search_weights; "
        "print('flask' in sys.modules, 'peewee' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]
