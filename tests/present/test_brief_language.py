"""The brief says an article's language, and why one not in English has no entities, claims or
events (issue 21)."""

from __future__ import annotations

import pytest

from handmade import article
from newsint.present.brief import section_article
from newsint.stages.base import SKIPPED_NOTE


def language_row(found: dict[str, str], language: str) -> str:
    a = article("Die Fähre nach Rønne fällt bis Montag aus.")
    a.article.language = language
    a.article.found.update(found)
    rows = {row[0]: row[1] for row in section_article(a).rows}
    return str(rows["language"])


@pytest.mark.parametrize(
    ("found", "language", "row"),
    [
        ({}, "en", "en"),
        (
            {SKIPPED_NOTE: "nlp, entities: English-only stages, not run on text in 'de'"},
            "de",
            "de: not English, so nlp, entities did not run (no entities, claims or events)",
        ),
    ],
)
def test_the_language_row(found: dict[str, str], language: str, row: str) -> None:
    assert language_row(found, language) == row
