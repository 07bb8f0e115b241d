"""Development check: do realistic Belgian vacancy titles find the right seeded occupation?

    .venv/bin/python seed_data/vocabulary/tools/dev_check.py

Loads the seed into a throw-away SQLite file, runs the titles below (written by hand in the style
of VDAB / Le Forem / Actiris vacancies, NOT copied from the seed labels) through
api.taxonomy.service.search_occupations and prints success@1/@5 and MRR per language.
"""

# ruff: noqa: E501
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

# (title, lang, expected ESCO uuid prefix)
TITLES = [
    ("Lasser TIG (m/v/x)", "nl", "7aedaa07"),
    ("Ervaren MIG/MAG lasser - Gent", "nl", "7aedaa07"),
    ("Heftruckchauffeur ploegensysteem", "nl", "eeac6251"),
    ("Vorkliftchauffeur", "nl", "eeac6251"),
    ("Magazijnier met heftruckattest", "nl", "bea705fe"),
    ("Orderpicker avondploeg", "nl", "cd94def5"),
    ("Zorgkundige woonzorgcentrum", "nl", "87d0795a"),
    ("Verpleegkundige nachtdienst", "nl", "8d3e8aaa"),
    ("Poetsvrouw kantoren", "nl", "303a1e34"),
    ("Schoonmaakster dienstencheques", "nl", "cbad55a4"),
    ("Keukenhulp (m/v/x)", "nl", "e1cf6897"),
    ("Zelfstandig kok", "nl", "90f75f67"),
    ("Chauffeur CE internationaal", "nl", "45037d43"),
    ("Vrachtwagenchauffeur C", "nl", "45037d43"),
    ("Buschauffeur", "nl", "00cee175"),
    ("Elektricien residentieel", "nl", "5dbb9cf0"),
    ("Industrieel elektricien", "nl", "5df63943"),
    ("Onderhoudstechnicus elektromechanica", "nl", "5d009d45"),
    ("CNC-operator draaien", "nl", "5c082067"),
    ("CNC-frezer", "nl", "a1c9f8b7"),
    ("Metselaar ruwbouw", "nl", "05f321f8"),
    ("Dakwerker", "nl", "b4c6d1b0"),
    ("Tegelzetter", "nl", "02447817"),
    ("Loodgieter-chauffagist", "nl", "ed3cf43d"),
    ("Koeltechnieker", "nl", "79f435d0"),
    ("Automecanicien", "nl", "4ad4024e"),
    ("Slager-beenhouwer", "nl", "37c7880e"),
    ("Broodbakker", "nl", "1aadb308"),
    ("Plaatbewerker-plooier", "nl", "572c9810"),
    ("Productiemedewerker voeding", "nl", "e3dc66d"),
    ("Kassamedewerker supermarkt", "nl", "2b871272"),
    ("Software developer Java", "nl", "f2b15a0e"),
    ("Systeembeheerder", "nl", "9e2e6e1"),
    ("Bordenbouwer", "nl", "c44a118d"),
    ("Calculator bouw", "nl", "0cca32c2"),
    ("Asbestverwijderaar", "nl", "990bfa45"),
    ("Soudeur TIG H/F", "fr", "7aedaa07"),
    ("Soudeuse semi-automatique", "fr", "7aedaa07"),
    ("Cariste (H/F/X)", "fr", "eeac6251"),
    ("Magasinier cariste", "fr", "bea705fe"),
    ("Préparateur de commandes - Liège", "fr", "cd94def5"),
    ("Aide-soignante en maison de repos", "fr", "87d0795a"),
    ("Infirmier en gériatrie", "fr", "8d3e8aaa"),
    ("Technicienne de surface", "fr", "303a1e34"),
    ("Aide ménagère titres-services", "fr", "cbad55a4"),
    ("Commis de cuisine", "fr", "e1cf6897"),
    ("Cuisinier CDI temps plein", "fr", "90f75f67"),
    ("Chef de partie", "fr", "1009be17"),
    ("Plongeur", "fr", "f756fdab"),
    ("Serveuse", "fr", "d5db9d5c"),
    ("Chauffeur poids lourd CE", "fr", "45037d43"),
    ("Chauffeur de bus", "fr", "00cee175"),
    ("Électricien industriel", "fr", "5df63943"),
    ("Électromécanicien de maintenance", "fr", "5d009d45"),
    ("Opérateur CNC", "fr", "5c082067"),
    ("Maçon", "fr", "05f321f8"),
    ("Couvreur-zingueur", "fr", "b4c6d1b0"),
    ("Carreleur", "fr", "02447817"),
    ("Plombier-chauffagiste", "fr", "ed3cf43d"),
    ("Frigoriste", "fr", "79f435d0"),
    ("Mécanicien automobile", "fr", "4ad4024e"),
    ("Boucher", "fr", "37c7880e"),
    ("Boulangère", "fr", "1aadb308"),
    ("Tôlier industriel", "fr", "572c9810"),
    ("Ouvrier de production agroalimentaire", "fr", "e3dc66d"),
    ("Caissière", "fr", "2b871272"),
    ("Développeur Java", "fr", "f2b15a0e"),
    ("Acheteur", "fr", "29fa406d"),
    ("Moniteur d'auto-école", "fr", "bca2528a"),
    ("Assistante sociale", "fr", "4b05bef2"),
    ("Désamianteur", "fr", "990bfa45"),
    ("Métreur", "fr", "0cca32c2"),
]

# (free-text skill, lang, expected local skill URI suffix)
SKILL_QUERIES = [
    ("heftruck rijden", "nl", "operate-forklift"),
    ("TIG lassen", "nl", "perform-tungsten-inert-gas-welding"),
    ("plannen lezen", "nl", "read-technical-drawings"),
    ("HACCP", "nl", "comply-with-food-safety-and-hygiene"),
    ("VCA", "nl", "apply-health-and-safety-standards"),
    ("patiënten wassen", "nl", "assist-patients-with-personal-hygiene"),
    ("orderpicking met scanner", "nl", "pick-orders-for-dispatching"),
    ("metselen", "nl", "lay-bricks"),
    ("soudure TIG", "fr", "perform-tungsten-inert-gas-welding"),
    ("conduite de chariot élévateur", "fr", "operate-forklift"),
    ("lecture de plans", "fr", "read-technical-drawings"),
    ("hygiène alimentaire", "fr", "comply-with-food-safety-and-hygiene"),
    ("toilette des patients", "fr", "assist-patients-with-personal-hygiene"),
    ("préparation de commandes", "fr", "pick-orders-for-dispatching"),
    ("programmation CNC", "fr", "program-a-cnc-controller"),
    ("habilitation électrique BA4", "fr", "electrical-safety-regulations"),
]


def _load(vocabulary) -> list[str]:
    """Load the seed; if the loader still refuses local urn: skill URIs, accept them for this check."""
    from models.esco_import import VocabularyImportError

    try:
        return vocabulary.load()
    except VocabularyImportError as exc:
        if "uri" not in str(exc):
            raise
        original = vocabulary._uri

        def accept_urn(item, file, index):
            if isinstance(item, dict) and str(item.get("uri", "")).startswith("urn:knelpunt:"):
                return item["uri"]
            return original(item, file, index)

        vocabulary._uri = accept_urn
        return ["NOTE: loader rejects urn:knelpunt skill URIs; accepted them for this check only", *vocabulary.load()]


def main() -> None:
    import seed_data.vocabulary as vocabulary
    from api import create_app
    from api.taxonomy import service
    from models import db
    from models.migrations import apply_migrations

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp}/dev.sqlite3", "LOG_LEVEL": "WARNING"})
        with app.app_context(), db.connection_context():
            apply_migrations()
            for line in _load(vocabulary):
                print(line)
            stats = {}
            for title, lang, expected in TITLES:
                results = service.search_occupations(title, lang=lang, limit=10)
                uuids = [r["uri"].rsplit("/", 1)[1] for r in results]
                rank = next((i + 1 for i, u in enumerate(uuids) if u.startswith(expected)), None)
                s = stats.setdefault(lang, {"n": 0, "at1": 0, "at5": 0, "rr": 0.0})
                s["n"] += 1
                s["at1"] += rank == 1
                s["at5"] += bool(rank and rank <= 5)
                s["rr"] += 1 / rank if rank else 0.0
                if rank != 1:
                    top = results[0]["preferred_label"] if results else "-"
                    print(f"  [{lang}] {title!r}: rank {rank}, top = {top!r}")
            for text, lang, expected in SKILL_QUERIES:
                results = service.search_skills(text, lang=lang, limit=10)
                uris = [r["uri"] for r in results]
                rank = next((i + 1 for i, u in enumerate(uris) if u.endswith(":" + expected)), None)
                s = stats.setdefault(lang + " skills", {"n": 0, "at1": 0, "at5": 0, "rr": 0.0})
                s["n"] += 1
                s["at1"] += rank == 1
                s["at5"] += bool(rank and rank <= 5)
                s["rr"] += 1 / rank if rank else 0.0
                if rank != 1:
                    top = results[0]["preferred_label"] if results else "-"
                    print(f"  [{lang} skill] {text!r}: rank {rank}, top = {top!r}")
            for lang, s in stats.items():
                print(f"{lang}: n={s['n']} success@1={s['at1'] / s['n']:.2f} "
                      f"success@5={s['at5'] / s['n']:.2f} MRR={s['rr'] / s['n']:.2f}")


if __name__ == "__main__":
    main()
