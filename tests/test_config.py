from __future__ import annotations

from pathlib import Path

import pytest

from newsint.config import default_config, load_config
from newsint.errors import ConfigError


def test_defaults_load() -> None:
    cfg = default_config()
    assert 0 < cfg.clean.near_duplicate_threshold <= 1
    assert cfg.limits.max_file_bytes > 0
    assert "clean" in cfg.pipeline.stages


def test_user_file_overrides_only_what_it_names(tmp_path: Path) -> None:
    f = tmp_path / "c.toml"
    f.write_text("[clean]\nnear_duplicate_threshold = 0.9\n")
    cfg = load_config(f)
    assert cfg.clean.near_duplicate_threshold == 0.9
    assert cfg.limits == default_config().limits


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[clean]\nno_such_key = 1\n", "unknown setting"),
        ("[nosuchsection]\nx = 1\n", "unknown setting"),
        ("[clean\n", "not valid TOML"),
        ("clean = 3\n", "must be a table"),
        ("[clean]\nnear_duplicate_threshold = 'high'\n", "invalid setting"),
        ("[nlp]\nblas = 'mkl'\n", "invalid setting"),
    ],
)
def test_bad_user_config_is_one_clear_error(tmp_path: Path, content: str, message: str) -> None:
    f = tmp_path / "bad.toml"
    f.write_text(content)
    with pytest.raises(ConfigError, match=message) as info:
        load_config(f)
    assert str(f) in info.value.line()


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "missing.toml")


def test_env_variable_names_the_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "c.toml"
    f.write_text("[pipeline]\nbatch_size = 3\n")
    monkeypatch.setenv("NEWSINT_CONFIG", str(f))
    assert load_config().pipeline.batch_size == 3
