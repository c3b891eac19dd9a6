"""`newsint serve`: loopback by default, a token required beyond it, the corpus must exist; and
the demo ends by saying how to open the UI."""

from __future__ import annotations

import sys
from importlib import import_module
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsint.cli import app
from newsint.cli.main import _program

runner = CliRunner()
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """uvicorn.run replaced by a recorder: the command's checks run, no server starts."""
    import uvicorn

    calls: list[dict[str, Any]] = []

    def fake_run(web_app: Any, **options: Any) -> None:
        calls.append({"app": web_app, **options})

    monkeypatch.setattr(uvicorn, "run", fake_run)
    monkeypatch.delenv("NEWSINT_TOKEN", raising=False)
    # the ports these tests name may be taken on the test machine; test_a_busy_port probes
    monkeypatch.setattr(import_module("newsint.cli.main"), "port_problem", lambda h, p: None)
    return calls


def test_a_busy_port_is_one_line_naming_port(web_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: pytest.fail("uvicorn started"))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["serve", "--db", str(web_db), "--port", str(port)])
    assert result.exit_code == 2, result.output
    assert "Serving" not in result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"error --port {port}: port {port} on 127.0.0.1 is already in use")
    assert "--port N" in line


def test_a_free_port_passes_the_probe() -> None:
    import socket

    from newsint.cli.main import port_problem

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert port_problem("127.0.0.1", port) is None


def test_serve_binds_loopback_by_default(web_db: Path, started: list[dict[str, Any]]) -> None:
    result = runner.invoke(app, ["serve", "--db", str(web_db), "--workers", "1"])
    assert result.exit_code == 0, result.output
    (call,) = started
    assert (call["host"], call["port"]) == ("127.0.0.1", 8000)
    assert call["app"].state.web.token is None
    assert "http://127.0.0.1:8000" in result.output


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::"])
def test_serve_beyond_loopback_needs_a_token(
    web_db: Path, started: list[dict[str, Any]], host: str
) -> None:
    result = runner.invoke(app, ["serve", "--db", str(web_db), "--host", host])
    assert result.exit_code == 2
    assert "needs an access token" in result.output and "NEWSINT_TOKEN" in result.output
    assert started == []


def test_serve_takes_the_token_from_the_environment(
    web_db: Path, started: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSINT_TOKEN", "from-the-environment-123")
    result = runner.invoke(
        app,
        ["serve", "--db", str(web_db), "--host", "0.0.0.0", "--port", "8123", "--workers", "1"],
    )
    assert result.exit_code == 0, result.output
    (call,) = started
    assert call["app"].state.web.token == "from-the-environment-123"
    assert (call["host"], call["port"]) == ("0.0.0.0", 8123)
    assert "from-the-environment-123" not in result.output  # never echoed


def test_serve_runs_several_processes_by_default(
    web_db: Path, started: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    import json
    import os

    from newsint.web.app import SERVE_ENV

    monkeypatch.delenv(SERVE_ENV, raising=False)
    result = runner.invoke(app, ["serve", "--db", str(web_db)])
    assert result.exit_code == 0, result.output
    (call,) = started
    assert call["app"] == "newsint.web.app:from_environment" and call["factory"] is True
    assert call["workers"] >= 2
    assert f"{call['workers']} server processes" in " ".join(result.output.split())
    settings = json.loads(os.environ.pop(SERVE_ENV))
    assert settings["db"].endswith(web_db.name) and settings["token"] is None


def test_serve_needs_an_existing_corpus(tmp_path: Path, started: list[dict[str, Any]]) -> None:
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "no corpus here" in result.output
    assert started == []


@pytest.mark.parametrize(
    ("argv0", "on_path", "shown"),
    [
        (".venv/bin/newsint", None, ".venv/bin/newsint"),  # make demo: not activated
        ("/usr/local/bin/newsint", "/usr/local/bin/newsint", "newsint"),  # installed
        ("/x/newsint/cli/__main__.py", None, "newsint"),  # python -m newsint.cli
    ],
)
def test_demo_names_the_command_as_the_user_can_type_it(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    argv0: str,
    on_path: str | None,
    shown: str,
) -> None:
    import shutil

    monkeypatch.chdir(tmp_path)
    if argv0.startswith(".venv"):
        (tmp_path / ".venv/bin").mkdir(parents=True)
        (tmp_path / argv0).touch()
    monkeypatch.setattr(sys, "argv", [argv0])
    monkeypatch.setattr(shutil, "which", lambda name: on_path)
    assert _program() == shown
