"""ESCO vocabulary tables, as they were at this version (see `frozen.py`)."""

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from .frozen import FrozenModel, create_frozen_tables


class VocabularyVersion(FrozenModel):
    source = CharField(max_length=200)
    esco_version = CharField(max_length=50)
    occupations = IntegerField()
    skills = IntegerField()
    labels = IntegerField()
    imported_at = DateTimeField()


class IscoGroup(FrozenModel):
    code = CharField(max_length=4, unique=True)
    uri = CharField(max_length=255, null=True)
    description = TextField()


class IscoGroupLabel(FrozenModel):
    group = ForeignKeyField(IscoGroup, on_delete="CASCADE")
    lang = CharField(max_length=5)
    kind = CharField(max_length=10)
    text = CharField(max_length=500)

    class Meta:
        indexes = ((("group", "lang", "kind", "text"), True),)


class Occupation(FrozenModel):
    uri = CharField(max_length=255, unique=True)
    isco_code = CharField(max_length=4, index=True, null=True)
    code = CharField(max_length=50, null=True)
    regulated_note = TextField()
    description = TextField()


class OccupationLabel(FrozenModel):
    occupation = ForeignKeyField(Occupation, on_delete="CASCADE")
    lang = CharField(max_length=5, index=True)
    kind = CharField(max_length=10)
    text = CharField(max_length=500)

    class Meta:
        indexes = ((("occupation", "lang", "kind", "text"), True),)


class Skill(FrozenModel):
    uri = CharField(max_length=255, unique=True)
    skill_type = CharField(max_length=50)
    reuse_level = CharField(max_length=50)
    description = TextField()


class SkillLabel(FrozenModel):
    skill = ForeignKeyField(Skill, on_delete="CASCADE")
    lang = CharField(max_length=5, index=True)
    kind = CharField(max_length=10)
    text = CharField(max_length=500)

    class Meta:
        indexes = ((("skill", "lang", "kind", "text"), True),)


class OccupationSkill(FrozenModel):
    occupation = ForeignKeyField(Occupation, on_delete="CASCADE")
    skill = ForeignKeyField(Skill, on_delete="CASCADE")
    relation = CharField(max_length=10)

    class Meta:
        indexes = ((("occupation", "skill"), True),)


def up(database):
    create_frozen_tables(database, [VocabularyVersion, IscoGroup, IscoGroupLabel, Occupation, OccupationLabel,
                                    Skill, SkillLabel, OccupationSkill])
