"""Language stage: py3langid on our own invented sentences."""

from __future__ import annotations

import pytest

from handmade import article
from newsint.config import default_config
from newsint.stages.base import Work
from newsint.stages.language.detect import detect
from newsint.stages.language.stage import LanguageStage

CFG = default_config().language


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "The harbour master said on Tuesday that the ferry to Kessel Point would run again "
            "next week once the storm damage to the pier had been repaired.",
            "en",
        ),
        (
            "Der Hafenmeister sagte am Dienstag, die Fähre nach Kessel Point werde nächste Woche "
            "wieder fahren, sobald die Sturmschäden am Pier behoben seien.",
            "de",
        ),
        (
            "Le capitaine du port a déclaré mardi que le ferry vers Kessel Point reprendrait la "
            "semaine prochaine, une fois les dégâts de la tempête réparés.",
            "fr",
        ),
        (
            "Начальник порта заявил во вторник, что паром до Кессел-Пойнт снова пойдёт на "
            "следующей неделе, когда причал отремонтируют после шторма.",
            "ru",
        ),
    ],
)
def test_detects_the_language_of_a_news_sentence(text: str, code: str) -> None:
    assert detect(text, CFG) == code


@pytest.mark.parametrize("text", ["", "OK", "12 34 56", "Photo: A. Brant"])
def test_too_little_text_says_nothing(text: str) -> None:
    assert detect(text, CFG) is None


def test_stage_sets_the_language_and_keeps_the_reader_value_when_unsure() -> None:
    german = article(
        "Die Regierung in Valmora kündigte am Montag neue Sanktionen gegen drei Reedereien an, "
        "die Waffen an die Rebellen geliefert haben sollen."
    )
    short = article("Valmora, Monday.")
    batch = [Work(german), Work(short)]
    LanguageStage(CFG)(batch)
    assert german.article.language == "de"
    assert german.article.found["language"] == "py3langid"
    assert short.article.language == "en"  # the reader's default, kept
    assert "language" not in short.article.found
