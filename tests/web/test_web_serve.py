"""`newsint serve --workers N`: how many server processes, and each one's app built from the
settings serve leaves in the environment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsint.config import default_config
from newsint.web import app as web_app


@pytest.mark.parametrize(("given", "at_least"), [(None, 2), (0, 2), (1, 1), (5, 5)])
def test_server_processes(given: int | None, at_least: int) -> None:
    n = web_app.server_processes(given, default_config())
    assert n >= at_least and (given in (None, 0) or n == given)


def test_each_server_process_builds_the_same_app(
    web_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = web_app.serve_settings(f"sqlite:///{web_db}", "s3cret-token", False, None)
    assert json.loads(settings[web_app.SERVE_ENV])["token"] == "s3cret-token"
    monkeypatch.setenv(web_app.SERVE_ENV, settings[web_app.SERVE_ENV])
    client = TestClient(web_app.from_environment())
    assert client.get("/api/stats").status_code == 401  # the token travels with the settings
    stats = client.get("/api/stats", headers={"authorization": "Bearer s3cret-token"})
    assert stats.status_code == 200 and stats.json()["articles"] > 0


def test_without_settings_the_factory_says_how_to_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(web_app.SERVE_ENV, raising=False)
    with pytest.raises(RuntimeError, match="newsint serve"):
        web_app.from_environment()
