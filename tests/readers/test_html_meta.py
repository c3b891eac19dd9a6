"""The html reader's cheaper metadata gives what trafilatura's own gives: the byline search
(readers/byline.py) against `extract_author`, `page_metadata` against `extract_metadata`, and
`extract_html` against `bare_extraction(with_metadata=True)`. Fictional pages."""

from __future__ import annotations

from copy import deepcopy

import pytest
import trafilatura
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from trafilatura.metadata import (
    JSON_MINIFY,
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_metadata,
)
from trafilatura.utils import load_html

from newsint.config import Config, default_config
from newsint.readers import byline as byline_module
from newsint.readers import html_meta
from newsint.readers.byline import XPATHS_FINGERPRINT, byline, fingerprint
from newsint.readers.html import extract_html
from newsint.readers.html_meta import finish, page_metadata, stated_date

STORY = (
    "<p>The ferry between Corran Sound and the outer isles will run twice a day from April, the "
    "island council said on Tuesday, after two winters of one crossing a day.</p>"
    "<p>Islanders had asked for a second sailing since the old vessel was retired, and the "
    "council says the new one burns a third less fuel on the same route.</p>"
    "<p>Timetables will be posted at both piers and on the council's notice boards.</p>"
)


def page(head: str = "", before: str = "", after: str = "") -> str:
    return (
        f"<html><head><title>Second ferry sailing for the isles | Island Post</title>{head}"
        f"</head><body><article><h1>Second ferry sailing for the isles</h1>{before}{STORY}"
        f"{after}</article></body></html>"
    )


# (markup around the story, the author trafilatura finds: None = none)
BYLINES = [
    ('<p class="author-name">Ilse Varden</p>', "Ilse Varden"),
    ('<span class="byline">By Tomas Reyne</span>', "Tomas Reyne"),
    ('<a rel="author" href="/staff/okafor">Ada Okafor</a>', "Ada Okafor"),
    ('<div id="post-author">Mirela Kant</div>', "Mirela Kant"),
    ('<div data-component="ArticleByline">Pieter Sand</div>', "Pieter Sand"),
    ('<div data-testid="AuthorCard"><b>Vera</b> <i>Holt</i></div>', "Vera Holt"),
    ('<h4 id="xiaobian">Lin Moro</h4>', "Lin Moro"),
    ("<author>Lena Voss</author>", "Lena Voss"),
    ('<span itemprop="author">Jonas Brell</span>', "Jonas Brell"),
    ('<div class="writer-box">Nadia Orme</div>', "Nadia Orme"),
    # a byline inside the comments, a figure or a sidebar is pruned first
    ('<div class="comments"><span class="author">Reader Ninety</span></div>', None),
    ('<figure><span class="author">Photo Desk</span></figure>', None),
    ('<aside><div class="sidebar"><p class="author-name">Cato Lind</p></div></aside>', None),
    ('<div data-component="FigureBlock"><p class="author-name">Cato Lind</p></div>', None),
    ('<div id="ProductReviews"><p class="author">Cato Lind</p></div>', None),
    # the pruned element's tail joins its neighbour, as in trafilatura's copy
    ('<p class="byline">By <time>Tuesday</time>Rosa Quill</p>', "Rosa Quill"),
    ('<p class="byline">By <span class="date">today</span> Rosa Quill</p>', "Rosa Quill"),
    ('<p class="byline">By<figure>x</figure>Rosa<span class="quote">y</span>Quill</p>', None),
    # a <rel> element: trafilatura's own extract_author
    ('<span class="byline">By Tomas Reyne<rel>me</rel></span>', "Tomas Reyne"),
    # too long for a byline: the next expression is tried
    ('<p class="author-name">' + "word " * 40 + '</p><span class="byline">Eli Strand</span>', None),
    ('<div class="author-bio"><a rel="author">Hugo Penn</a> writes on ferries.</div>', None),
    ("", None),
]


@pytest.mark.parametrize(("markup", "expected"), BYLINES)
def test_byline_is_trafilaturas(markup: str, expected: str | None) -> None:
    tree = load_html(page(before=markup))
    theirs = extract_author(tree)
    ours = byline(tree)
    assert ours == theirs
    if expected is not None:
        assert ours is not None and expected in ours


def test_a_found_byline_is_a_name() -> None:
    """The table is not all None: most of its rows find their author."""
    found = [byline(load_html(page(before=markup))) for markup, _ in BYLINES]
    assert sum(1 for name in found if name) >= 8


def test_the_fingerprint_matches_this_trafilatura() -> None:
    """A trafilatura with other byline expressions fails here: check byline.py's predicates
    against its xpaths.py, then update XPATHS_FINGERPRINT (until then byline() falls back to
    extract_author, so results stay right, only slower)."""
    assert fingerprint() == XPATHS_FINGERPRINT


def test_other_expressions_fall_back_to_trafilatura(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(byline_module, "XPATHS_FINGERPRINT", "another release")
    tree = load_html(page(before='<span class="byline">By Tomas Reyne</span>'))
    assert byline(tree) == "Tomas Reyne"


TAGS = ["div", "span", "p", "a", "section", "h3", "time", "figure", "strong", "li", "author"]
CLASSES = [
    "author", "author-name", "AuthorName", "byline", "Byline", "byl", "comments", "Comments-box",
    "comment-list", "sidebar", "date", "title", "quote", "writer", "meta-date", "print-only",
    "channel-name", "username", "story", "lead", "article-share", "is-hidden", "category-x",
    "meta-reviewer", "Authorbox", "screenname", "posted-by", "comments-list",
]  # fmt: skip
IDS = ["author", "post-Author", "comments", "commentlist", "ProductReviews", "main", "zuozhe"]
WORDS = ["Ilse Varden", "By", "Tomas Reyne", "today", "Share", "x", "Ada Okafor wrote"]


@st.composite
def fragments(draw: st.DrawFn, depth: int = 0) -> str:
    """Random nested markup of the tags, classes and ids the byline expressions test."""
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        tag = draw(st.sampled_from(TAGS))
        attrs = ""
        if draw(st.booleans()):
            attrs += f' class="{draw(st.sampled_from(CLASSES))}"'
        if draw(st.integers(0, 3)) == 0:
            attrs += f' id="{draw(st.sampled_from(IDS))}"'
        if draw(st.integers(0, 5)) == 0:
            attrs += ' itemprop="author"'
        inner = draw(fragments(depth + 1)) if depth < 3 else ""
        text, tail = draw(st.sampled_from(WORDS)), draw(st.sampled_from(WORDS))
        parts.append(f"<{tag}{attrs}>{text}{inner}</{tag}>{tail}")
    return "".join(parts)


@settings(max_examples=150, deadline=None)
@given(fragments(), fragments())
def test_byline_is_trafilaturas_on_any_markup(before: str, after: str) -> None:
    tree = load_html(page(before=before, after=after))
    markup = etree.tostring(tree)
    assert byline(tree) == extract_author(tree)
    assert etree.tostring(tree) == markup  # only read: the text extraction consumes it next


HEADS = [
    '<meta name="author" content="Ilse Varden"><link rel="canonical" '
    'href="https://islandpost.example/ferry">',
    '<meta property="og:site_name" content="Island Post"><meta property="og:title" '
    'content="Second ferry sailing">',
    '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Second ferry '
    'sailing", "author": {"@type": "Person", "name": "Tomas Reyne"}, '
    '"datePublished": "2025-04-02T08:00:00Z"}</script>',
    '<meta name="twitter:site" content="@islandpost">',
    "",
]


@pytest.mark.parametrize("head", HEADS)
@pytest.mark.parametrize("before", ["", '<span class="byline">By Rosa Quill</span>'])
def test_page_metadata_is_extract_metadatas(head: str, before: str) -> None:
    tree = load_html(page(head, before))
    theirs = extract_metadata(
        tree,
        date_config={
            "extensive_search": True,
            "original_date": True,
            "outputformat": "%Y-%m-%dT%H:%M:%S%z",
        },
    )
    ours = page_metadata(tree, None, guess_date=True)
    if not ours.author:
        ours.author = byline(deepcopy(tree))
    finish(ours)
    for field in ("title", "author", "url", "date", "sitename"):
        assert getattr(ours, field) == getattr(theirs, field), field
    assert ours.title


@pytest.mark.parametrize("head", HEADS)
def test_extract_html_is_bare_extraction(config: Config, head: str) -> None:
    html = page(head, '<span class="byline">By Rosa Quill</span>')
    theirs = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=config.html.include_comments,
        include_tables=config.html.include_tables,
        favor_precision=config.html.favor_precision,
        date_extraction_params={
            "extensive_search": True,
            "original_date": True,
            "outputformat": "%Y-%m-%dT%H:%M:%S%z",
        },
    )
    ours = extract_html(html, config)
    assert ours is not None and isinstance(theirs, trafilatura.settings.Document)
    assert "twice a day" in (ours.text or "")
    for field in ("text", "title", "author", "url", "date", "sitename"):
        assert getattr(ours, field) == getattr(theirs, field), field


# <meta> tags that state the time in ways the cheap pre-filter must not skip: upper case, an
# entity inside the property's name, single quotes; and tags that do not state it.
STATED_METAS = [
    ('<meta property="ARTICLE:PUBLISHED_TIME" content="2025-04-02T08:00:00Z">', True),
    ('<meta property="article&#58;published_time" content="2025-04-02T08:00:00Z">', True),
    ("<meta name='parsely-pub-date' content='2025-04-02T08:00:00Z'>", True),
    ('<meta property="og:description" content="Published 2025-04-02T08:00:00Z">', False),
    ('<meta name="description" content="article:published_time">', False),
]


@pytest.mark.parametrize(("tag", "states"), STATED_METAS)
def test_date_meta_tags_are_found_whatever_their_spelling(tag: str, states: bool) -> None:
    found = stated_date(page(tag), default_config().limits)
    assert (found is not None and found[0] == "2025-04-02T08:00:00") == states


# <head> contents for the one-walk lookups: OpenGraph, <meta> with and without content,
# property, name or itemprop, JSON-LD (pretty-printed, escaped, broken) and a settings script
LOOKUP_HEADS = [
    *HEADS,
    '<meta property="og:title" content="Ferry"><meta property="OG:url" content="x">'
    '<meta property="og:description"><meta property="article:author" content="Ilse Varden">'
    '<meta name="author" content="Tomas Reyne"><meta itemprop="headline" content="Isles">'
    '<meta name="keywords" content="ferry, isles"><meta charset="utf-8">',
    '<script type="application/ld+json">\n{\n  "@context": "https://schema.org",\n  '
    '"@type": "NewsArticle",\n  "headline": '
    '"Second \\"ferry\\" sailing \\u00e9t\\u00e9",\n  "url": "https:\\/\\/islandpost.example\\/'
    'ferry",\n  "publisher": {"@type": "Organization", "name": "Island  Post"}\n}\n</script>'
    '<script type="application/settings+json">{"sitename": "Island Post"}</script>'
    '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Broken"</script>',
]
BODY_SCRIPTS = [
    "",
    '<script type="application/ld+json">{"@context": "https://schema.org", "@type": '
    '"NewsArticle", "author": {"@type": "Person", "name": "Ada Okafor"}}</script>',
    '<head><meta name="author" content="Misplaced Head"></head>',
]


@pytest.mark.parametrize("head", LOOKUP_HEADS)
@pytest.mark.parametrize("after", BODY_SCRIPTS)
def test_one_walk_answers_the_metadata_lookups(head: str, after: str) -> None:
    tree = load_html(page(head, after=after))
    walked = html_meta._lookups(tree)
    assert isinstance(walked, html_meta._Lookups)  # the fingerprint holds, one <head>
    fields = ("title", "author", "url", "hostname", "description", "sitename", "date", "image")
    theirs, ours = examine_meta(tree), examine_meta(walked)
    assert [getattr(ours, f) for f in fields] == [getattr(theirs, f) for f in fields]
    assert ours.tags == theirs.tags
    theirs, ours = extract_meta_json(tree, theirs), html_meta._meta_json(walked, ours)
    assert [getattr(ours, f) for f in fields] == [getattr(theirs, f) for f in fields]


def test_the_lookup_table_finds_metadata() -> None:
    """The table above is not all empty pages: most of its rows give a title or an author."""
    found = []
    for head in LOOKUP_HEADS:
        for after in BODY_SCRIPTS:
            walked = html_meta._lookups(load_html(page(head, after=after)))
            meta = html_meta._meta_json(walked, examine_meta(walked))
            found.append((meta.title, meta.author, meta.sitename))
    assert sum(1 for title, _, _ in found if title) >= 6
    assert ('Second "ferry" sailing été', None, "Island Post") in found
    assert sum(1 for _, author, _ in found if author) >= 6


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='ab"\\ \n\t\u00a0{}:,', max_size=60))
def test_the_split_minifies_as_json_minify(text: str) -> None:
    split = "".join(filter(None, html_meta._MINIFY_SPLIT.split(text)))
    assert split == JSON_MINIFY.sub(r"\1", text)


def test_the_metadata_fingerprint_matches_this_trafilatura() -> None:
    """A trafilatura whose examine_meta or extract_meta_json changed fails here: check the
    lookups `_Lookups` answers and `_meta_json`'s steps against them, then update
    METADATA_FINGERPRINT (until then the tree is walked as trafilatura walks it)."""
    assert html_meta.metadata_fingerprint() == html_meta.METADATA_FINGERPRINT


def test_other_metadata_functions_get_the_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_meta, "METADATA_FINGERPRINT", "another release")
    tree = load_html(page(HEADS[0] + LOOKUP_HEADS[-1]))
    assert html_meta._lookups(tree) is tree
    found = page_metadata(tree, None, guess_date=False)
    assert (found.author, found.title, found.sitename) == (
        "Ilse Varden",
        'Second "ferry" sailing été',
        "Island Post",
    )
