"""Reference-data snapshot for the permit engine: frozen, indexed once, shared by every assessment.

The service layer turns database rows (or CSV rows) into plain dicts and calls `Snapshot.build`;
the engine only reads the snapshot, so one snapshot serves any number of assessments.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

from core.permits import AUTHORITIES, PAY_CATEGORY_ORDER, RULE_FIELDS, RULE_ROUTES  # noqa: F401 (re-exported)

from .texts import SOURCE_LANGUAGE_MARK

ROUTE_ORDER = (
    "no_permit_needed",
    "existing_work_access",
    "highly_qualified",
    "eu_blue_card",
    "executive",
    "medium_skilled_shortage",
    "shortage_occupation",
    "labour_market_test",
    "asylum_applicant_work_access",
)
# For the best route among routes that are not yet eligible: the least demanding first (what a
# coach can most easily turn into an eligible route for an ordinary job). Executive posts come last.
DEMAND_ORDER = (
    "no_permit_needed",
    "existing_work_access",
    "shortage_occupation",
    "medium_skilled_shortage",
    "highly_qualified",
    "eu_blue_card",
    "labour_market_test",
    "asylum_applicant_work_access",
    "executive",
)
def _date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _float(value) -> float | None:
    return None if value in (None, "") else float(value)


def _int(value) -> int | None:
    return None if value in (None, "") else int(float(value))


def _bool(value) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("1", "true", "yes", "t")


def _isco_groups(value) -> tuple:
    """'nurse=2221,3221 teacher=23' -> (("nurse", ("2221", "3221")), ("teacher", ("23",)))."""
    if not value:
        return ()
    if isinstance(value, tuple):
        return value
    groups = []
    for part in str(value).split():
        name, _, codes = part.partition("=")
        groups.append((name, tuple(c for c in codes.split(",") if c)))
    return tuple(groups)


def _split(value, sep=",") -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(value)
    parts = value.split(sep) if sep else value.split()
    return tuple(p.strip() for p in parts if p.strip())


_CONVERT = {  # RuleField.kind -> (raw value, field) -> the Rule's value
    "choice": lambda value, field: value or field.default,
    "date": lambda value, field: _date(value),
    "number": lambda value, field: _float(value),
    "integer": lambda value, field: _int(value),
    "bool": lambda value, field: _bool(value or False),
    "text": lambda value, field: value or "",
    "multi": lambda value, field: _split(value),
    "urls": lambda value, field: _split(value, sep=None),
    "isco_groups": lambda value, field: _isco_groups(value),
}


@dataclass(frozen=True)
class Rule:
    """One route of one authority over one validity period: the fields of core.permits.RULE_FIELDS
    (a test keeps them equal) and the row's id."""

    authority: str
    route: str
    valid_from: dt.date
    valid_to: dt.date | None = None
    threshold_amount: float | None = None
    threshold_unit: str | None = None
    threshold_status: str = "not_applicable"
    threshold_alt_amount: float | None = None
    reduced_threshold_amount: float | None = None
    reduced_for: tuple[str, ...] = ()
    long_contract_threshold_amount: float | None = None
    long_contract_after_months: int | None = None
    monthly_divisor: float | None = None
    min_eqf: int | None = None
    experience_can_replace_diploma: bool = False
    min_contract_months: int | None = None
    min_working_time_fraction: float | None = None
    min_pay_category: str | None = None
    employer_in_belgium_required: bool = False
    requires_list_purpose: str | None = None
    labour_market_test: bool = False
    lmt_detail: str = ""
    applicant_must_be_abroad: bool = False
    unknown_parameters: tuple[str, ...] = ()
    source_urls: tuple[str, ...] = ()
    note: str = ""
    confidence: str = "medium"
    rule_id: int | None = None
    requires_executive_post: bool = False
    wage_floor_amount: float | None = None
    wage_floor_alt_amount: float | None = None
    # ((group, (ISCO code or prefix, ...)), ...): reductions that belong to the job's occupation
    reduced_isco_groups: tuple[tuple[str, tuple[str, ...]], ...] = ()
    in_country_stay_types: tuple[str, ...] = ()
    max_days_outside_single_permit: int | None = None
    lmt_detail_nl: str = ""
    lmt_detail_fr: str = ""

    @classmethod
    def from_row(cls, row: dict) -> Rule:
        """A rule from a database or CSV row: each column converted by its kind (core.permits.RULE_FIELDS)."""
        values = {field.name: _CONVERT[field.kind](row.get(field.name), field) for field in RULE_FIELDS}
        return cls(**values, rule_id=_int(row.get("id")))

    @functools.cached_property
    def lmt_detail_texts(self) -> dict:
        """{lang: the labour-market-test procedure}: the translation when the row has it, else the
        English text marked as English (computed once per rule)."""
        given = {"en": self.lmt_detail, "nl": self.lmt_detail_nl, "fr": self.lmt_detail_fr}
        return {
            lang: given[lang] or f"{self.lmt_detail} {SOURCE_LANGUAGE_MARK[lang]}".strip()
            for lang in ("en", "nl", "fr")
        }

    def isco_codes_for(self, group: str) -> tuple[str, ...] | None:
        """The ISCO-08 codes (or prefixes) of the occupations that earn `group`'s reduction, or None
        when the row keys that group to the person (under 30, junior) rather than to the job."""
        for name, codes in self.reduced_isco_groups:
            if name == group:
                return codes
        return None

    def in_force(self, on: dt.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)

    @property
    def source_url(self) -> str:
        return self.source_urls[0] if self.source_urls else ""


@dataclass(frozen=True)
class Membership:
    """One entry's occupation on a list, with its own dates (None = the list's bounds)."""

    uri: str
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    def covers(self, on: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (self.valid_to is None or on <= self.valid_to)


def _memberships(items) -> tuple[Membership, ...]:
    """URIs (always members) or (uri, valid_from, valid_to) triples or Membership objects."""
    out = []
    for item in items:
        if isinstance(item, Membership):
            out.append(item)
        elif isinstance(item, str):
            out.append(Membership(item))
        else:
            uri, start, end = item
            out.append(Membership(uri, _date(start), _date(end)))
    return tuple(out)


@dataclass(frozen=True)
class ShortageListData:
    authority: str
    name: str
    purpose: str
    status: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    completeness: str
    confidence: str = "medium"
    source_url: str = ""
    # every URI named by an entry, whatever its dates (see `membership` for a date)
    occupation_uris: frozenset[str] = field(default_factory=frozenset)
    memberships: tuple[Membership, ...] = ()
    name_nl: str = ""
    name_fr: str = ""

    def display_name(self, lang: str) -> str:
        return {"nl": self.name_nl, "fr": self.name_fr}.get(lang) or self.name

    @functools.cached_property
    def names(self) -> dict:
        """{lang: name}: the Dutch/French name when the list has one, else its own name."""
        return {lang: self.display_name(lang) for lang in ("en", "nl", "fr")}

    def membership(self, uri: str | None, on: dt.date) -> Membership | bool | None:
        """The entry that puts `uri` on the list on `on`; False when entries name it but their dates
        exclude `on` (added later or removed earlier); None when no entry names it."""
        dated = self.by_uri.get(uri) if uri else None
        if not dated:
            return None
        return next((m for m in dated if m.covers(on)), False)

    @functools.cached_property
    def by_uri(self) -> dict[str, tuple[Membership, ...]]:
        index: dict[str, list[Membership]] = {}
        for membership in self.memberships:
            index.setdefault(membership.uri, []).append(membership)
        return {uri: tuple(found) for uri, found in index.items()}

    @classmethod
    def from_row(cls, row: dict, uris) -> ShortageListData:
        memberships = _memberships(uris)
        return cls(
            authority=row["authority"],
            name=row["name"],
            purpose=row["purpose"],
            status=row.get("status") or "in_force",
            valid_from=_date(row.get("valid_from")),
            valid_to=_date(row.get("valid_to")),
            completeness=row.get("completeness") or "partial",
            confidence=row.get("confidence") or "medium",
            source_url=row.get("source_url") or "",
            occupation_uris=frozenset(m.uri for m in memberships),
            memberships=memberships,
            name_nl=row.get("name_nl") or "",
            name_fr=row.get("name_fr") or "",
        )

    def in_force(self, on: dt.date) -> bool:
        # A draft, or a list without a start date, is never used for an assessment.
        return (
            self.status == "in_force"
            and self.valid_from is not None
            and self.valid_from <= on
            and (self.valid_to is None or on <= self.valid_to)
        )


class Snapshot:
    """Rules and lists indexed by authority (and purpose); immutable after `build`."""

    __slots__ = ("version", "_rules", "_lists", "_in_force", "summary_memo")

    def __init__(self, version: str, rules: dict, lists: dict):
        self.version = version
        self._rules = rules
        self._lists = lists
        self._in_force: dict = {}  # (authority, date) -> rules; a request uses one or two dates
        # (vacancy facts, candidate facts, date) -> summary; see engine.summarise
        self.summary_memo: dict = {}

    @classmethod
    def build(cls, rules, lists, version: str = "") -> Snapshot:
        """`rules`: dicts or Rule objects; `lists`: (list dict, occupation URIs) pairs or ShortageListData."""
        by_authority: dict[str, list[Rule]] = {}
        for row in rules:
            rule = row if isinstance(row, Rule) else Rule.from_row(row)
            by_authority.setdefault(rule.authority, []).append(rule)
        order = {route: i for i, route in enumerate(ROUTE_ORDER)}
        frozen_rules = {
            a: tuple(sorted(rs, key=lambda r: (order.get(r.route, 99), r.valid_from))) for a, rs in by_authority.items()
        }
        by_purpose: dict[tuple[str, str], list[ShortageListData]] = {}
        for item in lists:
            data = item if isinstance(item, ShortageListData) else ShortageListData.from_row(*item)
            by_purpose.setdefault((data.authority, data.purpose), []).append(data)
        frozen_lists = {k: tuple(v) for k, v in by_purpose.items()}
        return cls(version, frozen_rules, frozen_lists)

    def rules_in_force(self, authority: str, on: dt.date) -> list[Rule]:
        """At most one rule per route (the overlap check on writes guarantees it), in ROUTE_ORDER."""
        key = (authority, on)
        cached = self._in_force.get(key)
        if cached is not None:
            return cached
        found, seen = [], set()
        for rule in self._rules.get(authority, ()):
            if rule.route not in seen and rule.in_force(on):
                found.append(rule)
                seen.add(rule.route)
        if len(self._in_force) > 4096:  # bounded: dates come from requests
            self._in_force.clear()
        self._in_force[key] = found = tuple(found)
        return found

    def lists_in_force(self, authority: str, purpose: str, on: dt.date) -> list[ShortageListData]:
        return [lst for lst in self._lists.get((authority, purpose), ()) if lst.in_force(on)]

    def all_lists(self) -> list[ShortageListData]:
        return [lst for group in self._lists.values() for lst in group]

    def lists_with_occupation(self, occupation_uri: str | None, authority: str, on: dt.date) -> list[str]:
        if not occupation_uri:
            return []
        return [
            lst.name
            for (auth, _), group in self._lists.items()
            if auth == authority
            for lst in group
            if lst.in_force(on) and lst.membership(occupation_uri, on)
        ]
