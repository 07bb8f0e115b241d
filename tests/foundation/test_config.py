"""Configuration: environment variables with safe defaults, a stable instance secret."""

import stat

from api import create_app
from api.config import instance_secret


def test_instance_secret_is_created_once_private_and_stable(tmp_path):
    first = instance_secret(tmp_path / "instance")
    second = instance_secret(tmp_path / "instance")
    assert first == second and len(first) == 64
    mode = stat.S_IMODE((tmp_path / "instance" / "secret_key").stat().st_mode)
    assert mode == 0o600


def test_apps_without_secret_key_share_the_instance_secret(tmp_path, database_url):
    settings = {"DATABASE_URL": database_url, "INSTANCE_DIR": str(tmp_path), "SECRET_KEY": None}
    one, two = create_app(dict(settings)), create_app(dict(settings))
    assert one.config["SECRET_KEY"] and one.config["SECRET_KEY"] == two.config["SECRET_KEY"]


def test_environment_overrides(monkeypatch, tmp_path):
    monkeypatch.setenv("MATCH_WEIGHTS", '{"occupation": 0.5}')
    monkeypatch.setenv("RATE_LIMIT_PER_MINUTE", "7")
    import importlib

    import api.config as config_module
    reloaded = importlib.reload(config_module)
    try:
        assert reloaded.Config.MATCH_WEIGHTS == {"occupation": 0.5}
        assert reloaded.Config.RATE_LIMIT_PER_MINUTE == 7
    finally:
        monkeypatch.undo()
        importlib.reload(config_module)
