"""The demo's sample feeds, feed list and web archive (src/newsint/data/demo/inputs, fictional)
read as the README tour says: the feeds' outlets are sites, the German feed is German, the
archive gives its two pages with their stated times and counts the rest."""

from __future__ import annotations

from collections import Counter
from importlib import resources
from pathlib import Path

import pytest
from demo_crawl import build

from newsint.model import Analysis
from newsint.readers import read_path
from newsint.readers.base import Link

INPUTS = Path(str(resources.files("newsint.data").joinpath("demo", "inputs")))


def articles(name: str, skipped: Counter[str] | None = None) -> list[Analysis]:
    items = list(read_path(INPUTS / name, skipped=skipped))
    assert all(isinstance(i, Analysis) for i in items), items
    return [i for i in items if isinstance(i, Analysis)]


def test_the_shipped_archive_is_what_the_builder_makes() -> None:
    assert (INPUTS / "crawl.warc.gz").read_bytes() == build()


def test_the_archive_gives_its_pages_with_their_stated_times() -> None:
    skipped: Counter[str] = Counter()
    sanctions, hospital = articles("crawl.warc.gz", skipped)
    assert skipped == {"robots": 1, "feed": 1, "asset": 3, "status": 2}
    # 14:20 at UTC+1, although the canonical URL is dated the day before
    assert sanctions.article.published.date == "2025-03-06T13:20:00"
    assert hospital.article.published.date == "2025-05-12T06:15:00"  # from JSON-LD
    assert {sanctions.article.site, hospital.article.site} == {"Skagerrak Post"}


@pytest.mark.parametrize(
    ("name", "site", "language", "first_published"),
    [
        ("atlas-world.rss", "Atlas News Agency", "en", "2025-04-16T15:20:00"),
        ("nordlicht-schifffahrt.atom", "Nordlicht Rundschau", "de", "2025-03-04T15:10:00"),
    ],
)
def test_the_feeds(name: str, site: str, language: str, first_published: str) -> None:
    found = articles(name)
    assert len(found) == 2
    assert {a.article.site for a in found} == {site}  # the outlet, not "… – World"
    assert {a.article.language for a in found} == {language}
    assert found[0].article.published.date == first_published


def test_the_feed_list_names_the_two_sample_feeds_on_disk() -> None:
    links = list(read_path(INPUTS / "feeds.opml"))
    assert all(isinstance(i, Link) and i.local and i.kind == "feed" for i in links)
    assert [Path(i.url).name for i in links if isinstance(i, Link)] == [
        "atlas-world.rss",
        "nordlicht-schifffahrt.atom",
    ]
    assert all(Path(i.url).is_file() for i in links if isinstance(i, Link))


def test_an_opml_list_read_from_bytes_names_no_local_files() -> None:
    """A list fetched from the web may not make newsint read this machine's files."""
    from newsint.readers import read_bytes

    data = (INPUTS / "feeds.opml").read_bytes()
    links = [i for i in read_bytes(data, "https://x.example/feeds.opml", ".opml")]
    assert links and all(isinstance(i, Link) and not i.local for i in links)
