# ruff: noqa: E501  (sentences read better unwrapped)
"""Sentences of the permit assessment in English, Dutch and French.

Templates use `str.format` fields; amounts are `Money` values formatted per language at render time.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("en", "nl", "fr")


@dataclass(frozen=True)
class Money:
    amount: float
    unit: str  # annual_gross | monthly_base_pay | month | hour | year

    def render(self, lang: str) -> str:
        value = self.amount
        decimals = 0 if abs(value - round(value)) < 0.005 else 2
        text = f"{value:,.{decimals}f}"  # 48,912.50
        if lang == "nl":
            text = text.replace(",", "§").replace(".", ",").replace("§", ".")
            text = f"€ {text}"
        elif lang == "fr":
            text = text.replace(",", "\u202f").replace(".", ",") + " €"
        else:
            text = f"€{text}"
        return f"{text} {UNITS[self.unit][lang]}"


@dataclass(frozen=True)
class Number:
    """A plain number written the reader's way: "30.4" in English, "30,4" in Dutch and French."""

    value: float

    def render(self, lang: str) -> str:
        text = f"{self.value:.2f}".rstrip("0").rstrip(".")
        return text.replace(".", ",") if lang in ("nl", "fr") else text


# Marks a text shown in the language of its source rather than in the reader's language.
SOURCE_LANGUAGE_MARK = {"en": "", "nl": "(in het Engels)", "fr": "(en anglais)"}

PAY_CATEGORIES = {
    "unskilled": {"en": "unskilled", "nl": "ongeschoold", "fr": "non qualifié"},
    "semi_skilled": {"en": "semi-skilled", "nl": "halfgeschoold", "fr": "semi-qualifié"},
    "skilled": {"en": "skilled", "nl": "geschoold", "fr": "qualifié"},
    "highly_skilled": {"en": "highly skilled", "nl": "hooggeschoold", "fr": "hautement qualifié"},
}

UNITS = {
    "annual_gross": {"en": "gross per year", "nl": "bruto per jaar", "fr": "brut par an"},
    "monthly_base_pay": {
        "en": "fixed monthly base pay",
        "nl": "vast maandelijks basisloon",
        "fr": "de salaire de base mensuel fixe",
    },
    "monthly_gross": {"en": "gross per month", "nl": "bruto per maand", "fr": "brut par mois"},
    "year": {"en": "per year", "nl": "per jaar", "fr": "par an"},
    "month": {"en": "per month", "nl": "per maand", "fr": "par mois"},
    "hour": {"en": "per hour", "nl": "per uur", "fr": "de l'heure"},
}

AGENCY = {"flanders": "VDAB", "brussels": "Actiris", "wallonia": "FOREM", "german_speaking": "ADG"}

GROUPS = {
    "under_30": {
        "en": "workers under 30",
        "nl": "werknemers jonger dan 30",
        "fr": "travailleurs de moins de 30 ans",
    },
    "nurse": {"en": "nurses", "nl": "verpleegkundigen", "fr": "infirmiers"},
    "teacher": {"en": "teachers", "nl": "leerkrachten", "fr": "enseignants"},
    "junior": {
        "en": "junior workers (sources disagree: diploma or experience under 3 years)",
        "nl": "junioren (bronnen verschillen: diploma of ervaring minder dan 3 jaar)",
        "fr": "juniors (les sources divergent : diplôme ou expérience de moins de 3 ans)",
    },
}

LIST_PURPOSES = {
    "medium_skilled": {
        "en": "the Flemish list of medium-skilled shortage functions",
        "nl": "de Vlaamse lijst van middengeschoolde knelpuntfuncties",
        "fr": "la liste flamande des fonctions critiques de niveau moyen",
    },
    "permit_waiver": {
        "en": "the shortage-occupation list for permits",
        "nl": "de knelpuntberoepenlijst voor vergunningen",
        "fr": "la liste des métiers en pénurie pour les permis",
    },
    "vdab_knelpuntberoepen": {
        "en": "the VDAB shortage-occupation list (knelpuntberoepenlijst)",
        "nl": "de VDAB-knelpuntberoepenlijst",
        "fr": "la liste des métiers en pénurie du VDAB",
    },
    "labour_market": {
        "en": "a public employment service's list of shortage occupations (a demand signal, not a permit route)",
        "nl": "een knelpuntberoepenlijst van een arbeidsbemiddelingsdienst (een signaal van vraag, geen vergunningsroute)",
        "fr": "une liste de métiers en pénurie d'un service de l'emploi (un signal de demande, pas une voie de permis)",
    },
}

T = {
    # --- salary -------------------------------------------------------------------------------------
    "salary.met": {
        "en": "The salary ({salary}) reaches the threshold of {threshold} valid on {date}.",
        "nl": "Het loon ({salary}) bereikt de drempel van {threshold} die geldt op {date}.",
        "fr": "Le salaire ({salary}) atteint le seuil de {threshold} applicable le {date}.",
    },
    "salary.not_met": {
        "en": "The salary ({salary}) is below the threshold of {threshold} valid on {date}.",
        "nl": "Het loon ({salary}) ligt onder de drempel van {threshold} die geldt op {date}.",
        "fr": "Le salaire ({salary}) est inférieur au seuil de {threshold} applicable le {date}.",
    },
    "salary.unknown": {
        "en": "It cannot be decided whether the salary ({salary}) reaches the threshold of {threshold} valid on {date}.",
        "nl": "Of het loon ({salary}) de drempel van {threshold} (geldig op {date}) bereikt, kan niet worden beslist.",
        "fr": "On ne peut pas déterminer si le salaire ({salary}) atteint le seuil de {threshold} applicable le {date}.",
    },
    "salary.missing": {
        "en": "The salary is not known; the threshold valid on {date} is {threshold}.",
        "nl": "Het loon is niet gekend; de drempel op {date} is {threshold}.",
        "fr": "Le salaire n'est pas connu ; le seuil applicable le {date} est de {threshold}.",
    },
    "salary.no_hours": {
        "en": "The salary is given per hour but the weekly hours are not known; the threshold is {threshold}.",
        "nl": "Het loon is per uur gegeven maar het aantal uren per week is niet gekend; de drempel is {threshold}.",
        "fr": "Le salaire est horaire mais le nombre d'heures par semaine n'est pas connu ; le seuil est de {threshold}.",
    },
    "salary.not_found": {
        "en": "The salary threshold for this route on {date} is not in our facts (not found in the sources).",
        "nl": "De loondrempel voor deze categorie op {date} staat niet in onze gegevens (niet gevonden in de bronnen).",
        "fr": "Le seuil salarial de cette catégorie au {date} ne figure pas dans nos données (introuvable dans les sources).",
    },
    "salary.pending": {
        "en": "The salary threshold valid on {date} is not yet known: our sources give amounts up to {last}, and the new amount has not been published or loaded yet.",
        "nl": "De loondrempel die geldt op {date} is nog niet gekend: onze bronnen geven bedragen tot {last}, en het nieuwe bedrag is nog niet gepubliceerd of ingeladen.",
        "fr": "Le seuil salarial applicable le {date} n'est pas encore connu : nos sources donnent des montants jusqu'au {last}, et le nouveau montant n'a pas encore été publié ni chargé.",
    },
    "why.band": {
        "en": "Converted to the unit of the threshold, the salary lies between {low} and {high}: it depends on which pay components are included.",
        "nl": "Omgerekend naar de eenheid van de drempel ligt het loon tussen {low} en {high}: het hangt af van de looncomponenten.",
        "fr": "Converti dans l'unité du seuil, le salaire se situe entre {low} et {high} : cela dépend des éléments de rémunération inclus.",
    },
    "why.conflict": {
        "en": "Sources disagree on the threshold: {threshold} or {alt}.",
        "nl": "De bronnen zijn het niet eens over de drempel: {threshold} of {alt}.",
        "fr": "Les sources divergent sur le seuil : {threshold} ou {alt}.",
    },
    "why.reduced": {
        "en": "A reduced threshold of {reduced} applies to {groups}; whether it applies to this job and candidate is not known.",
        "nl": "Een verlaagde drempel van {reduced} geldt voor {groups}; of die voor deze job en kandidaat geldt, is niet gekend.",
        "fr": "Un seuil réduit de {reduced} s'applique aux {groups} ; on ne sait pas s'il vaut pour cet emploi et ce candidat.",
    },
    "why.reduced_applied": {
        "en": "The reduced threshold for {groups} applies.",
        "nl": "De verlaagde drempel voor {groups} is van toepassing.",
        "fr": "Le seuil réduit pour les {groups} s'applique.",
    },
    "why.long_contract": {
        "en": "A higher threshold of {long} applies to employment longer than {months} months or open-ended; the contract length is not known.",
        "nl": "Een hogere drempel van {long} geldt voor tewerkstelling langer dan {months} maanden of van onbepaalde duur; de contractduur is niet gekend.",
        "fr": "Un seuil plus élevé de {long} s'applique aux emplois de plus de {months} mois ou à durée indéterminée ; la durée du contrat n'est pas connue.",
    },
    "why.long_fixed_term": {
        "en": "The source gives {long} for open-ended employment and the lower amount for employment of up to {months} months; a fixed-term contract longer than that is neither, so the amount is not certain.",
        "nl": "De bron geeft {long} voor tewerkstelling van onbepaalde duur en het lagere bedrag voor tewerkstelling tot {months} maanden; een contract van bepaalde duur dat langer loopt is geen van beide, dus het bedrag is niet zeker.",
        "fr": "La source donne {long} pour un emploi à durée indéterminée et le montant inférieur pour un emploi de {months} mois au plus ; un contrat à durée déterminée plus long n'est ni l'un ni l'autre, le montant n'est donc pas certain.",
    },
    "why.unconfirmed": {
        "en": "The source does not state which year this amount belongs to, so the result is not certain.",
        "nl": "De bron vermeldt niet voor welk jaar dit bedrag geldt, dus het resultaat is niet zeker.",
        "fr": "La source ne précise pas l'année de ce montant ; le résultat n'est donc pas certain.",
    },
    "why.carried_forward": {
        "en": "The previous amount stays in force until a new one is published.",
        "nl": "Het vorige bedrag blijft gelden tot een nieuw bedrag gepubliceerd wordt.",
        "fr": "Le montant précédent reste d'application jusqu'à la publication d'un nouveau montant.",
    },
    # --- minimum wage (GGMMI) -------------------------------------------------------------------------
    "floor.met": {
        "en": "The pay ({salary}), counted for a full-time job, reaches the guaranteed minimum monthly income (GGMMI) of {floor} valid on {date}.",
        "nl": "Het loon ({salary}), omgerekend naar voltijds, bereikt het gewaarborgd gemiddeld minimum maandinkomen (GGMMI) van {floor} dat geldt op {date}.",
        "fr": "La rémunération ({salary}), ramenée à un temps plein, atteint le revenu minimum mensuel moyen garanti (RMMMG) de {floor} applicable le {date}.",
    },
    "floor.not_met": {
        "en": "The pay ({salary}), counted for a full-time job, is below the guaranteed minimum monthly income (GGMMI) of {floor} valid on {date}, the absolute floor of this route.",
        "nl": "Het loon ({salary}), omgerekend naar voltijds, ligt onder het gewaarborgd gemiddeld minimum maandinkomen (GGMMI) van {floor} dat geldt op {date}, de absolute ondergrens van deze categorie.",
        "fr": "La rémunération ({salary}), ramenée à un temps plein, est inférieure au revenu minimum mensuel moyen garanti (RMMMG) de {floor} applicable le {date}, le plancher absolu de cette catégorie.",
    },
    "floor.unknown": {
        "en": "It cannot be decided whether the pay ({salary}), counted for a full-time job, reaches the guaranteed minimum monthly income (GGMMI) of {floor} valid on {date}.",
        "nl": "Of het loon ({salary}), omgerekend naar voltijds, het gewaarborgd gemiddeld minimum maandinkomen (GGMMI) van {floor} (geldig op {date}) bereikt, kan niet worden beslist.",
        "fr": "On ne peut pas déterminer si la rémunération ({salary}), ramenée à un temps plein, atteint le revenu minimum mensuel moyen garanti (RMMMG) de {floor} applicable le {date}.",
    },
    "floor.missing": {
        "en": "The pay is not known; the guaranteed minimum monthly income (GGMMI) valid on {date} is {floor} for a full-time job.",
        "nl": "Het loon is niet gekend; het gewaarborgd gemiddeld minimum maandinkomen (GGMMI) op {date} is {floor} voor een voltijdse job.",
        "fr": "La rémunération n'est pas connue ; le revenu minimum mensuel moyen garanti (RMMMG) applicable le {date} est de {floor} pour un temps plein.",
    },
    "floor.not_found": {
        "en": "The guaranteed minimum monthly income (GGMMI) valid on {date}, the floor of this route, is not in our facts (not found in the sources).",
        "nl": "Het gewaarborgd gemiddeld minimum maandinkomen (GGMMI) dat geldt op {date}, de ondergrens van deze categorie, staat niet in onze gegevens (niet gevonden in de bronnen).",
        "fr": "Le revenu minimum mensuel moyen garanti (RMMMG) applicable le {date}, plancher de cette catégorie, ne figure pas dans nos données (introuvable dans les sources).",
    },
    "why.floor_range": {
        "en": "For this period the sources give {low} or {high} (the date of an indexation is not known).",
        "nl": "Voor deze periode geven de bronnen {low} of {high} (de datum van een indexering is niet gekend).",
        "fr": "Pour cette période, les sources donnent {low} ou {high} (la date d'une indexation n'est pas connue).",
    },
    # --- education ----------------------------------------------------------------------------------
    "education.met": {
        "en": "The candidate's education (EQF {eqf}) meets the minimum level (EQF {min}).",
        "nl": "De opleiding van de kandidaat (EQF {eqf}) haalt het minimumniveau (EQF {min}).",
        "fr": "La formation du candidat (CEC {eqf}) atteint le niveau minimum (CEC {min}).",
    },
    "education.not_met": {
        "en": "The candidate's education (EQF {eqf}) is below the minimum level (EQF {min}).",
        "nl": "De opleiding van de kandidaat (EQF {eqf}) ligt onder het minimumniveau (EQF {min}).",
        "fr": "La formation du candidat (CEC {eqf}) est inférieure au niveau minimum (CEC {min}).",
    },
    "education.experience": {
        "en": "The candidate's education (EQF {eqf}) is below EQF {min}, but professional experience can count instead; this must be checked.",
        "nl": "De opleiding van de kandidaat (EQF {eqf}) ligt onder EQF {min}, maar beroepservaring kan meetellen; dit moet nagegaan worden.",
        "fr": "La formation du candidat (CEC {eqf}) est inférieure au CEC {min}, mais l'expérience professionnelle peut compter ; à vérifier.",
    },
    "education.exceptions": {
        "en": 'The candidate\'s education (EQF {eqf}) is below the minimum level (EQF {min}), which the source sets "save exceptions" without naming them; this must be checked.',
        "nl": 'De opleiding van de kandidaat (EQF {eqf}) ligt onder het minimumniveau (EQF {min}), dat de bron "behoudens uitzonderingen" oplegt zonder ze te noemen; dit moet nagegaan worden.',
        "fr": "La formation du candidat (CEC {eqf}) est inférieure au niveau minimum (CEC {min}), que la source fixe « sauf exceptions » sans les nommer ; à vérifier.",
    },
    "education.missing": {
        "en": "The candidate's education level is not known; the minimum is EQF {min}.",
        "nl": "Het opleidingsniveau van de kandidaat is niet gekend; het minimum is EQF {min}.",
        "fr": "Le niveau de formation du candidat n'est pas connu ; le minimum est le CEC {min}.",
    },
    "education.not_found": {
        "en": "The required diploma level for this route is not in our facts (not found in the sources).",
        "nl": "Het vereiste diplomaniveau voor deze categorie staat niet in onze gegevens (niet gevonden in de bronnen).",
        "fr": "Le niveau de diplôme requis pour cette catégorie ne figure pas dans nos données (introuvable dans les sources).",
    },
    # --- contract -----------------------------------------------------------------------------------
    "contract.met_permanent": {
        "en": "A permanent contract meets the minimum contract length of {months} months.",
        "nl": "Een contract van onbepaalde duur voldoet aan de minimale duur van {months} maanden.",
        "fr": "Un contrat à durée indéterminée respecte la durée minimale de {months} mois.",
    },
    "contract.met": {
        "en": "The contract of {duration} months meets the minimum of {months} months.",
        "nl": "Het contract van {duration} maanden voldoet aan het minimum van {months} maanden.",
        "fr": "Le contrat de {duration} mois respecte le minimum de {months} mois.",
    },
    "contract.not_met": {
        "en": "The contract of {duration} months is shorter than the minimum of {months} months.",
        "nl": "Het contract van {duration} maanden is korter dan het minimum van {months} maanden.",
        "fr": "Le contrat de {duration} mois est plus court que le minimum de {months} mois.",
    },
    "contract.missing": {
        "en": "The contract length is not known; the minimum is {months} months.",
        "nl": "De contractduur is niet gekend; het minimum is {months} maanden.",
        "fr": "La durée du contrat n'est pas connue ; le minimum est de {months} mois.",
    },
    "contract.not_found": {
        "en": "The minimum contract length for this route is not in our facts (not found in the sources).",
        "nl": "De minimale contractduur voor deze categorie staat niet in onze gegevens (niet gevonden in de bronnen).",
        "fr": "La durée minimale du contrat pour cette catégorie ne figure pas dans nos données (introuvable).",
    },
    # --- more than 90 days --------------------------------------------------------------------------
    "duration.not_met": {
        "en": "A contract of {months} months is work of {days} days or less: that is not single-permit work (it needs a work permit for short work, outside these routes).",
        "nl": "Een contract van {months} maanden is werk van {days} dagen of minder: dat valt niet onder de gecombineerde vergunning (het vraagt een arbeidskaart voor kort werk, buiten deze categorieën).",
        "fr": "Un contrat de {months} mois est un travail de {days} jours ou moins : ce n'est pas un travail sous permis unique (il faut un permis de travail pour un travail court, hors de ces catégories).",
    },
    "duration.unknown": {
        "en": "A contract of {months} months may be {days} days or less, which is not single-permit work; the exact dates decide.",
        "nl": "Een contract van {months} maanden kan {days} dagen of minder duren, wat niet onder de gecombineerde vergunning valt; de precieze data beslissen.",
        "fr": "Un contrat de {months} mois peut durer {days} jours ou moins, ce qui n'est pas un travail sous permis unique ; les dates exactes décident.",
    },
    # --- working time -------------------------------------------------------------------------------
    "working_time.met": {
        "en": "The job is {pct}% of full time, at least the required {min}%.",
        "nl": "De job is {pct}% van een voltijdse betrekking, minstens de vereiste {min}%.",
        "fr": "L'emploi représente {pct} % d'un temps plein, au moins les {min} % requis.",
    },
    "working_time.not_met": {
        "en": "The job is {pct}% of full time, below the required {min}%.",
        "nl": "De job is {pct}% van een voltijdse betrekking, minder dan de vereiste {min}%.",
        "fr": "L'emploi représente {pct} % d'un temps plein, moins que les {min} % requis.",
    },
    "working_time.missing": {
        "en": "The working time is not known; at least {min}% of full time is required.",
        "nl": "De arbeidsduur is niet gekend; minstens {min}% van voltijds is vereist.",
        "fr": "Le temps de travail n'est pas connu ; au moins {min} % d'un temps plein est requis.",
    },
    # --- pay category -------------------------------------------------------------------------------
    "pay_category.met": {
        "en": "The pay category '{cat}' is at least the '{min}' category of the joint committee.",
        "nl": "De looncategorie '{cat}' is minstens de categorie '{min}' van het paritair comité.",
        "fr": "La catégorie salariale « {cat} » atteint au moins la catégorie « {min} » de la commission paritaire.",
    },
    "pay_category.not_met": {
        "en": "The pay category '{cat}' is below the '{min}' category of the joint committee that this route requires.",
        "nl": "De looncategorie '{cat}' ligt onder de categorie '{min}' van het paritair comité die deze categorie vereist.",
        "fr": "La catégorie salariale « {cat} » est inférieure à la catégorie « {min} » de la commission paritaire requise.",
    },
    "pay_category.missing": {
        "en": "The pay category of the joint committee is not known; at least '{min}' is required.",
        "nl": "De looncategorie van het paritair comité is niet gekend; minstens '{min}' is vereist.",
        "fr": "La catégorie salariale de la commission paritaire n'est pas connue ; au moins « {min} » est requis.",
    },
    # --- executive post -----------------------------------------------------------------------------
    "executive.met": {
        "en": "The job is an executive post, which this route requires.",
        "nl": "De job is een leidinggevende functie, zoals deze categorie vereist.",
        "fr": "L'emploi est un poste de direction, comme l'exige cette catégorie.",
    },
    "executive.not_met": {
        "en": "This route is for executive posts only, and the job is not one; the salary alone does not make it one.",
        "nl": "Deze categorie geldt alleen voor leidinggevende functies, en de job is er geen; het loon alleen maakt er geen leidinggevende functie van.",
        "fr": "Cette catégorie est réservée aux postes de direction, et l'emploi n'en est pas un ; le salaire seul n'en fait pas un.",
    },
    "executive.missing": {
        "en": "This route is for executive posts only; it is not known whether the job is one.",
        "nl": "Deze categorie geldt alleen voor leidinggevende functies; het is niet gekend of de job er een is.",
        "fr": "Cette catégorie est réservée aux postes de direction ; on ne sait pas si l'emploi en est un.",
    },
    # --- employer -----------------------------------------------------------------------------------
    "employer.met": {
        "en": "The employer is established in Belgium.",
        "nl": "De werkgever is in België gevestigd.",
        "fr": "L'employeur est établi en Belgique.",
    },
    "employer.not_met": {
        "en": "The employer is not established in Belgium; workers posted by a foreign employer do not qualify.",
        "nl": "De werkgever is niet in België gevestigd; werknemers gedetacheerd door een buitenlandse werkgever komen niet in aanmerking.",
        "fr": "L'employeur n'est pas établi en Belgique ; les travailleurs détachés par un employeur étranger ne sont pas admis.",
    },
    "employer.missing": {
        "en": "It is not known whether the employer is established in Belgium.",
        "nl": "Het is niet gekend of de werkgever in België gevestigd is.",
        "fr": "On ne sait pas si l'employeur est établi en Belgique.",
    },
    # --- occupation lists ---------------------------------------------------------------------------
    "list.met": {
        "en": "The occupation is on the list '{name}' valid on {date}.",
        "nl": "Het beroep staat op de lijst '{name}' die geldt op {date}.",
        "fr": "Le métier figure sur la liste « {name} » applicable le {date}.",
    },
    "list.not_met": {
        "en": "The occupation is not on the list '{name}' valid on {date}.",
        "nl": "Het beroep staat niet op de lijst '{name}' die geldt op {date}.",
        "fr": "Le métier ne figure pas sur la liste « {name} » applicable le {date}.",
    },
    "list.low_confidence": {
        "en": "The occupation is named on the list '{name}' valid on {date}, but the list's names come from a single secondary or low-reliability source: check the official text.",
        "nl": "Het beroep wordt genoemd op de lijst '{name}' die geldt op {date}, maar de namen van die lijst komen uit één secundaire of weinig betrouwbare bron: controleer de officiële tekst.",
        "fr": "Le métier est cité sur la liste « {name} » applicable le {date}, mais les noms de cette liste proviennent d'une seule source secondaire ou peu fiable : vérifiez le texte officiel.",
    },
    "list.removed": {
        "en": "The occupation is not on the list '{name}' valid on {date}: it was removed from the list on {when}.",
        "nl": "Het beroep staat niet op de lijst '{name}' die geldt op {date}: het werd op {when} van de lijst geschrapt.",
        "fr": "Le métier ne figure pas sur la liste « {name} » applicable le {date} : il en a été retiré le {when}.",
    },
    "list.added_later": {
        "en": "The occupation is not on the list '{name}' valid on {date}: it was added only on {when}.",
        "nl": "Het beroep staat niet op de lijst '{name}' die geldt op {date}: het werd pas op {when} toegevoegd.",
        "fr": "Le métier ne figure pas sur la liste « {name} » applicable le {date} : il n'y a été ajouté que le {when}.",
    },
    "list.partial": {
        "en": "The occupation is not among the known entries of the list '{name}', but our copy of this list is incomplete: check the official list.",
        "nl": "Het beroep staat niet bij de gekende items van de lijst '{name}', maar onze versie van die lijst is onvolledig: controleer de officiële lijst.",
        "fr": "Le métier ne figure pas parmi les entrées connues de la liste « {name} », mais notre copie est incomplète : vérifiez la liste officielle.",
    },
    "list.none": {
        "en": "The job must be on {purpose}; the version valid on {date} is not in our reference data.",
        "nl": "De job moet op {purpose} staan; de versie die geldt op {date} staat niet in onze referentiegegevens.",
        "fr": "L'emploi doit figurer sur {purpose} ; la version applicable le {date} ne figure pas dans nos données de référence.",
    },
    "list.no_occupation": {
        "en": "The occupation is not known, so it cannot be checked against {purpose}.",
        "nl": "Het beroep is niet gekend, dus het kan niet getoetst worden aan {purpose}.",
        "fr": "Le métier n'est pas connu ; il ne peut pas être vérifié sur {purpose}.",
    },
    # --- EU long-term residents ----------------------------------------------------------------------
    "ltr.met": {
        "en": "The candidate is an EU long-term resident of another member state, so the 2019 restriction of this list to such residents is met whether or not it still applies.",
        "nl": "De kandidaat is langdurig ingezetene in een andere EU-lidstaat, dus aan de beperking van deze lijst tot zulke ingezetenen (2019) is voldaan, of ze nog geldt of niet.",
        "fr": "Le candidat est résident de longue durée UE d'un autre État membre : la restriction de cette liste à ces résidents (2019) est donc remplie, qu'elle s'applique encore ou non.",
    },
    "ltr.unknown": {
        "en": "In 2019 this list was open only to third-country nationals with EU long-term resident status in another member state; whether that restriction still applies is not found in our sources.",
        "nl": "In 2019 stond deze lijst alleen open voor onderdanen van derde landen met de status van langdurig ingezetene in een andere EU-lidstaat; of die beperking nog geldt, is in onze bronnen niet gevonden.",
        "fr": "En 2019, cette liste n'était ouverte qu'aux ressortissants de pays tiers ayant le statut de résident de longue durée UE dans un autre État membre ; nos sources ne disent pas si cette restriction s'applique encore.",
    },
    # --- labour-market test -------------------------------------------------------------------------
    "lmt.required": {
        "en": "A labour-market test applies: the employer must prove that no suitable worker is available; {agency} and the region check this case by case.",
        "nl": "Er geldt een arbeidsmarktonderzoek: de werkgever moet aantonen dat geen geschikte werknemer beschikbaar is; {agency} en het gewest beoordelen dit geval per geval.",
        "fr": "Un examen du marché de l'emploi s'applique : l'employeur doit prouver qu'aucun travailleur adéquat n'est disponible ; {agency} et la région l'apprécient au cas par cas.",
    },
    "lmt.procedure": {
        "en": "Procedure in this region: {procedure}",
        "nl": "Procedure in dit gewest: {procedure}",
        "fr": "Procédure dans cette région : {procedure}",
    },
    # --- person-based routes ------------------------------------------------------------------------
    "eu.met": {
        "en": "EU, EEA and Swiss citizens need no work authorisation.",
        "nl": "Burgers van de EU, de EER en Zwitserland hebben geen arbeidstoelating nodig.",
        "fr": "Les citoyens de l'UE, de l'EEE et de la Suisse n'ont pas besoin d'autorisation de travail.",
    },
    "work_access.met": {
        "en": "The candidate already has access to the labour market; no permit is needed for this job.",
        "nl": "De kandidaat heeft al toegang tot de arbeidsmarkt; voor deze job is geen vergunning nodig.",
        "fr": "Le candidat a déjà accès au marché du travail ; aucun permis n'est nécessaire pour cet emploi.",
    },
    "asylum.status": {
        "en": "The candidate is an applicant for international protection (asylum).",
        "nl": "De kandidaat is verzoeker om internationale bescherming.",
        "fr": "Le candidat est demandeur de protection internationale.",
    },
    "asylum.months_met": {
        "en": "The application was filed on {filed}, at least 4 months before {date}.",
        "nl": "Het verzoek werd ingediend op {filed}, minstens 4 maanden vóór {date}.",
        "fr": "La demande a été introduite le {filed}, au moins 4 mois avant le {date}.",
    },
    "asylum.months_not_met": {
        "en": "The application was filed on {filed}; work is allowed only from {allowed} if no decision has been notified by then.",
        "nl": "Het verzoek werd ingediend op {filed}; werken mag pas vanaf {allowed} als er dan nog geen beslissing betekend is.",
        "fr": "La demande a été introduite le {filed} ; le travail n'est permis qu'à partir du {allowed} si aucune décision n'a été notifiée d'ici là.",
    },
    "asylum.months_unknown": {
        "en": "Work is allowed 4 months after filing the application if the CGRS has notified no decision; the filing date is not known.",
        "nl": "Werken mag 4 maanden na de indiening als het CGVS nog geen beslissing betekend heeft; de indieningsdatum is niet gekend.",
        "fr": "Le travail est permis 4 mois après l'introduction de la demande si le CGRA n'a notifié aucune décision ; la date d'introduction n'est pas connue.",
    },
    "asylum.card": {
        "en": "Check that the renewed orange card (attestation of immatriculation) states unlimited labour-market access ('arbeidsmarkt: onbeperkt').",
        "nl": "Controleer of de vernieuwde oranje kaart (attest van immatriculatie) 'arbeidsmarkt: onbeperkt' vermeldt.",
        "fr": "Vérifiez que la carte orange renouvelée (attestation d'immatriculation) mentionne un accès illimité au marché du travail.",
    },
    "asylum.note": {
        "en": "This is not a single permit: it is work access during the asylum procedure (RD 2 Sep 2018 art. 18, 3°), for any occupation, continuing during an appeal. Whether an asylum applicant can switch to a single permit from within Belgium is not established.",
        "nl": "Dit is geen gecombineerde vergunning: het is toegang tot werk tijdens de asielprocedure (KB 2 sep 2018 art. 18, 3°), voor elk beroep, ook tijdens een beroepsprocedure. Of een verzoeker vanuit België naar een gecombineerde vergunning kan overstappen, is niet vastgesteld.",
        "fr": "Ce n'est pas un permis unique : c'est un accès au travail pendant la procédure d'asile (AR 2 sept. 2018 art. 18, 3°), pour tout métier, maintenu pendant un recours. Le passage à un permis unique depuis la Belgique n'est pas établi.",
    },
    # --- where to file ------------------------------------------------------------------------------
    "from.abroad": {
        "en": "The candidate is abroad: the employer files the application while the worker is still abroad.",
        "nl": "De kandidaat is in het buitenland: de werkgever dient de aanvraag in terwijl de werknemer nog in het buitenland is.",
        "fr": "Le candidat est à l'étranger : l'employeur introduit la demande pendant que le travailleur est encore à l'étranger.",
    },
    "from.no_legal_residence": {
        "en": "Without legal residence the application cannot be filed from Belgium: the worker has to be abroad when the employer applies. A pending humanitarian regularisation (9bis) gives no legal stay.",
        "nl": "Zonder wettig verblijf kan de aanvraag niet vanuit België ingediend worden: de werknemer moet in het buitenland zijn wanneer de werkgever de aanvraag indient. Een lopende humanitaire regularisatie (9bis) geeft geen wettig verblijf.",
        "fr": "Sans séjour légal, la demande ne peut pas être introduite depuis la Belgique : le travailleur doit être à l'étranger lorsque l'employeur introduit la demande. Une régularisation humanitaire (9bis) en cours ne donne pas de séjour légal.",
    },
    "from.lawful_stay": {
        "en": "With this lawful stay ({stay}) the application can be filed from Belgium.",
        "nl": "Met dit wettig verblijf ({stay}) kan de aanvraag vanuit België ingediend worden.",
        "fr": "Avec ce séjour légal ({stay}), la demande peut être introduite depuis la Belgique.",
    },
    "from.legal_residence": {
        "en": "Filing from Belgium is possible only for some lawful stays (short stay; students and researchers; since 30 Dec 2022 also e.g. stay authorised on humanitarian or medical grounds, some family-reunification residents, temporary protection): check the residence document.",
        "nl": "Indienen vanuit België kan alleen bij bepaalde wettige verblijven (kort verblijf; studenten en onderzoekers; sinds 30 dec 2022 ook bv. verblijf toegestaan om humanitaire of medische redenen, sommige gezinsherenigers, tijdelijke bescherming): controleer het verblijfsdocument.",
        "fr": "L'introduction depuis la Belgique n'est possible que pour certains séjours légaux (court séjour ; étudiants et chercheurs ; depuis le 30 déc. 2022 aussi p. ex. séjour autorisé pour raisons humanitaires ou médicales, certains regroupements familiaux, protection temporaire) : vérifiez le titre de séjour.",
    },
    "from.asylum": {
        "en": "Whether an asylum applicant can apply for a single permit from within Belgium is not established in our sources; asylum applicants are not among the listed in-country exceptions.",
        "nl": "Of een verzoeker om internationale bescherming vanuit België een gecombineerde vergunning kan aanvragen, is in onze bronnen niet vastgesteld; verzoekers staan niet bij de opgesomde uitzonderingen.",
        "fr": "Nos sources n'établissent pas si un demandeur de protection internationale peut demander un permis unique depuis la Belgique ; il ne figure pas parmi les exceptions énumérées.",
    },
    "from.unknown": {
        "en": "The candidate's residence situation is not known: the application is normally filed from abroad, with exceptions for some lawful stays in Belgium.",
        "nl": "De verblijfssituatie van de kandidaat is niet gekend: de aanvraag wordt normaal vanuit het buitenland ingediend, met uitzonderingen voor sommige wettige verblijven in België.",
        "fr": "La situation de séjour du candidat n'est pas connue : la demande est normalement introduite depuis l'étranger, avec des exceptions pour certains séjours légaux en Belgique.",
    },
    "from.some_of_stay": {
        "en": "Only certain residents with this lawful stay ({stay}) may file from Belgium (the sources do not say which): check the residence document.",
        "nl": "Slechts bepaalde personen met dit wettig verblijf ({stay}) mogen vanuit België indienen (de bronnen zeggen niet welke): controleer het verblijfsdocument.",
        "fr": "Seuls certains résidents ayant ce séjour légal ({stay}) peuvent introduire la demande depuis la Belgique (les sources ne précisent pas lesquels) : vérifiez le titre de séjour.",
    },
    "from.regional_limit": {
        "en": "The German-speaking Community's summary allows filing from Belgium only with a short stay or a student/researcher residence; whether this stay ({stay}) also may is not established.",
        "nl": "De samenvatting van de Duitstalige Gemeenschap laat indienen vanuit België alleen toe met een kort verblijf of een verblijf als student of onderzoeker; of dit verblijf ({stay}) dat ook toelaat, is niet vastgesteld.",
        "fr": "Le résumé de la Communauté germanophone ne permet l'introduction depuis la Belgique qu'avec un court séjour ou un séjour d'étudiant ou de chercheur ; on ne sait pas si ce séjour ({stay}) le permet aussi.",
    },
    "from.must_be_abroad": {
        "en": "In this category the worker may not be on Belgian territory when the application is filed, unless an EU long-term resident of another member state.",
        "nl": "In deze categorie mag de werknemer bij de aanvraag niet op Belgisch grondgebied zijn, tenzij langdurig ingezetene in een andere EU-lidstaat.",
        "fr": "Dans cette catégorie, le travailleur ne peut pas se trouver sur le territoire belge lors de la demande, sauf s'il est résident de longue durée UE d'un autre État membre.",
    },
    "from.none_needed": {
        "en": "No permit application is needed.",
        "nl": "Er is geen vergunningsaanvraag nodig.",
        "fr": "Aucune demande de permis n'est nécessaire.",
    },
    "from.not_a_permit": {
        "en": "No application: work access follows from the asylum procedure itself.",
        "nl": "Geen aanvraag: de toegang tot werk volgt uit de asielprocedure zelf.",
        "fr": "Pas de demande : l'accès au travail découle de la procédure d'asile elle-même.",
    },
    # --- next questions -----------------------------------------------------------------------------
    "q.salary": {
        "en": "What is the gross salary of the job (amount and period: hour, month or year)?",
        "nl": "Wat is het brutoloon van de job (bedrag en periode: uur, maand of jaar)?",
        "fr": "Quel est le salaire brut de l'emploi (montant et période : heure, mois ou année) ?",
    },
    "q.salary_components": {
        "en": "Which pay components make up the salary (fixed base pay, 13th month, holiday pay)?",
        "nl": "Uit welke looncomponenten bestaat het loon (vast basisloon, dertiende maand, vakantiegeld)?",
        "fr": "Quels éléments composent le salaire (salaire de base fixe, 13e mois, pécule de vacances) ?",
    },
    "q.reduced": {
        "en": "Does the candidate belong to a group with a reduced threshold ({groups})?",
        "nl": "Behoort de kandidaat tot een groep met een verlaagde drempel ({groups})?",
        "fr": "Le candidat appartient-il à un groupe bénéficiant d'un seuil réduit ({groups}) ?",
    },
    "q.hours": {
        "en": "How many hours a week is the job, and how many hours is full time in the sector?",
        "nl": "Hoeveel uren per week omvat de job, en hoeveel uren is voltijds in de sector?",
        "fr": "Combien d'heures par semaine compte l'emploi, et combien d'heures fait un temps plein dans le secteur ?",
    },
    "q.education": {
        "en": "What is the candidate's highest education level (EQF), and is the diploma from a recognised institution?",
        "nl": "Wat is het hoogste opleidingsniveau (EQF) van de kandidaat, en komt het diploma van een erkende instelling?",
        "fr": "Quel est le plus haut niveau de formation (CEC) du candidat, et le diplôme vient-il d'un établissement reconnu ?",
    },
    "q.experience": {
        "en": "How many years of relevant professional experience does the candidate have?",
        "nl": "Hoeveel jaar relevante beroepservaring heeft de kandidaat?",
        "fr": "Combien d'années d'expérience professionnelle pertinente le candidat a-t-il ?",
    },
    "q.contract": {
        "en": "Is the contract permanent, and if not, how many months does it last?",
        "nl": "Is het contract van onbepaalde duur, en zo niet, hoeveel maanden duurt het?",
        "fr": "Le contrat est-il à durée indéterminée, sinon combien de mois dure-t-il ?",
    },
    "q.pay_category": {
        "en": "In which pay category of the joint committee is the job classified?",
        "nl": "In welke looncategorie van het paritair comité is de job ingedeeld?",
        "fr": "Dans quelle catégorie salariale de la commission paritaire l'emploi est-il classé ?",
    },
    "q.executive": {
        "en": "Is the job an executive post (leading the company or a department, with management powers)?",
        "nl": "Is de job een leidinggevende functie (leiding over de onderneming of een afdeling, met beslissingsbevoegdheid)?",
        "fr": "L'emploi est-il un poste de direction (direction de l'entreprise ou d'un département, avec pouvoir de décision) ?",
    },
    "q.employer": {
        "en": "Is the employer established in Belgium (not a foreign employer posting the worker)?",
        "nl": "Is de werkgever in België gevestigd (geen buitenlandse werkgever die detacheert)?",
        "fr": "L'employeur est-il établi en Belgique (et non un employeur étranger qui détache) ?",
    },
    "q.list": {
        "en": "Is the occupation on the official list in force? Check the published text.",
        "nl": "Staat het beroep op de officiële lijst die van kracht is? Controleer de gepubliceerde tekst.",
        "fr": "Le métier figure-t-il sur la liste officielle en vigueur ? Vérifiez le texte publié.",
    },
    "q.occupation": {
        "en": "Which occupation (ESCO) is the job?",
        "nl": "Over welk beroep (ESCO) gaat het?",
        "fr": "De quel métier (ESCO) s'agit-il ?",
    },
    "q.lmt": {
        "en": "Can the employer document the recruitment effort through {agency}?",
        "nl": "Kan de werkgever de rekruteringsinspanning via {agency} aantonen?",
        "fr": "L'employeur peut-il documenter ses efforts de recrutement via {agency} ?",
    },
    "q.eu_ltr": {
        "en": "Does the candidate hold EU long-term resident status in another member state?",
        "nl": "Heeft de kandidaat de status van langdurig ingezetene in een andere EU-lidstaat?",
        "fr": "Le candidat a-t-il le statut de résident de longue durée UE dans un autre État membre ?",
    },
    "q.dates": {
        "en": "What are the exact start and end dates of the contract?",
        "nl": "Wat zijn de precieze begin- en einddatum van het contract?",
        "fr": "Quelles sont les dates exactes de début et de fin du contrat ?",
    },
    "q.asylum": {
        "en": "When was the asylum application filed, and does the renewed orange card state unlimited labour-market access?",
        "nl": "Wanneer werd het asielverzoek ingediend, en vermeldt de vernieuwde oranje kaart onbeperkte toegang tot de arbeidsmarkt?",
        "fr": "Quand la demande d'asile a-t-elle été introduite, et la carte orange renouvelée mentionne-t-elle un accès illimité au marché du travail ?",
    },
    "q.residence": {
        "en": "What is the candidate's nationality status (EU/EEA/Swiss or not) and residence situation?",
        "nl": "Wat is het nationaliteitsstatuut (EU/EER/Zwitsers of niet) en de verblijfssituatie van de kandidaat?",
        "fr": "Quel est le statut de nationalité (UE/EEE/Suisse ou non) et la situation de séjour du candidat ?",
    },
    "q.stay_type": {
        "en": "What kind of lawful stay does the candidate have (short stay, student, researcher, humanitarian/medical authorisation, family reunification, temporary protection)?",
        "nl": "Welk soort wettig verblijf heeft de kandidaat (kort verblijf, student, onderzoeker, humanitaire/medische machtiging, gezinshereniging, tijdelijke bescherming)?",
        "fr": "De quel type de séjour légal le candidat dispose-t-il (court séjour, étudiant, chercheur, autorisation humanitaire/médicale, regroupement familial, protection temporaire) ?",
    },
    # --- what would change --------------------------------------------------------------------------
    "change.salary": {
        "en": "A salary of at least {needed} would meet the threshold.",
        "nl": "Een loon van minstens {needed} zou de drempel halen.",
        "fr": "Un salaire d'au moins {needed} atteindrait le seuil.",
    },
    "change.contract": {
        "en": "A contract of at least {months} months (or a permanent contract) would meet the condition.",
        "nl": "Een contract van minstens {months} maanden (of van onbepaalde duur) zou volstaan.",
        "fr": "Un contrat d'au moins {months} mois (ou à durée indéterminée) remplirait la condition.",
    },
    "change.working_time": {
        "en": "At least {hours} hours a week (of {full} full time) would meet the condition.",
        "nl": "Minstens {hours} uren per week (op {full} voltijds) zou volstaan.",
        "fr": "Au moins {hours} heures par semaine (sur {full} à temps plein) rempliraient la condition.",
    },
    "change.pay_category": {
        "en": "Classifying the job at least in the '{min}' pay category would meet the condition.",
        "nl": "De job minstens in looncategorie '{min}' indelen zou volstaan.",
        "fr": "Classer l'emploi au moins dans la catégorie « {min} » remplirait la condition.",
    },
    "change.education": {
        "en": "A diploma at EQF level {min} or higher would meet the condition.",
        "nl": "Een diploma op EQF-niveau {min} of hoger zou volstaan.",
        "fr": "Un diplôme de niveau CEC {min} ou plus remplirait la condition.",
    },
    "change.employer": {
        "en": "Hiring through an employer established in Belgium would meet the condition.",
        "nl": "Aanwerving via een in België gevestigde werkgever zou volstaan.",
        "fr": "Un recrutement par un employeur établi en Belgique remplirait la condition.",
    },
    "no_rules": {
        "en": "Our reference data has no permit rules for this authority on this date (the facts it rests on do not cover it), so nothing can be concluded.",
        "nl": "Onze referentiegegevens bevatten geen vergunningsregels voor deze overheid op deze datum (de feiten waarop ze steunen dekken die datum niet); er kan niets besloten worden.",
        "fr": "Nos données de référence ne contiennent aucune règle de permis pour cette autorité à cette date (les faits sur lesquels elles reposent ne la couvrent pas) ; rien ne peut être conclu.",
    },
    "disclaimer": {
        "en": "Indicative assessment from public sources, not legal advice. The regional authority decides on work authorisation and the Immigration Office on residence; check the official texts before applying.",
        "nl": "Indicatieve inschatting op basis van publieke bronnen, geen juridisch advies. Het gewest beslist over de arbeidstoelating en de Dienst Vreemdelingenzaken over het verblijf; controleer de officiële teksten vóór een aanvraag.",
        "fr": "Évaluation indicative fondée sur des sources publiques, pas un avis juridique. La région décide de l'autorisation de travail et l'Office des Étrangers du séjour ; vérifiez les textes officiels avant toute demande.",
    },
}

STAY_TYPES = {
    "short_stay": {"en": "short stay", "nl": "kort verblijf", "fr": "court séjour"},
    "student": {"en": "student", "nl": "student", "fr": "étudiant"},
    "researcher": {"en": "researcher", "nl": "onderzoeker", "fr": "chercheur"},
    "humanitarian_or_medical": {
        "en": "authorised humanitarian or medical stay",
        "nl": "toegestaan humanitair of medisch verblijf",
        "fr": "séjour autorisé humanitaire ou médical",
    },
    "family_reunification": {
        "en": "family reunification",
        "nl": "gezinshereniging",
        "fr": "regroupement familial",
    },
    "temporary_protection": {
        "en": "temporary protection",
        "nl": "tijdelijke bescherming",
        "fr": "protection temporaire",
    },
}


def render(key: str, lang: str, params: dict | None = None) -> str:
    template = T[key].get(lang) or T[key]["en"]
    if not params:
        return template
    values = {}
    for name, value in params.items():
        if isinstance(value, (Money, Number)):
            values[name] = value.render(lang)
        elif isinstance(value, dict) and lang in value:
            values[name] = value[lang]
        else:
            values[name] = value
    return template.format(**values)
