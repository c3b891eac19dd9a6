"""A page's main text from trafilatura, on a parse tree the reader hands over for good.

`trafilatura.bare_extraction(tree)` first copies the tree it is given (a caller may still
need it), then runs `trafilatura_sequence` on the copy, which prunes it in place. The html
reader reads the page's metadata from its one tree before the extraction and never after, so
the copy is wasted work (a tenth of the reader's own cost, with the freeing of the copy). Here
`trafilatura_sequence` runs on the reader's tree itself, with `bare_extraction`'s own checks
around it for the options the reader sets (python output, no language filter, no
deduplication, metadata read apart).

`trafilatura_sequence` is an internal of trafilatura; `BARE_EXTRACTION_FINGERPRINT` ties this
to the `bare_extraction` it stands for, and another trafilatura (another source) makes
`extract_text` call `bare_extraction` itself, so the text is the same either way (a test fails,
to say so).
"""

from __future__ import annotations

import hashlib
import inspect
from functools import cache

from lxml.etree import strip_tags
from lxml.html import HtmlElement
from trafilatura import core
from trafilatura.settings import Document, Extractor
from trafilatura.xml import xmltotxt

# sha256 (first 16 hex digits) of the source of the `bare_extraction` whose steps
# `extract_text` takes for its options (trafilatura 2.3.1).
BARE_EXTRACTION_FINGERPRINT = "2e57adb3062086f9"


@cache
def fingerprint() -> str:
    """The fingerprint of this trafilatura's `bare_extraction`."""
    source = inspect.getsource(core.bare_extraction)
    return hashlib.sha256(source.encode()).hexdigest()[:16]


def _consumable(options: Extractor) -> bool:
    """Whether `extract_text` can take `bare_extraction`'s steps for these options."""
    return (
        fingerprint() == BARE_EXTRACTION_FINGERPRINT
        and options.format == "python"
        and not (options.lang or options.dedup or options.with_metadata)
    )


def extract_text(tree: HtmlElement, options: Extractor) -> Document | None:
    """`bare_extraction(tree, options=options)` (text and comments, no metadata), pruning `tree`
    itself: the caller must not read it afterwards. None when trafilatura finds no text."""
    if not _consumable(options):
        found = core.bare_extraction(tree, options=options)
        return found if isinstance(found, Document) else None
    try:
        body, text, comments_body, comments = core.trafilatura_sequence(tree, options, options.url)
        if options.max_tree_size and len(body) > options.max_tree_size:
            strip_tags(body, "hi")
            if len(body) > options.max_tree_size:
                return None
        if len(text) < options.min_output_size and len(comments) < options.min_output_comm_size:
            return None
    except (TypeError, ValueError):  # bare_extraction's "discarding data"
        return None
    document = Document()
    document.text = xmltotxt(body, options.formatting)
    if options.comments:
        document.comments = xmltotxt(comments_body, options.formatting)
        document.commentsbody = comments_body
    document.raw_text = document.text
    document.body = body
    return document
