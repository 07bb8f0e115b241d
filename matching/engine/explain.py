"""Short sentences, in English, Dutch or French, that a coach can repeat to the person.

Every sentence restates a component of the score (see ``docs/matching.md``); none adds anything
that the score did not use.
"""

from __future__ import annotations

from collections.abc import Mapping

from .scoring import MatchResult

LANGUAGE_NAMES = {
    "en": {"nl": "Dutch", "fr": "French", "de": "German", "en": "English"},
    "nl": {"nl": "Nederlands", "fr": "Frans", "de": "Duits", "en": "Engels"},
    "fr": {"nl": "néerlandais", "fr": "français", "de": "allemand", "en": "anglais"},
}

T = {
    "occupation": {
        "en": "Has {years} year(s) of experience in this occupation{label}.",
        "nl": "Heeft {years} jaar ervaring in dit beroep{label}.",
        "fr": "A {years} an(s) d'expérience dans ce métier{label}.",
    },
    "unit_group": {
        "en": "Has worked in a closely related occupation (same ISCO unit group).",
        "nl": "Heeft gewerkt in een nauw verwant beroep (zelfde ISCO-beroepsgroep).",
        "fr": "A travaillé dans un métier très proche (même groupe de base CITP).",
    },
    "minor_group": {
        "en": "Has worked in a related occupation (same ISCO minor group).",
        "nl": "Heeft gewerkt in een verwant beroep (zelfde ISCO-subgroep).",
        "fr": "A travaillé dans un métier apparenté (même sous-groupe CITP).",
    },
    "sub_major_group": {
        "en": "Has worked in the same broad field (same ISCO sub-major group).",
        "nl": "Heeft gewerkt in hetzelfde brede vakgebied (zelfde ISCO-hoofdgroep).",
        "fr": "A travaillé dans le même grand domaine (même sous-grand groupe CITP).",
    },
    "sibling_shared": {
        "en": "Has worked as {label}, a sibling occupation with {percent}% of this job's essential skills.",
        "nl": "Heeft gewerkt als {label}, een zusterberoep met {percent}% van de essentiële vaardigheden van deze job.",
        "fr": "A travaillé comme {label}, un métier voisin avec {percent} % des compétences essentielles du poste.",
    },
    "sibling_variant": {
        "en": "Has worked as {label}, a variant of this occupation in ESCO (same ISCO unit group).",
        "nl": "Heeft gewerkt als {label}, een variant van dit beroep in ESCO (zelfde ISCO-beroepsgroep).",
        "fr": "A travaillé comme {label}, une variante de ce métier dans ESCO (même groupe de base CITP).",
    },
    "shared_skills": {
        "en": "Has worked as {label}, an occupation with {percent}% of this job's essential skills.",
        "nl": "Heeft gewerkt als {label}, een beroep met {percent}% van de essentiële vaardigheden van deze job.",
        "fr": "A travaillé comme {label}, un métier qui a {percent} % des compétences essentielles de cet emploi.",
    },
    "a_related_occupation": {
        "en": "a related occupation",
        "nl": "een verwant beroep",
        "fr": "un métier apparenté",
    },
    "title_resembles": {
        "en": "The vacancy title resembles the past job title '{title}' ({percent}%).",
        "nl": "De titel van de vacature lijkt op de vroegere jobtitel '{title}' ({percent}%).",
        "fr": "L'intitulé de l'offre ressemble à l'ancien intitulé « {title} » ({percent} %).",
    },
    "title_resembles_untitled": {
        "en": "The vacancy title resembles a past job title ({percent}%).",
        "nl": "De titel van de vacature lijkt op een vroegere jobtitel ({percent}%).",
        "fr": "L'intitulé de l'offre ressemble à un ancien intitulé d'emploi ({percent} %).",
    },
    "title_different": {
        "en": "The vacancy title does not resemble any past job title.",
        "nl": "De titel van de vacature lijkt op geen enkele vroegere jobtitel.",
        "fr": "L'intitulé de l'offre ne ressemble à aucun ancien intitulé d'emploi.",
    },
    "no_occupation": {
        "en": "No past job in this or a related occupation is recorded.",
        "nl": "Er is geen vroegere job in dit of een verwant beroep geregistreerd.",
        "fr": "Aucun emploi passé dans ce métier ou un métier apparenté n'est enregistré.",
    },
    "vacancy_unclassified": {
        "en": "The vacancy has no ESCO occupation, so past jobs could not be compared.",
        "nl": "De vacature heeft geen ESCO-beroep, dus vroegere jobs konden niet vergeleken worden.",
        "fr": "L'offre n'a pas de métier ESCO : les emplois passés n'ont pas pu être comparés.",
    },
    "title_similarity": {
        "en": "The vacancy has no ESCO occupation; its title resembles a past job title ({percent}%).",
        "nl": "De vacature heeft geen ESCO-beroep; de titel lijkt op een vroegere jobtitel ({percent}%).",
        "fr": "L'offre n'a pas de métier ESCO ; son intitulé ressemble à un ancien emploi ({percent} %).",
    },
    "uncertain_past_job": {
        "en": "Past job '{title}' probably corresponds to {label} (the job title was not recognised with certainty).",
        "nl": "Vroegere job '{title}' komt waarschijnlijk overeen met {label} "
        "(de jobtitel werd niet met zekerheid herkend).",
        "fr": "L'emploi passé « {title} » correspond probablement à {label} "
        "(l'intitulé n'a pas été reconnu avec certitude).",
    },
    "uncertain_past_job_untitled": {
        "en": "A past job probably corresponds to {label} (the job title was not recognised with certainty).",
        "nl": "Een vroegere job komt waarschijnlijk overeen met {label} (de jobtitel werd niet met zekerheid herkend).",
        "fr": "Un emploi passé correspond probablement à {label} (l'intitulé n'a pas été reconnu avec certitude).",
    },
    "uncertain_vacancy": {
        "en": "The vacancy title probably corresponds to {label} (not recognised with certainty).",
        "nl": "De titel van de vacature komt waarschijnlijk overeen met {label} (niet met zekerheid herkend).",
        "fr": "L'intitulé de l'offre correspond probablement à {label} (pas reconnu avec certitude).",
    },
    "this_occupation": {"en": "this occupation", "nl": "dit beroep", "fr": "ce métier"},
    "skills": {
        "en": "Has {matched} of the {total} essential skills.",
        "nl": "Heeft {matched} van de {total} essentiële vaardigheden.",
        "fr": "Possède {matched} des {total} compétences essentielles.",
    },
    "skills_missing": {
        "en": "Missing essential skills: {skills}.",
        "nl": "Ontbrekende essentiële vaardigheden: {skills}.",
        "fr": "Compétences essentielles manquantes : {skills}.",
    },
    "skills_not_given": {
        "en": "The profile lists no skills, so skills were not compared.",
        "nl": "Het profiel vermeldt geen vaardigheden, dus die werden niet vergeleken.",
        "fr": "Le profil ne mentionne aucune compétence : elles n'ont pas été comparées.",
    },
    "past_title_similarity": {
        "en": "A past job title without an ESCO occupation resembles this vacancy's title ({percent}%).",
        "nl": "Een vroegere jobtitel zonder ESCO-beroep lijkt op de titel van deze vacature ({percent}%).",
        "fr": "Un ancien intitulé d'emploi sans métier ESCO ressemble à l'intitulé de cette offre ({percent} %).",
    },
    "skills_from_occupation": {
        "en": "The vacancy lists no skills; the usual skills of its occupation were used.",
        "nl": "De vacature vermeldt geen vaardigheden; de gebruikelijke vaardigheden van het beroep werden gebruikt.",
        "fr": "L'offre ne cite aucune compétence ; les compétences habituelles du métier ont été utilisées.",
    },
    "more": {"en": "and {n} more", "nl": "en nog {n}", "fr": "et {n} autres"},
    "languages_met": {
        "en": "Meets every language requirement.",
        "nl": "Voldoet aan alle taalvereisten.",
        "fr": "Satisfait à toutes les exigences linguistiques.",
    },
    "language_short": {
        "en": "{language}: {required} required, has {have}.",
        "nl": "{language}: {required} vereist, heeft {have}.",
        "fr": "{language} : {required} requis, niveau actuel {have}.",
    },
    "language_missing": {
        "en": "{language}: {required} required, not in the profile.",
        "nl": "{language}: {required} vereist, niet in het profiel.",
        "fr": "{language} : {required} requis, absent du profil.",
    },
    "education_met": {
        "en": "Education level meets the requirement.",
        "nl": "Het opleidingsniveau voldoet aan de vereiste.",
        "fr": "Le niveau d'études correspond à l'exigence.",
    },
    "education_not_recognised": {
        "en": "Education level meets the requirement, but the foreign diploma is not recognised in Belgium.",
        "nl": "Het opleidingsniveau voldoet, maar het buitenlandse diploma is niet erkend in België.",
        "fr": "Le niveau d'études correspond, mais le diplôme étranger n'est pas reconnu en Belgique.",
    },
    "education_pending": {
        "en": "Education level meets the requirement; recognition of the foreign diploma is pending.",
        "nl": "Het opleidingsniveau voldoet; de erkenning van het buitenlandse diploma is lopende.",
        "fr": "Le niveau d'études correspond ; la reconnaissance du diplôme étranger est en cours.",
    },
    "education_one_level_short": {
        "en": "Education level is one level below the requirement.",
        "nl": "Het opleidingsniveau ligt één niveau onder de vereiste.",
        "fr": "Le niveau d'études est un niveau en dessous de l'exigence.",
    },
    "education_below": {
        "en": "Education level is below the requirement.",
        "nl": "Het opleidingsniveau ligt onder de vereiste.",
        "fr": "Le niveau d'études est inférieur à l'exigence.",
    },
    "education_unknown": {
        "en": "Education level is not in the profile.",
        "nl": "Het opleidingsniveau staat niet in het profiel.",
        "fr": "Le niveau d'études ne figure pas dans le profil.",
    },
    "location_in": {
        "en": "The job is in a preferred region.",
        "nl": "De job ligt in een gewenste regio.",
        "fr": "L'emploi se situe dans une région souhaitée.",
    },
    "location_out": {
        "en": "The job is outside the preferred regions.",
        "nl": "De job ligt buiten de gewenste regio's.",
        "fr": "L'emploi se situe hors des régions souhaitées.",
    },
    "late": {
        "en": "Available {days} day(s) after the start date.",
        "nl": "Beschikbaar {days} dag(en) na de startdatum.",
        "fr": "Disponible {days} jour(s) après la date de début.",
    },
    "text": {
        "en": "Skills described in the person's own words resemble this vacancy ({percent}%).",
        "nl": "Vaardigheden in eigen woorden lijken op deze vacature ({percent}%).",
        "fr": "Les compétences décrites avec ses propres mots ressemblent à cette offre ({percent} %).",
    },
}


HIERARCHY_LEVELS = ("occupation", "sibling", "shared_skills", "unit_group", "minor_group", "sub_major_group")
# Below this occupation component (in [0, 1], i.e. 2 points of 100) no occupation fit is claimed.
MIN_EXPLAINED_OCCUPATION_FIT = 0.02
# Below this title similarity (character n-gram cosine) no resemblance is claimed.
MIN_EXPLAINED_TITLE_SIMILARITY = 0.1


def explain(
    result: MatchResult,
    lang: str = "en",
    skill_labels: Mapping[int, str] | None = None,
    occupation_label: str | None = None,
    max_listed: int = 3,
    omit: tuple[str, ...] = (),
    occupation_labels: Mapping[int, str] | None = None,
) -> list[str]:
    """Sentences explaining ``result`` in ``lang`` (en, nl or fr; en otherwise).

    ``occupation_labels`` names the alternative occupations an uncertain occupation fit came from
    (``facts["uncertain_past_job"]["occupation_id"]``, ``facts["vacancy_alternative_id"]``) and
    the past occupation of a sibling or shared-skills fit (``facts["related_occupation_id"]``).

    ``omit`` names components whose sentences are left out (e.g. ``("education",)`` for employers,
    who are not told whether a foreign diploma is recognised); ``"past_job_titles"`` keeps the
    candidate's own free-text job titles out of the sentences (they may identify the person).
    """
    lang = lang if lang in ("en", "nl", "fr") else "en"
    return [
        *_occupation_sentences(result, lang, occupation_label, occupation_labels or {}, omit),
        *_title_sentences(result, lang, omit),
        *_skill_sentences(result, lang, skill_labels or {}, max_listed),
        *_language_sentences(result, lang),
        *_other_sentences(result, lang, omit),
    ]


def _occupation_sentences(result: MatchResult, lang: str, occupation_label, occupation_labels, omit) -> list[str]:
    """The occupation component: the level of the fit, and whether it rests on an uncertain reading."""
    facts, comps = result.facts, result.components
    out = []
    level = facts.get("occupation_level")
    vacancy_alternative = facts.get("vacancy_alternative_id")
    uncertain = facts.get("uncertain_past_job")
    if level in HIERARCHY_LEVELS and (comps.get("occupation") or 0.0) < MIN_EXPLAINED_OCCUPATION_FIT:
        # A fit that rests on a far-fetched alternative adds (almost) nothing to the score:
        # claiming "same broad field" for it would overstate the evidence.
        level, uncertain, vacancy_alternative = None, None, None
    if vacancy_alternative is not None:  # matched through an alternative of the vacancy title
        occupation_label = occupation_labels.get(vacancy_alternative)
    if level == "occupation":
        label = f" ({occupation_label})" if occupation_label else ""
        out.append(_t("occupation", lang, years=_number(facts.get("experience_years", 0)), label=label))
    elif level in ("sibling", "shared_skills"):
        label = occupation_labels.get(facts.get("related_occupation_id")) or _t("a_related_occupation", lang)
        shared = facts.get("shared_skills")
        if level == "sibling" and shared is None:
            out.append(_t("sibling_variant", lang, label=label))
        else:
            key = "sibling_shared" if level == "sibling" else "shared_skills"
            out.append(_t(key, lang, label=label, percent=round((shared or 0) * 100)))
    elif level == "title_similarity":
        out.append(_t(level, lang, percent=round(facts.get("title_similarity", 0) * 100)))
    elif level == "past_title_similarity":
        out.append(_t(level, lang, percent=round(facts.get("past_title_similarity", 0) * 100)))
    elif level in ("unit_group", "minor_group", "sub_major_group", "vacancy_unclassified"):
        out.append(_t(level, lang))
    else:
        out.append(_t("no_occupation", lang))
    # Say so when the fit rests on an occupation the normaliser was not sure of.
    if uncertain:
        label = occupation_labels.get(uncertain.get("occupation_id")) or _t("this_occupation", lang)
        if "past_job_titles" in omit or not uncertain.get("title"):
            out.append(_t("uncertain_past_job_untitled", lang, label=label))
        else:
            out.append(_t("uncertain_past_job", lang, title=uncertain["title"], label=label))
    if vacancy_alternative is not None:
        label = occupation_labels.get(vacancy_alternative) or _t("this_occupation", lang)
        out.append(_t("uncertain_vacancy", lang, label=label))
    return out


def _title_sentences(result: MatchResult, lang: str, omit) -> list[str]:
    """Title evidence (not repeated when it already stood in for a missing vacancy occupation)."""
    facts, comps = result.facts, result.components
    if comps.get("title") is None or facts.get("occupation_level") == "title_similarity":
        return []
    percent = round(comps["title"] * 100)
    if comps["title"] < MIN_EXPLAINED_TITLE_SIMILARITY:
        return [_t("title_different", lang)]
    if "past_job_titles" in omit or not facts.get("title_source"):
        return [_t("title_resembles_untitled", lang, percent=percent)]
    return [_t("title_resembles", lang, title=facts["title_source"], percent=percent)]


def _skill_sentences(result: MatchResult, lang: str, labels: Mapping[int, str], max_listed: int) -> list[str]:
    facts, out = result.facts, []
    essential_total = _essential_total(result)
    if facts.get("skills_not_given"):
        out.append(_t("skills_not_given", lang))
    elif essential_total:
        matched = essential_total - len(result.missing_essential_skill_ids)
        out.append(_t("skills", lang, matched=matched, total=essential_total))
    if result.missing_essential_skill_ids:
        names = [labels.get(s, f"#{s}") for s in result.missing_essential_skill_ids[:max_listed]]
        rest = len(result.missing_essential_skill_ids) - max_listed
        if rest > 0:
            names.append(_t("more", lang, n=rest))
        out.append(_t("skills_missing", lang, skills=", ".join(names)))
    if facts.get("skills_from_occupation") and not facts.get("skills_not_given"):
        out.append(_t("skills_from_occupation", lang))
    return out


def _language_sentences(result: MatchResult, lang: str) -> list[str]:
    if not result.language_gaps:
        return [_t("languages_met", lang)] if result.facts.get("has_language_requirements") else []
    out, names = [], LANGUAGE_NAMES[lang]
    for gap in result.language_gaps:
        language = _cap(names.get(gap.lang, gap.lang))
        if gap.have:
            out.append(_t("language_short", lang, language=language, required=gap.required, have=gap.have))
        else:
            out.append(_t("language_missing", lang, language=language, required=gap.required))
    return out


EDUCATION_SENTENCES = {
    "met": "education_met",
    "met_diploma_not_recognised": "education_not_recognised",
    "met_diploma_pending": "education_pending",
    "one_level_short": "education_one_level_short",
    "one_level_short_diploma_not_recognised": "education_one_level_short",
    "one_level_short_diploma_pending": "education_one_level_short",
    "below": "education_below",
    "unknown": "education_unknown",
}


def _other_sentences(result: MatchResult, lang: str, omit) -> list[str]:
    """Education, location, availability and the free-text component."""
    facts, comps, out = result.facts, result.components, []
    key = EDUCATION_SENTENCES.get(facts.get("education", "no_requirement"))
    if key and "education" not in omit:
        out.append(_t(key, lang))
    if facts.get("location") == "in":
        out.append(_t("location_in", lang))
    elif facts.get("location") == "out":
        out.append(_t("location_out", lang))
    if facts.get("days_late"):
        out.append(_t("late", lang, days=facts["days_late"]))
    if comps.get("text") is not None and comps["text"] > 0:
        out.append(_t("text", lang, percent=round(comps["text"] * 100)))
    return out


def _essential_total(result: MatchResult) -> int:
    return int(result.facts.get("essential_total", 0))


def _t(key: str, lang: str, **values) -> str:
    return T[key][lang].format(**values)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
