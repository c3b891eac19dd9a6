from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsint.config import Config
from newsint.errors import InputError, ParseProblem
from newsint.model import Analysis
from newsint.readers import read_bytes, read_path
from newsint.readers.base import Link
from newsint.readers.feed import fragment_text, read_opml

LONG = (
    "<p>The river authority opened all six sluice gates on Friday night after three days of "
    "rain pushed the reservoir above its summer mark, officials said.</p>"
    "<p>Farmers downstream were told to move livestock to higher ground before dawn. The "
    "authority said the release would last at least forty hours and that the old bridge at "
    "Kerrow would stay closed to lorries until engineers had inspected its piers.</p>"
    "<p>“We would rather lose a weekend than a bridge,” said the authority's chief engineer.</p>"
)

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>The Valley Courier</title><link>https://courier.example/</link>
<item><title>Sluice gates opened as reservoir rises</title>
<link>https://courier.example/sluice</link>
<pubDate>Sat, 14 Jun 2025 07:30:00 +0000</pubDate>
<content:encoded><![CDATA[{LONG}]]></content:encoded></item>
<item><title>Market hall to reopen</title><link>https://courier.example/market</link>
<pubDate>Fri, 13 Jun 2025 18:00:00 +0000</pubDate>
<description>The market hall reopens on Monday.</description></item>
</channel></rss>
""".encode()

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Courier (Atom)</title>
<entry><title>Sluice gates opened</title><link href="https://courier.example/sluice-atom"/>
<id>tag:courier.example,2025:1</id><updated>2025-06-14T07:30:00Z</updated>
<content type="html"><![CDATA[{LONG}]]></content></entry></feed>
""".encode()


def test_rss_full_entries_are_articles_and_summaries_are_links(config: Config) -> None:
    items = list(read_bytes(RSS, "valley.rss", ".rss", config))
    assert [type(i) for i in items] == [Analysis, Link]
    article, link = items
    assert isinstance(article, Analysis) and isinstance(link, Link)
    assert article.article.title == "Sluice gates opened as reservoir rises"
    assert article.article.url == "https://courier.example/sluice"
    assert article.article.site == "The Valley Courier"
    assert article.article.published.date == "2025-06-14T07:30:00"
    assert article.article.format == "feed"
    assert article.raw.count("\n\n") == 2  # one paragraph per <p>
    assert "“We would rather lose a weekend than a bridge,”" in article.raw
    assert link.url == "https://courier.example/market"
    assert link.kind == "article" and link.published == "2025-06-13T18:00:00"


def test_same_feed_twice_gives_same_ids(config: Config) -> None:
    first = [
        i.article.id for i in read_bytes(RSS, "a.rss", ".rss", config) if isinstance(i, Analysis)
    ]
    again = [
        i.article.id for i in read_bytes(RSS, "b.rss", ".rss", config) if isinstance(i, Analysis)
    ]
    assert first == again


def test_atom_is_sniffed_without_suffix(config: Config) -> None:
    (article,) = list(read_bytes(ATOM, "feed", None, config))
    assert isinstance(article, Analysis)
    assert article.article.url == "https://courier.example/sluice-atom"
    assert article.article.published.date == "2025-06-14T07:30:00"


def test_json_feed(config: Config) -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Courier JSON",
        "items": [{"id": "1", "url": "https://courier.example/j", "content_html": LONG}],
    }
    (article,) = list(read_bytes(json.dumps(feed).encode(), "feed.json", None, config))
    assert isinstance(article, Analysis)
    assert article.article.url == "https://courier.example/j"


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<rss version="2.0"><channel><title>&lol2;</title></channel></rss>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><title>&x;</title></item></channel></rss>"""


@pytest.mark.parametrize("data", [BOMB, XXE, BOMB.replace(b"</rss>", b"")])
def test_entity_declarations_are_refused(config: Config, data: bytes) -> None:
    (err,) = list(read_bytes(data, "evil.rss", ".rss", config))
    assert isinstance(err, ParseProblem)
    assert "entit" in err.problem


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty"),
        (b"<rss version='2.0'><channel><title>x</title></channel></rss>", "no entries"),
        (b"this is not a feed at all", "not a readable"),
    ],
)
def test_bad_feeds_say_what_is_wrong(config: Config, data: bytes, problem: str) -> None:
    (err,) = list(read_bytes(data, "f.rss", ".rss", config))
    assert isinstance(err, InputError)
    assert problem in err.problem


def test_feed_entry_limit(config: Config) -> None:
    small = config.model_copy(
        update={"ingest": config.ingest.model_copy(update={"max_feed_entries": 1})}
    )
    items = list(read_bytes(RSS, "v.rss", ".rss", small))
    assert isinstance(items[0], Analysis)
    assert isinstance(items[1], ParseProblem) and "1 entries past the first 1" in items[1].problem


def test_opml_lists_feeds(tmp_path: Path) -> None:
    f = tmp_path / "subs.opml"
    f.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>s</title></head><body>'
        '<outline text="News"><outline text="A" type="rss" xmlUrl="https://a.example/rss"/>'
        '<outline text="B" xmlUrl="https://b.example/atom"/>'
        '<outline text="A again" xmlUrl="https://a.example/rss"/></outline></body></opml>',
        encoding="utf-8",
    )
    links = list(read_path(f))
    assert [(i.url, i.kind) for i in links if isinstance(i, Link)] == [
        ("https://a.example/rss", "feed"),
        ("https://b.example/atom", "feed"),
    ]
    with pytest.raises(InputError, match="no feeds"):
        list(read_opml(b"<opml><body><outline text='x'/></body></opml>", "empty.opml"))


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("plain words", "plain words"),
        ("<p>One.</p><p>Two.</p>", "One.\n\nTwo."),
        ("<p>A <b>bold</b> move</p><script>alert(1)</script>", "A bold move"),
        ("line<br>break", "line\n\nbreak"),
        ("<ul><li>x</li><li>y</li></ul>", "x\n\ny"),
    ],
)
def test_fragment_text(markup: str, text: str) -> None:
    assert fragment_text(markup) == text
