"""A page's main text from trafilatura, on a parse tree the reader hands over for good.

`trafilatura.bare_extraction(tree)` first copies the tree it is given (a caller may still
need it), then runs `trafilatura_sequence` on the copy, which prunes it in place. The html
reader reads the page's metadata from its one tree before the extraction and never after, so
the copy is wasted work (a tenth of the reader's own cost, with the freeing of the copy). Here
`trafilatura_sequence` runs on the reader's tree itself, with `bare_extraction`'s own checks
around it for the options the reader sets (python output, no language filter, no
deduplication, metadata read apart).

The tree itself comes from `load_page`: trafilatura's `load_html` for a page already decoded,
minus its first step when the decoding found none of the characters XML forbids (that step is a
regular-expression scan of the whole page for them, a quarter of the parse's cost).

In precision mode without comments (the reader's default), `trafilatura_sequence` itself runs
as `_sequence`: the same steps, but the comparison with readability prunes the page's tree
rather than a copy of it, as nothing reads the tree after it in that mode.

`trafilatura_sequence` is an internal of trafilatura; `BARE_EXTRACTION_FINGERPRINT`,
`SEQUENCE_FINGERPRINT` and `LOAD_HTML_FINGERPRINT` tie this to the `bare_extraction`,
`trafilatura_sequence` and `load_html` it stands for, and another trafilatura (another source)
makes `extract_text`, `_sequence` and `load_page` call those themselves, so the tree and the
text are the same either way (a test fails, to say so).
"""

from __future__ import annotations

import hashlib
import inspect
from functools import cache

from lxml.etree import Element, _Element, strip_tags
from lxml.html import HtmlElement, fromstring
from trafilatura import core, utils
from trafilatura.settings import Document, Extractor
from trafilatura.xml import xmltotxt

# sha256 (first 16 hex digits) of the source of the `bare_extraction` whose steps
# `extract_text` takes for its options (trafilatura 2.3.1).
BARE_EXTRACTION_FINGERPRINT = "2e57adb3062086f9"


# sha256 (first 16 hex digits) of the source of `trafilatura_sequence` and
# `_extract_and_compare`, whose steps `_sequence` takes in precision mode (trafilatura 2.3.1).
SEQUENCE_FINGERPRINT = "15573bd18285ebe0"
# sha256 (first 16 hex digits) of the source of `load_html` and `repair_faulty_html` and of the
# INVALID_XML_CHARS pattern, whose steps `load_page` takes (trafilatura 2.3.1).
LOAD_HTML_FINGERPRINT = "72961cecfce0d752"


@cache
def load_fingerprint() -> str:
    """The fingerprint of this trafilatura's `load_html`."""
    source = "\n".join(
        [
            inspect.getsource(utils.load_html),
            inspect.getsource(utils.repair_faulty_html),
            utils.INVALID_XML_CHARS.pattern,
        ]
    )
    return hashlib.sha256(source.encode()).hexdigest()[:16]


def load_page(html: str, xml_clean: bool) -> HtmlElement | None:
    """`trafilatura.utils.load_html(html)`. `xml_clean`: the page is known to hold none of the
    characters XML forbids (`Decoded.xml_clean`), which load_html first deletes with a scan
    of the whole page: without any, that deletion changes nothing, and is skipped."""
    if not xml_clean or load_fingerprint() != LOAD_HTML_FINGERPRINT:
        return utils.load_html(html)
    beginning = html[:50].lower()
    check_flag = utils.is_dubious_html(beginning)
    # repair_faulty_html, but its deletion of INVALID_XML_CHARS
    if "doctype" in beginning:
        firstline, _, rest = html.partition("\n")
        html = utils.DOCTYPE_TAG.sub("", firstline, count=1) + "\n" + rest
    for line in html[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            html = utils.FAULTY_HTML.sub(r"\1>", html, count=1)
            break
    tree = None
    fallback_parse = False
    try:
        tree = fromstring(html, parser=utils.HTML_PARSER)
    except ValueError:  # "Unicode strings with encoding declaration are not supported."
        tree = utils.fromstring_bytes(html)
        fallback_parse = True
    except Exception as err:  # as load_html
        utils.LOGGER.error("lxml parsing failed: %s", err)
    if (tree is None or len(tree) < 1) and not fallback_parse:
        tree = utils.fromstring_bytes(html)
    if tree is not None and check_flag and len(tree) < 2:
        utils.LOGGER.error("parsed tree length: %s, wrong data type or not valid HTML", len(tree))
        tree = None
    return tree


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


@cache
def sequence_fingerprint() -> str:
    """The fingerprint of this trafilatura's `trafilatura_sequence`."""
    source = inspect.getsource(core.trafilatura_sequence)
    source += inspect.getsource(core._extract_and_compare)
    return hashlib.sha256(source.encode()).hexdigest()[:16]


def _sequence(tree: HtmlElement, options: Extractor) -> tuple[_Element, str, _Element, str]:
    """`trafilatura_sequence(tree, options, options.url)`. In precision mode without comments
    the page's own tree is read last by the comparison with readability, which prunes a copy
    of it: here it prunes the tree itself (a copy and a free of the whole page saved). The
    steps that cannot run for these options (comments, the baseline rescue, the recall
    escalation, the forum salvage) are left out."""
    if (
        sequence_fingerprint() != SEQUENCE_FINGERPRINT
        or options.focus != "precision"
        or options.comments
    ):
        return core.trafilatura_sequence(tree, options, options.url)
    is_forum = core._forum_thread_page(tree)
    tree = core.prune_unwanted_nodes(tree, core.RAW_TREE_PRUNE_XPATH)
    tree = core.prune_unwanted_nodes(tree, core.REMOVE_COMMENTS_AND_LISTS_XPATH)
    cleaned_tree, cleaned_tree_backup = core._prepare_tree(tree, options, options.url)
    if not is_forum:
        cleaned_tree = core.prune_unwanted_nodes(cleaned_tree, core.REMOVE_COMMENTS_XPATH)
    body, text = core.extract_content(cleaned_tree, options)
    if not options.fast:  # _extract_and_compare, on `tree` rather than a copy
        body, text = core.compare_extraction(cleaned_tree_backup, tree, body, text, options)
    return body, text, Element("body"), ""


def extract_text(tree: HtmlElement, options: Extractor) -> Document | None:
    """`bare_extraction(tree, options=options)` (text and comments, no metadata), pruning `tree`
    itself: the caller must not read it afterwards. None when trafilatura finds no text."""
    if not _consumable(options):
        found = core.bare_extraction(tree, options=options)
        return found if isinstance(found, Document) else None
    try:
        body, text, comments_body, comments = _sequence(tree, options)
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
