"""ESCO vocabulary tables."""

from models.taxonomy import (
    IscoGroup,
    IscoGroupLabel,
    Occupation,
    OccupationLabel,
    OccupationSkill,
    Skill,
    SkillLabel,
    VocabularyVersion,
)


def up(database):
    database.create_tables([VocabularyVersion, IscoGroup, IscoGroupLabel, Occupation, OccupationLabel, Skill,
                            SkillLabel, OccupationSkill], safe=True)
