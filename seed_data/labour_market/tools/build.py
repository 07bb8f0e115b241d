"""Regenerate shortage_lists.csv and shortage_list_entries.csv of seed_data/labour_market.

Usage (from the repository root, with the repository's venv):
    python -m seed_data.labour_market.tools.build

(after the vocabulary: `python -m seed_data.rebuild` rebuilds both, and with --out writes elsewhere.)

Reads the rows of kind `labour_market_shortage` of ../shared/domain/shortage-lists-2026-research.csv
(VDAB, Actiris, Forem, ADG), describes each list with its row of ../sources/lists.csv (name, validity,
completeness, confidence, note; keyed by the research CSV's list name) and maps each occupation label
to ESCO occupation URIs, in this order:

0. a label reviewed by hand in ../sources/label_overrides.csv -> the occupation of the curated
   vocabulary with that English preferred label (empty: deliberately unmapped), mapping_confidence
   "broad" (the list's function is wider or narrower than the ESCO occupation);
1. a label (preferred or alternative, any of its "/"-separated forms) of the curated vocabulary in
   seed_data/vocabulary/occupations.json, in the label's language -> mapping_confidence "close";
2. a label of the official ESCO files in ../shared/data/esco (occupations_nl/fr/en.csv), same
   language -> "close";
3. the most similar label of those two sources (rapidfuzz token_sort_ratio >= FUZZY_FLOOR, same
   language) -> "proposed" (a machine proposal: check it before relying on it);
4. otherwise no URI ("none"): the entry is kept, with its label, but names no ESCO occupation.

French and Dutch plurals of the press articles ("soudeurs", "artsen") are also tried in singular.
The mapped occupation's ISCO-08 group and English preferred label are written beside the URI so
that a person can review the mapping in the CSV. Run by hand when the research file or the sources
change; the output files are committed and the product never reads ../shared at run time.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from rapidfuzz import fuzz, process

from seed_data import SHARED

LABOUR_MARKET = Path(__file__).resolve().parents[1]
SOURCES = LABOUR_MARKET / "sources"
VOCABULARY = LABOUR_MARKET.parent / "vocabulary"
RESEARCH_CSV = Path("domain") / "shortage-lists-2026-research.csv"
FUZZY_FLOOR = 90

# the research CSV's region names
AUTHORITY = {"Flanders": "flanders", "Wallonia": "wallonia", "Brussels-Capital": "brussels",
             "German-speaking Community": "german_speaking"}
LIST_HEADER = ("authority", "name", "purpose", "status", "valid_from", "valid_to", "completeness", "known_size",
               "confidence", "source_url", "note")
ENTRY_HEADER = ("list_name", "official_label", "label_language", "esco_uris", "esco_preferred_labels_en",
                "isco08_code", "mapping_confidence", "source_url", "note")
MAPPING_NOTES = {
    "broad": "ESCO mapping reviewed by hand: '{}' (broader or narrower than the list's function).",
    "close": "ESCO mapping: a label of '{}' in the list's language.",
    "proposed": "ESCO mapping proposed by label similarity: '{}'; check before relying on it.",
    "none": "No ESCO occupation found for this label.",
}


def _read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


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


def label_index(vocabulary: Path, shared: Path) -> tuple[dict, dict]:
    """({(lang, label): uri}, {uri: (isco, english label)}) from the curated vocabulary, then ESCO."""
    index: dict[tuple[str, str], str] = {}
    info: dict[str, tuple[str, str]] = {}
    for occupation in json.loads((vocabulary / "occupations.json").read_text(encoding="utf-8")):
        info[occupation["uri"]] = (occupation["isco_code"], occupation["labels"]["en"]["preferred"])
        for lang, labels in occupation["labels"].items():
            for text in [labels["preferred"], *labels["alt"]]:
                for part in text.split("/"):
                    index.setdefault((lang, normalise(part)), occupation["uri"])
    for lang in ("nl", "fr", "en"):
        for row in _read_csv(shared / "data" / "esco" / f"occupations_{lang}.csv"):
            uri = row["conceptUri"]
            if lang == "en":
                info.setdefault(uri, (row["iscoGroup"], row["preferredLabel"]))
            labels = [row["preferredLabel"], *[a for a in (row.get("altLabels") or "").split("\n") if a]]
            for text in labels:
                for part in text.split("/"):
                    index.setdefault((lang, normalise(part)), uri)
    return index, info


class LabelMapper:
    """Occupation label of a list, in its language -> (ESCO URI or None, mapping_confidence)."""

    def __init__(self, index: dict, overrides: dict[str, str]) -> None:
        self.index, self.overrides = index, overrides
        self.by_lang: dict[str, list[str]] = {}
        for lang, text in index:
            self.by_lang.setdefault(lang, []).append(text)

    def __call__(self, label: str, lang: str) -> tuple[str | None, str]:
        if label in self.overrides:
            target = self.overrides[label]
            return (self.index[("en", normalise(target.split("/")[0]))], "broad") if target else (None, "none")
        candidates = forms(label, lang)
        for text in candidates:
            if (lang, text) in self.index:
                return self.index[(lang, text)], "close"
        choices = self.by_lang.get(lang, [])
        best = None
        for text in candidates:
            found = process.extractOne(text, choices, scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_FLOOR)
            if found and (best is None or found[1] > best[1]):
                best = found
        if best:
            return self.index[(lang, best[0])], "proposed"
        return None, "none"


def _list_row(meta: dict, row: dict) -> dict:
    return {
        "authority": AUTHORITY[row["region"]], "name": meta["name"], "purpose": "labour_market",
        "status": "in_force", "valid_from": meta["valid_from"], "valid_to": meta["valid_to"],
        "completeness": meta["completeness"], "known_size": meta["known_size"],
        "confidence": meta["confidence"], "source_url": row["source_url"], "note": meta["note"],
    }


def _render(header: tuple[str, ...], rows) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def generate(shared: Path = SHARED, vocabulary: Path = VOCABULARY, sources: Path = SOURCES) -> dict[str, str]:
    """File name -> exact text of shortage_lists.csv and shortage_list_entries.csv."""
    index, info = label_index(vocabulary, shared)
    overrides = {r["official_label"]: r["esco_preferred_label_en"] for r in _read_csv(sources / "label_overrides.csv")}
    map_label = LabelMapper(index, overrides)
    list_meta = {r["research_list_name"]: r for r in _read_csv(sources / "lists.csv")}
    rows = [r for r in _read_csv(shared / RESEARCH_CSV) if r["list_kind"] == "labour_market_shortage"]
    lists: dict[str, dict] = {}
    entries: dict[tuple[str, str], dict] = {}
    for row in rows:
        meta = list_meta[row["list_name"]]
        lists.setdefault(meta["name"], _list_row(meta, row))
        label = row["occupation_label"].strip()
        key = (meta["name"], label)
        if key in entries:  # the same name cited by a second article: keep the first, note the second
            entries[key]["note"] += f" Also cited by {row['source_url']}."
            continue
        uri, confidence = map_label(label, row["label_language"])
        isco, english = info.get(uri, ("", "")) if uri else ("", "")
        entries[key] = {
            "list_name": meta["name"], "official_label": label, "label_language": row["label_language"],
            "esco_uris": uri or "", "esco_preferred_labels_en": english, "isco08_code": isco,
            "mapping_confidence": confidence, "source_url": row["source_url"],
            "note": f"{row['note']} (source date: {row['source_date']}; {row['source_kind']}.) "
                    + MAPPING_NOTES[confidence].format(english),
        }
    return {"shortage_lists.csv": _render(LIST_HEADER, lists.values()),
            "shortage_list_entries.csv": _render(ENTRY_HEADER, entries.values())}


def write(out: Path = LABOUR_MARKET, shared: Path = SHARED, vocabulary: Path = VOCABULARY) -> list[str]:
    """Write both CSV files into `out`; returns lines to print."""
    files = generate(shared, vocabulary)
    out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (out / name).write_bytes(text.encode("utf-8"))
    entries = list(csv.DictReader(io.StringIO(files["shortage_list_entries.csv"])))
    counts = {c: sum(1 for e in entries if e["mapping_confidence"] == c) for c in MAPPING_NOTES}
    n_lists = files["shortage_lists.csv"].count("\n") - 1
    return [f"{out}: {n_lists} lists, {len(entries)} entries; mapping: {counts}"]


def main() -> None:
    for line in write():
        print(line)


if __name__ == "__main__":
    main()
