"""The author a page's text names (its byline), as trafilatura's `extract_author` finds it, for
pages whose <meta> tags and JSON-LD name none, at a fraction of the cost and without touching
the page's tree (trafilatura's text extraction consumes it afterwards).

`extract_author` deep-copies the page, prunes comments, dates and figures from the copy
(AUTHOR_DISCARD_XPATHS), then tries three expressions (AUTHOR_XPATHS) on what is left, each a
walk over every element that calls back into Python for its regular-expression tests: about
5 ms a page, as much as the rest of the metadata together. Here the same tests run as Python
predicates in one walk over the page, which notes what the pruning would delete instead of
deleting it: a candidate under a pruned element is dropped, and only a candidate that holds
pruned elements is copied and pruned to read its text (deleting an element moves its tail
text into its previous sibling or its parent, which changes how trafilatura joins the text).
Same candidates, same order, same text: trafilatura's `extract_metainfo` reads them.

The predicates are those expressions written out; `XPATHS_FINGERPRINT` ties them to
trafilatura's text, and any other text (another trafilatura release) makes `byline` call
`extract_author` itself, so the result is the same (a test fails, to say so). So do the pages
the walk cannot follow: a tree that is not its document's root, and a page with a <rel>
element (the first expression reads such a child's text, which the pruning can change).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from copy import copy
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
# AUTHOR_XPATHS[0]: specific (its rel='me', a child <rel> element, is left to extract_author)
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
    """`trafilatura.metadata.extract_author(tree)`; `tree` is only read."""
    if (
        fingerprint() != XPATHS_FINGERPRINT
        or tree.getparent() is not None
        or next(tree.iter("rel"), None) is not None
    ):
        found: str | None = extract_author(tree)
        return found
    pruned, candidates = _walk(tree)
    expressions = [_expression(found, pruned) for found in candidates]
    author = extract_metainfo(tree, expressions, len_limit=reader_rules().byline_max_chars)
    return normalize_authors(None, author) if author else None


def _expression(
    found: list[HtmlElement], pruned: set[HtmlElement]
) -> Callable[[HtmlElement], list[HtmlElement]]:
    """One of AUTHOR_XPATHS on the pruned page, for `extract_metainfo`: its candidates left
    once the pruned elements are deleted, as the pruned page holds them."""

    def kept(_: HtmlElement) -> list[HtmlElement]:
        return [
            _as_pruned(element, pruned)
            for element in found
            if not any(above in pruned for above in element.iterancestors())
        ]

    return kept


def _discarded(get: Callable[[str], str | None]) -> bool:
    """AUTHOR_DISCARD_XPATHS[0]'s test on an a, div, section or span element's attributes."""
    ident, cls = get("id"), get("class")
    return bool(
        (ident is not None and _id_tests(ident) & _DISCARD)
        or (cls is not None and _class_tests(cls) & _DISCARD)
        or "Figure" in (get("data-component") or "")
    )


# what a class or id value passes, as bits: the discard test, then each of AUTHOR_XPATHS
_DISCARD, _SPECIFIC, _GENERIC, _ANYWHERE = 1, 2, 4, 8


def _class_tests(cls: str) -> int:
    """The tests a class attribute passes."""
    return (
        (_DISCARD if cls in ("comments", "title", "date") or _DISCARD_CLASS.search(cls) else 0)
        | (_SPECIFIC if cls == "author" or _SPECIFIC_CLASS.search(cls) else 0)
        | (_GENERIC if cls in _GENERIC_CLASSES or _GENERIC_CLASS.search(cls) else 0)
        | (_ANYWHERE if _ANY_CLASS.search(cls) else 0)
    )


def _id_tests(ident: str) -> int:
    """The tests an id attribute passes."""
    return (
        (_DISCARD if ident == "comments" or _DISCARD_ID.search(ident) else 0)
        | (_SPECIFIC if ident == "author" else 0)
        | (_GENERIC if _GENERIC_ID.search(ident) else 0)
        | (_ANYWHERE if _ANY_ID.search(ident) else 0)
    )


def _walk(tree: HtmlElement) -> tuple[set[HtmlElement], tuple[list[HtmlElement], ...]]:
    """The elements the pruning deletes (the root aside; their descendants are not all
    listed), and the elements each of AUTHOR_XPATHS selects that are not among them, in
    document order (some may be under a deleted one)."""
    pruned: set[HtmlElement] = set()
    specific: list[HtmlElement] = []
    generic: list[HtmlElement] = []
    anywhere: list[HtmlElement] = []
    classes: dict[str, int] = {}  # a page repeats its classes: each is tested once
    for element in tree.iter(etree.Element):
        tag = element.tag
        attrs = dict(element.items()) if element.attrib else {}
        get = attrs.get
        cls, ident, itemprop = get("class"), get("id"), get("itemprop")
        tests = 0
        if cls is not None:
            tests = classes.get(cls, -1)
            if tests < 0:
                tests = classes[cls] = _class_tests(cls)
        if ident is not None:
            tests |= _id_tests(ident)
        component = get("data-component") or ""
        if element is not tree and (
            tag in _DATES_AND_FIGURES
            or (tag in _DISCARD_TAGS and (tests & _DISCARD or "Figure" in component))
        ):
            pruned.add(element)
            continue
        if not attrs:
            if tag == "author":
                specific.append(element)
            continue
        if tag == "author" or (
            tag in _SPECIFIC_TAGS
            and (
                tests & _SPECIFIC
                or itemprop == "author name"
                or get("rel") == "author"
                or get("data-testid") in ("AuthorCard", "AuthorURL")
            )
        ):
            specific.append(element)
        author_itemprop = itemprop is not None and "author" in itemprop
        if tag in _GENERIC_TAGS and (tests & _GENERIC or author_itemprop):
            generic.append(element)
        if tests & _ANYWHERE or author_itemprop or "Byline" in component:
            anywhere.append(element)
    return pruned, (specific, generic, anywhere)


def _as_pruned(element: HtmlElement, pruned: set[HtmlElement]) -> HtmlElement:
    """The element as the pruned page holds it: itself, or, when it holds pruned elements, a
    copy pruned as trafilatura prunes the page (the discards first, then the times and
    figures left)."""
    if not any(
        inner in pruned for inner in element.iterdescendants(*_DISCARD_TAGS, "time", "figure")
    ):
        return element
    element = copy(element)
    for inner in [e for e in element.iterdescendants(*_DISCARD_TAGS) if _discarded(e.get)]:
        delete_element(inner)
    for inner in list(element.iterdescendants(*_DATES_AND_FIGURES)):
        delete_element(inner)
    return element
