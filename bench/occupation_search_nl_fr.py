"""Dutch and French development checks of the title normaliser (the product is measured on unseen
Belgian titles in these languages, against the ESCO labels of their language).

Two checks per language, each on an index of that language's ESCO labels only:

1. Held-out alt labels: one alt label is removed from ~40 % of the occupations of
   ../shared/data/esco/occupations_<lang>.csv; each removed label is searched — as written, and
   dressed up as a vacancy title (seniority word, gender marker, place, contract, casing, typo).
2. Belgian vacancy titles written for this check (below, with the ESCO occupation we judge right),
   searched on the full index of the language.

Prints MRR, success@1/5/10 and latency. Usage (repository root):
    nice -n 10 .venv/bin/python bench/occupation_search_nl_fr.py [--limit-queries N]
"""

from __future__ import annotations

import argparse
import random
import sys
import time

import numpy as np
from esco_dev import ESCO, add_noise, hold_out, read_concepts
from occupation_search import Baseline  # noqa: E402

from matching.concept_search import ConceptIndex  # noqa: E402

OCC = "http://data.europa.eu/esco/occupation/"
WELDER, FORKLIFT, TRUCK = (
    "7aedaa07-3884-4c5b-88f9-80997b2aa54b",
    "eeac6251-1974-42f5-91ed-513c6c883755",
    "45037d43-a8f5-4f46-b332-b2935bc305f4",
)
WAREHOUSE, CARE, NURSE = (
    "bea705fe-06ac-4147-b8e0-6e8ac1208d8f",
    "d38c2107-98f2-47b7-8bb4-f69750d51082",
    "8d3e8aaa-791b-4c75-a465-f3f827028f50",
)
COOK, BRICKLAYER, ELECTRICIAN = (
    "90f75f67-495d-49fa-ab57-2f320e251d7e",
    "05f321f8-055b-407d-bf19-e0ddabda56b7",
    "4910419f-b4af-4f59-b544-9dbebc8a74f0",
)
IND_ELECTRICIAN, DOM_ELECTRICIAN = (
    "5df63943-f1bc-4438-90f1-92768a7a23c8",
    "5dbb9cf0-b226-402c-a295-2f42ef05ff8b",
)
PLUMBER, ROOFER, CARPENTER = (
    "ed3cf43d-c2c1-4c46-82fc-1375e27e0290",
    "b4c6d1b0-929e-48be-9f67-47bd8c30658b",
    "2a22ff9e-de3b-408d-b312-5034896cc4f4",
)
CNC, CLEANER, BUS = (
    "5c082067-ea18-4ccb-8c43-e70b18ad8120",
    "303a1e34-cb16-4054-b323-81e5eec17397",
    "00cee175-1376-43fb-9f02-ba3d7a910a58",
)
KITCHEN_PORTER, WAITER, BAKER = (
    "f756fdab-7726-4c48-bfcc-94ff8810fc08",
    "d5db9d5c-2ebf-4a54-a79a-1b7e7ff70471",
    "1aadb308-432a-4d01-b54b-b4f7f76dd419",
)
BUTCHER, VEHICLE_TECH, ACCOUNTANT = (
    "37c7880e-cfee-4c41-a41b-061682fefde3",
    "4ad4024e-d1d3-4dea-b6d1-2c7948111dce",
    "eda0d957-3c3c-4139-b89a-a18bc9e18897",
)
SALES, CASHIER, PAINTER = (
    "9ba74e8a-c40c-4228-9998-eb3c7a5c11df",
    "2b871272-bd61-4206-bd1a-0b96d7023098",
    "15620506-fb5d-49cd-87a2-1c9047fb406a",
)
PLASTERER, CRANE, MACHINERY_MECH = (
    "f4a22809-c00c-4dd0-8b09-c7251f8dcd1c",
    "1f2b8092-1787-4ef4-9282-cf81ce4b4d76",
    "269c47e7-9017-4aa6-bce8-49e89a696a64",
)
HAIRDRESSER, RECEPTIONIST, GUARD = (
    "099c6bb0-22d3-4c5d-8bf5-70910af381ef",
    "f7b04542-d8c7-42db-8475-e63b507cce82",
    "31808988-fc0a-4bc3-9e47-27216d6759f5",
)
HELPDESK, PHARMACIST, BARTENDER = (
    "aaeec9a7-dc57-4485-890c-86b3eef735f9",
    "7c132147-428b-4ea3-87e1-70f7abb691ce",
    "2f5e38a0-6578-4665-bdbd-e2ab505be140",
)
SHEET_METAL, SOFTWARE, HOME_CARE = (
    "572c9810-e1ee-4f7a-a71f-820f17c0c25b",
    "f2b15a0e-e65a-438a-affb-29b9d50b77d1",
    "1391bdf9-bd61-4fb5-91ca-c29036ab2b60",
)
DOMESTIC_CLEANER, CHEF = "cbad55a4-c7cf-4ab6-9540-eac72b26729b", "1009be17-7efd-45f1-a033-566bf179c588"

BELGIAN_TITLES = {
    "nl": [
        ("Lasser TIG/MIG (m/v/x)", WELDER),
        ("Heftruckchauffeur - 2 ploegen - Antwerpen", FORKLIFT),
        ("Vrachtwagenchauffeur CE nationaal transport", TRUCK),
        ("Polyvalente magazijnmedewerker (m/v/x)", WAREHOUSE),
        ("Zorgkundige woonzorgcentrum", CARE),
        ("Verpleegkundige (m/v) - nachtdienst", NURSE),
        ("Zelfstandig kok restaurant", COOK),
        ("Metselaar voor nieuwbouwprojecten", BRICKLAYER),
        ("Elektricien (m/v/x)", ELECTRICIAN),
        ("Industrieel elektricien", IND_ELECTRICIAN),
        ("Loodgieter - sanitair installateur", PLUMBER),
        ("Dakdekker", ROOFER),
        ("Timmerman bekistingen", CARPENTER),
        ("CNC-operator draaien (m/v/x)", CNC),
        ("Schoonmaakster kantoren", CLEANER),
        ("Buschauffeur De Lijn", BUS),
        ("Afwasser / medewerker keuken", KITCHEN_PORTER),
        ("Kelner/serveerster", WAITER),
        ("Bakker-patissier", BAKER),
        ("Beenhouwer", BUTCHER),
        ("Automecanicien", VEHICLE_TECH),
        ("Verkoopster kledingwinkel", SALES),
        ("Kassierster supermarkt", CASHIER),
        ("Schilder-decorateur", PAINTER),
        ("Plafonneerder", PLASTERER),
        ("Kraanman mobiele kraan", CRANE),
        ("Onderhoudstechnieker industriële machines", MACHINERY_MECH),
        ("Kapster", HAIRDRESSER),
        ("Onthaalmedewerker / receptionist(e)", RECEPTIONIST),
        ("Bewakingsagent", GUARD),
        ("Helpdeskmedewerker IT", HELPDESK),
        ("Apotheker", PHARMACIST),
        ("Barman / barvrouw", BARTENDER),
        ("Plaatwerker", SHEET_METAL),
        ("Softwareontwikkelaar Java", SOFTWARE),
        ("Verzorgende thuiszorg", HOME_CARE),
        ("Poetshulp particulieren dienstencheques", DOMESTIC_CLEANER),
        ("Chef-kok (m/v/x)", COOK),
        ("Accountant - Gent", ACCOUNTANT),
    ],
    "fr": [
        ("Soudeur TIG H/F", WELDER),
        ("Cariste (H/F/X) - CDI", FORKLIFT),
        ("Chauffeur poids lourd C/CE", TRUCK),
        ("Magasinier polyvalent", WAREHOUSE),
        ("Aide-soignante en maison de repos", CARE),
        ("Infirmier / Infirmière - soins généraux", NURSE),
        ("Cuisinier (H/F)", COOK),
        ("Maçon coffreur", BRICKLAYER),
        ("Électricien industriel", IND_ELECTRICIAN),
        ("Électricien résidentiel H/F", DOM_ELECTRICIAN),
        ("Plombier chauffagiste", PLUMBER),
        ("Couvreur", ROOFER),
        ("Charpentier (H/F)", CARPENTER),
        ("Opérateur CNC - fraisage", CNC),
        ("Technicien de surface", CLEANER),
        ("Chauffeur de bus", BUS),
        ("Plongeur / Plongeuse", KITCHEN_PORTER),
        ("Serveur (H/F) - temps partiel", WAITER),
        ("Boulanger - pâtissier", BAKER),
        ("Boucher - Bruxelles", BUTCHER),
        ("Mécanicien automobile", VEHICLE_TECH),
        ("Comptable junior", ACCOUNTANT),
        ("Vendeuse en prêt-à-porter", SALES),
        ("Caissière", CASHIER),
        ("Peintre en bâtiment", PAINTER),
        ("Plafonneur", PLASTERER),
        ("Grutier grue mobile", CRANE),
        ("Mécanicien de maintenance industrielle", MACHINERY_MECH),
        ("Coiffeuse", HAIRDRESSER),
        ("Réceptionniste (H/F)", RECEPTIONIST),
        ("Agent de gardiennage", GUARD),
        ("Agent helpdesk informatique", HELPDESK),
        ("Pharmacien (H/F)", PHARMACIST),
        ("Barman / Barmaid", BARTENDER),
        ("Tôlier industriel", SHEET_METAL),
        ("Développeur .NET", SOFTWARE),
        ("Aide ménagère titres-services", DOMESTIC_CLEANER),
        ("Chef de cuisine", CHEF),
        ("Assistante de vie à domicile", HOME_CARE),
    ],
}


class _BaselineIndex:
    """The plain char TF-IDF baseline of bench/occupation_search.py over the same labels."""

    def __init__(self, concepts):
        self.baseline = Baseline([(c.uri, text) for c in concepts for _, _, text in c.labels])

    def search(self, text, lang=None, limit=10):
        return self.baseline.search(text, limit)


def evaluate(index, queries, lang: str | None):
    ranks, latency = [], []
    for text, gold in queries:
        started = time.perf_counter()
        hits = index.search(text, lang=lang, limit=10)
        latency.append(time.perf_counter() - started)
        uris = [hit if isinstance(hit, str) else hit.uri for hit in hits]
        ranks.append(uris.index(gold) + 1 if gold in uris else None)
    return {
        "n": len(queries),
        "mrr": np.mean([1.0 / r if r else 0.0 for r in ranks]),
        "s@1": np.mean([r == 1 for r in ranks]),
        "s@5": np.mean([bool(r) and r <= 5 for r in ranks]),
        "s@10": np.mean([r is not None for r in ranks]),
        "p50_ms": np.percentile(latency, 50) * 1000,
        "p95_ms": np.percentile(latency, 95) * 1000,
    }, ranks


def show(name, result):
    print(
        f"  {name:<34} n={result['n']:<5} MRR {result['mrr']:.3f}  s@1 {result['s@1']:.3f}  "
        f"s@5 {result['s@5']:.3f}  s@10 {result['s@10']:.3f}  p50 {result['p50_ms']:.1f} ms  "
        f"p95 {result['p95_ms']:.1f} ms"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit-queries", type=int, default=800, help="Held-out labels per language.")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--verbose", action="store_true", help="Print the Belgian titles that miss.")
    args = parser.parse_args(argv)
    if not (ESCO / "occupations_nl.csv").exists():
        print("skipped: ../shared/data/esco not found")
        return 0
    for lang in ("nl", "fr"):
        print(f"[{lang}]")
        concepts = read_concepts((lang,), isco_groups=True)
        kept, held = hold_out(concepts, lang, 0.4, seed=args.seed)
        held = held[: args.limit_queries]
        index = ConceptIndex(kept)
        rng = random.Random(args.seed)
        plain = [(text, gold) for text, gold, _ in held]
        noisy = [(add_noise(text, lang, rng), gold) for text, gold in plain]
        show("held-out alt labels, as written", evaluate(index, plain, lang)[0])
        show("held-out alt labels, noisy", evaluate(index, noisy, lang)[0])
        show("held-out alt labels, noisy, no lang", evaluate(index, noisy, None)[0])
        show("  baseline, noisy", evaluate(_BaselineIndex(kept), noisy, None)[0])
        full = ConceptIndex(concepts)
        titles = [(text, OCC + uuid) for text, uuid in BELGIAN_TITLES[lang]]
        result, ranks = evaluate(full, titles, lang)
        show("Belgian titles (written for this)", result)
        show("  baseline", evaluate(_BaselineIndex(concepts), titles, None)[0])
        if args.verbose:
            for (text, _gold), rank in zip(titles, ranks, strict=True):
                if rank != 1:
                    top = full.search(text, lang=lang, limit=1)
                    print(f"    rank {rank}: {text!r} -> {top[0].matched_label if top else None!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
