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


@pytest.fixture(scope="session")
def resources():
    """One Resources per test session, so the spaCy pipeline loads once for all tests."""
    from newsint.stages.base import Resources

    return Resources(default_config())


@pytest.fixture(scope="session")
def run_stages(resources):
    """run_stages(text, stages=[...], published=None) -> Work, through the shared Resources."""
    from newsint.api import set_published
    from newsint.pipeline import build_stages
    from newsint.readers import read_bytes
    from newsint.stages.base import Work

    def run(text: str, stages: list[str] | None = None, published: str | None = None, fmt=".txt"):
        (analysis,) = list(read_bytes(text.encode("utf-8"), "<test>", fmt, resources.config))
        set_published(analysis, published)
        batch = [Work(analysis)]
        for stage in build_stages(stages or list(resources.config.pipeline.stages), resources):
            stage(batch)
        return batch[0]

    return run
