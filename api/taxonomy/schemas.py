"""Request and response schemas of the vocabulary endpoints."""

import marshmallow as ma

from core.taxonomy import LANGUAGES, MAX_LIMIT, MAX_QUERY_LENGTH

LANG_FIELD_DOC = f"Language of the labels: one of {', '.join(LANGUAGES)}."


class VocabularySearchQuerySchema(ma.Schema):
    q = ma.fields.Str(
        required=True,
        validate=ma.validate.Length(min=1, max=MAX_QUERY_LENGTH),
        metadata={"description": "Free text: a job title or skill as people write it."},
    )
    lang = ma.fields.Str(
        load_default=None,
        validate=ma.validate.OneOf(LANGUAGES),
        metadata={
            "description": "Language of the text (preferred labels, matching). "
            "Without it every loaded language is searched."
        },
    )
    limit = ma.fields.Int(
        load_default=10,
        validate=ma.validate.Range(min=1, max=MAX_LIMIT),
        metadata={"description": f"Number of hits, 1 to {MAX_LIMIT}."},
    )

    @ma.validates("q")
    def _not_blank(self, value, **kwargs):
        if not value.strip():
            raise ma.ValidationError("Give the text to search for (a job title or skill).")


class VocabularyLangQuerySchema(ma.Schema):
    lang = ma.fields.Str(
        load_default=None,
        validate=ma.validate.OneOf(LANGUAGES),
        metadata={"description": LANG_FIELD_DOC + " Default en."},
    )


class VocabularyHitBaseSchema(ma.Schema):
    uri = ma.fields.Str(metadata={"description": "ESCO concept URI."})
    preferred_label = ma.fields.Str(metadata={"description": "Preferred label in `lang` (fallback en)."})
    score = ma.fields.Float(
        metadata={"description": "Calibrated probability (0..1) that this is the right concept for the text."}
    )
    matched_label = ma.fields.Str(metadata={"description": "The label the text matched best."})
    matched_lang = ma.fields.Str()
    matched_kind = ma.fields.Str(metadata={"description": "preferred, alt or hidden."})
    signals = ma.fields.Dict(
        keys=ma.fields.Str(),
        values=ma.fields.Float(),
        metadata={"description": "The features behind the score (explanation)."},
    )


class OccupationHitSchema(VocabularyHitBaseSchema):
    occupation_id = ma.fields.Int()
    isco_code = ma.fields.Str(allow_none=True, metadata={"description": "ISCO-08 unit group."})


class SkillHitSchema(VocabularyHitBaseSchema):
    skill_id = ma.fields.Int()
    skill_type = ma.fields.Str()


class VocabularyLabelSetSchema(ma.Schema):
    preferred = ma.fields.Str(allow_none=True)
    alt = ma.fields.List(ma.fields.Str())
    hidden = ma.fields.List(ma.fields.Str())


class IscoLevelSchema(ma.Schema):
    code = ma.fields.Str()
    label = ma.fields.Str(allow_none=True)
    level = ma.fields.Int()


class OccupationSkillRefSchema(ma.Schema):
    skill_id = ma.fields.Int()
    uri = ma.fields.Str()
    preferred_label = ma.fields.Str(allow_none=True)


class OccupationShortageListSchema(ma.Schema):
    region = ma.fields.Str()
    list_name = ma.fields.Str()


class OccupationSchema(ma.Schema):
    occupation_id = ma.fields.Int()
    uri = ma.fields.Str()
    preferred_label = ma.fields.Str(allow_none=True)
    isco_code = ma.fields.Str(allow_none=True)
    code = ma.fields.Str(allow_none=True, metadata={"description": "ESCO occupation code (ESCO ≥ 1.1)."})
    description = ma.fields.Str()
    regulated_note = ma.fields.Str()
    labels = ma.fields.Dict(
        keys=ma.fields.Str(),
        values=ma.fields.Nested(VocabularyLabelSetSchema),
        metadata={"description": "Labels per language."},
    )
    isco_hierarchy = ma.fields.List(
        ma.fields.Nested(IscoLevelSchema),
        metadata={"description": "ISCO-08 groups from major to unit group."},
    )
    essential_skills = ma.fields.List(ma.fields.Nested(OccupationSkillRefSchema))
    optional_skills = ma.fields.List(ma.fields.Nested(OccupationSkillRefSchema))
    shortage_lists = ma.fields.List(
        ma.fields.Nested(OccupationShortageListSchema),
        metadata={"description": "Regional shortage lists naming this occupation today."},
    )
    vocabulary_version = ma.fields.Str()


class SkillOccupationSchema(ma.Schema):
    occupation_id = ma.fields.Int()
    uri = ma.fields.Str()
    preferred_label = ma.fields.Str(allow_none=True)
    relation = ma.fields.Str()


class SkillSchema(ma.Schema):
    skill_id = ma.fields.Int()
    uri = ma.fields.Str()
    preferred_label = ma.fields.Str(allow_none=True)
    skill_type = ma.fields.Str()
    reuse_level = ma.fields.Str()
    description = ma.fields.Str()
    labels = ma.fields.Dict(keys=ma.fields.Str(), values=ma.fields.Nested(VocabularyLabelSetSchema))
    occupations = ma.fields.List(
        ma.fields.Nested(SkillOccupationSchema),
        metadata={"description": "Occupations for which this skill is essential or optional."},
    )


class IscoSubGroupSchema(ma.Schema):
    code = ma.fields.Str()
    label = ma.fields.Str(allow_none=True)


class IscoOccupationSchema(ma.Schema):
    occupation_id = ma.fields.Int()
    uri = ma.fields.Str()
    preferred_label = ma.fields.Str(allow_none=True)


class IscoGroupSchema(ma.Schema):
    code = ma.fields.Str()
    uri = ma.fields.Str(allow_none=True)
    level = ma.fields.Int()
    label = ma.fields.Str(allow_none=True)
    description = ma.fields.Str()
    labels = ma.fields.Dict(keys=ma.fields.Str(), values=ma.fields.Nested(VocabularyLabelSetSchema))
    hierarchy = ma.fields.List(ma.fields.Nested(IscoLevelSchema), metadata={"description": "Parent groups."})
    children = ma.fields.List(ma.fields.Nested(IscoSubGroupSchema))
    occupations = ma.fields.List(
        ma.fields.Nested(IscoOccupationSchema),
        metadata={"description": "ESCO occupations of a unit group (4 digits)."},
    )
