"""The text extraction that consumes the reader's tree gives what `bare_extraction` gives on its
own copy, for every combination of the options the reader sets. Fictional pages."""

from __future__ import annotations

from copy import copy

import pytest
import trafilatura
from lxml.etree import tostring
from trafilatura import core
from trafilatura.settings import Extractor
from trafilatura.utils import load_html

from newsint.readers import html_text
from newsint.readers.html_text import BARE_EXTRACTION_FINGERPRINT, extract_text, fingerprint

STORY = (
    "<p>The lighthouse on Skerra Point will be lit again next month, the harbour trust said "
    "on Monday, fifty years after its lamp was last turned off.</p>"
    "<p>Volunteers have restored the lens over three summers, and the trust says the light will "
    "shine for two hours after dusk on the first Saturday of each month.</p>"
    "<table><tr><td>Lamp</td><td>restored</td></tr><tr><td>Stairs</td><td>rebuilt</td></tr>"
    "</table>"
)
COMMENTS = (
    '<div class="comments"><p>Pell Arno: I watched it from the ferry as a child and cannot '
    "wait to see it again.</p></div>"
)
# (page, what trafilatura finds: text, or None for no text)
PAGES = [
    (f"<html><body><article><h1>Skerra light</h1>{STORY}</article>{COMMENTS}</body></html>", True),
    (f"<html><body><div><ul><li>Home</li><li>News</li></ul>{STORY}</div></body></html>", True),
    ("<html><body><div>Skerra</div><div>Point</div></body></html>", True),
    ("<html><body><div><img src='lamp.png'></div><footer>Contact us</footer></body></html>", False),
]


@pytest.mark.parametrize("precision", [True, False])
@pytest.mark.parametrize("comments", [True, False])
@pytest.mark.parametrize("tables", [True, False])
@pytest.mark.parametrize(("markup", "has_text"), PAGES)
def test_extract_text_is_bare_extraction(
    markup: str, has_text: bool, precision: bool, comments: bool, tables: bool
) -> None:
    options = Extractor(
        output_format="python", precision=precision, comments=comments, tables=tables
    )
    theirs = trafilatura.bare_extraction(load_html(markup), options=copy(options))
    ours = extract_text(load_html(markup), copy(options))
    assert (ours is not None) == (theirs is not None) == has_text
    if ours is not None and theirs is not None:
        for field in ("text", "raw_text", "comments", "title", "author", "url", "date"):
            assert getattr(ours, field) == getattr(theirs, field), field
        assert ours.text


def test_the_fingerprint_matches_this_trafilatura() -> None:
    """A trafilatura whose `bare_extraction` changed fails here: check extract_text's steps
    against it, then update BARE_EXTRACTION_FINGERPRINT (until then extract_text calls
    bare_extraction, so results stay right, only slower)."""
    assert fingerprint() == BARE_EXTRACTION_FINGERPRINT


def test_another_bare_extraction_is_called_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_text, "BARE_EXTRACTION_FINGERPRINT", "another release")
    tree = load_html(PAGES[0][0])
    found = extract_text(tree, Extractor(output_format="python", precision=True))
    assert found is not None and "Skerra Point" in (found.text or "")
    assert tree.find(".//article") is not None  # bare_extraction worked on its own copy


# (page, a case of load_html's own steps): the tree load_page builds is load_html's
LOADS = [
    PAGES[0][0],
    f"<!DOCTYPE html>\n<html><body>{STORY}</body></html>",
    f'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "x/y.dtd">\n<html><body>{STORY}</body>',
    f"<!doctype html><html/>\n<body>{STORY}</body>",  # a self-closed <html/>, one line
    f"<html lang='en'/>\n<body>{STORY}</body>",
    f'<?xml version="1.0" encoding="utf-8"?>\n<html><body>{STORY}</body></html>',
    f"<div>{STORY}</div>",  # no <html>: dubious, kept only with two children or more
    "<p>Skerra</p>",  # dubious and one child: no tree
    "<html></html>",
]


@pytest.mark.parametrize("markup", LOADS)
def test_load_page_is_load_html(markup: str) -> None:
    theirs = load_html(markup)
    ours = html_text.load_page(markup, xml_clean=True)
    assert (ours is None) == (theirs is None)
    if ours is not None and theirs is not None:
        assert tostring(ours) == tostring(theirs)
        assert type(ours) is type(theirs)


def test_load_page_deletes_what_xml_forbids_unless_told_there_is_none() -> None:
    markup = f"<html><body><p>Skerra\x0b light\ufffe</p>{STORY}</body></html>"
    tree = html_text.load_page(markup, xml_clean=False)
    assert tree is not None and "Skerra light" in tree.text_content()
    assert tostring(tree) == tostring(load_html(markup))


def test_the_load_fingerprint_matches_this_trafilatura() -> None:
    """A trafilatura whose `load_html` changed fails here: check load_page's steps against it,
    then update LOAD_HTML_FINGERPRINT (until then load_page calls load_html)."""
    assert html_text.load_fingerprint() == html_text.LOAD_HTML_FINGERPRINT


def test_another_load_html_is_called_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(html_text, "LOAD_HTML_FINGERPRINT", "another release")
    monkeypatch.setattr(html_text.utils, "load_html", lambda page: calls.append(page) or None)
    assert html_text.load_page(PAGES[0][0], xml_clean=True) is None
    assert calls == [PAGES[0][0]]


FORUM = (
    '<html><head><script type="application/ld+json">{"@type": "DiscussionForumPosting"}'
    f'</script></head><body><div class="comments"><p>{STORY}</p></div>'
    '<div id="comment-list"><p>Orla Venn: the lens came from a yard in Tromsø, I hear.</p></div>'
    "</body></html>"
)
SEQUENCES = [markup for markup, _ in PAGES] + [
    FORUM,
    f"<html><body><div class='sidebar'><a href='/a'>More</a></div><div>{STORY}</div>"
    "<ol class='commentlist'><li>Nice.</li></ol></body></html>",
]


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize("markup", SEQUENCES)
def test_the_sequence_is_trafilatura_sequence(markup: str, fast: bool) -> None:
    options = Extractor(output_format="python", precision=True, fast=fast)
    theirs = core.trafilatura_sequence(load_html(markup), copy(options), options.url)
    ours = html_text._sequence(load_html(markup), copy(options))
    assert [tostring(ours[0]), ours[1], tostring(ours[2]), ours[3]] == [
        tostring(theirs[0]),
        theirs[1],
        tostring(theirs[2]),
        theirs[3],
    ]
    if STORY in markup:
        assert "lighthouse on Skerra Point" in ours[1]


def test_the_sequence_fingerprint_matches_this_trafilatura() -> None:
    """A trafilatura whose `trafilatura_sequence` changed fails here: check _sequence's steps
    against it, then update SEQUENCE_FINGERPRINT (until then _sequence calls it)."""
    assert html_text.sequence_fingerprint() == html_text.SEQUENCE_FINGERPRINT


def test_another_sequence_is_called_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_text, "SEQUENCE_FINGERPRINT", "another release")
    tree = load_html(PAGES[0][0])
    raw = tree.find(".//article")
    body, text, _, _ = html_text._sequence(tree, Extractor(output_format="python", precision=True))
    assert "Skerra Point" in text and body is not None
    assert tree.find(".//article") is raw  # trafilatura_sequence compared on a copy
