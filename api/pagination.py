"""Page-number pagination with total counts, returned in the body.

Lists answer `{"items": [...], "page", "page_size", "total", "total_pages"}`. Services return
*ordered* queries (a unique column last), so page boundaries are stable.
"""

from __future__ import annotations

import math

import marshmallow as ma

from core.pay import MAX_EUR_AMOUNT  # noqa: F401 (re-exported: the plausible range of money figures)

from .fields import StrictInt

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Far beyond any real list, and small enough that (page - 1) × page_size fits a 64-bit OFFSET.
MAX_PAGE = 1_000_000_000
MAX_ID = 2**63 - 1  # the largest id a database column holds (BIGINT; SQLite INTEGER)



def id_field(minimum: int = 1, *, in_body: bool = False, **kwargs) -> ma.fields.Int:
    """An integer id or cursor in a query or body: bounded, so it never overflows a database column."""
    field = StrictInt if in_body else ma.fields.Int
    return field(validate=ma.validate.Range(min=minimum, max=MAX_ID), **kwargs)


class PageQuerySchema(ma.Schema):
    page = ma.fields.Int(load_default=1, validate=ma.validate.Range(min=1, max=MAX_PAGE),
                         metadata={"description": "Page number, from 1."})
    page_size = ma.fields.Int(load_default=DEFAULT_PAGE_SIZE,
                              validate=ma.validate.Range(min=1, max=MAX_PAGE_SIZE),
                              metadata={"description": f"Items per page, 1 to {MAX_PAGE_SIZE}."})


_page_schemas: dict[str, type[ma.Schema]] = {}


def page_schema(item_schema: type[ma.Schema]) -> type[ma.Schema]:
    """The envelope schema for a page of `item_schema` items (one class per item schema)."""
    name = item_schema.__name__.removesuffix("Schema") + "PageSchema"
    if name not in _page_schemas:
        _page_schemas[name] = ma.Schema.from_dict({
            "items": ma.fields.List(ma.fields.Nested(item_schema)),
            "page": ma.fields.Int(),
            "page_size": ma.fields.Int(),
            "total": ma.fields.Int(metadata={"description": "Items matching the filters, all pages."}),
            "total_pages": ma.fields.Int(),
        }, name=name)
    return _page_schemas[name]


def paginate(query, page: int, page_size: int, transform=None) -> dict:
    """Run one page of an ordered peewee query and count the whole result."""
    total = query.count()
    items = list(query.paginate(page, page_size))
    if transform is not None:
        items = [transform(item) for item in items]
    return {"items": items, "page": page, "page_size": page_size, "total": total,
            "total_pages": math.ceil(total / page_size) if total else 0}
