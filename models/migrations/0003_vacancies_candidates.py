"""Vacancies, candidates and the audit trail."""

from models.audit import AuditRecord
from models.candidate import Candidate, CandidateExperience, CandidateLanguage, CandidatePermitFacts, CandidateSkill
from models.vacancy import Vacancy, VacancyLanguage, VacancySkill


def up(database):
    database.create_tables([Vacancy, VacancySkill, VacancyLanguage, Candidate, CandidatePermitFacts,
                            CandidateSkill, CandidateExperience, CandidateLanguage, AuditRecord], safe=True)
