"""Shared fixtures. Tests never need the network or ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsint.config import Config, default_config

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def config() -> Config:
    return default_config()


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
