# ruff: noqa: E501  (list notes read better unwrapped)
"""Regenerate shortage_lists.csv and shortage_list_entries.csv of seed_data/labour_market.

Usage (from the repository root, with the repository's venv):
    python -m seed_data.labour_market.tools.build [../shared/domain/shortage-lists-2026-research.csv]

Reads the rows of kind `labour_market_shortage` of the research CSV (VDAB, Actiris, Forem, ADG) and
maps each occupation label to ESCO occupation URIs, in this order:

1. a label (preferred or alternative, any of its "/"-separated forms) of the curated vocabulary in
   seed_data/vocabulary/occupations.json, in the label's language -> mapping_confidence "close";
2. a label of the official ESCO files in ../shared/data/esco (occupations_nl/fr/en.csv), same
   language -> "close";
3. the most similar label of those two sources (rapidfuzz token_sort_ratio >= FUZZY_FLOOR, same
   language) -> "proposed" (a machine proposal: check it before relying on it);
4. otherwise no URI ("none"): the entry is kept, with its label, but names no ESCO occupation.

French and Dutch plurals of the press articles ("soudeurs", "artsen") are also tried in singular.
The mapped occupation's ISCO-08 group and English preferred label are written beside the URI so
that a person can review the mapping in the CSV. Run by hand when the research file changes; the
output files are committed and the product never reads ../shared at run time.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "domain" / "shortage-lists-2026-research.csv"
ESCO_DIR = ROOT.parent / "shared" / "data" / "esco"
VOCABULARY = ROOT / "seed_data" / "vocabulary" / "occupations.json"
FUZZY_FLOOR = 90

AUTHORITY = {"Flanders": "flanders", "Wallonia": "wallonia", "Brussels-Capital": "brussels",
             "German-speaking Community": "german_speaking"}

# One row per list. Validity: a list stands from its publication until its successor is published;
# where the sources give only a year, the list is dated from 1 January (or 1 July for the
# Actiris/Forem lists published mid-year). The names below are the research CSV's list names.
LISTS = {
    "VDAB knelpuntberoepenlijst 2024 (241 beroepen)": dict(
        name="VDAB knelpuntberoepen 2024 (241 beroepen; 2 named in the press)",
        valid_from="2024-01-01", valid_to="2024-12-31", completeness="partial", known_size=241, confidence="medium",
        note="VDAB's general list of hard-to-fill occupations in Flanders, 2024 (241 per trends.knack.be, 2024-01). Only 2 names found in the press. A demand signal, not a permit list. Dated 1 Jan - 31 Dec 2024 (published January 2024).",
    ),
    "VDAB knelpuntberoepenlijst 2025 (251 beroepen)": dict(
        name="VDAB knelpuntberoepen 2025 (251 beroepen; 4 named in the press)",
        valid_from="2025-01-01", valid_to="2026-01-31", completeness="partial", known_size=251, confidence="medium",
        note="VDAB's general list, 2025 (251 per ringtv.be, 2025-01). Only 4 names found in a news report. A demand signal, not a permit list. Valid until the 2026 list was published (1 Feb 2026).",
    ),
    "VDAB knelpuntberoepenlijst 2026 (227 beroepen)": dict(
        name="VDAB knelpuntberoepen 2026 (227 beroepen)",
        valid_from="2026-02-01", valid_to="", completeness="complete", known_size=227, confidence="low",
        note="VDAB's general list, 2026: all 227 names as transcribed by the LEXPAT Connect repository (a single secondary source; the count matches the press, focus-wtv.be 2026-02-01). A demand signal, not a permit list. Published 1 Feb 2026; open-ended until the next list.",
    ),
    "Actiris - liste des fonctions critiques 2024 (102 métiers)": dict(
        name="Actiris fonctions critiques 2024 (102 métiers; 10 named in the press)",
        valid_from="2024-07-01", valid_to="2025-06-30", completeness="partial", known_size=102, confidence="medium",
        note="Actiris's general list of critical functions in Brussels, 2024 (102 per bx1, 2024-07). Only 10 names found. A demand signal, never the permit-waiver list. Dated from publication (July 2024) until the 2025 list.",
    ),
    "Actiris - liste des fonctions critiques 2025 (106 métiers; 82 en pénurie per 1001infos.net)": dict(
        name="Actiris fonctions critiques 2025 (106 métiers; 12 named in the press)",
        valid_from="2025-07-01", valid_to="", completeness="partial", known_size=106, confidence="medium",
        note="Actiris's general list, 2025 (106 per bx1, levif, 1001infos; 82 of them 'en pénurie'). Only 12 names found. A demand signal, never the permit-waiver list. Published June/July 2025; open-ended until the next list.",
    ),
    "Le Forem - fonctions critiques et métiers en pénurie 2024 (162; 112 en pénurie)": dict(
        name="Le Forem fonctions critiques et métiers en pénurie 2024 (162; 5 named in the press)",
        valid_from="2024-01-01", valid_to="2025-06-30", completeness="partial", known_size=162, confidence="medium",
        note="Le Forem's general list for Wallonia, 2024 (162, of which 112 en pénurie). Only the 5 entrants named by trends.levif.be were found. Publication month not stated: dated from 1 Jan 2024 until the 2025 list. A demand signal, never the permit-waiver list.",
    ),
    "Le Forem - fonctions critiques et métiers en pénurie 2025 (146; 82 en pénurie + 64 critiques)": dict(
        name="Le Forem fonctions critiques et métiers en pénurie 2025 (146; 10 named in the press)",
        valid_from="2025-07-01", valid_to="", completeness="partial", known_size=146, confidence="medium",
        note="Le Forem's general list, 2025 (146: 82 en pénurie + 64 critiques), published July 2025. Only 10 entrants named (trends.levif.be, 1001infos.net). Open-ended until the next list. A demand signal, never the permit-waiver list.",
    ),
    "ADG Liste der Mangelberufe (labour-market list; year not stated in article)": dict(
        name="ADG Liste der Mangelberufe 2023-2024 (more than 50; 5 named in the press)",
        valid_from="2023-01-01", valid_to="", completeness="partial", known_size=None, confidence="low",
        note="ADG's general list for the German-speaking Community ('Aktualisierte Fassung 2023', file Mangelberufe_fuer_2023-2024a.pdf, not retrieved); BRF says more than 50 occupations and names 5 (article undated). Dates inferred from the file name. Not a work-permit list.",
    ),
}


# Reviewed by hand: labels that the automatic steps miss or map wrongly, to the English preferred
# label of an occupation of the curated vocabulary ("" = deliberately left unmapped). Written as
# mapping_confidence "broad": the list's function is wider or narrower than the ESCO occupation.
OVERRIDES = {
    "rénovateurs de façades": "construction painter",
    "couvreurs de toits plats": "roofer",
    "couvreur de toit": "roofer",
    "employés de cuisine": "kitchen assistant",
    "agents d'entretien de parcs et jardins": "groundsman/groundswoman",
    "agents d'entretien des parcs et jardins": "groundsman/groundswoman",
    "aides-boulangers": "baking operator",
    "conseillers techniques pour le support à la clientèle": "ICT help desk agent",
    "aides agricoles en production légumière et végétale": "horticulture worker",
    "mécaniciens pour voitures et véhicules utilitaires légers": "vehicle technician",
    "distributeurs de courriers": "postman/postwoman",
    "artsen": "",
    "Medewerker tuin- en groenaanleg en -onderhoud": "landscape gardener",
    "Verantwoordelijke tuin- en groenaanleg en -onderhoud": "landscape gardener",
    "Projectleider bouw en openbare werken": "construction general supervisor",
    "Bekister-betonneerder": "concrete finisher",
    "Daktimmerman": "carpenter",
    "Medewerker ruwbouw": "building construction worker",
    "Schrijnwerker houtbouw": "carpenter",
    "Glaswerker": "plate glass installer",
    "Interieurbouwer": "cabinet maker",
    "Plaatser binnenschrijnwerk": "carpenter",
    "Technicus installatietechnieken": "heating, ventilation, air conditioning (and refrigeration) service engineer",
    "Monteur installatietechnieken": "heating engineer",
    "Beveiligingstechnicus": "",
    "Datacommunicatie- en netwerktechnicus": "ICT network technician",
    "Plaatser van boven- en ondergrondse leidingen": "pipeline maintenance worker",
    "Aansluiter van waterleidingen, rioleringen en warmtenetten": "sewer construction worker",
    "Bediener grondverzetmachines": "excavator operator",
    "Bediener van betonnerings- en asfalteringsmachines": "road construction worker",
    "Torenkraanbediener": "tower crane operator",
    "Verantwoordelijke ICT": "",
    "Technisch-administratief medewerker": "office clerk",
    "Industrieel elektromecanicien": "electrical mechanic",
    "Technicus elektro en elektronica": "electronics engineering technician",
    "Industrieel onderhoudstechnicus": "industrial machinery mechanic",
    "Onderhoudstechnicus industriële automatisering": "automation engineering technician",
    "Procesoperator voedingsindustrie": "food production operator",
    "Productieoperator voedingsindustrie": "food production operator",
    "Uitsnijder-uitbener": "meat cutter",
    "Polyvalent stikster": "sewing machine operator",
    "Operator gieterij": "foundry operative",
    "Operator montage en assemblage": "metal products assembler",
    "Insteller-omsteller plaatbewerking": "stamping press operator",
    "Insteller-omsteller verspaning": "computer numerical control machine operator",
    "OAD-technicus van personenwagens en lichte bedrijfsvoertuigen": "vehicle technician",
    "OD-technicus van zware bedrijfsvoertuigen": "diesel engine mechanic",
    "Onderhoudsmecanicien van personenwagens en lichte bedrijfsvoertuigen": "vehicle maintenance attendant",
    "Onderhoudsmecanicien van zware bedrijfsvoertuigen": "diesel engine mechanic",
    "Monteur-demonteur carrosserie": "coachbuilder",
    "Voorbewerker carrosserie": "coachbuilder",
    "Bordenbouwer - Elektromonteur machinebouw": "control panel assembler",
    "Technicus industriële elektriciteit": "industrial electrician",
    "Productieoperator-machineregelaar kunststoffen": "injection moulding operator",
    "Productiemedewerker kunststofverwerking": "injection moulding operator",
    "Uitvoerder van werken op hoogte": "steeplejack",
    "Taxichauffeur en chauffeur privévervoer": "taxi driver",
    "Winkelverkoper": "shop assistant",
    "Technisch adviseur klantenondersteuning": "ICT help desk agent",
    "Assistent winkelmanager": "",
    "Kamerjongen-Kamermeisje": "room attendant",
    "Polyvalent hotelmedewerker": "hospitality establishment receptionist",
    "Hulpkok grootkeuken": "kitchen assistant",
    "Commercieel medewerker binnendienst": "sales assistant",
    "Support medewerker ICT": "ICT help desk agent",
    "Medewerker textielverzorging": "laundry worker",
    "Huishoudhulp-poetshulp": "domestic cleaner",
    "Industrieel reiniger": "building cleaner",
    "Kinderbegeleider baby's en peuters": "child day care worker",
    "Kinderbegeleider schoolgaande kinderen": "child care worker",
    "Opvoeder-begeleider": "social pedagogue",
    "Gärtner (und alles in Richtung Gartenplaner)": "landscape gardener",
    "Pflegehelfer": "nurse assistant",
}

LIST_HEADER = ("authority", "name", "purpose", "status", "valid_from", "valid_to", "completeness", "known_size",
               "confidence", "source_url", "note")
ENTRY_HEADER = ("list_name", "official_label", "label_language", "esco_uris", "esco_preferred_labels_en",
                "isco08_code", "mapping_confidence", "source_url", "note")


def normalise(text: str) -> str:
    text = re.sub(r"\((m/v/x|m/v|h/f/x|h/f)\)", "", text.lower())
    return re.sub(r"\s+", " ", text).strip()


def forms(label: str, lang: str) -> list[str]:
    """The label and its likely singular forms; 'X: Y' (VDAB's 'family: job') also as 'Y'."""
    base = normalise(label)
    out = [base]
    if ":" in base:
        out.append(base.split(":", 1)[1].strip())
    for text in list(out):
        if lang == "fr":
            out.append(re.sub(r"(\w)s\b", r"\1", text))
            out.append(re.sub(r"(\w)x\b", r"\1", text))
        elif lang == "nl":
            out.append(re.sub(r"(\w)en\b", r"\1", text))
            out.append(re.sub(r"(\w)s\b", r"\1", text))
        elif lang == "de":
            out.extend(part.strip() for part in re.split(r"[/(]", text) if part.strip())
    return list(dict.fromkeys(out))


def label_index() -> tuple[dict, dict]:
    """({(lang, label): uri}, {uri: (isco, english label)}) from the curated vocabulary, then ESCO."""
    index: dict[tuple[str, str], str] = {}
    info: dict[str, tuple[str, str]] = {}
    for occupation in json.loads(VOCABULARY.read_text(encoding="utf-8")):
        info[occupation["uri"]] = (occupation["isco_code"], occupation["labels"]["en"]["preferred"])
        for lang, labels in occupation["labels"].items():
            for text in [labels["preferred"], *labels["alt"]]:
                for part in text.split("/"):
                    index.setdefault((lang, normalise(part)), occupation["uri"])
    for lang in ("nl", "fr", "en"):
        with open(ESCO_DIR / f"occupations_{lang}.csv", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                uri = row["conceptUri"]
                if lang == "en":
                    info.setdefault(uri, (row["iscoGroup"], row["preferredLabel"]))
                labels = [row["preferredLabel"], *[a for a in (row.get("altLabels") or "").split("\n") if a]]
                for text in labels:
                    for part in text.split("/"):
                        index.setdefault((lang, normalise(part)), uri)
    return index, info


def map_label(label: str, lang: str, index: dict, by_lang: dict) -> tuple[str | None, str]:
    from rapidfuzz import fuzz, process

    if label in OVERRIDES:
        target = OVERRIDES[label]
        return (index[("en", normalise(target.split("/")[0]))], "broad") if target else (None, "none")
    candidates = forms(label, lang)
    for text in candidates:
        if (lang, text) in index:
            return index[(lang, text)], "close"
    choices = by_lang.get(lang, [])
    best = None
    for text in candidates:
        found = process.extractOne(text, choices, scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_FLOOR)
        if found and (best is None or found[1] > best[1]):
            best = found
    if best:
        return index[(lang, best[0])], "proposed"
    return None, "none"


def build(source: Path) -> None:
    index, info = label_index()
    by_lang: dict[str, list[str]] = {}
    for lang, text in index:
        by_lang.setdefault(lang, []).append(text)
    with open(source, encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["list_kind"] == "labour_market_shortage"]
    lists: dict[str, dict] = {}
    entries: dict[tuple[str, str], dict] = {}
    for row in rows:
        meta = LISTS[row["list_name"]]
        lists.setdefault(meta["name"], {
            "authority": AUTHORITY[row["region"]], "name": meta["name"], "purpose": "labour_market",
            "status": "in_force", "valid_from": meta["valid_from"], "valid_to": meta["valid_to"],
            "completeness": meta["completeness"], "known_size": meta["known_size"] or "",
            "confidence": meta["confidence"], "source_url": row["source_url"], "note": meta["note"],
        })
        label = row["occupation_label"].strip()
        key = (meta["name"], label)
        if key in entries:  # the same name cited by a second article: keep the first, note the second
            entries[key]["note"] += f" Also cited by {row['source_url']}."
            continue
        uri, confidence = map_label(label, row["label_language"], index, by_lang)
        isco, english = info.get(uri, ("", "")) if uri else ("", "")
        mapping_note = {
            "broad": f"ESCO mapping reviewed by hand: '{english}' (broader or narrower than the list's function).",
            "close": f"ESCO mapping: a label of '{english}' in the list's language.",
            "proposed": f"ESCO mapping proposed by label similarity: '{english}'; check before relying on it.",
            "none": "No ESCO occupation found for this label.",
        }[confidence]
        entries[key] = {
            "list_name": meta["name"], "official_label": label, "label_language": row["label_language"],
            "esco_uris": uri or "", "esco_preferred_labels_en": english, "isco08_code": isco,
            "mapping_confidence": confidence, "source_url": row["source_url"],
            "note": f"{row['note']} (source date: {row['source_date']}; {row['source_kind']}.) {mapping_note}",
        }
    with open(HERE / "shortage_lists.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, LIST_HEADER, lineterminator="\n")
        writer.writeheader()
        writer.writerows(lists.values())
    with open(HERE / "shortage_list_entries.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ENTRY_HEADER, lineterminator="\n")
        writer.writeheader()
        writer.writerows(entries.values())
    counts = {
        c: sum(1 for e in entries.values() if e["mapping_confidence"] == c) for c in ("broad", "close", "proposed", "none")
    }
    print(f"{len(lists)} lists, {len(entries)} entries; mapping: {counts}")


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE)
