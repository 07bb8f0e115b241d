"""Sentences of pathways in English, Dutch and French (one template per kind and language)."""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGE_NAMES = {
    "nl": {"en": "Dutch", "nl": "Nederlands", "fr": "néerlandais"},
    "fr": {"en": "French", "nl": "Frans", "fr": "français"},
    "de": {"en": "German", "nl": "Duits", "fr": "allemand"},
}
VERDICTS = {
    "supportive": {"en": "supportive", "nl": "gunstig", "fr": "favorable"},
    "conditional": {"en": "conditional", "nl": "onder voorwaarden", "fr": "sous conditions"},
    "not_supportive": {"en": "not supportive", "nl": "niet gunstig", "fr": "défavorable"},
    "unknown": {"en": "unknown", "nl": "onbekend", "fr": "inconnu"},
}

TEMPLATES = {
    "skills": {
        "en": "Learn the essential skills you do not show yet: {skills}.",
        "nl": "Leer de essentiële vaardigheden die je nog niet toont: {skills}.",
        "fr": "Acquérir les compétences essentielles pas encore démontrées : {skills}.",
    },
    "language": {
        "en": "Reach {language} {need} (now {have}).",
        "nl": "Haal {language} {need} (nu {have}).",
        "fr": "Atteindre le niveau {need} en {language} (actuellement {have}).",
    },
    "education": {
        "en": "Reach education level EQF {need} (now {have}).",
        "nl": "Haal onderwijsniveau EQF {need} (nu {have}).",
        "fr": "Atteindre le niveau d'études CEC {need} (actuellement {have}).",
    },
    "recognition": {
        "en": "Have your diploma recognised in Belgium (status now: {status}).",
        "nl": "Laat je diploma erkennen in België (status nu: {status}).",
        "fr": "Faire reconnaître votre diplôme en Belgique (statut actuel : {status}).",
    },
    "proximity_same_occupation": {
        "en": "You have worked in this occupation ({past}).",
        "nl": "Je hebt in dit beroep gewerkt ({past}).",
        "fr": "Vous avez exercé ce métier ({past}).",
    },
    "proximity_same_isco_unit_group": {
        "en": "A past job ({past}) is in the same ISCO occupation group.",
        "nl": "Een vroegere job ({past}) hoort bij dezelfde ISCO-beroepsgroep.",
        "fr": "Un emploi passé ({past}) appartient au même groupe de métiers CITP.",
    },
    "proximity_same_isco_minor_group": {
        "en": "A past job ({past}) is in a closely related ISCO group.",
        "nl": "Een vroegere job ({past}) hoort bij een nauw verwante ISCO-groep.",
        "fr": "Un emploi passé ({past}) appartient à un groupe CITP proche.",
    },
    "proximity_same_isco_sub_major_group": {
        "en": "A past job ({past}) is in the same broad ISCO field.",
        "nl": "Een vroegere job ({past}) hoort bij hetzelfde brede ISCO-domein.",
        "fr": "Un emploi passé ({past}) relève du même grand domaine CITP.",
    },
    "proximity_shared_essential_skills": {
        "en": "A past job ({past}) shares essential skills with this occupation.",
        "nl": "Een vroegere job ({past}) deelt essentiële vaardigheden met dit beroep.",
        "fr": "Un emploi passé ({past}) partage des compétences essentielles avec ce métier.",
    },
    "proximity_none": {
        "en": "No past job is close to this occupation.",
        "nl": "Geen vroegere job ligt dicht bij dit beroep.",
        "fr": "Aucun emploi passé n'est proche de ce métier.",
    },
    "skills_held": {
        "en": "You show {matched} of its {total} essential skills.",
        "nl": "Je toont {matched} van de {total} essentiële vaardigheden.",
        "fr": "Vous démontrez {matched} de ses {total} compétences essentielles.",
    },
    "language_level": {
        "en": "The region works in {language}: {need} needed ({source}), you have {have}.",
        "nl": "De regio werkt in het {language}: {need} nodig ({source}), jij hebt {have}.",
        "fr": "La région travaille en {language} : {need} requis ({source}), vous avez {have}.",
    },
    "source_vacancies": {
        "en": "the median of {count} open vacancies",
        "nl": "de mediaan van {count} openstaande vacatures",
        "fr": "la médiane de {count} offres ouvertes",
    },
    "source_default": {
        "en": "default level: too few vacancies state one",
        "nl": "standaardniveau: te weinig vacatures vermelden er een",
        "fr": "niveau par défaut : trop peu d'offres en indiquent un",
    },
    "education_level": {
        "en": "Education needed: EQF {need} ({source}); you have {have}.",
        "nl": "Vereist onderwijsniveau: EQF {need} ({source}); jij hebt {have}.",
        "fr": "Niveau d'études requis : CEC {need} ({source}) ; vous avez {have}.",
    },
    "need_vacancies": {
        "en": "what open vacancies ask",
        "nl": "wat openstaande vacatures vragen",
        "fr": "ce que demandent les offres ouvertes",
    },
    "need_permit_route": {
        "en": "what the permit route asks",
        "nl": "wat de vergunningsroute vraagt",
        "fr": "ce que demande la voie de permis",
    },
    "partial_lists": {
        "en": "A shortage list of this region is known only in part: it may hold more occupations.",
        "nl": "Een knelpuntlijst van deze regio is maar gedeeltelijk gekend: ze kan meer beroepen bevatten.",
        "fr": "Une liste de pénurie de cette région n'est connue qu'en partie : elle peut contenir d'autres métiers.",
    },
    "labour_market_list": {
        "en": "A labour-market shortage list names it: a sign of demand, not a permit waiver.",
        "nl": "Een knelpuntberoepenlijst van de arbeidsmarkt vermeldt het: een teken van vraag, geen vrijstelling"
        " voor de vergunning.",
        "fr": "Une liste de pénurie du marché du travail le cite : un signe de demande, pas une dispense de permis.",
    },
    "outlook": {
        "en": "Permit outlook at the median salary of {count} open vacancies ({median} EUR a year): {verdict}.",
        "nl": "Vooruitzicht vergunning bij het mediane loon van {count} openstaande vacatures ({median} EUR per"
        " jaar): {verdict}.",
        "fr": "Perspective de permis au salaire médian de {count} offres ouvertes ({median} EUR par an) :"
        " {verdict}.",
    },
    "outlook_unknown": {
        "en": "Permit outlook unknown: only {count} open vacancies state a salary (at least {minimum} needed).",
        "nl": "Vooruitzicht vergunning onbekend: maar {count} openstaande vacatures vermelden een loon (minstens"
        " {minimum} nodig).",
        "fr": "Perspective de permis inconnue : seules {count} offres ouvertes indiquent un salaire (au moins"
        " {minimum} nécessaires).",
    },
}
NONE = {"en": "none", "nl": "geen", "fr": "aucun"}


def sentence(item: Mapping, lang: str, skill_labels: Mapping[int, str]) -> str:
    """The sentence of a gap or an explanation item (``item["kind"]``) in ``lang`` (en/nl/fr)."""
    lang = lang if lang in ("en", "nl", "fr") else "en"
    kind = item["kind"]
    if kind == "outlook":
        salary = item["salary"]
        if item["verdict"] == "unknown" and salary["median_annual_eur"] is None:
            return TEMPLATES["outlook_unknown"][lang].format(
                count=salary["vacancies_with_salary"], minimum=salary["min_vacancies"]
            )
        return TEMPLATES["outlook"][lang].format(
            count=salary["vacancies_with_salary"],
            median=f"{salary['median_annual_eur']:,.0f}",
            verdict=VERDICTS.get(item["verdict"], VERDICTS["unknown"])[lang],
        )
    params = dict(item)
    if kind == "skills":
        params["skills"] = ", ".join(skill_labels.get(s) or f"#{s}" for s in item["skill_ids"])
    elif kind in ("language", "language_level"):
        params["language"] = LANGUAGE_NAMES[item["lang"]][lang]
        params["have"] = item["have"] or NONE[lang]
        if kind == "language_level":
            source = "source_vacancies" if item["need_source"] == "vacancies" else "source_default"
            params["source"] = TEMPLATES[source][lang].format(count=item["vacancies_stating"])
    elif kind in ("education", "education_level"):
        params["have"] = item["have"] if item["have"] is not None else NONE[lang]
        if kind == "education_level":
            params["source"] = TEMPLATES["need_" + item["need_source"]][lang]
    elif kind == "skills_held":
        params.update(matched=len(item["matched_essential_ids"]), total=item["essential_total"])
    return TEMPLATES[kind][lang].format(**params)
