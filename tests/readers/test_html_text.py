"""The text extraction that consumes the reader's tree gives what `bare_extraction` gives on its
own copy, for every combination of the options the reader sets. Fictional pages."""

from __future__ import annotations

from copy import copy

import pytest
import trafilatura
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
