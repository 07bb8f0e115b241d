from models.organisation import Organisation
from tests.query_count import recorded_queries


def test_recorded_queries_sees_each_statement(app):
    with app.app_context():
        with recorded_queries() as statements:
            Organisation.select().count()
            list(Organisation.select().limit(1))
        assert len(statements) == 2
        assert all("organisation" in sql.lower() for sql in statements)
