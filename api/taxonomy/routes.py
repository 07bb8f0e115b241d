from datetime import date

from flask import current_app
from flask.views import MethodView

from api.auth import require_role
from core.regions import REGIONS
from services import permits, taxonomy
from services.cache import VersionedCache

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


class _RecentAnswers:
    """The serialised answers of recent searches: the same q, lang and limit give the same body while
    the vocabulary stays put, so a repeated search skips the search and the schema dump."""

    def __init__(self, name: str, schema):
        self._schema = schema
        self._bodies = VersionedCache(
            name, (taxonomy.VOCABULARY_COUNTER,), build=lambda: taxonomy.RecentResults(taxonomy.RECENT_RESULTS)
        )

    def respond(self, args: dict, search):
        bodies = self._bodies.get()
        key = (args["q"], args["lang"], args["limit"])
        body = bodies.get(key)
        if body is None:
            body = current_app.json.response(self._schema.dump(search(*key))).get_data()
            bodies.put(key, body)
        return current_app.response_class(body, mimetype=current_app.json.mimetype)


_occupation_answers = _RecentAnswers("occupation_search_answers", OccupationHitSchema(many=True))
_skill_answers = _RecentAnswers("skill_search_answers", SkillHitSchema(many=True))


@blp.route("/occupations/search")
class OccupationSearch(MethodView):
    @require_role()
    @blp.arguments(VocabularySearchQuerySchema, location="query")
    @blp.response(200, OccupationHitSchema(many=True))
    def get(self, args):
        """Normalise a free-text job title to ranked ESCO occupations"""
        return _occupation_answers.respond(args, taxonomy.search_occupations)


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
        return _skill_answers.respond(args, taxonomy.search_skills)


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
