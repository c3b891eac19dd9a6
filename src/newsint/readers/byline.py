"""The author a page's text names (its byline), as trafilatura's `extract_author` finds it, for
pages whose <meta> tags and JSON-LD name none, at a fraction of the cost.

`extract_author` deep-copies the page, prunes comments, dates and figures from the copy with
two XPath expressions, then tries three more, each a walk over every element that calls back
into Python for its regular-expression tests: about 5 ms a page, as much as the rest of the
metadata together. Here the same tests run as Python predicates in two walks (one to find what
to prune, one over the pruned tree to find the bylines), and the tree is pruned in place (the
reader calls this last, when nothing else reads the tree). The predicates are those expressions
written out; `XPATHS_FINGERPRINT` ties them to trafilatura's text, and any other text (another
trafilatura release) makes `byline` call `extract_author` itself, so the result is the same.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from functools import cache

from lxml import etree
from lxml.html import HtmlElement
from trafilatura.metadata import extract_author, extract_metainfo, normalize_authors
from trafilatura.xml import delete_element
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

from newsint.readers.rules import reader_rules

# sha256 (first 16 hex digits) of the source of trafilatura's AUTHOR_XPATHS and
# AUTHOR_DISCARD_XPATHS, one expression a line, that the predicates below write out (2.3.1).
XPATHS_FINGERPRINT = "bd5f280624916a83"

# AUTHOR_DISCARD_XPATHS[0] (under the root): a, div, section or span elements with these ids or
# classes; [1]: every time and figure element
_DISCARD_TAGS = frozenset({"a", "div", "section", "span"})
_DISCARD_ID = re.compile(r"^comments|comment-?list|ProductReviews")
_DISCARD_CLASS = re.compile(
    r"^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram"
    r"|article-(?:share|support)|print|category|meta-date|meta-reviewer"
)
_DATES_AND_FIGURES = ("time", "figure")
# AUTHOR_XPATHS[0]: specific
_SPECIFIC_TAGS = frozenset({"a", "address", "div", "link", "p", "span", "strong"})
_SPECIFIC_CLASS = re.compile(r"author-?name|AuthorName|authorName")
# AUTHOR_XPATHS[1]: almost generic
_GENERIC_TAGS = frozenset({"a", "div", "h3", "h4", "p", "span"})
_GENERIC_CLASSES = frozenset({"byline", "username", "byl", "BBL"})
_GENERIC_ID = re.compile(r"author|zuozhe|bianji|xiaobian")
_GENERIC_CLASS = re.compile(
    r"author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name"
)
# AUTHOR_XPATHS[2]: any element
_ANY_ID = re.compile(r"[Aa]uthor")
_ANY_CLASS = re.compile(r"[Aa]uthor|screenname|writer|[Bb]yline")


@cache
def fingerprint() -> str:
    """The fingerprint of the expressions this trafilatura uses."""
    source = "\n".join(x.path for x in [*AUTHOR_XPATHS, *AUTHOR_DISCARD_XPATHS])
    return hashlib.sha256(source.encode()).hexdigest()[:16]


def byline(tree: HtmlElement) -> str | None:
    """`trafilatura.metadata.extract_author(tree)`, pruning `tree` itself: the caller must not
    read it afterwards."""
    if fingerprint() != XPATHS_FINGERPRINT:
        found: str | None = extract_author(tree)
        return found
    _prune(tree)
    specific, generic, anywhere = _candidates(tree)
    expressions: list[Callable[[HtmlElement], list[HtmlElement]]] = [
        lambda _: specific,
        lambda _: generic,
        lambda _: anywhere,
    ]
    author = extract_metainfo(tree, expressions, len_limit=reader_rules().byline_max_chars)
    return normalize_authors(None, author) if author else None


def _prune(tree: HtmlElement) -> None:
    """prune_unwanted_nodes(tree, AUTHOR_DISCARD_XPATHS): each expression's matches found
    first, then deleted in document order (their tails kept)."""
    marked = []
    for element in tree.iterdescendants(*_DISCARD_TAGS):
        get = element.get
        ident, cls = get("id"), get("class")
        if (
            ident == "comments"
            or cls in ("comments", "title", "date")
            or (ident is not None and _DISCARD_ID.search(ident))
            or (cls is not None and _DISCARD_CLASS.search(cls))
            or "Figure" in (get("data-component") or "")
        ):
            marked.append(element)
    for element in marked:
        delete_element(element)
    for element in list(tree.iter(*_DATES_AND_FIGURES)):
        delete_element(element)


def _candidates(tree: HtmlElement) -> tuple[list[HtmlElement], ...]:
    """The elements each of AUTHOR_XPATHS selects, in document order."""
    specific: list[HtmlElement] = []
    generic: list[HtmlElement] = []
    anywhere: list[HtmlElement] = []
    # rel='me' in the first expression: a child <rel> element whose text is "me"
    rel_elements = next(tree.iter("rel"), None) is not None
    for element in tree.iter(etree.Element):
        tag, get = element.tag, element.get
        ident, cls, itemprop = get("id"), get("class"), get("itemprop")
        if tag == "author" or (
            tag in _SPECIFIC_TAGS
            and (
                get("rel") == "author"
                or ident == "author"
                or cls == "author"
                or itemprop == "author name"
                or get("data-testid") in ("AuthorCard", "AuthorURL")
                or (cls is not None and _SPECIFIC_CLASS.search(cls))
                or (rel_elements and _has_rel_me(element))
            )
        ):
            specific.append(element)
        author_itemprop = itemprop is not None and "author" in itemprop
        if tag in _GENERIC_TAGS and (
            cls in _GENERIC_CLASSES
            or author_itemprop
            or (ident is not None and _GENERIC_ID.search(ident))
            or (cls is not None and _GENERIC_CLASS.search(cls))
        ):
            generic.append(element)
        if (
            "Byline" in (get("data-component") or "")
            or author_itemprop
            or (ident is not None and _ANY_ID.search(ident))
            or (cls is not None and _ANY_CLASS.search(cls))
        ):
            anywhere.append(element)
    return specific, generic, anywhere


def _has_rel_me(element: HtmlElement) -> bool:
    return any(child.xpath("string()") == "me" for child in element.iterchildren("rel"))
