"""The pathways engine on the shipped seed data (curated vocabulary, permit rules, permit and
labour-market shortage lists), read from the seed files: table-driven, no database."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from matching.pathways import Demand, Occupation, PathwayMarket, Person, describe, overview, rank_pathways, render
from matching.permits import CandidateFacts

from .seeded import market, permit_snapshot, vocabulary

MARCH_2026 = dt.date(2026, 3, 1)


def occupation(label: str) -> Occupation:
    return vocabulary()[0][label]


def worker(*labels: str, languages=(), eqf=None, recognition="unknown", skills=()) -> Person:
    return Person(
        skill_ids=frozenset(skills),
        past_occupation_ids=tuple(occupation(label).occupation_id for label in labels),
        languages=tuple(languages),
        education_eqf=eqf,
        diploma_recognition=recognition,
    )


def labels_of(found) -> list[str]:
    by_id = {o.occupation_id: o.label for o in vocabulary()[1]}
    return [by_id[p["occupation"]["id"]] for p in found]


def _demand(label, region, count, salary=None, levels=None, eqf=None):
    rows = [
        {"salary_annual_eur": salary, "min_education_eqf": eqf, "languages": levels or {}} for _ in range(count)
    ]
    return Demand.from_vacancies(occupation(label).occupation_id, region, rows)


def ranked(person, regions, as_of=MARCH_2026, limit=10, the_market=None, facts=None):
    the_market = the_market or market()
    day = the_market.day(as_of, permit_snapshot())
    return rank_pathways(the_market, day, person, facts, permit_snapshot(), regions, limit)


# --- who gets what ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "past_job, languages, region, first, language_gap",
    [
        # A welder with Dutch A2 in Flanders: welding first, then related metal work; Dutch B1 to reach.
        ("welder", [("nl", "A2")], "flanders", ["welder", "pipe welder"], ("nl", "A2", "B1")),
        # With Dutch B1 already, no language step.
        ("welder", [("nl", "B1")], "flanders", ["welder", "pipe welder"], None),
        # In Brussels either French or Dutch will do: French B2 closes the gap.
        ("welder", [("fr", "B2"), ("nl", "A1")], "brussels", ["welder"], None),
        # In Wallonia French is needed; Dutch does not help.
        ("welder", [("nl", "C1")], "wallonia", ["welder"], ("fr", None, "B1")),
        ("bricklayer", [("nl", "A2")], "flanders", ["bricklayer"], ("nl", "A2", "B1")),
    ],
)
def test_past_job_and_its_relatives_come_first_with_the_language_step(past_job, languages, region, first,
                                                                       language_gap):
    # Two open vacancies of the past job there (the seeded lists name welders only in Flanders).
    found = ranked(worker(past_job, languages=languages), [region], the_market=market([_demand(past_job, region, 2)]))
    assert labels_of(found)[: len(first)] == first
    top = found[0]
    assert top["proximity"]["kind"] == "same_occupation" and top["region"] == region
    gaps = {g["kind"]: g for g in top["gaps"]}
    if language_gap is None:
        assert "language" not in gaps
    else:
        lang, have, need = language_gap
        assert (gaps["language"]["lang"], gaps["language"]["have"], gaps["language"]["need"]) == (lang, have, need)
        assert gaps["language"]["reach_after"] > top["reach"]


def test_welder_in_flanders_gets_metal_occupations_and_the_dutch_b1_sentence():
    found = ranked(worker("welder", languages=[("nl", "A2")]), ["flanders"])
    metal = {o.occupation_id for o in vocabulary()[1] if (o.isco_code or "").startswith("72")}
    assert all(p["occupation"]["id"] in metal for p in found[:5])
    rendered = render(found[0], "en", {}, {})
    assert "Reach Dutch B1 (now A2)." in [g["sentence"] for g in rendered["gaps"]]
    assert "Haal Nederlands B1 (nu A2)." in [g["sentence"] for g in render(found[0], "nl", {}, {})["gaps"]]
    assert "Atteindre le niveau B1 en néerlandais" in render(found[0], "fr", {}, {})["gaps"][0]["sentence"]


@pytest.mark.parametrize(
    "person, region, never",
    [
        (worker("welder", languages=[("nl", "B2")]), "flanders", ["nurse responsible for general care",
                                                                   "software developer", "social worker"]),
        (worker("software developer", languages=[("nl", "C1")], eqf=6), "flanders",
         ["welder", "bricklayer", "excavator operator"]),
        (worker("nurse responsible for general care", languages=[("fr", "C1")], eqf=6), "wallonia",
         ["welder", "roofer", "software developer"]),
    ],
)
def test_an_occupation_with_nothing_in_common_is_never_in_the_top_10(person, region, never):
    the_market = market()
    day = the_market.day(MARCH_2026, permit_snapshot())
    reach, components = the_market.reach(person, day)
    for label in never:
        pair = the_market.pair_of.get((the_market.row_of[occupation(label).occupation_id], region))
        if pair is None:
            continue  # not in demand there at all
        # "Nothing in common": no proximity and no shared skill.
        assert components["proximity"][pair] == 0 and components["skills"][pair] == 0, label
    assert not set(never) & set(labels_of(ranked(person, [region])))


@pytest.mark.parametrize(
    "label, region, named_on, gone_on, list_name",
    [
        # Actiris 2024 named 'vendeurs'; its 2025 successor's known entries do not.
        ("sales assistant", "brussels", dt.date(2025, 1, 10), dt.date(2025, 8, 1), "Actiris fonctions critiques 2024"),
        # Le Forem 2024 named 'aides-boulangers'; not among the 2025 entrants.
        ("baking operator", "wallonia", dt.date(2024, 6, 1), dt.date(2025, 8, 1), "Le Forem fonctions critiques"),
        # VDAB 2024 named 'verpleegkundige'; the 2025 press report did not (and 2026 starts in February).
        ("nurse responsible for general care", "flanders", dt.date(2024, 6, 1), dt.date(2025, 6, 1),
         "VDAB knelpuntberoepen 2024"),
    ],
)
def test_an_occupation_removed_from_a_list_disappears_from_the_list_reasons(label, region, named_on, gone_on,
                                                                           list_name):
    the_market = market()
    person = worker()
    pair = the_market.pair_of[(the_market.row_of[occupation(label).occupation_id], region)]

    def reasons(as_of):
        day = the_market.day(as_of, permit_snapshot())
        reach, components = the_market.reach(person, day)
        found = describe(the_market, day, person, pair, reach, components, permit_snapshot(), None)
        return [lst["name"] for lst in found["evidence"]["lists"]], day

    before, _ = reasons(named_on)
    after, day = reasons(gone_on)
    assert any(name.startswith(list_name) for name in before)
    assert not any(name.startswith(list_name) for name in after)
    if not after and not the_market.open_count[pair]:
        # Named by no list and without open vacancies, it is no pathway at all that day.
        assert not day.in_demand[pair]


def test_each_reason_says_its_kind_and_partial_lists_may_hold_more():
    found = ranked(worker("welder", languages=[("nl", "A2")]), ["flanders"], limit=20)
    kinds = {lst["kind"] for p in found for lst in p["evidence"]["lists"]}
    assert kinds == {"labour_market", "medium_skilled"}
    pipe = found[labels_of(found).index("pipe welder")]
    partial = [lst for lst in pipe["evidence"]["lists"] if lst["completeness"] == "partial"]
    assert partial and partial[0]["kind"] == "medium_skilled"
    sentences = render(pipe, "en", {}, {})["explanation"]
    assert any("may hold more occupations" in s for s in sentences)
    assert any("not a permit waiver" in s for s in sentences)


# --- ranking --------------------------------------------------------------------------------------


def test_ties_are_broken_by_evidence_never_by_id():
    # Four occupations of one ISCO unit group with the same skills: a past job in a fifth one is
    # equally close to all of them, so only evidence can order them.
    def occupations(ids):
        return [Occupation(i, f"http://data.europa.eu/esco/occupation/test-{name}", name, "7212", frozenset({1, 2}))
                for i, name in zip(ids, ("anchor", "beta", "gamma", "delta", "epsilon"), strict=True)]

    def build(ids):
        occ = occupations(ids)
        demand = [Demand.from_vacancies(occ[2].occupation_id, "flanders", [{}] * 7),
                  Demand.from_vacancies(occ[3].occupation_id, "flanders", [{}] * 3),
                  Demand.from_vacancies(occ[4].occupation_id, "flanders", [{}] * 3),
                  Demand.from_vacancies(occ[1].occupation_id, "flanders", [{}] * 3)]
        the_market = PathwayMarket(occ, demand, [])
        person = Person(past_occupation_ids=(occ[0].occupation_id,))
        found = rank_pathways(the_market, the_market.day(MARCH_2026, None), person, None, None, ["flanders"], 10)
        return [p["occupation"]["uri"].rsplit("-", 1)[1] for p in found], {p["reach"] for p in found}

    order, reaches = build([1, 2, 3, 4, 5])
    assert len(reaches) == 1
    # Most open vacancies first; then, with equal evidence, by label.
    assert order == ["gamma", "beta", "delta", "epsilon"]
    assert build([50, 40, 30, 20, 10])[0] == order  # other ids, same order
    assert build([5, 4, 3, 2, 1])[0] == order


def test_a_person_sharing_nothing_gets_no_pathway():
    assert ranked(worker(languages=[("nl", "C2")], eqf=7, recognition="recognised"), ["flanders"]) == []


# --- permit outlook -------------------------------------------------------------------------------


@pytest.mark.parametrize("salaries, verdict_known", [(5, True), (4, False)])
def test_permit_outlook_rests_on_the_median_salary_or_is_unknown(salaries, verdict_known):
    rows = [{"salary_annual_eur": s, "min_education_eqf": None, "languages": {}}
            for s in (40_000, 52_000, 61_000, 70_000, 90_000)[:salaries]]
    demand = [Demand.from_vacancies(occupation("software developer").occupation_id, "flanders", rows)]
    found = ranked(worker("software developer", eqf=6), ["flanders"], the_market=market(demand), limit=1)
    salary = found[0]["permit_outlook"]["salary"]
    assert salary["basis"] == "median_of_open_vacancies" and salary["vacancies_with_salary"] == salaries
    if verdict_known:
        assert salary["median_annual_eur"] == 61_000
        assert found[0]["permit_outlook"]["verdict"] != "unknown"
        assert "61,000 EUR" in render(found[0], "en", {}, {})["permit_outlook"]["sentence"]
    else:
        assert salary["median_annual_eur"] is None and found[0]["permit_outlook"]["verdict"] == "unknown"


def test_the_education_gap_says_how_closing_it_changes_the_permit_outlook():
    rows = [{"salary_annual_eur": 60_000, "min_education_eqf": None, "languages": {}}] * 5
    demand = [Demand.from_vacancies(occupation("software developer").occupation_id, "flanders", rows)]
    facts = CandidateFacts(residence_situation="abroad", education_eqf=4)
    found = ranked(worker("software developer", eqf=4, recognition="recognised"), ["flanders"],
                   the_market=market(demand), limit=1, facts=facts)
    top = found[0]
    assert top["education"] == {"have": 4, "need": 5, "need_source": "permit_route"}  # the highly qualified route
    assert "Education needed: EQF 5 (what the permit route asks); you have 4." in render(top, "en", {}, {})[
        "explanation"]
    gap = next(g for g in top["gaps"] if g["kind"] == "education")
    assert gap["permit_after"]["changes"] is True
    assert gap["permit_after"]["verdict"] != top["permit_outlook"]["verdict"]
    language = next((g for g in top["gaps"] if g["kind"] == "language"), None)
    assert language is None or language["permit_after"]["changes"] is False


def test_language_and_education_needs_come_from_open_vacancies_when_enough_state_them():
    demand = [_demand("welder", "flanders", 4, levels={"nl": "B2"}, eqf=4)]
    found = ranked(worker("welder", languages=[("nl", "B1")], eqf=3, recognition="pending"), ["flanders"],
                   the_market=market(demand), limit=1)
    top = found[0]
    assert top["language"]["need"] == "B2" and top["language"]["need_source"] == "vacancies"
    assert top["education"]["need"] == 4 and top["education"]["need_source"] == "vacancies"
    assert [g["kind"] for g in top["gaps"]] == ["language", "education", "recognition"]
    assert top["evidence"]["open_vacancies"] == 4


# --- fairness -------------------------------------------------------------------------------------


def test_protected_attributes_are_never_inputs_to_reach():
    profile = {
        "skills": [{"skill_id": 1}],
        "experiences": [{"occupation_id": occupation("welder").occupation_id}],
        "languages": {"nl": "A2", "fr": "B1"},
        "education_eqf": 3,
        "diploma_recognition": "pending",
    }
    protected = {"nationality": "SY", "origin": "Aleppo", "sex": "F", "age": 52, "birth_year": 1973,
                 "residence_situation": "no_legal_residence", "religion": "any", "eu_eea_swiss_citizen": False}
    plain = ranked(Person.from_profile(profile), ["flanders", "brussels"], limit=30)
    assert Person.from_profile({**profile, **protected}) == Person.from_profile(profile)
    with_protected = ranked(Person.from_profile({**profile, **protected}), ["flanders", "brussels"], limit=30)
    assert with_protected == plain
    # Permit facts only ever reach the permit outlook: reach, components, gaps and order stay the same.
    facts = CandidateFacts(residence_situation="abroad", birth_year=1999, eu_eea_swiss_citizen=True)
    with_facts = ranked(Person.from_profile(profile), ["flanders", "brussels"], limit=30, facts=facts)

    def without_permit(found):
        return [
            {**{k: v for k, v in p.items() if k != "permit_outlook"},
             "gaps": [{k: v for k, v in g.items() if k != "permit_after"} for g in p["gaps"]]}
            for p in found
        ]

    assert without_permit(with_facts) == without_permit(plain)


# --- overview -------------------------------------------------------------------------------------


def test_overview_counts_people_within_reach_and_hides_small_counts():
    the_market = market()
    day = the_market.day(MARCH_2026, permit_snapshot())
    welders = [worker("welder", languages=[("nl", "A2")]) for _ in range(6)]
    nurses = [worker("nurse responsible for general care", languages=[("nl", "B2")], eqf=6,
                     recognition="recognised") for _ in range(3)]
    items = overview(the_market, day, welders + nurses, ["flanders"], threshold=60)
    by_label = {occupation_label: item for item in items
                for occupation_label in [next(o.label for o in vocabulary()[1]
                                              if o.occupation_id == item["occupation"]["id"])]}
    assert by_label["welder"]["within_reach"] == 6
    assert by_label["welder"]["language_gaps"] == [{"lang": "nl", "need": "B1", "people": 6}]
    assert by_label["nurse responsible for general care"]["within_reach"] == "< 5"
    assert all(g["people"] == "< 5" or g["people"] >= 5 for i in items for g in i["top_skill_gaps"])
    counts = [i["within_reach"] if isinstance(i["within_reach"], int) else 0 for i in items]
    assert counts == sorted(counts, reverse=True)  # most people first
    assert overview(the_market, day, welders, ["wallonia"], threshold=99) == []


def test_engine_imports_neither_flask_nor_peewee():
    code = "import sys, matching.pathways; assert not {'flask', 'peewee'} & set(sys.modules), sys.modules.keys()"
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_overview_agrees_with_each_persons_own_reach_and_gaps():
    the_market = market([_demand("welder", "brussels", 4, levels={"nl": "B2", "fr": "B1"}),
                         _demand("cook", "wallonia", 3, levels={"fr": "B2"}, eqf=3)])
    day = the_market.day(MARCH_2026, permit_snapshot())
    people = [
        worker("welder", languages=[("nl", "A2")]),
        worker("welder", languages=[("fr", "A1"), ("nl", "B1")], eqf=3),
        worker("cook", languages=[("fr", "B1")], eqf=2, recognition="pending"),
        worker("bricklayer", "roofer", languages=[("nl", "B2")], eqf=4),
        worker("software developer", languages=[("fr", "C1")], eqf=6),
    ]
    regions = ["flanders", "brussels", "wallonia"]
    items = overview(the_market, day, people, regions, threshold=40, min_shown=1)
    got = {(i["occupation"]["id"], i["region"]): (i["within_reach"], {(g["lang"], g["need"]): g["people"]
                                                                     for g in i["language_gaps"]})
           for i in items}
    expected: dict = {}
    for person in people:
        reach, components = the_market.reach(person, day)
        for pair in the_market.rank(reach, components, day, regions, limit=len(the_market)):
            if reach[pair] < 40:
                continue
            found = describe(the_market, day, person, pair, reach, components, None, None)
            key = (found["occupation"]["id"], found["region"])
            count, gaps = expected.get(key, (0, {}))
            language = next((g for g in found["gaps"] if g["kind"] == "language"), None)
            if language:
                gaps[(language["lang"], language["need"])] = gaps.get((language["lang"], language["need"]), 0) + 1
            expected[key] = (count + 1, gaps)
    assert got == expected and len(got) > 10
