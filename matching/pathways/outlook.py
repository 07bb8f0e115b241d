"""Permit outlook of a pathway: the permit engine on the median salary that open vacancies offer.

The job is described only by what open vacancies of the occupation in the region say: the region,
the ESCO occupation and the MEDIAN of their annual salaries (contract, hours and pay category stay
unknown, so the engine may answer ``conditional`` where a real vacancy would settle it). With
fewer than ``PathwayConfig.min_salary_sample`` salaries the outlook is ``unknown``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from ..permits import CandidateFacts, Snapshot, VacancyFacts, summarise
from .config import PathwayConfig
from .data import Demand


def job_facts(occupation_uri: str, region: str, median: float) -> VacancyFacts:
    return VacancyFacts(authority=region, occupation_uri=occupation_uri, salary_amount=round(median, 2),
                        salary_period="year")


def salary_basis(demand: Demand | None, config: PathwayConfig) -> dict:
    sample = len(demand.annual_salaries) if demand else 0
    return {
        "basis": "median_of_open_vacancies",
        "median_annual_eur": demand.median_salary(config.min_salary_sample) if demand else None,
        "vacancies_with_salary": sample,
        "min_vacancies": config.min_salary_sample,
    }


def outlook(
    snapshot: Snapshot,
    occupation_uri: str,
    region: str,
    demand: Demand | None,
    facts: CandidateFacts | None,
    as_of: dt.date,
    config: PathwayConfig,
) -> dict:
    """{"verdict", "best_route", "salary": {...}}; verdict ``unknown`` when too few salaries."""
    salary = salary_basis(demand, config)
    if salary["median_annual_eur"] is None:
        return {"verdict": "unknown", "best_route": None, "salary": salary}
    summary = summarise(snapshot, job_facts(occupation_uri, region, salary["median_annual_eur"]), facts, as_of)
    return {"verdict": summary["verdict"], "best_route": summary["best_route"], "salary": salary}


def with_education(facts: CandidateFacts | None, eqf: int) -> CandidateFacts:
    """The person's permit facts once the education gap is closed (everything else unchanged)."""
    return dataclasses.replace(facts or CandidateFacts(), education_eqf=eqf)


def route_eqf_need(
    snapshot: Snapshot, occupation_uri: str, region: str, demand: Demand | None, as_of: dt.date,
    config: PathwayConfig,
) -> int | None:
    """The minimum EQF of the route the job itself opens (assessed without any person), if any."""
    median = demand.median_salary(config.min_salary_sample) if demand else None
    if median is None:
        return None
    best = summarise(snapshot, job_facts(occupation_uri, region, median), None, as_of)["best_route"]
    for rule in snapshot.rules_in_force(region, as_of):
        if rule.route == best:
            return rule.min_eqf
    return None
