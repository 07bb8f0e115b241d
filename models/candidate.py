"""Candidate profiles kept by coaching and integration organisations.

Privacy by design: no name or contact details; the permit-relevant personal facts live in their own
table (`CandidatePermitFacts`) that the matching engine never reads; deleting a candidate cascades
to every row derived from it.
"""

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


class Candidate(BaseModel):
    id = NeverReusedAutoField()
    organisation = ForeignKeyField(Organisation, backref="candidates", on_delete="CASCADE")
    external_id = CharField(max_length=200, null=True)
    reference = CharField(max_length=200, default="")  # pseudonymous, chosen by the coach

    education_eqf = IntegerField(null=True)
    education_field = CharField(max_length=300, default="")
    diploma_recognition = CharField(max_length=20, default="unknown")
    driving_licences = CharField(max_length=200, default="")  # comma-separated categories: B,C,CE
    preferred_regions = CharField(max_length=200, default="")  # comma-separated region ids
    available_from = DateField(null=True)

    consent_given_at = DateTimeField(null=True)
    consent_purpose = CharField(max_length=500, default="")
    share_with_employers = BooleanField(default=False)

    version = IntegerField(default=1)
    input_hash = CharField(max_length=64, default="")  # see Vacancy.input_hash
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow, index=True)

    class Meta:
        indexes = ((("organisation", "external_id"), True),)


class CandidatePermitFacts(BaseModel):
    """Facts used only by the permit assessment; never an input of the match score."""

    candidate = ForeignKeyField(Candidate, backref="permit_facts", unique=True, on_delete="CASCADE")
    residence_situation = CharField(max_length=50, default="unknown")
    eu_eea_swiss_citizen = BooleanField(null=True)
    birth_year = IntegerField(null=True)
    is_nurse = BooleanField(null=True)
    is_teacher = BooleanField(null=True)


class CandidateSkill(BaseModel):
    candidate = ForeignKeyField(Candidate, backref="skills", on_delete="CASCADE")
    skill = ForeignKeyField(Skill, null=True, on_delete="SET NULL")
    text = CharField(max_length=300, default="")
    match_score = FloatField(null=True)
    years = FloatField(null=True)
    level = CharField(max_length=50, null=True)


class CandidateExperience(BaseModel):
    candidate = ForeignKeyField(Candidate, backref="experiences", on_delete="CASCADE")
    title = CharField(max_length=300)
    occupation = ForeignKeyField(Occupation, null=True, on_delete="SET NULL")
    occupation_uri = CharField(max_length=255, null=True)
    occupation_score = FloatField(null=True)
    occupation_source = CharField(max_length=10, default="none")  # auto | manual | none
    years = FloatField(null=True)
    country = CharField(max_length=2, null=True)  # ISO 3166-1 alpha-2
    # Runner-up occupations the normaliser proposed for the title (JSON: uri, preferred_label,
    # isco_code, score), as on Vacancy; "[]" when chosen by a person. Used by the matching engine.
    occupation_alternatives = TextField(default="[]")


class CandidateLanguage(BaseModel):
    candidate = ForeignKeyField(Candidate, backref="languages", on_delete="CASCADE")
    lang = CharField(max_length=5)
    level = CharField(max_length=2)

    class Meta:
        indexes = ((("candidate", "lang"), True),)
