import pytest

from models import db
from tests.vacancies.helpers import build_vocabulary


@pytest.fixture
def vocab(app):
    with db.connection_context():
        return build_vocabulary()
