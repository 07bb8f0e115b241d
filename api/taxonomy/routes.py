from datetime import date

from flask.views import MethodView

from api.answers import RenderedAnswers
from api.auth import require_role
from core.regions import REGIONS
from services import permits, taxonomy

from . import blp
from .schemas import (
    IscoGroupSchema,
    OccupationHitSchema,
    OccupationSchema,
    SkillHitSchema,
    SkillSchema,
    VocabularyLangQuerySchema,
    VocabularySearchQuerySchema,
)

_occupation_answers = RenderedAnswers("occupation_search_answers", (taxonomy.VOCABULARY_COUNTER,),
                                      OccupationHitSchema(many=True))
_skill_answers = RenderedAnswers("skill_search_answers", (taxonomy.VOCABULARY_COUNTER,), SkillHitSchema(many=True))


def _search_answer(answers: RenderedAnswers, args: dict, search):
    key = (args["q"], args["lang"], args["limit"])
    return answers.respond(key, lambda: search(*key))


@blp.route("/occupations/search")
class OccupationSearch(MethodView):
    @require_role()
    @blp.arguments(VocabularySearchQuerySchema, location="query")
    @blp.response(200, OccupationHitSchema(many=True))
    def get(self, args):
        """Normalise a free-text job title to ranked ESCO occupations"""
        return _search_answer(_occupation_answers, args, taxonomy.search_occupations)


@blp.route("/occupations/<path:ref>")
class OccupationById(MethodView):
    @require_role()
    @blp.arguments(VocabularyLangQuerySchema, location="query")
    @blp.response(200, OccupationSchema)
    def get(self, args, ref):
        """Get an occupation (id, ESCO URI or UUID) with labels, ISCO groups, skills and shortage lists"""
        occupation = taxonomy.get_occupation(ref, lang=args["lang"])
        today = date.today()
        occupation["shortage_lists"] = [
            {"region": region, "list_name": name}
            for region in REGIONS
            for name in permits.shortage_lists_for(occupation["uri"], region, today)
        ]
        return occupation


@blp.route("/skills/search")
class SkillSearch(MethodView):
    @require_role()
    @blp.arguments(VocabularySearchQuerySchema, location="query")
    @blp.response(200, SkillHitSchema(many=True))
    def get(self, args):
        """Normalise a free-text skill to ranked ESCO skills"""
        return _search_answer(_skill_answers, args, taxonomy.search_skills)


@blp.route("/skills/<path:ref>")
class SkillById(MethodView):
    @require_role()
    @blp.arguments(VocabularyLangQuerySchema, location="query")
    @blp.response(200, SkillSchema)
    def get(self, args, ref):
        """Get a skill (by id, ESCO URI or ESCO UUID) with its labels and occupations"""
        return taxonomy.get_skill(ref, lang=args["lang"])


@blp.route("/isco-groups/<string:code>")
class IscoGroupByCode(MethodView):
    @require_role()
    @blp.arguments(VocabularyLangQuerySchema, location="query")
    @blp.response(200, IscoGroupSchema)
    def get(self, args, code):
        """Get an ISCO-08 group with its labels, parents, sub-groups and occupations"""
        return taxonomy.get_isco_group(code, lang=args["lang"])
