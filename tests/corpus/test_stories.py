"""Same-event similarity: background IDF, headline weight, name Dice (our own invented texts)."""

from __future__ import annotations

import numpy as np
import pytest

from corpus_texts import features
from newsint.config import default_config
from newsint.corpus.compare import background_idf, cosine, make_doc, story_vector
from newsint.corpus.stories import name_dice, story_cosine, story_key_terms, story_similarity
from newsint.stages.features import pieces as T

CFG = default_config().corpus


def term(word: str) -> np.ndarray:
    (stem,) = T.content_stems([word], CFG.stem_prefix)
    return np.array([T.hash32(stem)], dtype=np.uint32)


def idf(word: str) -> float:
    return float(background_idf(term(word), CFG)[0])


@pytest.mark.parametrize(
    ("common", "rare"),
    [
        ("police", "earthquake"),
        ("government", "landslide"),
        ("water", "ferryman"),
        ("city", "quarantine"),
    ],
)
def test_common_words_weigh_less_than_rare_ones(common: str, rare: str) -> None:
    assert 0.0 <= idf(common) < idf(rare)


def test_unknown_word_counts_as_the_configured_frequency() -> None:
    expected = CFG.story_idf_ceiling - CFG.story_idf_unknown_zipf
    assert idf("zqxvrantolk") == pytest.approx(expected)


def test_headline_words_weigh_more_and_the_vector_is_normalised() -> None:
    terms = np.unique(np.concatenate([term("ferryman"), term("harbour")]))
    counts = np.ones(len(terms), dtype=np.float32)
    plain = story_vector(terms, counts, None, CFG)
    headed = story_vector(terms, counts, "Harbour closed", CFG)
    assert np.linalg.norm(plain) == pytest.approx(1.0)
    assert np.linalg.norm(headed) == pytest.approx(1.0)
    harbour = int(np.flatnonzero(terms == term("harbour")[0])[0])
    assert headed[harbour] > plain[harbour]


VOLCANO = (
    "The Mount Ostrava volcano erupted on Tuesday, covering the village of Velmir in ash. "
    "Rescuers evacuated 400 residents from Velmir as lava reached the valley road."
)
VOLCANO_OTHER_WORDS = (
    "Ash from Mount Ostrava buried Velmir after the eruption, and residents of the valley fled "
    "while lava crept toward the road, rescuers said."
)
COMMON_ONLY = (
    "People in the city said on Tuesday that the government would meet this week to discuss "
    "the year ahead, officials said."
)
COMMON_TOO = (
    "Officials said people in the city expect the government to meet next week to talk about "
    "plans for the year, people said."
)
FERRY = (
    "The ferry Lunar Gull ran aground off Kessel Point, and the coastguard towed it to Brannock "
    "harbour on Sunday."
)


def similarity(a: str, b: str, **kw) -> float:
    da = make_doc(features(a, site="a.example", published="2026-03-02", **kw), CFG)
    db = make_doc(features(b, site="b.example", published="2026-03-02"), CFG)
    return story_similarity(da, db, CFG)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (VOLCANO, VOLCANO_OTHER_WORDS, True),
        (VOLCANO, FERRY, False),
        (COMMON_ONLY, FERRY, False),
    ],
)
def test_story_edge_follows_rare_shared_words(a: str, b: str, same: bool) -> None:
    assert (similarity(a, b) >= CFG.story_block_similarity) is same


def test_shared_common_words_count_less_than_in_the_plain_cosine() -> None:
    a = make_doc(features(COMMON_ONLY, site="a.example", published=None), CFG)
    b = make_doc(features(COMMON_TOO, site="b.example", published=None), CFG)
    assert story_cosine(a, b) < cosine(a, b)
    assert similarity(COMMON_ONLY, COMMON_TOO) < similarity(VOLCANO, VOLCANO_OTHER_WORDS)


@pytest.mark.parametrize(("a", "b"), [(VOLCANO, VOLCANO_OTHER_WORDS), (FERRY, VOLCANO)])
def test_story_similarity_is_symmetric(a: str, b: str) -> None:
    assert similarity(a, b) == pytest.approx(similarity(b, a))


@pytest.mark.parametrize(
    ("names_a", "names_b", "dice"),
    [
        (["velmir", "mount ostrava"], ["velmir", "mount ostrava"], 1.0),
        (["velmir", "mount ostrava"], ["velmir", "kessel point"], 0.5),
        (["velmir"], ["velmir", "a", "b", "c"], 0.4),
        (["velmir"], ["kessel point"], 0.0),
        ([], ["velmir"], 0.0),
    ],
)
def test_name_dice(names_a: list[str], names_b: list[str], dice: float) -> None:
    a = make_doc(features(VOLCANO, site="a.example", published=None), CFG)
    b = make_doc(features(FERRY, site="b.example", published=None), CFG)
    a.names, b.names = frozenset(names_a), frozenset(names_b)
    assert name_dice(a, b) == pytest.approx(dice)


def keys_of(text: str, k: int = 10) -> set[int]:
    return set(story_key_terms(make_doc(features(text, site="a.example", published=None), CFG), k))


def test_story_key_terms_are_the_telling_words_and_meet_across_rewrites() -> None:
    """Blocking keys: a report of one event in other words shares its rare words, an unrelated
    one shares none, and a common word is never among them."""
    volcano = keys_of(VOLCANO)
    assert len(volcano) == 10
    assert volcano & keys_of(VOLCANO_OTHER_WORDS)
    assert not volcano & keys_of(FERRY)
    assert int(term("velmir")[0]) in volcano
    assert int(term("government")[0]) not in keys_of(COMMON_ONLY + " Velmir.", 3)
    assert keys_of(VOLCANO, 0) == set()
