"""The match score of one (candidate, vacancy) pair, written plainly, component by component.

This is the reference definition of the score. The vectorised index (:mod:`.index`) computes the
same numbers for every open vacancy at once, and calls :func:`score_pair` only for the few results
it returns, to collect their explanation (which skills matched, which languages fall short...).
Tests assert that both give the same scores; the speed benchmark runs this scorer over every
vacancy as the "straightforward" baseline.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from .config import ENGINE_VERSION, MatchConfig
from .profiles import CandidateProfile, VacancyProfile, Vocabulary, cefr_rank, effective_skills, isco_of
from .proximity import ProximityTable
from .text import TextModel, vacancy_document

OCCUPATION_LEVELS = ("occupation", "unit_group", "minor_group", "sub_major_group")


@dataclass(frozen=True)
class LanguageGap:
    lang: str
    required: str
    have: str | None  # None: the candidate did not list the language

    @property
    def levels_short(self) -> int:
        return cefr_rank(self.required) - cefr_rank(self.have)


@dataclass(frozen=True)
class MatchResult:
    """One scored pair. ``score`` and ``components`` are in [0, 1]; ``None`` = not applicable."""

    vacancy_id: int
    candidate_id: int | None
    score: float
    components: Mapping[str, float | None]
    matched_skill_ids: tuple[int, ...] = ()
    missing_essential_skill_ids: tuple[int, ...] = ()
    language_gaps: tuple[LanguageGap, ...] = ()
    facts: Mapping = field(default_factory=dict)
    engine_version: str = ENGINE_VERSION


@dataclass(frozen=True)
class PreparedCandidate:
    """A candidate profile turned into lookups once per query."""

    profile: CandidateProfile
    skills: frozenset
    years_by_level: tuple[Mapping, Mapping, Mapping, Mapping]  # key -> summed years, per level
    languages: Mapping[str, int]
    soft_skills: Mapping[int, float]  # ESCO skills the free texts resemble -> cosine
    has_text: bool
    # (title, TF-IDF vector as (columns, values), whether no past job with that title has an ESCO
    # occupation) of each distinct past job title: the title component, and the occupation fit
    # where one side has no ESCO occupation to compare.
    title_vectors: tuple[tuple[str, tuple, bool], ...] = ()
    # key -> the highest confidence weight with which a past job has that key (1 = best hit or
    # chosen by a person), per level; and the evidence: key -> (past job title, occupation id).
    weight_by_level: tuple[Mapping, Mapping, Mapping, Mapping] = ({}, {}, {}, {})
    source_by_level: tuple[Mapping, Mapping, Mapping, Mapping] = ({}, {}, {}, {})
    # Occupations closer to a past occupation than their code prefix says (siblings, shared
    # skills): target occupation id -> ((value, level, years, confidence weight, title, past
    # occupation id, share of the target's essential skills or None), ...), one per past occupation.
    related: Mapping[int, tuple] = field(default_factory=dict)

    @property
    def has_titles(self) -> bool:
        return bool(self.title_vectors)

    @property
    def gave_skills(self) -> bool:
        """Whether the profile lists any skill (ESCO or free text); if not, skills are neutral."""
        return bool(self.skills or self.profile.skill_texts)


def occupation_keys(occupation_id: int | None, isco: str | None) -> tuple:
    """The keys of an occupation at each level: ESCO id, ISCO unit, minor, sub-major group."""
    isco = isco or ""
    return (
        occupation_id,
        isco[:4] if len(isco) >= 4 else None,
        isco[:3] if len(isco) >= 3 else None,
        isco[:2] if len(isco) >= 2 else None,
    )


def occupation_options(
    occupation_id: int | None,
    isco_code: str | None,
    score: float | None,
    alternatives: tuple,
    vocabulary: Vocabulary,
    config: MatchConfig,
) -> list[tuple[int | None, str | None, float]]:
    """The occupations a title may stand for, as (occupation id, ISCO code, confidence weight).

    The best hit (or the occupation a person chose: it has no alternatives) weighs 1; each of the
    first ``max_alternatives`` runner-ups weighs ``alternative_weight × score / best score``.
    """
    isco = isco_of(occupation_id, isco_code, vocabulary)
    if occupation_id is None and not isco:
        return []
    options = [(occupation_id, isco, 1.0)]
    if occupation_id is None or not score or score <= 0:
        return options
    for alt_id, alt_isco, alt_score in alternatives[: int(config.max_alternatives)]:
        weight = config.alternative_weight * min(1.0, max(alt_score, 0.0) / score)
        if weight > 0:
            options.append((alt_id, isco_of(alt_id, alt_isco, vocabulary), round(weight, 6)))
    return options


def weighted_keys(options) -> list[tuple[int, object, float, int | None]]:
    """(level, key, weight, occupation id) of every occupation key of the options, each key once
    with its highest weight (the first option reaching it on ties), in a deterministic order."""
    best: dict[tuple[int, object], tuple[float, int | None]] = {}
    for occupation_id, isco, weight in options:
        for level, key in enumerate(occupation_keys(occupation_id, isco)):
            if key is not None and ((level, key) not in best or weight > best[(level, key)][0]):
                best[(level, key)] = (weight, occupation_id)
    return [(level, key, weight, occ) for (level, key), (weight, occ) in best.items()]


def vacancy_keys(vacancy: VacancyProfile, vocabulary: Vocabulary, config: MatchConfig) -> list:
    """The vacancy's occupation keys with their confidence weights (see :func:`weighted_keys`)."""
    options = occupation_options(
        vacancy.occupation_id,
        vacancy.isco_code,
        vacancy.occupation_score,
        vacancy.occupation_alternatives,
        vocabulary,
        config,
    )
    return weighted_keys(options)


def prepare_candidate(
    candidate: CandidateProfile,
    vocabulary: Vocabulary,
    config: MatchConfig,
    text_model: TextModel | None = None,
    proximity: ProximityTable | None = None,
) -> PreparedCandidate:
    """The candidate's lookups for scoring; ``proximity`` caches related occupations (the index's)."""
    years: tuple[dict, dict, dict, dict] = (
        defaultdict(float),
        defaultdict(float),
        defaultdict(float),
        defaultdict(float),
    )
    weights: tuple[dict, dict, dict, dict] = ({}, {}, {}, {})
    sources: tuple[dict, dict, dict, dict] = ({}, {}, {}, {})
    for exp in candidate.experiences:
        alternatives = () if exp.manual else exp.alternatives
        options = occupation_options(
            exp.occupation_id, exp.isco_code, exp.occupation_score, alternatives, vocabulary, config
        )
        for level, key, weight, occupation_id in weighted_keys(options):
            # Years add up over the past jobs that (may) have the key; the weight is the highest.
            years[level][key] += max(exp.years or 0.0, 0.0)
            if weight > weights[level].get(key, 0.0):
                weights[level][key] = weight
                sources[level][key] = (exp.title, occupation_id)
    proximity = proximity or ProximityTable(vocabulary, config)
    related: dict[int, list] = defaultdict(list)
    for origin in sorted(years[0]):
        for target, relation in proximity.targets(origin).items():
            title, _ = sources[0][origin]
            related[target].append(
                (
                    relation.value,
                    relation.level,
                    years[0][origin],
                    weights[0][origin],
                    title,
                    origin,
                    relation.shared_skills,
                )
            )
    soft = {}
    if text_model is not None and candidate.skill_texts:
        soft = text_model.skill_similarity(candidate.skill_texts, config.text_min_similarity)
    titles = list(dict.fromkeys(e.title.strip() for e in candidate.experiences if e.title and e.title.strip()))
    classified = {
        e.title.strip() for e in candidate.experiences if e.title and (e.occupation_id is not None or e.isco_code)
    }
    title_vectors = (
        tuple((t, text_model.vector(t), t not in classified) for t in titles) if text_model is not None else ()
    )
    return PreparedCandidate(
        profile=candidate,
        skills=frozenset(candidate.skill_ids),
        years_by_level=tuple(dict(y) for y in years),
        weight_by_level=weights,
        source_by_level=sources,
        languages={lang: cefr_rank(level) for lang, level in candidate.languages},
        soft_skills=soft,
        has_text=bool(candidate.skill_texts),
        title_vectors=title_vectors,
        related={target: tuple(entries) for target, entries in related.items()},
    )


def experience_factor(years: float, saturation: float, config: MatchConfig) -> float:
    return config.experience_floor + (1.0 - config.experience_floor) * min(1.0, years / saturation)


def score_pair(
    prepared: PreparedCandidate,
    vacancy: VacancyProfile,
    vocabulary: Vocabulary,
    config: MatchConfig,
    as_of: dt.date,
    text_model: TextModel | None = None,
    text_score: float | None = None,
    title_evidence: tuple[float, str | None, float] | None = None,
) -> MatchResult:
    """Score one pair and keep the evidence for its explanation.

    ``text_score`` and ``title_evidence`` (see :func:`_title_score`) let the index pass the
    similarities it already computed for this pair.
    """
    cand = prepared.profile
    facts: dict = {}
    occupation = _occupation_fit(prepared, vacancy, vocabulary, config, facts)

    # Title: how much the vacancy's title (and its free-text skills) resembles the most similar
    # past job title, whatever occupation the normaliser chose for either (character n-grams).
    title_similarity, untyped = None, 0.0
    if prepared.has_titles:
        title_similarity, source, untyped = title_evidence or _title_score(prepared, vacancy, text_model)
        facts["title_similarity"] = round(title_similarity, 3)
        if source is not None:
            facts["title_source"] = source
    occupation = _title_stand_ins(occupation, title_similarity, untyped, vacancy, vocabulary, config, facts)

    essential, optional, matched, missing, essential_cov, optional_cov = _skills(prepared, vacancy, vocabulary, config)
    facts.update(
        skills_from_occupation=matched[2],
        essential_total=len(essential),
        optional_total=len(optional),
    )
    if not prepared.gave_skills:
        facts["skills_not_given"] = True
    languages, gaps = _languages(prepared, vacancy, config)
    facts["has_language_requirements"] = bool(vacancy.languages)

    # Education (EQF): a diploma not (yet) recognised caps the credit, and the explanation says so.
    education = _education(vacancy.min_education_eqf, cand.education_eqf, cand.diploma_recognition, config)
    facts["education"] = _education_status(vacancy.min_education_eqf, cand.education_eqf, cand.diploma_recognition)

    # Text: free-text skills vs the vacancy's title and skill texts, and vs its ESCO skills' labels.
    text = None
    if prepared.has_text:
        text = text_score if text_score is not None else _text_score(prepared, vacancy, essential, optional, text_model)

    components = {
        "occupation": occupation,
        "title": title_similarity,
        "essential_skills": essential_cov,
        "optional_skills": optional_cov,
        "languages": languages,
        "education": education,
        "location": _location(cand, vacancy, config, facts),
        "availability": _availability(cand, vacancy, as_of, config, facts),
        "text": text,
    }
    return MatchResult(
        vacancy_id=vacancy.vacancy_id,
        candidate_id=cand.candidate_id,
        score=combine(components, config),
        components=components,
        matched_skill_ids=tuple(matched[0] + matched[1]),
        missing_essential_skill_ids=missing,
        language_gaps=tuple(gaps),
        facts=facts,
    )


def _saturation(vacancy: VacancyProfile, config: MatchConfig) -> float:
    """Years of experience that count fully: the vacancy's minimum when it states one."""
    if vacancy.min_experience_years and vacancy.min_experience_years > 0:
        return vacancy.min_experience_years
    return config.experience_saturation_years


def _occupation_fit(prepared, vacancy, vocabulary, config, facts) -> float:
    """The best, over the occupations the past jobs and the vacancy title may stand for, of the
    proximity (same occupation > sibling > ISCO unit > minor > sub-major group) × the confidence
    weights of both sides × the experience factor."""
    saturation = _saturation(vacancy, config)
    occupation = 0.0
    level_weights = config.level_weights()
    for level, key, vacancy_weight, vacancy_occupation in vacancy_keys(vacancy, vocabulary, config):
        if level == 0 and key in prepared.related:
            occupation = _related_fit(
                prepared.related[key], vacancy_weight, vacancy_occupation, saturation, occupation, facts, config
            )
        if key not in prepared.years_by_level[level]:
            continue
        years = prepared.years_by_level[level][key]
        candidate_weight = prepared.weight_by_level[level].get(key, 1.0)
        value = (
            level_weights[level]
            * candidate_weight
            * vacancy_weight
            * (config.experience_floor + (1 - config.experience_floor) * min(1.0, years * (1.0 / saturation)))
        )
        if value > occupation:
            occupation = value
            facts["occupation_level"] = OCCUPATION_LEVELS[level]
            facts["experience_years"] = round(years, 2)
            facts["occupation_confidence"] = round(candidate_weight * vacancy_weight, 3)
            facts.pop("uncertain_past_job", None)
            facts.pop("vacancy_alternative_id", None)
            if candidate_weight < 1.0:
                title, occupation_id = prepared.source_by_level[level][key]
                facts["uncertain_past_job"] = {"title": title, "occupation_id": occupation_id}
            if vacancy_weight < 1.0:
                facts["vacancy_alternative_id"] = vacancy_occupation
    if facts.get("occupation_level") not in ("sibling", "shared_skills"):
        facts.pop("related_occupation_id", None)
        facts.pop("shared_skills", None)
    return occupation


def _title_stand_ins(occupation, title_similarity, untyped, vacancy, vocabulary, config, facts) -> float:
    """Where one side has no ESCO occupation, title similarity stands in for the occupation fit."""
    isco = isco_of(vacancy.occupation_id, vacancy.isco_code, vocabulary)
    classified = vacancy.occupation_id is not None or bool(isco)
    if config.same_unit_group * untyped > occupation and classified:
        # A past job without an ESCO occupation is compared by its title, at most like a job in
        # the same ISCO unit group (the mirror image of a vacancy without an occupation, below).
        occupation = config.same_unit_group * untyped
        for name in ("uncertain_past_job", "vacancy_alternative_id", "related_occupation_id", "shared_skills"):
            facts.pop(name, None)
        facts["occupation_level"] = "past_title_similarity"
        facts["past_title_similarity"] = round(untyped, 3)
    if not classified:
        if title_similarity is not None:
            # No ESCO occupation to compare: how much a past job title resembles the vacancy's
            # title counts, at most like a job in the same ISCO unit group.
            occupation = config.same_unit_group * title_similarity
            facts["occupation_level"] = "title_similarity"
        else:
            occupation = config.neutral
            facts["occupation_level"] = "vacancy_unclassified"
    return occupation


def _skills(prepared, vacancy, vocabulary, config):
    """(essential, optional, (matched essential, matched optional, from occupation), missing
    essential, essential coverage, optional coverage) of the vacancy's skills."""
    essential, optional, from_occupation = effective_skills(vacancy, vocabulary)
    matched_essential = [s for s in essential if s in prepared.skills]
    matched_optional = [s for s in optional if s in prepared.skills]
    essential_cov = len(matched_essential) / len(essential) if essential else config.neutral
    optional_cov = len(matched_optional) / len(optional) if optional else config.neutral
    missing = tuple(s for s in essential if s not in prepared.skills)
    if not prepared.gave_skills:
        # Not given = neutral: a profile without any skill says nothing about which vacancy's
        # skills it has (and must not favour vacancies whose occupation happens to list none).
        essential_cov = optional_cov = config.neutral
        missing = ()
    matched = (matched_essential, matched_optional, from_occupation)
    return essential, optional, matched, missing, essential_cov, optional_cov


def _languages(prepared, vacancy, config) -> tuple[float, list[LanguageGap]]:
    """Per required language: met / one level short / missing or further below, averaged."""
    gaps, credit = [], 0.0
    for lang, level in vacancy.languages:
        have = prepared.languages.get(lang, 0)
        short = cefr_rank(level) - have
        if short <= 0:
            credit += 1.0
            continue
        credit += config.language_one_level_short if short == 1 else 0.0
        gaps.append(LanguageGap(lang, level, _cefr_label(have)))
    return (credit / len(vacancy.languages) if vacancy.languages else 1.0), gaps


def _location(cand, vacancy, config, facts) -> float:
    """The vacancy's region among the candidate's preferred regions (none given = neutral)."""
    if not cand.preferred_regions or vacancy.region is None:
        return config.neutral
    location = 1.0 if vacancy.region in cand.preferred_regions else 0.0
    facts["location"] = "in" if location else "out"
    return location


def _availability(cand, vacancy, as_of, config, facts) -> float:
    """Days between the start (or today) and the candidate's first available day."""
    if cand.available_from is None:
        return config.neutral
    target = max(vacancy.start_date, as_of) if vacancy.start_date else as_of
    delay = (cand.available_from - target).days
    facts["days_late"] = max(delay, 0)
    return min(1.0, max(0.0, 1.0 - delay / config.availability_grace_days))


def combine(components: Mapping[str, float | None], config: MatchConfig) -> float:
    total = weights = 0.0
    for name, weight in config.component_weights:
        value = components.get(name)
        if value is None:
            continue
        total += weight * value
        weights += weight
    return round(total / weights, 6) if weights else 0.0


def _text_score(prepared, vacancy, essential, optional, text_model) -> float:
    if text_model is None:
        return 0.0
    query = text_model.vector(" ; ".join(prepared.profile.skill_texts))
    title_cos = _cosine(query, text_model.vector(vacancy_document(vacancy.title, vacancy.skill_texts)))
    skills = essential + optional
    soft = sum(prepared.soft_skills.get(s, 0.0) for s in skills) / len(skills) if skills else 0.0
    return min(1.0, max(title_cos, soft))


def _related_fit(entries, vacancy_weight, vacancy_occupation, saturation, best, facts, config) -> float:
    """Graded proximity beyond the code prefix: a past occupation that is a sibling of the vacancy's
    occupation, or has most of its essential skills (see .proximity). Returns the new best fit."""
    for value, relation, years, candidate_weight, title, origin, shared in entries:
        value = (
            value
            * candidate_weight
            * vacancy_weight
            * (config.experience_floor + (1 - config.experience_floor) * min(1.0, years * (1.0 / saturation)))
        )
        if value > best:
            best = value
            facts["occupation_level"] = relation
            facts["experience_years"] = round(years, 2)
            facts["occupation_confidence"] = round(candidate_weight * vacancy_weight, 3)
            facts["related_occupation_id"] = origin
            facts["shared_skills"] = shared
            facts.pop("uncertain_past_job", None)
            facts.pop("vacancy_alternative_id", None)
            if candidate_weight < 1.0:
                facts["uncertain_past_job"] = {"title": title, "occupation_id": origin}
            if vacancy_weight < 1.0:
                facts["vacancy_alternative_id"] = vacancy_occupation
    return best


def _title_score(prepared: PreparedCandidate, vacancy: VacancyProfile, text_model) -> tuple[float, str | None, float]:
    """The highest cosine between a past job title and the vacancy document, that title, and the
    highest cosine among the titles of past jobs without an ESCO occupation."""
    if text_model is None:
        return 0.0, None, 0.0
    return title_evidence(prepared, text_model.vector(vacancy_document(vacancy.title, vacancy.skill_texts)))


def title_evidence(prepared: PreparedCandidate, doc: tuple) -> tuple[float, str | None, float]:
    """As :func:`_title_score` for a vacancy document already vectorised (columns, values)."""
    best, source, untyped = 0.0, None, 0.0
    for title, vector, unclassified in prepared.title_vectors:
        similarity = _cosine(vector, doc)
        if similarity > best:
            best, source = similarity, title
        if unclassified:
            untyped = max(untyped, similarity)
    return best, source, untyped


def _cosine(a: tuple, b: tuple) -> float:
    """Dot product of two L2-normalised sparse vectors given as (sorted columns, values)."""
    _, a_at, b_at = np.intersect1d(a[0], b[0], assume_unique=True, return_indices=True)
    return float(np.dot(a[1][a_at].astype(np.float64), b[1][b_at].astype(np.float64)))


def _education(required, have, recognition, config) -> float:
    if not required:
        return 1.0
    if have is None:
        return config.neutral
    short = required - have
    value = 1.0 if short <= 0 else config.education_one_level_short if short == 1 else 0.0
    cap = {"pending": config.education_pending, "not_recognised": config.education_not_recognised}.get(recognition)
    return min(value, cap) if cap is not None else value


def _education_status(required, have, recognition) -> str:
    if not required:
        return "no_requirement"
    if have is None:
        return "unknown"
    short = required - have
    status = "met" if short <= 0 else "one_level_short" if short == 1 else "below"
    if recognition in ("pending", "not_recognised") and status != "below":
        status += f"_diploma_{recognition}"
    return status


def _cefr_label(rank: int) -> str | None:
    from .config import CEFR_LEVELS

    return CEFR_LEVELS[rank - 1] if rank > 0 else None
