"""The permit rule engine: which work-authorisation routes a job (and, when known, a candidate) opens.

Pure Python over a `Snapshot` of reference data. Every condition is `met`, `not_met` or `unknown`;
a missing fact or a figure the sources do not give is `unknown`, never a guess. A route is
`eligible` when all its conditions are met, `not_eligible` when one is not met, else `conditional`.

Salary conversion (documented in docs/permits.md):
- hourly → monthly: hourly × weekly_hours × 52 / 12.
- monthly → annual (thresholds in annual gross): × the rule's `monthly_divisor` when the source gives
  it (13.92 = 12 months + 13th month + double holiday pay, the ratio vlaanderen.be and le-tribunal.be
  use); without it the annual pay lies between × 12 and × 13.92 and a salary in that band is `unknown`.
- annual → monthly base pay (Brussels from 1 Oct 2024): between annual / 13.92 and annual / 12.
- a monthly salary is taken as fixed monthly base pay (DmfA code 1) for the Brussels comparison.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from core.pay import MONTHS_PER_YEAR_BE, WEEKS_PER_MONTH
from core.permits import LAWFUL_STAY_TYPES  # noqa: F401 (re-exported)
from core.regions import InvalidPostcode, region_for_postcode
from core.residence import RESIDENCE_SITUATIONS

from .data import AUTHORITIES, DEMAND_ORDER, PAY_CATEGORY_ORDER, ROUTE_ORDER, Rule, Snapshot
from .texts import (
    AGENCY,
    GROUPS,
    LIST_PURPOSES,
    PAY_CATEGORIES,
    STAY_TYPES,
    Money,
    Number,
    render,
)

MONTHS_PER_YEAR_WITH_BONUSES = MONTHS_PER_YEAR_BE
ASYLUM_WAIT_MONTHS = 4
# In-country filing for these stays: short stay, students and researchers since 1 Sep 2020; the
# others since 30 Dec 2022 (law of 10 Nov 2022), per Claeys & Engels.
_STAY_SINCE = {
    "short_stay": dt.date(2020, 9, 1),
    "student": dt.date(2020, 9, 1),
    "researcher": dt.date(2020, 9, 1),
    "humanitarian_or_medical": dt.date(2022, 12, 30),
    "family_reunification": dt.date(2022, 12, 30),
    "temporary_protection": dt.date(2022, 12, 30),
}
# Claeys & Engels list "certain family-reunification residents": not every one of them.
_ONLY_SOME = ("family_reunification",)
FACTS_SOURCE = {
    "abroad": "https://www.agii.be/thema/werk/de-gecombineerde-vergunning-90-dagen/wat-zijn-de-voorwaarden-voor-een-gecombineerde-vergunning/voorwaarden-voor-een-gecombineerde-vergunning-in-het-vlaams-gewest",
    "exceptions": "https://www.claeysengels.be/en-gb/news-events/single-permit-extension-country-status-amendment",
    "asylum": "https://www.fedasilinfo.be/nl/wanneer-mag-u-werken",
    "9bis": "https://www.helderrecht.be/nl/vraag/hoe-dien-je-een-aanvraag-tot-humanitaire-regularisatie",
    "eu": "https://www.agii.be/thema/werk/heb-je-recht-om-te-werken/heb-je-recht-om-te-werken-als-arbeidsmigrant/hooggeschoolde",
}

# Presentation, not a rule: a salary under 80% of the lowest threshold that may apply is "far below"
# it, even when the condition stays unknown (an amount without a year, a conversion band): such a
# route is never offered as the best one and gets no salary hint.
FAR_BELOW = 0.8
MET, NOT_MET, UNKNOWN = "met", "not_met", "unknown"
ELIGIBLE, CONDITIONAL, NOT_ELIGIBLE = "eligible", "conditional", "not_eligible"


class InvalidFacts(ValueError):
    """A fact has an impossible value (the API turns this into a 422)."""


# ------------------------------------------------------------------------------------------------
# Facts
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VacancyFacts:
    authority: str
    occupation_uri: str | None = None
    salary_amount: float | None = None
    salary_period: str | None = None  # hour | month | year
    weekly_hours: float | None = None
    full_time_weekly_hours: float | None = None
    contract_type: str | None = None  # permanent | fixed_term | temporary_agency
    duration_months: int | None = None
    pay_category: str | None = None
    employer_in_belgium: bool | None = None
    executive_post: bool | None = None  # None = not said
    occupation_isco: str | None = None  # ISCO-08 unit group of the occupation (reduced thresholds)

    @classmethod
    def from_dict(cls, facts: dict) -> VacancyFacts:
        authority = facts.get("authority") or facts.get("region")
        if not authority:
            try:
                authority = region_for_postcode(facts.get("postcode") or "")
            except InvalidPostcode as exc:
                raise InvalidFacts(str(exc)) from exc
        if authority not in AUTHORITIES:
            raise InvalidFacts(f"unknown authority '{authority}'")
        salary = facts.get("salary") or {}
        amount = salary.get("amount", facts.get("salary_amount"))
        period = salary.get("period", facts.get("salary_period"))
        if amount is None and facts.get("salary_annual_eur") is not None:
            amount, period = facts["salary_annual_eur"], "year"
        if amount is not None and period not in ("hour", "month", "year"):
            raise InvalidFacts("salary period must be hour, month or year")
        pay_category = facts.get("pay_category")
        return cls(
            authority=authority,
            occupation_uri=facts.get("occupation_uri") or None,
            salary_amount=None if amount is None else float(amount),
            salary_period=period,
            weekly_hours=_opt_float(facts.get("weekly_hours")),
            full_time_weekly_hours=_opt_float(facts.get("full_time_weekly_hours")),
            contract_type=facts.get("contract_type") or None,
            duration_months=facts.get("duration_months"),
            pay_category=None if pay_category in (None, "", "unknown") else pay_category,
            employer_in_belgium=facts.get("employer_in_belgium"),
            executive_post=facts.get("executive_post"),
            occupation_isco=facts.get("occupation_isco") or None,
        )


@dataclass(frozen=True)
class CandidateFacts:
    eu_eea_swiss_citizen: bool | None = None
    birth_year: int | None = None
    education_eqf: int | None = None
    is_nurse: bool | None = None
    is_teacher: bool | None = None
    residence_situation: str = "unknown"
    lawful_stay_type: str | None = None
    eu_long_term_resident: bool | None = None
    asylum_filed_on: dt.date | None = None

    @classmethod
    def from_dict(cls, facts: dict | None) -> CandidateFacts | None:
        if facts is None:
            return None
        situation = facts.get("residence_situation") or "unknown"
        if situation not in RESIDENCE_SITUATIONS:
            raise InvalidFacts(f"unknown residence_situation '{situation}'")
        stay = facts.get("lawful_stay_type") or None
        if stay is not None and stay not in LAWFUL_STAY_TYPES:
            raise InvalidFacts(f"unknown lawful_stay_type '{stay}'")
        filed = facts.get("asylum_filed_on")
        if isinstance(filed, str):
            filed = dt.date.fromisoformat(filed)
        return cls(
            eu_eea_swiss_citizen=facts.get("eu_eea_swiss_citizen"),
            birth_year=facts.get("birth_year"),
            education_eqf=facts.get("education_eqf"),
            is_nurse=facts.get("is_nurse"),
            is_teacher=facts.get("is_teacher"),
            residence_situation=situation,
            lawful_stay_type=stay,
            eu_long_term_resident=facts.get("eu_long_term_resident"),
            asylum_filed_on=filed,
        )


def _opt_float(value):
    return None if value is None else float(value)


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def under_30(birth_year: int | None, on: dt.date) -> bool | None:
    """With only a birth year the age is `on.year - birth_year` or one less: decide when both agree."""
    if birth_year is None:
        return None
    oldest = on.year - birth_year
    if oldest <= 29:
        return True
    if oldest - 1 >= 30:
        return False
    return None


# ------------------------------------------------------------------------------------------------
# Conditions
# ------------------------------------------------------------------------------------------------


class Cond:
    __slots__ = ("id", "status", "key", "params", "extra", "source_url", "question", "change", "far_below")

    def __init__(self, cid, status, key, params=None, source_url="", extra=(), question=None, change=None):
        self.id, self.status, self.key, self.params = cid, status, key, params or {}
        self.extra, self.source_url = list(extra), source_url
        self.question, self.change = question, change  # (key, params) tuples or None
        self.far_below = False  # salary far below the lowest threshold (see FAR_BELOW)


def salary_band(vacancy: VacancyFacts, unit: str, divisor: float | None):
    """(low, high) of the vacancy salary in the rule's unit, or (None, reason_key)."""
    amount, period = vacancy.salary_amount, vacancy.salary_period
    if amount is None:
        return None, "salary.missing"
    if period == "hour":
        if not vacancy.weekly_hours:
            return None, "salary.no_hours"
        amount, period = amount * vacancy.weekly_hours * WEEKS_PER_MONTH, "month"
    if unit == "monthly_base_pay":
        if period == "month":
            return (amount, amount), None
        return (amount / MONTHS_PER_YEAR_WITH_BONUSES, amount / 12), None
    if period == "year":
        return (amount, amount), None
    if divisor:
        return (amount * divisor, amount * divisor), None
    return (amount * 12, amount * MONTHS_PER_YEAR_WITH_BONUSES), None


def _reduced_groups(rule: Rule, vacancy: VacancyFacts, candidate: CandidateFacts | None, on: dt.date):
    """(applies: True/False/None, groups that could apply).

    A group the rule keys to occupations (`reduced_isco_groups`, e.g. nurses and teachers) is decided
    by the job's occupation, never by what the candidate is: a nurse in a developer job does not get
    the nurses' reduction. Age (under 30) is the candidate's. "junior" has no fact that tells it."""
    if rule.reduced_threshold_amount is None or not rule.reduced_for:
        return False, ()
    answers = []
    for group in rule.reduced_for:
        codes = rule.isco_codes_for(group)
        if codes is not None:
            isco = vacancy.occupation_isco
            answers.append(None if not isco else any(isco.startswith(code) for code in codes))
        elif group == "under_30":
            answers.append(under_30(candidate.birth_year, on) if candidate else None)
        else:  # a job group without its occupations in the data, or "junior": not decidable
            answers.append(None)
    if any(a is True for a in answers):
        return True, tuple(g for g, a in zip(rule.reduced_for, answers, strict=True) if a is True)
    if all(a is False for a in answers):
        return False, ()
    return None, tuple(g for g, a in zip(rule.reduced_for, answers, strict=True) if a is None)


@functools.lru_cache(maxsize=64)
def _groups_text(groups) -> dict:
    return {lang: ", ".join(GROUPS[g][lang] for g in groups) for lang in ("en", "nl", "fr")}


def _needed_in_vacancy_terms(vacancy: VacancyFacts, threshold: float, unit: str, divisor: float | None) -> Money:
    """The smallest salary, in the vacancy's own period, that surely reaches `threshold`."""
    period = vacancy.salary_period or ("month" if unit == "monthly_base_pay" else "year")
    if unit == "monthly_base_pay":
        monthly = threshold
        annual = threshold * MONTHS_PER_YEAR_WITH_BONUSES
    else:
        annual = threshold
        monthly = threshold / (divisor or 12)
    if period == "year":
        return Money(round(annual, 2), "year")
    if period == "hour" and vacancy.weekly_hours:
        return Money(round(monthly / (vacancy.weekly_hours * WEEKS_PER_MONTH), 2), "hour")
    return Money(round(monthly, 2), "month")


def _threshold_range(rule: Rule, vacancy: VacancyFacts, candidate: CandidateFacts | None, on: dt.date):
    """(lowest, highest) threshold that may apply, whether a reduction applies (True/False/None) and to
    whom, and whether the long-contract amount is in doubt."""
    base = rule.threshold_amount
    low_t = high_t = base
    if rule.threshold_status == "conflict" and rule.threshold_alt_amount is not None:
        low_t, high_t = min(base, rule.threshold_alt_amount), max(base, rule.threshold_alt_amount)
    applies, groups = _reduced_groups(rule, vacancy, candidate, on)
    if applies is True:
        low_t = high_t = rule.reduced_threshold_amount
    elif applies is None:
        low_t = min(low_t, rule.reduced_threshold_amount)
    long_in_doubt = None  # or the key of the sentence saying why the long-contract amount may apply
    if rule.long_contract_threshold_amount is not None and rule.long_contract_after_months is not None:
        # The German-speaking source names an amount for employment "up to 4 years" and one for
        # "unlimited" employment: a longer fixed-term job is neither, so both amounts bound it.
        if vacancy.contract_type == "permanent":
            low_t = high_t = max(high_t, rule.long_contract_threshold_amount)
        elif vacancy.duration_months is None:
            high_t = max(high_t, rule.long_contract_threshold_amount)
            long_in_doubt = "why.long_contract"
        elif vacancy.duration_months > rule.long_contract_after_months:
            high_t = max(high_t, rule.long_contract_threshold_amount)
            long_in_doubt = "why.long_fixed_term"
    return low_t, high_t, applies, groups, long_in_doubt


class SalaryDecision:
    """The salary condition without sentences: its status and what the sentences need."""

    __slots__ = ("status", "compared", "far_below", "low_t", "high_t", "applies", "groups", "long_in_doubt",
                 "band", "missing_key")

    def __init__(self, rule: Rule, vacancy: VacancyFacts, candidate: CandidateFacts | None, on: dt.date):
        self.low_t, self.high_t, self.applies, self.groups, self.long_in_doubt = _threshold_range(
            rule, vacancy, candidate, on
        )
        self.band, self.missing_key = salary_band(vacancy, rule.threshold_unit or "annual_gross", rule.monthly_divisor)
        self.far_below = False
        if self.band is None:
            self.status = self.compared = UNKNOWN
            return
        low, high = self.band
        self.compared = MET if low >= self.high_t else NOT_MET if high < self.low_t else UNKNOWN
        # An amount without a stated period never makes the condition certain.
        self.status = UNKNOWN if rule.threshold_status == "unconfirmed" else self.compared
        self.far_below = high < FAR_BELOW * self.low_t


def salary_has_amount(rule: Rule) -> bool:
    """False when the amount of the period is not known (pending, not found): the condition is unknown."""
    return rule.threshold_status not in ("pending", "not_found") and rule.threshold_amount is not None


def _salary_reasons(rule: Rule, unit: str, decision: SalaryDecision) -> tuple[list, tuple | None]:
    """The extra sentences (conflict, reduction, long contract, carried forward) and the question."""
    extra, question = [], None
    if rule.threshold_status == "conflict" and rule.threshold_alt_amount is not None:
        amounts = {"threshold": Money(rule.threshold_amount, unit), "alt": Money(rule.threshold_alt_amount, unit)}
        extra.append(("why.conflict", amounts))
    groups = decision.groups
    if decision.applies is True:
        extra.append(("why.reduced_applied", {"groups": _groups_text(groups)}))
    elif decision.applies is None:
        reduced = {"reduced": Money(rule.reduced_threshold_amount, unit), "groups": _groups_text(groups)}
        extra.append(("why.reduced", reduced))
        # The person's groups (under 30) are asked about; a job group (nurse, teacher) needs the occupation.
        person_groups = tuple(g for g in groups if rule.isco_codes_for(g) is None)
        question = ("q.reduced", {"groups": _groups_text(person_groups)}) if person_groups else ("q.occupation", {})
    if decision.long_in_doubt:
        long = {"long": Money(rule.long_contract_threshold_amount, unit), "months": rule.long_contract_after_months}
        extra.append((decision.long_in_doubt, long))
    if rule.threshold_status == "carried_forward":
        extra.append(("why.carried_forward", {}))
    return extra, question


def salary_condition(rule: Rule, vacancy: VacancyFacts, candidate: CandidateFacts | None, on: dt.date) -> Cond:
    url = rule.source_url
    date = on.isoformat()
    unit = rule.threshold_unit or "annual_gross"
    if rule.threshold_status == "pending":
        # The period our sources cover has ended: the new amount is not known yet.
        last = (rule.valid_from - dt.timedelta(days=1)).isoformat()
        return Cond("salary_threshold", UNKNOWN, "salary.pending", {"date": date, "last": last}, url)
    if not salary_has_amount(rule):
        return Cond("salary_threshold", UNKNOWN, "salary.not_found", {"date": date}, url)
    decision = SalaryDecision(rule, vacancy, candidate, on)
    low_t, high_t, status = decision.low_t, decision.high_t, decision.status
    extra, question = _salary_reasons(rule, unit, decision)
    params = {"threshold": Money(high_t, unit), "date": date}
    if decision.band is None:
        question = ("q.hours", {}) if decision.missing_key == "salary.no_hours" else ("q.salary", {})
        return Cond("salary_threshold", UNKNOWN, decision.missing_key, params, url, extra, question=question)
    low, high = decision.band
    params["salary"] = Money(vacancy.salary_amount, vacancy.salary_period)
    if decision.compared == UNKNOWN and (low < high and low < high_t <= high or low < low_t <= high):
        extra.insert(0, ("why.band", {"low": Money(round(low, 2), unit), "high": Money(round(high, 2), unit)}))
        question = question or ("q.salary_components", {})
    if rule.threshold_status == "unconfirmed":
        extra.append(("why.unconfirmed", {}))
    if status == MET and decision.applies is None:
        # The full threshold is reached: whether a reduction applies does not matter.
        extra = [e for e in extra if e[0] != "why.reduced"]
        question = None if question and question[0] == "q.reduced" else question
    if status == NOT_MET:
        params["threshold"] = Money(low_t, unit)
    change = None
    if status != MET and rule.threshold_status != "unconfirmed":  # no salary makes an undated amount certain
        needed = _needed_in_vacancy_terms(vacancy, high_t, unit, rule.monthly_divisor)
        change = ("change.salary", {"needed": needed}, {"amount": round(high_t, 2), "unit": unit})
    key = {MET: "salary.met", NOT_MET: "salary.not_met", UNKNOWN: "salary.unknown"}[status]
    cond = Cond("salary_threshold", status, key, params, url, extra, question=question, change=change)
    cond.far_below = decision.far_below
    if cond.far_below and status == UNKNOWN:
        cond.change = None  # no hint towards a route the job is nowhere near
    return cond


def _full_time_monthly(vacancy: VacancyFacts):
    """(low, high) monthly gross pay of the job scaled to full time, or (None, reason key).
    A yearly salary is between annual / 13.92 and annual / 12 a month; without the hours the job
    may be part time, so the full-time pay has no upper bound."""
    band, missing = salary_band(vacancy, "monthly_base_pay", None)
    if band is None:
        return None, missing
    if vacancy.weekly_hours and vacancy.full_time_weekly_hours:
        fraction = min(vacancy.weekly_hours / vacancy.full_time_weekly_hours, 1.0)
        return (band[0] / fraction, band[1] / fraction), None
    return (band[0], float("inf")), None


def wage_floor_condition(rule: Rule, vacancy: VacancyFacts, on: dt.date) -> Cond | None:
    """The guaranteed minimum monthly income (GGMMI, CAO 43) as the floor of a route, full time."""
    unknown_floor = "wage_floor" in rule.unknown_parameters
    if rule.wage_floor_amount is None and not unknown_floor:
        return None
    url = rule.source_url
    date = on.isoformat()
    if unknown_floor:
        return Cond("minimum_wage", UNKNOWN, "floor.not_found", {"date": date}, url)
    low_f = high_f = rule.wage_floor_amount
    extra = []
    if rule.wage_floor_alt_amount is not None:
        low_f, high_f = sorted((rule.wage_floor_amount, rule.wage_floor_alt_amount))
        extra.append(
            ("why.floor_range", {"low": Money(low_f, "monthly_gross"), "high": Money(high_f, "monthly_gross")})
        )
    params = {"floor": Money(high_f, "monthly_gross"), "date": date}
    band, missing = _full_time_monthly(vacancy)
    if band is None:
        question = ("q.hours", {}) if missing == "salary.no_hours" else ("q.salary", {})
        return Cond("minimum_wage", UNKNOWN, "floor.missing", params, url, extra, question=question)
    params["salary"] = Money(vacancy.salary_amount, vacancy.salary_period)
    if band[0] >= high_f:
        return Cond("minimum_wage", MET, "floor.met", params, url)
    if band[1] < low_f:
        params["floor"] = Money(low_f, "monthly_gross")
        fraction = (
            min(vacancy.weekly_hours / vacancy.full_time_weekly_hours, 1.0)
            if vacancy.weekly_hours and vacancy.full_time_weekly_hours
            else 1.0
        )
        change = (
            "change.salary",
            {"needed": _needed_in_vacancy_terms(vacancy, high_f * fraction, "monthly_base_pay", None)},
            {"amount": round(high_f, 2), "unit": "monthly_gross"},
        )
        return Cond("minimum_wage", NOT_MET, "floor.not_met", params, url, extra, change=change)
    question = ("q.hours", {}) if band[1] == float("inf") else ("q.salary_components", {})
    return Cond("minimum_wage", UNKNOWN, "floor.unknown", params, url, extra, question=question)


def education_condition(rule: Rule, candidate: CandidateFacts | None) -> Cond | None:
    url = rule.source_url
    if "min_eqf" in rule.unknown_parameters:
        return Cond("education", UNKNOWN, "education.not_found", {}, url, question=("q.education", {}))
    if rule.min_eqf is None:
        return None
    params = {"min": rule.min_eqf}
    eqf = candidate.education_eqf if candidate else None
    if eqf is None:
        return Cond("education", UNKNOWN, "education.missing", params, url, question=("q.education", {}))
    params["eqf"] = eqf
    if eqf >= rule.min_eqf:
        return Cond("education", MET, "education.met", params, url)
    if rule.experience_can_replace_diploma:
        return Cond("education", UNKNOWN, "education.experience", params, url, question=("q.experience", {}))
    if "diploma_exceptions" in rule.unknown_parameters:
        # The source gives the minimum "save exceptions" without naming them.
        return Cond("education", UNKNOWN, "education.exceptions", params, url, question=("q.education", {}))
    return Cond(
        "education",
        NOT_MET,
        "education.not_met",
        params,
        url,
        change=("change.education", {"min": rule.min_eqf}, {"min_eqf": rule.min_eqf}),
    )


def contract_condition(rule: Rule, vacancy: VacancyFacts) -> Cond | None:
    url = rule.source_url
    if "min_contract_months" in rule.unknown_parameters:
        return Cond("contract_length", UNKNOWN, "contract.not_found", {}, url)
    if rule.min_contract_months is None:
        return None
    params = {"months": rule.min_contract_months}
    if vacancy.contract_type == "permanent":
        return Cond("contract_length", MET, "contract.met_permanent", params, url)
    if vacancy.duration_months is None:
        return Cond("contract_length", UNKNOWN, "contract.missing", params, url, question=("q.contract", {}))
    params["duration"] = vacancy.duration_months
    if vacancy.duration_months >= rule.min_contract_months:
        return Cond("contract_length", MET, "contract.met", params, url)
    return Cond(
        "contract_length",
        NOT_MET,
        "contract.not_met",
        params,
        url,
        change=(
            "change.contract",
            {"months": rule.min_contract_months},
            {"min_contract_months": rule.min_contract_months},
        ),
    )


def single_permit_duration_condition(rule: Rule, vacancy: VacancyFacts) -> Cond | None:
    """A single permit covers work of more than 90 days; shorter work needs a work permit. Shown only
    when a fixed-term contract is that short or may be (a month has 28 to 31 days)."""
    limit = rule.max_days_outside_single_permit
    months = vacancy.duration_months
    if limit is None or vacancy.contract_type == "permanent" or months is None:
        return None
    if months * 28 > limit:
        return None
    params = {"months": months, "days": limit}
    if months * 31 <= limit:
        return Cond("single_permit_duration", NOT_MET, "duration.not_met", params, rule.source_url)
    return Cond(
        "single_permit_duration", UNKNOWN, "duration.unknown", params, rule.source_url, question=("q.dates", {})
    )


def working_time_condition(rule: Rule, vacancy: VacancyFacts) -> Cond | None:
    if rule.min_working_time_fraction is None:
        return None
    url = rule.source_url
    minimum = round(rule.min_working_time_fraction * 100)
    if not vacancy.weekly_hours or not vacancy.full_time_weekly_hours:
        return Cond("working_time", UNKNOWN, "working_time.missing", {"min": minimum}, url, question=("q.hours", {}))
    fraction = vacancy.weekly_hours / vacancy.full_time_weekly_hours
    params = {"pct": round(fraction * 100), "min": minimum}
    if fraction >= rule.min_working_time_fraction - 1e-9:
        return Cond("working_time", MET, "working_time.met", params, url)
    hours = round(rule.min_working_time_fraction * vacancy.full_time_weekly_hours, 1)
    return Cond(
        "working_time",
        NOT_MET,
        "working_time.not_met",
        params,
        url,
        change=(
            "change.working_time",
            {"hours": Number(hours), "full": Number(vacancy.full_time_weekly_hours)},
            {"weekly_hours": hours},
        ),
    )


def pay_category_condition(rule: Rule, vacancy: VacancyFacts) -> Cond | None:
    if not rule.min_pay_category:
        return None
    url = rule.source_url
    params = {"min": PAY_CATEGORIES[rule.min_pay_category]}
    cat = vacancy.pay_category
    if cat not in PAY_CATEGORY_ORDER:
        return Cond("pay_category", UNKNOWN, "pay_category.missing", params, url, question=("q.pay_category", {}))
    params["cat"] = PAY_CATEGORIES[cat]
    if PAY_CATEGORY_ORDER.index(cat) >= PAY_CATEGORY_ORDER.index(rule.min_pay_category):
        return Cond("pay_category", MET, "pay_category.met", params, url)
    return Cond(
        "pay_category",
        NOT_MET,
        "pay_category.not_met",
        params,
        url,
        change=(
            "change.pay_category",
            {"min": PAY_CATEGORIES[rule.min_pay_category]},
            {"pay_category": rule.min_pay_category},
        ),
    )


def executive_condition(rule: Rule, vacancy: VacancyFacts) -> Cond | None:
    """The executive routes are for executive posts: pay alone does not make a job one."""
    if not rule.requires_executive_post:
        return None
    url = rule.source_url
    if vacancy.executive_post is None:
        return Cond("executive_post", UNKNOWN, "executive.missing", {}, url, question=("q.executive", {}))
    if vacancy.executive_post:
        return Cond("executive_post", MET, "executive.met", {}, url)
    return Cond("executive_post", NOT_MET, "executive.not_met", {}, url)


def employer_condition(rule: Rule, vacancy: VacancyFacts) -> Cond | None:
    if not rule.employer_in_belgium_required:
        return None
    url = rule.source_url
    if vacancy.employer_in_belgium is None:
        return Cond("employer_in_belgium", UNKNOWN, "employer.missing", {}, url, question=("q.employer", {}))
    if vacancy.employer_in_belgium:
        return Cond("employer_in_belgium", MET, "employer.met", {}, url)
    return Cond(
        "employer_in_belgium",
        NOT_MET,
        "employer.not_met",
        {},
        url,
        change=("change.employer", {}, {"employer_in_belgium": True}),
    )


def list_membership(rule: Rule, vacancy: VacancyFacts, snapshot: Snapshot, on: dt.date) -> tuple:
    """(status, reason, the list that decides, the lists in force) for a rule that needs a list.

    Reasons: none (no list of that purpose in force), no_occupation, low_confidence (named by a
    single secondary source), met, dated (named, but its dates exclude `on`), partial, not_met."""
    lists = snapshot.lists_in_force(rule.authority, rule.requires_list_purpose, on)
    if not lists:
        return UNKNOWN, "none", None, lists
    uri = vacancy.occupation_uri
    if not uri:
        return UNKNOWN, "no_occupation", lists[0], lists
    found = [(lst, lst.membership(uri, on)) for lst in lists]
    for lst, member in found:
        if member:
            return (UNKNOWN, "low_confidence", lst, lists) if lst.confidence == "low" else (MET, "met", lst, lists)
    for lst, member in found:
        if member is False:
            # Added later or removed earlier: known NOT on the list, even when our copy is partial.
            return NOT_MET, "dated", lst, lists
    partial = [lst for lst in lists if lst.completeness != "complete"]
    if partial:
        return UNKNOWN, "partial", partial[0], lists  # our copy is incomplete: absence proves nothing
    return NOT_MET, "not_met", lists[0], lists


def list_condition(rule: Rule, vacancy: VacancyFacts, snapshot: Snapshot, on: dt.date, used_lists: list) -> Cond | None:
    purpose = rule.requires_list_purpose
    if not purpose:
        return None
    status, reason, lst, lists = list_membership(rule, vacancy, snapshot, on)
    date = on.isoformat()
    purpose_text = LIST_PURPOSES.get(purpose, {"en": purpose, "nl": purpose, "fr": purpose})
    if reason == "none":
        params = {"purpose": purpose_text, "date": date}
        return Cond("occupation_on_list", UNKNOWN, "list.none", params, rule.source_url, question=("q.list", {}))
    for found in lists:
        if found.name not in used_lists:
            used_lists.append(found.name)
    if reason == "no_occupation":
        params = {"purpose": purpose_text}
        return Cond("occupation_on_list", UNKNOWN, "list.no_occupation", params, lst.source_url,
                    question=("q.occupation", {}))
    params = {"name": lst.names, "date": date}
    if reason == "dated":
        dated = lst.by_uri[vacancy.occupation_uri][0]
        if dated.valid_from is not None and on < dated.valid_from:
            key, when = "list.added_later", dated.valid_from
        else:
            key, when = "list.removed", dated.valid_to + dt.timedelta(days=1)
        return Cond("occupation_on_list", NOT_MET, key, {**params, "when": when.isoformat()}, lst.source_url)
    if reason == "partial":
        params = {"name": lst.names}
    question = ("q.list", {}) if status == UNKNOWN else None
    return Cond("occupation_on_list", status, f"list.{reason}", params, lst.source_url, question=question)


def long_term_resident_condition(rule: Rule, candidate: CandidateFacts | None) -> Cond | None:
    """A route once restricted to EU long-term residents of another member state, where the sources
    do not say whether the restriction still applies: met for such a resident, otherwise unknown."""
    if "eu_long_term_resident_only" not in rule.unknown_parameters:
        return None
    url = rule.source_url
    if candidate is not None and candidate.eu_long_term_resident:
        return Cond("eu_long_term_resident", MET, "ltr.met", {}, url)
    return Cond("eu_long_term_resident", UNKNOWN, "ltr.unknown", {}, url, question=("q.eu_ltr", {}))


def lmt_condition(rule: Rule) -> Cond | None:
    if not rule.labour_market_test:
        return None
    agency = AGENCY.get(rule.authority, "")
    extra = []
    if rule.lmt_detail:
        # The region's own procedure, in the reader's language when the row has it.
        extra.append(("lmt.procedure", {"procedure": rule.lmt_detail_texts}))
    return Cond(
        "labour_market_test",
        UNKNOWN,
        "lmt.required",
        {"agency": agency},
        rule.source_url,
        extra,
        question=("q.lmt", {"agency": agency}),
    )


# ------------------------------------------------------------------------------------------------
# Where the application can be filed (facts §5.1)
# ------------------------------------------------------------------------------------------------


def application_from(rule: Rule | None, candidate: CandidateFacts | None, on: dt.date) -> tuple[str, str, dict, str]:
    """(application_from, reason key, params, source_url) for a single-permit route."""
    situation = candidate.residence_situation if candidate else "unknown"
    if situation == "abroad":
        return "abroad_only", "from.abroad", {}, FACTS_SOURCE["abroad"]
    if situation == "no_legal_residence":
        return "abroad_only", "from.no_legal_residence", {}, FACTS_SOURCE["9bis"]
    if rule is not None and rule.applicant_must_be_abroad and not (candidate and candidate.eu_long_term_resident):
        return "abroad_only", "from.must_be_abroad", {}, rule.source_url
    if situation == "asylum_applicant":
        return "unknown", "from.asylum", {}, FACTS_SOURCE["exceptions"]
    if situation == "legal_residence_without_work_access":
        stay = candidate.lawful_stay_type
        if stay and rule is not None and rule.in_country_stay_types and stay not in rule.in_country_stay_types:
            # A regional summary names fewer stays than the federal list (German-speaking Community).
            return "unknown", "from.regional_limit", {"stay": STAY_TYPES[stay]}, rule.source_url
        if stay in _ONLY_SOME and on >= _STAY_SINCE[stay]:
            return "unknown", "from.some_of_stay", {"stay": STAY_TYPES[stay]}, FACTS_SOURCE["exceptions"]
        if stay and on >= _STAY_SINCE[stay]:
            return "in_belgium", "from.lawful_stay", {"stay": STAY_TYPES[stay]}, FACTS_SOURCE["exceptions"]
        return "unknown", "from.legal_residence", {}, FACTS_SOURCE["exceptions"]
    return "unknown", "from.unknown", {}, FACTS_SOURCE["abroad"]


# ------------------------------------------------------------------------------------------------
# Routes
# ------------------------------------------------------------------------------------------------


def route_status(statuses: list[str]) -> str:
    """eligible when every condition is met, not_eligible when one is not met, else conditional."""
    if NOT_MET in statuses:
        return NOT_ELIGIBLE
    return ELIGIBLE if all(s == MET for s in statuses) else CONDITIONAL


class RouteResult:
    __slots__ = ("route", "status", "conditions", "where", "rule", "note_key")

    def __init__(self, route, conditions, where, rule=None, note_key=None):
        self.route, self.conditions, self.where, self.rule, self.note_key = (
            route,
            conditions,
            where,
            rule,
            note_key,
        )
        self.status = route_status([c.status for c in conditions])

    @property
    def unknown_count(self) -> int:
        return sum(1 for c in self.conditions if c.status == UNKNOWN)

    @property
    def salary_far_below(self) -> bool:
        return any(c.id == "salary_threshold" and c.far_below for c in self.conditions)


def _other_conditions(rule: Rule, vacancy: VacancyFacts, candidate: CandidateFacts | None, on: dt.date) -> tuple:
    """The conditions after the list and the salary (None where the rule does not have one); cheap, so
    the status-only evaluation builds them too."""
    return (
        executive_condition(rule, vacancy),
        wage_floor_condition(rule, vacancy, on),
        education_condition(rule, candidate),
        contract_condition(rule, vacancy),
        single_permit_duration_condition(rule, vacancy),
        working_time_condition(rule, vacancy),
        pay_category_condition(rule, vacancy),
        employer_condition(rule, vacancy),
        long_term_resident_condition(rule, candidate),
        lmt_condition(rule),
    )


def _rule_route(
    rule: Rule,
    vacancy: VacancyFacts,
    candidate: CandidateFacts | None,
    snapshot: Snapshot,
    on: dt.date,
    used_lists: list,
) -> RouteResult:
    conds = [
        list_condition(rule, vacancy, snapshot, on, used_lists),
        salary_condition(rule, vacancy, candidate, on) if rule.threshold_status != "not_applicable" else None,
        *_other_conditions(rule, vacancy, candidate, on),
    ]
    conds = [c for c in conds if c is not None]
    if rule.requires_executive_post and vacancy.executive_post is not True:
        for cond in conds:  # no executive salary hint unless the job is an executive post
            if cond.id == "salary_threshold":
                cond.change = None
    return RouteResult(rule.route, conds, application_from(rule, candidate, on), rule)


def _asylum_route(candidate: CandidateFacts, on: dt.date) -> RouteResult:
    url = FACTS_SOURCE["asylum"]
    conds = [Cond("asylum_applicant", MET, "asylum.status", {}, url)]
    filed = candidate.asylum_filed_on
    if filed is None:
        conds.append(
            Cond(
                "four_months_since_filing",
                UNKNOWN,
                "asylum.months_unknown",
                {},
                url,
                question=("q.asylum", {}),
            )
        )
    else:
        allowed = add_months(filed, ASYLUM_WAIT_MONTHS)
        if on >= allowed:
            conds.append(
                Cond(
                    "four_months_since_filing",
                    MET,
                    "asylum.months_met",
                    {"filed": filed.isoformat(), "date": on.isoformat()},
                    url,
                )
            )
        else:
            conds.append(
                Cond(
                    "four_months_since_filing",
                    NOT_MET,
                    "asylum.months_not_met",
                    {"filed": filed.isoformat(), "allowed": allowed.isoformat()},
                    url,
                )
            )
    # Whether a decision was notified within the 4 months shows on the renewed orange card only.
    conds.append(
        Cond(
            "unlimited_labour_market_access_on_card",
            UNKNOWN,
            "asylum.card",
            {},
            url,
            question=("q.asylum", {}),
        )
    )
    return RouteResult(
        "asylum_applicant_work_access",
        conds,
        ("in_belgium", "from.not_a_permit", {}, url),
        note_key="asylum.note",
    )


def evaluate(
    snapshot: Snapshot, vacancy: VacancyFacts, candidate: CandidateFacts | None, on: dt.date
) -> tuple[list[RouteResult], list[str]]:
    """Every route open to consider for this job (and candidate), with its conditions."""
    if candidate is not None and candidate.eu_eea_swiss_citizen:
        cond = Cond("eu_eea_swiss_citizen", MET, "eu.met", {}, FACTS_SOURCE["eu"])
        return [RouteResult("no_permit_needed", [cond], ("in_belgium", "from.none_needed", {}, ""))], []
    if candidate is not None and candidate.residence_situation == "legal_residence_with_work_access":
        # No source page is about this case: it needs no permit by definition (no asylum page).
        cond = Cond("existing_work_access", MET, "work_access.met", {}, "")
        return [RouteResult("existing_work_access", [cond], ("in_belgium", "from.none_needed", {}, ""))], []
    used_lists: list[str] = []
    results = [
        _rule_route(rule, vacancy, candidate, snapshot, on, used_lists)
        for rule in snapshot.rules_in_force(vacancy.authority, on)
    ]
    if candidate is not None and candidate.residence_situation == "asylum_applicant":
        results.append(_asylum_route(candidate, on))
    return results, used_lists


def verdict_of(results: list[RouteResult]) -> tuple[str, str | None]:
    """The verdict and the best route. Among eligible routes the usual preference (ROUTE_ORDER)
    decides. Otherwise the route closest to eligible for this vacancy: fewest unmet conditions
    (none, for a conditional route), then fewest unknown ones, then the least demanding route
    (DEMAND_ORDER); a route whose salary is far below its threshold is never offered as the best."""
    order = {route: i for i, route in enumerate(ROUTE_ORDER)}
    eligible = [r for r in results if r.status == ELIGIBLE]
    if eligible:
        return "supportive", min(eligible, key=lambda r: order[r.route]).route
    conditional = [r for r in results if r.status == CONDITIONAL]
    if conditional:
        demand = {route: i for i, route in enumerate(DEMAND_ORDER)}
        offered = [r for r in conditional if not r.salary_far_below]
        best = min(offered, key=lambda r: (r.unknown_count, demand[r.route])) if offered else None
        return "conditional", best.route if best else None
    return "not_supportive", None


class RouteStatus:
    """A route's status without conditions or sentences (what the verdict needs)."""

    __slots__ = ("route", "status", "unknown_count", "salary_far_below")

    def __init__(self, route: str, statuses: list[str], salary_far_below: bool = False):
        self.route, self.salary_far_below = route, salary_far_below
        self.status = route_status(statuses)
        self.unknown_count = statuses.count(UNKNOWN)

    @classmethod
    def of(cls, result: RouteResult) -> RouteStatus:
        return cls(result.route, [c.status for c in result.conditions], result.salary_far_below)


def _rule_route_status(
    rule: Rule, vacancy: VacancyFacts, candidate: CandidateFacts | None, snapshot: Snapshot, on: dt.date
) -> RouteStatus:
    """The status of a rule's route, deciding the list and salary conditions without sentences."""
    statuses, far_below = [], False
    if rule.requires_list_purpose:
        statuses.append(list_membership(rule, vacancy, snapshot, on)[0])
    if rule.threshold_status != "not_applicable":
        if salary_has_amount(rule):
            decision = SalaryDecision(rule, vacancy, candidate, on)
            statuses.append(decision.status)
            far_below = decision.far_below
        else:
            statuses.append(UNKNOWN)
    statuses += [cond.status for cond in _other_conditions(rule, vacancy, candidate, on) if cond is not None]
    return RouteStatus(rule.route, statuses, far_below)


def evaluate_statuses(
    snapshot: Snapshot, vacancy: VacancyFacts, candidate: CandidateFacts | None, on: dt.date
) -> list[RouteStatus]:
    """The status of every route `evaluate` returns, in the same order, without building sentences."""
    if candidate is not None and (
        candidate.eu_eea_swiss_citizen or candidate.residence_situation == "legal_residence_with_work_access"
    ):
        return [RouteStatus.of(r) for r in evaluate(snapshot, vacancy, candidate, on)[0]]
    results = [
        _rule_route_status(rule, vacancy, candidate, snapshot, on)
        for rule in snapshot.rules_in_force(vacancy.authority, on)
    ]
    if candidate is not None and candidate.residence_situation == "asylum_applicant":
        results.append(RouteStatus.of(_asylum_route(candidate, on)))
    return results


def summarise(snapshot: Snapshot, vacancy: VacancyFacts, candidate: CandidateFacts | None, on: dt.date) -> dict:
    """Only `verdict` and `best_route` (no sentences): the cheap form used inside match results.
    It decides each route with `evaluate_statuses` (the same decisions as `evaluate`, without
    sentences; a test holds the two equal) and the same `verdict_of` as `assess`.

    Results are memoised on the snapshot (facts are frozen, hashable values), so repeated match
    requests over the same vacancies cost one dict lookup each."""
    key = (vacancy, candidate, on)
    memo = snapshot.summary_memo
    found = memo.get(key)
    if found is not None:
        return dict(found)
    verdict, best = verdict_of(evaluate_statuses(snapshot, vacancy, candidate, on))
    found = {"verdict": verdict, "best_route": best}
    if len(memo) > 100_000:  # bounded: facts come from requests
        memo.clear()
    memo[key] = found
    return dict(found)


def _render_condition(cond: Cond, lang: str) -> dict:
    sentences = [render(cond.key, lang, cond.params)] + [render(k, lang, p) for k, p in cond.extra]
    return {
        "id": cond.id,
        "status": cond.status,
        "detail": " ".join(sentences),
        "source_url": cond.source_url,
    }


def _render_route(result: RouteResult, lang: str, candidate: CandidateFacts | None) -> dict:
    where, key, params, url = result.where
    questions = []
    for cond in result.conditions:
        if cond.status == UNKNOWN and cond.question:
            text = render(cond.question[0], lang, cond.question[1])
            if text not in questions:
                questions.append(text)
    if where == "unknown" and result.route not in ("asylum_applicant_work_access",):
        qkey = (
            "q.stay_type"
            if candidate and candidate.residence_situation == "legal_residence_without_work_access"
            else "q.residence"
        )
        if candidate is None or candidate.residence_situation in (
            "unknown",
            "legal_residence_without_work_access",
        ):
            questions.append(render(qkey, lang))
    out = {
        "route": result.route,
        "status": result.status,
        "application_from": where,
        "application_from_reason": render(key, lang, params),
        "conditions": [_render_condition(c, lang) for c in result.conditions],
        "next_questions": questions,
    }
    changes = [c for c in result.conditions if c.status == NOT_MET and c.change]
    not_met = [c for c in result.conditions if c.status == NOT_MET]
    if result.status != ELIGIBLE:
        hints = [
            {"condition": c.id, "change": render(c.change[0], lang, c.change[1]), "value": c.change[2]} for c in changes
        ]
        hints += [
            {"condition": c.id, "change": render(c.change[0], lang, c.change[1]), "value": c.change[2]}
            for c in result.conditions
            if c.status == UNKNOWN and c.change
        ]
        if hints:
            # Only a complete fix is a counterfactual: every not-met condition must have a hint.
            out["what_would_change"] = hints if len(changes) == len(not_met) else []
    if result.note_key:
        out["note"] = render(result.note_key, lang)
    if result.rule is not None:
        rule = result.rule
        out["rule"] = {
            "id": rule.rule_id,
            "valid_from": rule.valid_from.isoformat(),
            "valid_to": rule.valid_to.isoformat() if rule.valid_to else None,
            "confidence": rule.confidence,
            "note": rule.note,
            "note_language": "en",  # research notes are kept in English, the language they were written in
            "source_urls": list(rule.source_urls),
        }
        if rule.lmt_detail:
            detail = {"en": rule.lmt_detail, "nl": rule.lmt_detail_nl, "fr": rule.lmt_detail_fr}
            out["lmt_detail"] = detail.get(lang) or rule.lmt_detail
            out["lmt_detail_language"] = lang if detail.get(lang) else "en"
    return out


def assess(
    snapshot: Snapshot,
    vacancy: VacancyFacts | dict,
    candidate: CandidateFacts | dict | None,
    on: dt.date,
    lang: str = "en",
) -> dict:
    """The full assessment structure (see docs/permits.md)."""
    if isinstance(vacancy, dict):
        vacancy = VacancyFacts.from_dict(vacancy)
    if isinstance(candidate, dict):
        candidate = CandidateFacts.from_dict(candidate)
    lang = lang if lang in ("en", "nl", "fr") else "en"
    results, used_lists = evaluate(snapshot, vacancy, candidate, on)
    verdict, best = verdict_of(results)
    routes = [_render_route(r, lang, candidate) for r in results]
    answer = {
        "as_of": on.isoformat(),
        "authority": vacancy.authority,
        "verdict": verdict,
        "best_route": best,
        "routes": routes,
    }
    hints = [dict(h, route=r["route"]) for r in routes for h in r.get("what_would_change", [])]
    if verdict != "supportive" and hints:
        answer["what_would_change"] = hints
    answer["reference_data"] = {"rules_version": snapshot.version, "lists": used_lists}
    if not results:
        answer["reference_data"]["note"] = render("no_rules", lang)
    answer["disclaimer"] = render("disclaimer", lang)
    return answer
