"""The process-wide memos take their bounds from data/memo.toml, by name."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsint.stages.claims import lexicon as lexmod
from newsint.text import fold as foldmod
from newsint.text import memo
from newsint.text.memo import memo_bound


@pytest.mark.parametrize(
    ("bounded", "memo_name", "name"),
    [
        (lambda: foldmod.fold.cache_info().maxsize, "fold", "entries"),
        (lambda: foldmod.name_key.cache_info().maxsize, "fold", "entries"),
        (lambda: foldmod.word_key.cache_info().maxsize, "fold", "entries"),
        (lambda: lexmod._verb_candidates.cache_info().maxsize, "verb_base", "candidates"),
        (lambda: lexmod._MAX_LISTS, "verb_base", "lists"),
        (lambda: lexmod._MAX_FORMS, "verb_base", "forms_per_list"),
    ],
)
def test_memos_use_the_named_bound(
    bounded: Callable[[], int | None], memo_name: str, name: str
) -> None:
    assert bounded() == memo_bound(memo_name, name) > 0


@pytest.mark.parametrize("value", [-1, 2.5, "many", True])
def test_a_bound_must_be_a_whole_number(monkeypatch: pytest.MonkeyPatch, value: object) -> None:
    monkeypatch.setattr(memo, "_bounds", lambda: {"fold": {"entries": value}})
    with pytest.raises(ValueError, match=r"\[fold\] entries"):
        memo_bound("fold", "entries")


def test_an_unnamed_bound_is_an_error() -> None:
    with pytest.raises(KeyError):
        memo_bound("fold", "no_such_bound")
