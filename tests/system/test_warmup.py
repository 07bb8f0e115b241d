"""Workers build their indexes before the first request (api/warmup.py, api/gunicorn_config.py)."""

from api.warmup import warm_up
from services.cache import clear_all
from services.matches import peek_index
from services.taxonomy import occupation_index, skill_index
from tests.conftest import make_key

from .gunicorn_server import call, gunicorn


def test_warm_up_builds_every_index(app, vocabulary):
    clear_all()
    assert occupation_index.peek() is None and peek_index() is None
    seconds = warm_up(app)
    assert seconds >= 0
    assert occupation_index.peek() is not None and skill_index.peek() is not None
    assert peek_index() is not None


def test_gunicorn_with_the_warm_up_hook_serves_search(app, vocabulary, database_url):
    coach_key = make_key("Coaching A", "coaching", "coach")
    with gunicorn(database_url, workers=1) as base:
        status, hits, _ = call("GET", f"{base}/occupations/search?q=heftruckchauffeur&limit=1", coach_key)
    assert status == 200 and hits[0]["uri"] == vocabulary["occupations"]["forklift_driver"]["uri"]
