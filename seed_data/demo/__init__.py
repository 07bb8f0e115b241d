"""Reproducible demo data: vacancies of a few demo employers and candidates of a demo coaching
NGO and a demo case system, generated from the vocabulary in the database (load it first).

Everything is drawn from one `random.Random(SEED)` walking the occupations in URI order, so the
same vocabulary always yields the same records, in the form the API's schemas load a request body
into (dates as dates, every field present). Records are written through the same services as the
API (their checks, normalisation, idempotent upsert by external id): running `load()` twice on the
same day changes nothing; dates are relative to today, so a later run moves them forward.

Realism: real Belgian postcodes per region; titles in the region's language (Brussels nl or fr),
sometimes with gender markers, seniority words or a typo, sometimes left to the title normaliser;
monthly salaries by ISCO-08 major group (roughly Belgian gross wages) with noise, given per hour,
month or year; CEFR languages; skills from the occupation's essential/optional skills, as ESCO URIs
or as labels to normalise, plus a little free text that matches nothing.
"""

from __future__ import annotations

import datetime as dt
import random

from core.organisations import ROLES_BY_KIND
from models.base import db
from models.taxonomy import Occupation, OccupationLabel, OccupationSkill, SkillLabel
from services import organisations
from services.actor import Actor
from services.candidates import upsert_candidate
from services.normalisation import normalisation_memo
from services.vacancies import upsert_vacancy

SEED = 20260401
VACANCY_COUNT = 240
CANDIDATE_COUNT = 60

# name: (kind, home region)
EMPLOYERS = {
    "Demo Employer BV": "flanders",
    "Demo Bouw & Techniek NV": "flanders",
    "Démo Services Wallonie SA": "wallonia",
    "Demo Brussels Logistics SRL": "brussels",
    "Demo Ostbelgien GmbH": "german_speaking",
}
COACHING_ORG, CASE_SYSTEM_ORG = "Demo Coaching NGO", "Demo Case System"

# Real postcodes of towns in each region (bpost); the German-speaking ones are the nine municipalities.
POSTCODES = {
    "flanders": [
        "2000",
        "2018",
        "2300",
        "2800",
        "3000",
        "3500",
        "3600",
        "8000",
        "8400",
        "8500",
        "9000",
        "9300",
        "1800",
        "2500",
        "9100",
        "8800",
    ],
    "brussels": [
        "1000",
        "1020",
        "1030",
        "1040",
        "1050",
        "1060",
        "1070",
        "1080",
        "1120",
        "1140",
        "1190",
        "1200",
    ],
    "wallonia": [
        "4000",
        "4020",
        "5000",
        "6000",
        "6040",
        "7000",
        "1300",
        "1348",
        "1400",
        "6700",
        "7500",
        "4800",
        "5100",
        "6900",
    ],
    "german_speaking": ["4700", "4701", "4710", "4720", "4730", "4750", "4760", "4770", "4780", "4790"],
}
# Share of the demo vacancies per region (all four present).
REGION_WEIGHTS = {"flanders": 0.45, "wallonia": 0.25, "brussels": 0.2, "german_speaking": 0.1}
REGION_LANGUAGES = {
    "flanders": ["nl"],
    "wallonia": ["fr"],
    "brussels": ["fr", "nl"],
    "german_speaking": ["de"],
}

# Gross monthly EUR by ISCO-08 major group (order of magnitude of Belgian wages, 2025).
MONTHLY_BY_MAJOR = {
    "1": 5600,
    "2": 4400,
    "3": 3500,
    "4": 2800,
    "5": 2550,
    "6": 2500,
    "7": 3000,
    "8": 2850,
    "9": 2250,
    "0": 3000,
}
EQF_BY_MAJOR = {"1": 6, "2": 6, "3": 5, "4": 4, "5": 3, "6": 3, "7": 3, "8": 3, "9": 0, "0": 3}
PAY_CATEGORY_BY_MAJOR = {
    "1": "highly_skilled",
    "2": "highly_skilled",
    "3": "skilled",
    "4": "semi_skilled",
    "5": "semi_skilled",
    "6": "semi_skilled",
    "7": "skilled",
    "8": "skilled",
    "9": "unskilled",
    "0": "unknown",
}
GENDER_MARKERS = {"nl": "(m/v/x)", "fr": "(h/f/x)", "de": "(m/w/d)", "en": "(m/f/x)"}
SENIORITY = {
    "nl": ["Ervaren", "Junior", "Allround"],
    "fr": ["Junior", "Chef d'équipe"],
    "de": ["Erfahrener", "Junior"],
    "en": ["Experienced", "Junior", "Senior"],
}
NOISE_SKILLS = [
    "teamwork",
    "Microsoft Excel",
    "flexibel",
    "ponctualité",
    "stressbestendig",
    "Führerschein B",
    "customer friendly",
    "esprit d'équipe",
]
EXPERIENCE_COUNTRIES = [
    "MA",
    "TR",
    "SY",
    "AF",
    "UA",
    "IN",
    "PH",
    "BR",
    "CD",
    "CM",
    "ER",
    "TN",
    "DZ",
    "VE",
    "PK",
]
RESIDENCE = [
    ("abroad", 30),
    ("legal_residence_with_work_access", 35),
    ("legal_residence_without_work_access", 10),
    ("asylum_applicant", 15),
    ("no_legal_residence", 3),
    ("unknown", 7),
]
CEFR = ["A1", "A2", "B1", "B2", "C1", "C2"]


def _occupations() -> list[dict]:
    """Occupations with labels by language and their skills (ids, URIs, labels), in URI order."""
    occupations = {
        o.id: {
            "id": o.id,
            "uri": o.uri,
            "isco": o.isco_code or "0",
            "labels": {},
            "alt": {},
            "essential": [],
            "optional": [],
        }
        for o in Occupation.select().order_by(Occupation.uri)
    }
    for label in OccupationLabel.select().order_by(OccupationLabel.id):
        entry = occupations.get(label.occupation_id)
        if entry is None:
            continue
        if label.kind == "preferred":
            entry["labels"].setdefault(label.lang, label.text)
        elif label.kind == "alt":
            entry["alt"].setdefault(label.lang, []).append(label.text)
    skill_labels: dict[int, dict[str, str]] = {}
    for label in SkillLabel.select().where(SkillLabel.kind == "preferred").order_by(SkillLabel.id):
        skill_labels.setdefault(label.skill_id, {}).setdefault(label.lang, label.text)
    for relation in OccupationSkill.select().order_by(OccupationSkill.occupation, OccupationSkill.skill):
        entry = occupations.get(relation.occupation_id)
        if entry is not None and relation.relation in ("essential", "optional"):
            entry[relation.relation].append(
                {"uri": relation.skill.uri, "labels": skill_labels.get(relation.skill_id, {})}
            )
    return [o for o in sorted(occupations.values(), key=lambda o: o["uri"]) if o["labels"]]


def _label(occupation: dict, lang: str, rng: random.Random) -> tuple[str, str]:
    """A title in `lang` (preferred or an alternative label), falling back to English."""
    if lang not in occupation["labels"]:
        lang = "en" if "en" in occupation["labels"] else sorted(occupation["labels"])[0]
    options = [occupation["labels"][lang]] + occupation["alt"].get(lang, [])[:3]
    text = rng.choice(options) if rng.random() < 0.35 else options[0]
    # ESCO writes feminine forms as "maçon/maçonne": a job ad usually shows one of them.
    return text.split("/")[0].strip(), lang


def _decapitalise(text: str) -> str:
    """'Metselaar' → 'metselaar', but 'ICT-technicus' and 'DBA' stay as they are."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _typo(text: str, rng: random.Random) -> str:
    if len(text) < 6:
        return text
    position = rng.randrange(1, len(text) - 1)
    return text[:position] + text[position + 1 :]


def _skill_ref(skill: dict, lang: str, rng: random.Random):
    if rng.random() < 0.6 or not skill["labels"]:
        return skill["uri"]
    return skill["labels"].get(lang) or skill["labels"].get("en") or next(iter(skill["labels"].values()))


def _vacancy(index: int, occupation: dict, region: str, today: dt.date, rng: random.Random) -> dict:
    lang = rng.choice(REGION_LANGUAGES[region])
    title, title_lang = _label(occupation, lang, rng)
    roll = rng.random()
    if roll < 0.3:
        title = f"{title} {GENDER_MARKERS[title_lang]}"
    elif roll < 0.45:
        title = f"{rng.choice(SENIORITY[title_lang])} {_decapitalise(title) if title_lang != 'de' else title}"
    elif roll < 0.5:
        title = _typo(title, rng)
    major = occupation["isco"][:1]
    monthly = MONTHLY_BY_MAJOR.get(major, 3000) * rng.uniform(0.88, 1.15)
    weekly_hours = 38 if rng.random() < 0.8 else rng.choice([19, 24, 30, 32])
    period = rng.choices(["month", "hour", "year"], weights=[70, 20, 10])[0]
    if period == "month":
        amount = round(monthly * weekly_hours / 38, -1)
    elif period == "hour":
        amount = round(monthly * 13.92 / (38 * 52), 2)
    else:
        amount = round(monthly * 13.92 * weekly_hours / 38, -2)
    contract = rng.choices(["permanent", "fixed_term", "temporary_agency"], weights=[60, 25, 15])[0]
    essential = rng.sample(occupation["essential"], k=min(len(occupation["essential"]), rng.randint(2, 5)))
    optional = rng.sample(occupation["optional"], k=min(len(occupation["optional"]), rng.randint(0, 2)))
    skills = [
        {"uri": s, "text": "", "importance": "essential"}
        if s.startswith("http")
        else {"text": s, "importance": "essential"}
        for s in (_skill_ref(x, title_lang, rng) for x in essential)
    ] + [
        {"uri": s, "text": "", "importance": "optional"}
        if s.startswith("http")
        else {"text": s, "importance": "optional"}
        for s in (_skill_ref(x, title_lang, rng) for x in optional)
    ]
    if rng.random() < 0.15:
        skills.append({"text": rng.choice(NOISE_SKILLS), "importance": "optional"})
    elementary = major == "9"
    languages = {lang: rng.choice(["A2", "B1"] if elementary else ["B1", "B2", "B2", "C1"])}
    if region == "brussels":
        other = "nl" if lang == "fr" else "fr"
        if rng.random() < 0.6:
            languages[other] = rng.choice(["A2", "B1"])
    if rng.random() < 0.25:
        languages.setdefault("en", rng.choice(["A2", "B1", "B2"]))
    eqf = EQF_BY_MAJOR.get(major, 3)
    status = rng.choices(["open", "draft", "filled", "closed"], weights=[85, 7, 5, 3])[0]
    return {
        "external_id": f"DEMO-V-{index:04d}",
        "title": title,
        "title_lang": title_lang if rng.random() < 0.85 else None,
        "description": f"Demo vacancy {index} ({region}). Generated data, not a real job.",
        # Most demo employers pick the occupation; a quarter leave it to the title normaliser.
        "occupation_uri": occupation["uri"] if rng.random() < 0.75 else None,
        "postcode": rng.choice(POSTCODES[region]),
        "skills": skills,
        "languages": languages,
        "min_education_eqf": max(0, eqf + rng.choice([-1, 0, 0, 1])) if eqf else 0,
        "min_experience_years": float(rng.choice([0, 0, 1, 2, 3, 5])),
        "salary_amount": float(amount),
        "salary_period": period,
        "weekly_hours": float(weekly_hours),
        "full_time_weekly_hours": 38.0,
        "contract_type": contract,
        "duration_months": rng.choice([6, 12, 24]) if contract == "fixed_term" else None,
        "start_date": today + dt.timedelta(days=rng.randint(7, 90)),
        "positions": rng.choices([1, 2, 3, 5], weights=[70, 15, 10, 5])[0],
        "pay_category": PAY_CATEGORY_BY_MAJOR.get(major, "unknown"),
        "employer_in_belgium": rng.random() < 0.95,
        "executive_post": None,
        "status": status,
        "valid_through": today + dt.timedelta(days=rng.randint(30, 120)),
        "sponsors_permit": rng.random() < 0.55,
    }


def _candidate(
    index: int, occupations: list[dict], targets: list[tuple[dict, str]], today: dt.date, rng: random.Random
) -> dict:
    # Most demo candidates did a job that some open demo vacancy asks for (so the demo shows
    # matches); the others come from anywhere in the vocabulary.
    target = rng.choice(targets) if targets and rng.random() < 0.8 else None
    main = target[0] if target else rng.choice(occupations)
    jobs = [main] + ([rng.choice(occupations)] if rng.random() < 0.35 else [])
    lang = rng.choices(["fr", "en", "nl", "de"], weights=[40, 35, 20, 5])[0]
    experiences = []
    for job in jobs:
        title, _ = _label(job, lang, rng)
        experiences.append(
            {
                "title": title if rng.random() < 0.9 else _typo(title, rng),
                "occupation_uri": None,
                "years": float(rng.choice([1, 2, 3, 4, 6, 8, 12])),
                "country": rng.choice(EXPERIENCE_COUNTRIES),
            }
        )
    pool = main["essential"] + main["optional"]
    skills = []
    for skill in rng.sample(pool, k=min(len(pool), rng.randint(2, 6))):
        ref = _skill_ref(skill, lang, rng)
        item = {"uri": ref, "text": ""} if ref.startswith("http") else {"text": ref}
        years = rng.choice([None, 1, 2, 3, 5, 8])
        item.update(years=None if years is None else float(years), level=None)
        skills.append(item)
    if rng.random() < 0.3:
        skills.append({"text": rng.choice(NOISE_SKILLS), "years": None, "level": None})
    languages = {lang: rng.choice(["B2", "C1", "C2"])}
    for other in rng.sample(["nl", "fr", "en", "de"], k=rng.randint(0, 2)):
        languages.setdefault(other, rng.choice(CEFR[:4]))
    if rng.random() < 0.3:
        languages.setdefault(rng.choice(["ar", "tr", "uk", "fa", "es"]), "C2")
    major = main["isco"][:1]
    eqf = (
        max(1, min(8, EQF_BY_MAJOR.get(major, 3) + rng.choice([-1, 0, 0, 1]))) if rng.random() < 0.9 else None
    )
    licences = ["B"] if rng.random() < 0.5 else []
    if main["isco"].startswith("83"):
        licences = ["B", "C", "CE"] if rng.random() < 0.7 else ["B", "C"]
    regions = rng.sample(list(REGION_WEIGHTS), k=rng.choices([1, 2, 4], weights=[55, 35, 10])[0])
    if target and target[1] not in regions and rng.random() < 0.75:
        regions = [target[1]] + regions[:1]
    birth_year = today.year - rng.randint(20, 55)
    return {
        "external_id": f"DEMO-C-{index:03d}",
        "reference": f"DEMO-{index:03d}",
        "skills": skills,
        "experiences": experiences,
        "education_eqf": eqf,
        "education_field": "",
        "diploma_recognition": rng.choices(
            ["recognised", "pending", "not_recognised", "unknown"], weights=[30, 20, 10, 40]
        )[0],
        "languages": languages,
        "driving_licences": licences,
        "preferred_regions": regions,
        "available_from": today + dt.timedelta(days=rng.randint(0, 60)),
        "consent_given_at": dt.datetime(2025, 9, 1, 10, 0, tzinfo=dt.UTC) + dt.timedelta(days=index),
        "consent_purpose": "Matching with vacancies in Belgium (demo data)",
        "share_with_employers": rng.random() < 0.7,
        "permit_facts": {
            "residence_situation": rng.choices([r for r, _ in RESIDENCE], weights=[w for _, w in RESIDENCE])[
                0
            ],
            "eu_eea_swiss_citizen": rng.random() < 0.08,
            "birth_year": birth_year,
            "is_nurse": main["isco"] in ("2221", "3221"),
            "is_teacher": main["isco"][:2] == "23",
        },
    }


def generate(
    occupations: list[dict], today: dt.date
) -> tuple[list[tuple[str, dict]], list[tuple[str, dict]]]:
    """(employer name, vacancy body) and (organisation name, candidate body) lists; pure."""
    rng = random.Random(SEED)
    regions = list(REGION_WEIGHTS)
    employers_by_region = {r: [name for name, home in EMPLOYERS.items() if home == r] for r in regions}
    vacancies, targets = [], []
    for index in range(VACANCY_COUNT):
        occupation = (
            occupations[index % len(occupations)] if index < len(occupations) else rng.choice(occupations)
        )
        # The first rows cycle through the regions so every region is present even in small vocabularies.
        region = (
            regions[index % 4]
            if index < 8
            else rng.choices(regions, weights=list(REGION_WEIGHTS.values()))[0]
        )
        employer = (
            rng.choice(employers_by_region[region]) if rng.random() < 0.85 else rng.choice(list(EMPLOYERS))
        )
        vacancy = _vacancy(index, occupation, region, today, rng)
        vacancies.append((employer, vacancy))
        if vacancy["status"] == "open":
            targets.append((occupation, region))
    candidates = [
        (COACHING_ORG if index % 3 else CASE_SYSTEM_ORG, _candidate(index, occupations, targets, today, rng))
        for index in range(CANDIDATE_COUNT)
    ]
    return vacancies, candidates


def load(today: dt.date | None = None) -> list[str]:
    """Generate and upsert the demo records; returns lines to print."""
    today = today or dt.date.today()
    opened = db.is_closed()
    if opened:
        db.connect()
    try:
        occupations = [o for o in _occupations() if o["essential"] or o["optional"]]
        if not occupations:
            return ["demo: no vocabulary with skills in the database; load the vocabulary first"]
        vacancies, candidates = generate(occupations, today)
        counts = {"vacancies": {}, "candidates": {}}
        with db.atomic(), normalisation_memo():
            kinds = {**dict.fromkeys(EMPLOYERS, "employer"), COACHING_ORG: "coaching", CASE_SYSTEM_ORG: "integration"}
            actors = {}
            for name, kind in kinds.items():
                organisation = organisations.organisation_named(Actor.system(), name, kind)
                actors[name] = Actor.for_organisation(organisation.id, ROLES_BY_KIND[kind][0])
            for employer, body in vacancies:
                _, status = upsert_vacancy(actors[employer], body["external_id"], body)
                counts["vacancies"][status] = counts["vacancies"].get(status, 0) + 1
            for owner, body in candidates:
                _, status = upsert_candidate(actors[owner], body["external_id"], body)
                counts["candidates"][status] = counts["candidates"].get(status, 0) + 1
    finally:
        if opened:
            db.close()
    return [
        f"demo: {len(vacancies)} vacancies from {len(EMPLOYERS)} employers ({_fmt(counts['vacancies'])})",
        f"demo: {len(candidates)} candidates of {COACHING_ORG} and {CASE_SYSTEM_ORG} "
        f"({_fmt(counts['candidates'])})",
    ]


def _fmt(counts: dict) -> str:
    return ", ".join(f"{counts.get(k, 0)} {k}" for k in ("created", "updated", "unchanged"))
