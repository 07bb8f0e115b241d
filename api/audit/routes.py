from flask.views import MethodView

from api.auth import current_actor, require_role
from api.pagination import page_schema, paginate
from services import audit

from . import blp
from .schemas import AuditQuerySchema, AuditRecordSchema


@blp.route("")
class AuditRecords(MethodView):
    @require_role("admin")
    @blp.arguments(AuditQuerySchema, location="query")
    @blp.response(200, page_schema(AuditRecordSchema))
    def get(self, args):
        """List audit records (newest first), filtered and paginated"""
        page, page_size = args.pop("page"), args.pop("page_size")
        result = paginate(audit.list_records(current_actor(), args), page, page_size)
        result["items"] = audit.serialise_records(result["items"])
        return result
