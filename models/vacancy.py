"""Vacancies posted by employer organisations, with their skill and language requirements."""

from __future__ import annotations

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

from .base import BaseModel, NeverReusedAutoField, utcnow
from .organisation import Organisation
from .taxonomy import Occupation, Skill


class Vacancy(BaseModel):
    id = NeverReusedAutoField()
    organisation = ForeignKeyField(Organisation, backref="vacancies", on_delete="CASCADE")
    external_id = CharField(max_length=200, null=True)
    title = CharField(max_length=300)
    title_lang = CharField(max_length=5, null=True)
    description = TextField(default="")

    occupation = ForeignKeyField(Occupation, null=True, on_delete="SET NULL", index=True)
    occupation_uri = CharField(max_length=255, null=True)
    occupation_score = FloatField(null=True)
    occupation_source = CharField(max_length=10, default="none")
    # JSON list of the runner-up occupations of an automatic normalisation, shown with low-confidence
    # results so that the owner can pick the right one; computed at write time, not on every read.
    occupation_alternatives = TextField(default="[]")

    postcode = CharField(max_length=4)
    region = CharField(max_length=20, index=True)

    min_education_eqf = IntegerField(null=True)  # 0 = no requirement, 1..8 EQF level
    min_experience_years = FloatField(null=True)

    salary_amount = FloatField(null=True)
    salary_period = CharField(max_length=10, null=True)
    salary_annual_eur = FloatField(null=True)  # derived, for filtering and permit thresholds
    weekly_hours = FloatField(null=True)
    full_time_weekly_hours = FloatField(default=38.0)
    contract_type = CharField(max_length=20, null=True)
    duration_months = IntegerField(null=True)
    start_date = DateField(null=True)
    positions = IntegerField(default=1)
    pay_category = CharField(max_length=20, default="unknown")
    employer_in_belgium = BooleanField(default=True)
    # Is the job an executive post (the executive permit routes need one)? NULL = not said (0009).
    executive_post = BooleanField(null=True)

    status = CharField(max_length=10, default="open", index=True)
    valid_through = DateField(null=True)
    sponsors_permit = BooleanField(default=False)

    version = IntegerField(default=1)  # bumped on every change; the ETag derives from it
    # Fingerprint of the last full write (PUT/bulk/POST) and vocabulary version: an identical
    # re-push is recognised as unchanged without normalising again. Emptied by PATCH.
    input_hash = CharField(max_length=64, default="")
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow, index=True)

    class Meta:
        indexes = ((("organisation", "external_id"), True),)


class VacancySkill(BaseModel):
    vacancy = ForeignKeyField(Vacancy, backref="skills", on_delete="CASCADE")
    skill = ForeignKeyField(Skill, null=True, on_delete="SET NULL")
    text = CharField(max_length=300, default="")  # what the employer wrote, kept as given
    match_score = FloatField(null=True)  # normaliser confidence when `text` was mapped to `skill`
    importance = CharField(max_length=10, default="essential")


class VacancyLanguage(BaseModel):
    vacancy = ForeignKeyField(Vacancy, backref="languages", on_delete="CASCADE")
    lang = CharField(max_length=5)
    level = CharField(max_length=2)

    class Meta:
        indexes = ((("vacancy", "lang"), True),)
