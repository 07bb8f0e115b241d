"""ESCO vocabulary: occupations, skills, ISCO-08 groups, their labels and relations.

Labels live in their own tables (one row per language, kind and text) so the normaliser can index
every label of every language, and an import can add a language without touching the concepts.
"""

from __future__ import annotations

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from core.taxonomy import LABEL_KINDS, LANGUAGES  # noqa: F401  (defined once in core)

from .base import BaseModel, utcnow


class VocabularyVersion(BaseModel):
    """One row per import or seed run: where the vocabulary came from and what it contained."""

    source = CharField(max_length=200)  # e.g. "seed_data/vocabulary" or "ESCO CSV /path"
    esco_version = CharField(max_length=50, default="")
    occupations = IntegerField(default=0)
    skills = IntegerField(default=0)
    labels = IntegerField(default=0)
    imported_at = DateTimeField(default=utcnow)


class IscoGroup(BaseModel):
    code = CharField(max_length=4, unique=True)  # 1 to 4 digits: major to unit group
    uri = CharField(max_length=255, null=True)
    description = TextField(default="")


class IscoGroupLabel(BaseModel):
    group = ForeignKeyField(IscoGroup, backref="labels", on_delete="CASCADE")
    lang = CharField(max_length=5)
    kind = CharField(max_length=10, default="preferred")
    text = CharField(max_length=500)

    class Meta:
        indexes = ((("group", "lang", "kind", "text"), True),)


class Occupation(BaseModel):
    uri = CharField(max_length=255, unique=True)
    isco_code = CharField(max_length=4, index=True, null=True)  # the ISCO-08 unit group
    code = CharField(max_length=50, null=True)  # ESCO occupation code, e.g. 7212.1 (ESCO >= 1.1)
    regulated_note = TextField(default="")
    description = TextField(default="")


class OccupationLabel(BaseModel):
    occupation = ForeignKeyField(Occupation, backref="labels", on_delete="CASCADE")
    lang = CharField(max_length=5, index=True)
    kind = CharField(max_length=10)
    text = CharField(max_length=500)

    class Meta:
        indexes = ((("occupation", "lang", "kind", "text"), True),)


class Skill(BaseModel):
    uri = CharField(max_length=255, unique=True)
    skill_type = CharField(max_length=50, default="")  # "skill/competence" or "knowledge"
    reuse_level = CharField(max_length=50, default="")
    description = TextField(default="")


class SkillLabel(BaseModel):
    skill = ForeignKeyField(Skill, backref="labels", on_delete="CASCADE")
    lang = CharField(max_length=5, index=True)
    kind = CharField(max_length=10)
    text = CharField(max_length=500)

    class Meta:
        indexes = ((("skill", "lang", "kind", "text"), True),)


class OccupationSkill(BaseModel):
    occupation = ForeignKeyField(Occupation, backref="skill_relations", on_delete="CASCADE")
    skill = ForeignKeyField(Skill, backref="occupation_relations", on_delete="CASCADE")
    relation = CharField(max_length=10)  # essential | optional

    class Meta:
        indexes = ((("occupation", "skill"), True),)
