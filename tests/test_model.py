from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from newsint.model import (
    CLAIM_STATUSES,
    SCHEMA,
    Analysis,
    ArticleMeta,
    Segment,
    Source,
    Span,
    chain_text,
    clean_to_raw,
    stable_id,
)


def test_stable_id_is_deterministic_and_part_sensitive() -> None:
    assert stable_id("art", "a", "b") == stable_id("art", "a", "b")
    assert stable_id("art", "a", "b") != stable_id("art", "b", "a")
    # parts are separated, so concatenation does not collide
    assert stable_id("x", "ab", "c") != stable_id("x", "a", "bc")
    assert stable_id("art", "a").startswith("art_")


def test_span_rejects_reversed_range() -> None:
    with pytest.raises(ValidationError):
        Span(start=5, end=2)
    assert len(Span(start=2, end=5)) == 3
    assert Span(start=0, end=4).overlaps(Span(start=3, end=9))
    assert not Span(start=0, end=3).overlaps(Span(start=3, end=9))


def test_analysis_json_round_trip_is_lossless() -> None:
    a = Analysis(article=ArticleMeta(id="art_1", title="T"), text="hello", raw="hello")
    data = json.loads(a.to_json())
    assert data["schema"] == SCHEMA
    assert list(data)[:4] == ["schema", "article", "text", "raw"]
    for key in ("entities", "times", "claims", "events", "cleaning"):
        assert data[key] == []
    again = Analysis.from_json(a.to_json())
    assert again == a
    assert again.to_json() == a.to_json()


def test_unknown_schema_is_refused() -> None:
    a = Analysis(article=ArticleMeta(id="art_1"), text="", raw="")
    data = a.to_dict()
    data["schema"] = "newsint.analysis/999"
    with pytest.raises(ValueError, match="unsupported analysis schema"):
        Analysis.from_json(data)


@given(st.lists(st.integers(min_value=1, max_value=20), min_size=1, max_size=10))
def test_clean_to_raw_maps_inside_segments_only(lengths: list[int]) -> None:
    segments, clean, raw = [], 0, 3
    for n in lengths:
        segments.append(Segment(clean=clean, raw=raw, length=n))
        clean += n + 2  # a two-character separator between segments
        raw += n + 7
    for seg in segments:
        assert clean_to_raw(segments, seg.clean) == seg.raw
        assert clean_to_raw(segments, seg.clean + seg.length - 1) == seg.raw + seg.length - 1
        assert clean_to_raw(segments, seg.clean + seg.length) is None


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (None, "Meridian Wire ← AP ← leaked port memo"),
        ("article", "article ← AP ← leaked port memo"),
    ],
)
def test_chain_text_is_the_one_rendering_of_a_chain(article: str | None, expected: str) -> None:
    chain = [
        Source(text="the article", kind="article", name="Meridian Wire"),
        Source(text="AP", kind="media"),
        Source(text="a memo", kind="document", name="leaked port memo"),
    ]
    assert chain_text(chain, article=article) == expected
    assert chain_text([s.to_dict() for s in chain], article=article) == expected
    assert chain_text(["Meridian Wire", "AP"]) == "Meridian Wire ← AP"
    assert chain_text([]) == ""


def test_a_stored_negated_status_loads_as_negative() -> None:
    """Analyses stored before the rename say "negated"; they load, and say "negative"."""
    from handmade import Did, Said, article

    text = "The ministry said the convoy did not cross the border."
    a = article(
        text,
        claims=[Said("the convoy did not cross the border", [("government", "The ministry")])],
        events=[Did("cross", "MOBILIZE", claim="the convoy did not cross the border")],
    )
    data = json.loads(a.to_json())
    data["claims"][0]["status"] = "negated"
    data["events"][0]["status"] = "negated"
    again = Analysis.from_json(data)
    assert again.claims[0].status == "negative"
    assert again.events[0].status == "negative"
    assert "negated" not in CLAIM_STATUSES and "negative" in CLAIM_STATUSES
