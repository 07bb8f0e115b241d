"""How close two ESCO occupations are for a worker moving from one to the other (graded, directed).

Same ESCO occupation > a *sibling* (same ISCO-08 unit group, and either a narrower/broader variant
in the ESCO hierarchy or sharing most of the target's essential skills) > same ISCO unit group >
minor group > sub-major group. Skill overlap also links occupations of different groups: when the
origin occupation has most of the target's essential skills, the pair counts like the same unit
group, scaled by the share covered. The direction matters: a nurse has most of a care assistant's
essential skills, not necessarily the other way round.

``occupation_proximity`` is the definition (pure, one pair). ``ProximityTable`` lists, for one
occupation, the occupations that are closer than their code prefix alone says — the few extra
pairs the matching index looks up (it caches them per occupation).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .config import MatchConfig
from .profiles import Vocabulary

PREFIX_LEVELS = ("occupation", "unit_group", "minor_group", "sub_major_group")


@dataclass(frozen=True)
class Proximity:
    """``value`` in [0, 1]; ``level`` names the relation; ``shared_skills`` is the share of the
    target's essential skills the origin occupation has (None when either has no essential skills)."""

    value: float
    level: str  # occupation | sibling | shared_skills | unit_group | minor_group | sub_major_group | none
    shared_skills: float | None = None


NONE = Proximity(0.0, "none")


def occupation_proximity(
    origin: int, target: int, vocabulary: Vocabulary, config: MatchConfig | None = None
) -> Proximity:
    """How close ``target`` is for someone who worked as ``origin`` (ESCO occupation ids).

    The highest of: the ISCO code prefix level (same occupation 1, unit group 0.75, minor group
    0.5, sub-major group 0.25 by default); a sibling (``sibling_occupation``); another group's
    occupation whose essential skills the origin mostly has (``same_unit_group × share``).
    """
    config = config or MatchConfig()
    if origin == target:
        return Proximity(config.same_occupation, "occupation", 1.0)
    best = _prefix(origin, target, vocabulary, config)
    share = _shared_skills(origin, target, vocabulary, config)
    same_unit = best.level == "unit_group"
    if same_unit and (
        share is not None and share >= config.shared_skills_min or _esco_related(origin, target, vocabulary)
    ):
        return Proximity(config.sibling_occupation, "sibling", share)
    if share is not None and share >= config.shared_skills_min:
        value = config.same_unit_group * share
        if value > best.value:
            return Proximity(round(value, 6), "shared_skills", share)
    return Proximity(best.value, best.level, share)


def _prefix(origin: int, target: int, vocabulary: Vocabulary, config: MatchConfig) -> Proximity:
    a, b = vocabulary.occupation_isco.get(origin) or "", vocabulary.occupation_isco.get(target) or ""
    for length, level, value in zip((4, 3, 2), PREFIX_LEVELS[1:], config.level_weights()[1:], strict=True):
        if len(a) >= length and len(b) >= length and a[:length] == b[:length]:
            return Proximity(value, level)
    return NONE


def _shared_skills(origin: int, target: int, vocabulary: Vocabulary, config: MatchConfig) -> float | None:
    have = vocabulary.occupation_skills.get(origin)
    need = vocabulary.occupation_skills.get(target)
    if not have or not need or len(set(need[0])) < config.shared_skills_min_count:
        return None
    required = set(need[0])
    return round(len(required & set(have[0])) / len(required), 6)


def _esco_related(origin: int, target: int, vocabulary: Vocabulary) -> bool:
    """One ESCO code is a narrower variant of the other (7212.3 / 7212.3.1), or both are variants
    of one occupation (7212.3.1 / 7212.3.2)."""
    a, b = vocabulary.occupation_codes.get(origin) or "", vocabulary.occupation_codes.get(target) or ""
    if not a or not b:
        return False
    return _parent(a) == _parent(b) and _parent(a).count(".") >= 1 or a.startswith(b + ".") or b.startswith(a + ".")


def _parent(code: str) -> str:
    return code.rsplit(".", 1)[0] if "." in code else ""


class ProximityTable:
    """For each occupation, the occupations closer than their code prefix says (cached lookups).

    ``targets(origin)``: {target: Proximity} for a candidate's past occupation; ``origins(target)``:
    {origin: Proximity} for a vacancy's occupation. Only pairs above the prefix level are listed
    (the matching index covers the prefix levels with its own keys).
    """

    def __init__(self, vocabulary: Vocabulary, config: MatchConfig | None = None):
        self.vocabulary = vocabulary
        self.config = config or MatchConfig()
        self._by_skill: dict[int, set[int]] = defaultdict(set)
        for occupation, (essential, _) in vocabulary.occupation_skills.items():
            for skill in essential:
                self._by_skill[skill].add(occupation)
        self._by_family: dict[str, set[int]] = defaultdict(set)
        for occupation, code in vocabulary.occupation_codes.items():
            if code and "." in code:
                self._by_family[code.split(".")[0] + "." + code.split(".")[1]].add(occupation)
        self._targets: dict[int, dict[int, Proximity]] = {}
        self._origins: dict[int, dict[int, Proximity]] = {}

    def targets(self, origin: int) -> dict[int, Proximity]:
        if origin not in self._targets:
            self._targets[origin] = self._related(origin, forward=True)
        return self._targets[origin]

    def origins(self, target: int) -> dict[int, Proximity]:
        if target not in self._origins:
            self._origins[target] = self._related(target, forward=False)
        return self._origins[target]

    def _related(self, occupation: int, forward: bool) -> dict[int, Proximity]:
        found = {}
        for other in sorted(self._neighbours(occupation) - {occupation}):
            origin, target = (occupation, other) if forward else (other, occupation)
            proximity = occupation_proximity(origin, target, self.vocabulary, self.config)
            if proximity.level in ("sibling", "shared_skills"):
                found[other] = proximity
        return found

    def _neighbours(self, occupation: int) -> set[int]:
        """Occupations sharing an essential skill or an ESCO code family (the only candidates)."""
        near: set[int] = set()
        essential = self.vocabulary.occupation_skills.get(occupation, ((), ()))[0]
        for skill in essential:
            near |= self._by_skill.get(skill, set())
        code = self.vocabulary.occupation_codes.get(occupation) or ""
        if "." in code:
            near |= self._by_family.get(code.split(".")[0] + "." + code.split(".")[1], set())
        return near
