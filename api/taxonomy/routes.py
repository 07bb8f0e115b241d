from flask.views import MethodView

from api.auth import require_role

from . import blp, service
from .schemas import (
    IscoGroupSchema,
    OccupationHitSchema,
    OccupationSchema,
    SkillHitSchema,
    SkillSchema,
    VocabularyLangQuerySchema,
    VocabularySearchQuerySchema,
)


@blp.route("/occupations/search")
class OccupationSearch(MethodView):
    @require_role()
    @blp.arguments(VocabularySearchQuerySchema, location="query")
    @blp.response(200, OccupationHitSchema(many=True))
    def get(self, args):
        """Normalise a free-text job title to ranked ESCO occupations"""
        return service.search_occupations(args["q"], lang=args["lang"], limit=args["limit"])


@blp.route("/occupations/<path:ref>")
class OccupationById(MethodView):
    @require_role()
    @blp.arguments(VocabularyLangQuerySchema, location="query")
    @blp.response(200, OccupationSchema)
    def get(self, args, ref):
        """Get an occupation (id, ESCO URI or UUID) with labels, ISCO groups, skills and shortage lists"""
        return service.get_occupation(ref, lang=args["lang"])


@blp.route("/skills/search")
class SkillSearch(MethodView):
    @require_role()
    @blp.arguments(VocabularySearchQuerySchema, location="query")
    @blp.response(200, SkillHitSchema(many=True))
    def get(self, args):
        """Normalise a free-text skill to ranked ESCO skills"""
        return service.search_skills(args["q"], lang=args["lang"], limit=args["limit"])


@blp.route("/skills/<path:ref>")
class SkillById(MethodView):
    @require_role()
    @blp.arguments(VocabularyLangQuerySchema, location="query")
    @blp.response(200, SkillSchema)
    def get(self, args, ref):
        """Get a skill (by id, ESCO URI or ESCO UUID) with its labels and occupations"""
        return service.get_skill(ref, lang=args["lang"])


@blp.route("/isco-groups/<string:code>")
class IscoGroupByCode(MethodView):
    @require_role()
    @blp.arguments(VocabularyLangQuerySchema, location="query")
    @blp.response(200, IscoGroupSchema)
    def get(self, args, code):
        """Get an ISCO-08 group with its labels, parents, sub-groups and occupations"""
        return service.get_isco_group(code, lang=args["lang"])
