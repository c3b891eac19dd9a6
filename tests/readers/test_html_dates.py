"""The publication time a page states beats htmldate's guesses, with its time of day and zone
(issue 21): a canonical URL dated another day must not win. Fictional pages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsint.config import Config, default_config
from newsint.model import Analysis
from newsint.readers import read_bytes
from newsint.readers.html import stated_date, stated_language

LIMITS = default_config().limits

BODY = """<article><h1>Lighthouse keeper's cottage to become a museum</h1>
<p>The old keeper's cottage at Marram Head will open as a small museum next summer, the
heritage trust said, after a local family gave the lamp room's logbooks covering ninety
years of shipwrecks, storms and rescues along the north coast.</p>
<p>Volunteers are cataloguing the logbooks now. The trust hopes to show the brass lens, taken
down in 1987, in the cottage's front room once its floor has been strengthened.</p>
</article>"""

# The URL says 2 March; the page's own stamp says 4 March at 09:30 in UTC+1.
CANONICAL = '<link rel="canonical" href="https://coastwatch.example/2025/03/02/marram-museum">'


def page(head: str, body_extra: str = "") -> bytes:
    return (
        f"<html><head><title>Lighthouse cottage museum</title>{CANONICAL}{head}</head>"
        f"<body>{body_extra}{BODY}</body></html>"
    ).encode()


STATED = [
    ('<meta property="article:published_time" content="2025-03-04T09:30:00+01:00">', ""),
    ('<meta content="2025-03-04T09:30:00+01:00" itemprop="datePublished">', ""),
    (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "WebPage"}, {"@type": "NewsArticle", "headline": "x", '
        '"datePublished": "2025-03-04T09:30:00+01:00"}]}</script>',
        "",
    ),
    ("", '<time datetime="2025-03-04T09:30:00+01:00" pubdate>4 March</time>'),
    ("", '<p>Posted <time datetime="2025-03-04T08:30:00Z">4 March</time></p>'),
]


@pytest.mark.parametrize(("head", "extra"), STATED)
def test_the_stated_time_beats_a_dated_canonical_url(config: Config, head: str, extra: str) -> None:
    (item,) = list(read_bytes(page(head, extra), "museum.html", ".html", config))
    assert isinstance(item, Analysis)
    published = item.article.published
    assert published.date == "2025-03-04T08:30:00"  # in UTC: the zone is applied, not dropped
    assert published.source == "metadata"
    assert "2025-03-04T0" in (published.evidence or "")  # the stamp as the page wrote it


def test_the_meta_tag_outranks_json_ld(config: Config) -> None:
    head = (
        '<meta property="article:published_time" content="2025-03-04T09:30:00Z">'
        '<script type="application/ld+json">{"datePublished": "2025-03-01"}</script>'
    )
    found = stated_date(page(head).decode(), LIMITS)
    assert found is not None and found[0] == "2025-03-04T09:30:00"
    assert "article:published_time" in found[1]


@pytest.mark.parametrize(
    "markup",
    [
        "<p>nothing dated here</p>",
        '<script type="application/ld+json">{broken json</script>',
        # several unmarked <time> tags: comments or related stories as likely as the article
        '<time datetime="2025-01-02">a</time><time datetime="2025-02-03">b</time>',
        '<meta property="article:published_time" content="not a date">',
        # a CMS placeholder is no date (and must not make the page a bad-date failure)
        '<script type="application/ld+json">{"datePublished": "0001-01-01T00:00:00Z"}</script>',
    ],
)
def test_no_stated_date(markup: str) -> None:
    assert stated_date(f"<html><head></head><body>{markup}</body></html>", LIMITS) is None


@pytest.mark.parametrize(
    ("tag", "code"),
    [('<html lang="de-DE">', "de"), ("<html lang=fr>", "fr"), ("<html>", None)],
)
def test_stated_language(tag: str, code: str | None) -> None:
    assert stated_language(f"{tag}<head></head><body></body></html>") == code


def test_a_placeholder_stamp_falls_back_to_htmldate(config: Config) -> None:
    head = '<script type="application/ld+json">{"datePublished": "0001-01-01T00:00:00Z"}</script>'
    (item,) = list(read_bytes(page(head), "museum.html", ".html", config))
    assert isinstance(item, Analysis)
    assert item.article.published.date == "2025-03-02"  # htmldate's, from the URL


def test_a_marked_time_among_others() -> None:
    body = (
        '<time datetime="2025-02-27T10:00:00Z">related</time>'
        '<time pubdate datetime="2025-03-04T09:30:00Z">4 March</time>'
        '<time datetime="2025-03-05T18:00:00Z">a comment</time>'
    )
    found = stated_date(f"<html><body>{body}</body></html>", LIMITS)
    assert found == ("2025-03-04T09:30:00", "html <time datetime>: 2025-03-04T09:30:00Z")


TEMPLATES = [
    '<meta property="article:published_time" content="{}">',
    '<script type="application/ld+json">{{"datePublished": "{}"}}</script>',
    '<time datetime="{}">x</time>',
    "<time pubdate datetime='{}'>",
]
STAMPS = st.one_of(
    st.datetimes().map(lambda d: d.isoformat()),
    st.text(alphabet=st.sampled_from(list("0123456789-:TZ+ ")), max_size=30),
    st.text(max_size=20),
)


@settings(deadline=None, max_examples=50)  # dateparser may take 0.2 s on a garbled stamp
@given(st.lists(st.tuples(st.sampled_from(TEMPLATES), STAMPS), max_size=4))
def test_stated_date_never_fails_and_answers_a_date_in_range(
    tags: list[tuple[str, str]],
) -> None:
    markup = "".join(t.format(v.replace('"', "").replace("'", "")) for t, v in tags)
    found = stated_date(f"<html><head>{markup}</head></html>", LIMITS)
    assert found is None or (
        LIMITS.min_published_year <= int(found[0][:4]) <= LIMITS.max_published_year
    )
    assert stated_date(f"<html><head>{markup}</head></html>", LIMITS) == found
