"""ArticleFeatures: the evidence pieces, compact JSON, determinism."""

from __future__ import annotations

import pytest

from corpus_texts import ORIGINAL, SPIN, SYNDICATED, analysis, features
from newsint.config import default_config
from newsint.stages.features import pieces as T
from newsint.stages.features.extract import extract_features
from newsint.stages.features.record import ArticleFeatures


def test_features_round_trip_and_are_deterministic() -> None:
    f = features(ORIGINAL, site="harborwire.example", published="2026-03-01")
    again = features(ORIGINAL, site="harborwire.example", published="2026-03-01")
    assert f.model_dump_json() == again.model_dump_json()
    assert ArticleFeatures.model_validate_json(f.model_dump_json()) == f
    assert len(f.model_dump_json()) < 12_000


def test_evidence_pieces() -> None:
    f = features(ORIGINAL, site="harborwire.example", published="2026-03-01")
    assert "3200" in f.numbers and "14.5e6" in f.numbers and "41" in f.numbers
    assert "the largest of its kind we have ever made at this port" in f.quotes
    assert {c.name for c in f.credits if c.outlet} == {"Harbor Wire Service"}
    assert "silent heron" in f.names  # capitalised-sequence fallback without NER


@pytest.mark.parametrize(
    ("text", "kind", "name"),
    [
        ("This story was provided by Harbor Wire Service.", "provided", "Harbor Wire Service"),
        ("VALMORA (Harbor Wire) - Inspectors seized crates.", "dateline", "Harbor Wire"),
        ("OSLO, March 4 (Reuters) - The krone fell.", "dateline", "Reuters"),  # dated dateline
        (
            "The ship was seized, according to the Associated Press.",
            "according",
            "Associated Press",
        ),
        ("A memo obtained by Reuters shows the ship was seized.", "obtained", "Reuters"),
        ("Two officials told Valmora Herald that it was true.", "told", "Valmora Herald"),
        (
            "The Valmora Daily News reported on Monday that it happened.",
            "reported",
            "Valmora Daily News",
        ),
    ],
)
def test_credit_lines(text: str, kind: str, name: str) -> None:
    found = T.find_credits(text)
    assert (kind, name) in {(c.kind, c.name) for c in found}


@pytest.mark.parametrize(
    "text",
    [
        "According to a leaked document, the ship was seized.",
        "The ministry reported a rise in cases.",
        "According to Odile Ferrand, the ship was seized.",
    ],
)
def test_non_outlet_credits_are_not_outlets(text: str) -> None:
    assert not [c for c in T.find_credits(text) if c.outlet]


def test_syndication_line_and_wrong_credit_are_found() -> None:
    synd = features(SYNDICATED, site="valmoradaily.example", published=None)
    assert ("provided", "Harbor Wire Service") in {(c.kind, c.name) for c in synd.credits}
    spin = features(SPIN, site="spinmill.example", published=None)
    assert {c.wire for c in spin.credits if c.wire} == {"Reuters"}


@pytest.mark.parametrize(
    ("site", "key"),
    [("www.news.bbc.co.uk", "bbc"), ("harborwire.example", "harborwire"), (None, None)],
)
def test_site_key(site: str | None, key: str | None) -> None:
    assert T.site_key(site) == key


GERMAN = (
    "Am Dienstag sagte die Bürgermeisterin Lena Vossberg, das Schiff Lunar Gull bleibe eine "
    "Woche im Hafen von Korrin. Die Reederei Baltmar schwieg."
)


@pytest.mark.parametrize(
    ("text", "language", "names", "not_names"),
    [
        # the language's own function words are stripped from a name's ends
        (GERMAN, "de", {"Reederei Baltmar", "Schiff Lunar Gull"}, {"Die Reederei Baltmar"}),
        (GERMAN, "en", {"Die Reederei Baltmar"}, {"Reederei Baltmar"}),
        (
            "Mardi, la maire Lena Vossberg a dit que le navire Lunar Gull resterait au port.",
            "fr",
            {"Lena Vossberg", "Lunar Gull"},
            {"Mardi"},
        ),
        (
            "Mayor Lena Vossberg said on Tuesday the Lunar Gull stays in Korrin harbour.",
            "en",
            {"Mayor Lena Vossberg", "Lunar Gull", "Korrin"},
            {"Tuesday"},
        ),
    ],
)
def test_names_by_language(text: str, language: str, names: set[str], not_names: set[str]) -> None:
    found = set(T.capitalised_names(text, language))
    assert names <= found
    assert not (not_names & found)


def test_a_german_article_gets_names_without_its_function_words() -> None:
    """The features stage passes the article's language."""
    a = analysis(GERMAN, site="nordlicht.example", published="2026-03-02")
    a.article.language = "de"
    names = set(extract_features(a, default_config()).names)
    assert {"reederei baltmar", "schiff lunar gull"} <= names
    assert "die reederei baltmar" not in names
