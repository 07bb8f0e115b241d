"""Enumerations of a vacancy, and the language levels vacancies require and candidates hold."""

VACANCY_STATUSES = ("draft", "open", "filled", "closed")
CONTRACT_TYPES = ("permanent", "fixed_term", "temporary_agency")
SALARY_PERIODS = ("hour", "month", "year")
PAY_CATEGORIES = ("unskilled", "semi_skilled", "skilled", "highly_skilled", "unknown")
# How an occupation was set: normalised from the title, chosen by the owner, or not found.
OCCUPATION_SOURCES = ("auto", "manual", "none")
IMPORTANCE = ("essential", "optional")
# Common European Framework of Reference levels, lowest first.
CEFR_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
# Languages a vacancy title may be written in (and normalised from).
TEXT_LANGUAGES = ("nl", "fr", "de", "en")
