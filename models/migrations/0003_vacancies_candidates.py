"""Vacancies, candidates and the audit trail, as they were at this version (see `frozen.py`).

CandidateExperience.occupation_alternatives is added by 0006, the audit subject index by 0005.
"""

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from .frozen import FrozenModel, create_frozen_tables


# Tables of earlier migrations that foreign keys point at: the primary key is all they need here.
class Organisation(FrozenModel):
    pass


class ApiKey(FrozenModel):
    pass


class Occupation(FrozenModel):
    pass


class Skill(FrozenModel):
    pass


class Vacancy(FrozenModel):
    organisation = ForeignKeyField(Organisation, on_delete="CASCADE")
    external_id = CharField(max_length=200, null=True)
    title = CharField(max_length=300)
    title_lang = CharField(max_length=5, null=True)
    description = TextField()
    occupation = ForeignKeyField(Occupation, null=True, on_delete="SET NULL", index=True)
    occupation_uri = CharField(max_length=255, null=True)
    occupation_score = FloatField(null=True)
    occupation_source = CharField(max_length=10)
    occupation_alternatives = TextField()
    postcode = CharField(max_length=4)
    region = CharField(max_length=20, index=True)
    min_education_eqf = IntegerField(null=True)
    min_experience_years = FloatField(null=True)
    salary_amount = FloatField(null=True)
    salary_period = CharField(max_length=10, null=True)
    salary_annual_eur = FloatField(null=True)
    weekly_hours = FloatField(null=True)
    full_time_weekly_hours = FloatField()
    contract_type = CharField(max_length=20, null=True)
    duration_months = IntegerField(null=True)
    start_date = DateField(null=True)
    positions = IntegerField()
    pay_category = CharField(max_length=20)
    employer_in_belgium = BooleanField()
    status = CharField(max_length=10, index=True)
    valid_through = DateField(null=True)
    sponsors_permit = BooleanField()
    version = IntegerField()
    input_hash = CharField(max_length=64)
    created_at = DateTimeField()
    updated_at = DateTimeField(index=True)

    class Meta:
        indexes = ((("organisation", "external_id"), True),)


class VacancySkill(FrozenModel):
    vacancy = ForeignKeyField(Vacancy, on_delete="CASCADE")
    skill = ForeignKeyField(Skill, null=True, on_delete="SET NULL")
    text = CharField(max_length=300)
    match_score = FloatField(null=True)
    importance = CharField(max_length=10)


class VacancyLanguage(FrozenModel):
    vacancy = ForeignKeyField(Vacancy, on_delete="CASCADE")
    lang = CharField(max_length=5)
    level = CharField(max_length=2)

    class Meta:
        indexes = ((("vacancy", "lang"), True),)


class Candidate(FrozenModel):
    organisation = ForeignKeyField(Organisation, on_delete="CASCADE")
    external_id = CharField(max_length=200, null=True)
    reference = CharField(max_length=200)
    education_eqf = IntegerField(null=True)
    education_field = CharField(max_length=300)
    diploma_recognition = CharField(max_length=20)
    driving_licences = CharField(max_length=200)
    preferred_regions = CharField(max_length=200)
    available_from = DateField(null=True)
    consent_given_at = DateTimeField(null=True)
    consent_purpose = CharField(max_length=500)
    share_with_employers = BooleanField()
    version = IntegerField()
    input_hash = CharField(max_length=64)
    created_at = DateTimeField()
    updated_at = DateTimeField(index=True)

    class Meta:
        indexes = ((("organisation", "external_id"), True),)


class CandidatePermitFacts(FrozenModel):
    candidate = ForeignKeyField(Candidate, unique=True, on_delete="CASCADE")
    residence_situation = CharField(max_length=50)
    eu_eea_swiss_citizen = BooleanField(null=True)
    birth_year = IntegerField(null=True)
    is_nurse = BooleanField(null=True)
    is_teacher = BooleanField(null=True)


class CandidateSkill(FrozenModel):
    candidate = ForeignKeyField(Candidate, on_delete="CASCADE")
    skill = ForeignKeyField(Skill, null=True, on_delete="SET NULL")
    text = CharField(max_length=300)
    match_score = FloatField(null=True)
    years = FloatField(null=True)
    level = CharField(max_length=50, null=True)


class CandidateExperience(FrozenModel):
    candidate = ForeignKeyField(Candidate, on_delete="CASCADE")
    title = CharField(max_length=300)
    occupation = ForeignKeyField(Occupation, null=True, on_delete="SET NULL")
    occupation_uri = CharField(max_length=255, null=True)
    occupation_score = FloatField(null=True)
    occupation_source = CharField(max_length=10)
    years = FloatField(null=True)
    country = CharField(max_length=2, null=True)


class CandidateLanguage(FrozenModel):
    candidate = ForeignKeyField(Candidate, on_delete="CASCADE")
    lang = CharField(max_length=5)
    level = CharField(max_length=2)

    class Meta:
        indexes = ((("candidate", "lang"), True),)


class AuditRecord(FrozenModel):
    created_at = DateTimeField(index=True)
    action = CharField(max_length=40, index=True)
    organisation = ForeignKeyField(Organisation, null=True, on_delete="SET NULL")
    api_key = ForeignKeyField(ApiKey, null=True, on_delete="SET NULL")
    subject_type = CharField(max_length=20)
    subject_id = IntegerField(null=True)
    engine_version = CharField(max_length=40)
    vocabulary_version = CharField(max_length=40)
    parameters = TextField()
    results = TextField()


def up(database):
    create_frozen_tables(database, [Vacancy, VacancySkill, VacancyLanguage, Candidate, CandidatePermitFacts,
                                    CandidateSkill, CandidateExperience, CandidateLanguage, AuditRecord])
