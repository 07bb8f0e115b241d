import pytest


@pytest.fixture
def vocab(vocabulary):
    """The shared test vocabulary (tests/vocab_fixture.py): ids and URIs by short name."""
    return vocabulary
