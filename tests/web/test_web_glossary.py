"""Say what the codes mean: the glossary page, a tooltip on every code, volume charts' data,
outlet names where article ids were."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from newsint.present import glossary

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_glossary_page_lists_every_family(client: TestClient) -> None:
    html = client.get("/glossary").text
    for section in glossary.sections():
        assert f'id="{section.key}"' in html
        for e in section.entries:
            assert f"<code>{e.term}</code>" in html
    assert "the winter of 2024" in html  # a TIMEX pattern's example, explained
    assert 'href="/glossary" aria-current="page"' in html  # in the navigation


def codes(html: str) -> dict[str, str]:
    """term -> the meaning its tooltip carries, for every code on a page."""
    found = re.findall(
        r'<span class="[^"]*code" tabindex="0" title="([^"]*)" data-term="([^"]*)"', html
    )
    return {term: title for title, term in found}


@pytest.mark.parametrize(
    ("path", "terms"),
    [
        ("/claims", ["asserted", "C1"]),
        ("/timeline", ["2025-03-10", "asserted"]),
    ],
)
def test_codes_carry_their_meaning(client: TestClient, path: str, terms: list[str]) -> None:
    shown = codes(client.get(path).text)
    for term in terms:
        assert term in shown, (path, term, sorted(shown))
        assert shown[term] == glossary.meaning(term) or shown[term]  # a non-empty meaning


def test_a_code_the_glossary_does_not_know_is_shown_plain(client: TestClient) -> None:
    html = client.get("/timeline").text  # EASE: an event type of the fixture, not of PLOVER
    assert ">EASE</span>" in html and "EASE" not in codes(html)


def test_grade_tooltip_is_the_grade_explained(client: TestClient) -> None:
    shown = codes(client.get("/claims").text)
    assert (
        shown["C1"]
        == "fairly reliable source (C); information confirmed by other independent sources (1)"
    )


def test_story_page_copy_kinds_and_chart(client: TestClient) -> None:
    stories = client.get("/api/stories").json()["items"]
    bridge = next(s for s in stories if s["articles"] > 1)
    html = client.get(f"/stories/{bridge['id']}").text
    shown = codes(html)
    assert shown["original"].startswith("the article the others reuse")
    block = re.search(r'id="story-volume-data">(.*?)</script>', html, re.S)
    assert block is not None
    volume = json.loads(block.group(1))
    assert sum(volume["articles"]) == bridge["articles"]
    assert '<script src="/static/vendor/uplot/uPlot.iife.min.js" defer></script>' in html
    assert "art_" not in re.sub(r'href="/articles/art_[0-9a-f]+"', "", html)  # outlets, not ids


def test_timeline_names_outlets_not_article_numbers(client: TestClient) -> None:
    html = client.get("/timeline").text
    assert re.search(r'<a href="/articles/art_[0-9a-f]+">Coastal Wire</a>', html)
    assert ">article 1<" not in html
    block = re.search(r'id="timeline-volume-data">(.*?)</script>', html, re.S)
    assert block is not None and sum(json.loads(block.group(1))["articles"]) == 4
