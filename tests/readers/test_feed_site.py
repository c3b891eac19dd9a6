"""A feed item's outlet is the site, not the feed's section title (issue 21), and its language
comes from the feed's metadata when it states one. Fictional feeds and outlets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsint.config import Config
from newsint.model import Analysis
from newsint.readers import read_bytes
from newsint.readers.feed import site_name

BODY = (
    "<p>The coastguard closed the northern channel to small boats on Sunday after a buoy broke "
    "loose in the gale and drifted into the fairway, the harbour office said.</p>"
    "<p>Divers will try to recover the buoy on Tuesday if the wind drops. Until then pleasure "
    "craft must use the southern channel, which adds about forty minutes to the trip.</p>"
    "<p>The harbour office asked skippers to report any other loose markers by radio.</p>"
)


def rss(title: str, home: str, item: str, language: str = "") -> bytes:
    lang = f"<language>{language}</language>" if language else ""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>{title}</title><link>{home}</link>{lang}
<item><title>Northern channel closed</title><link>{home}{item}</link>
<pubDate>Sun, 09 Nov 2025 11:00:00 +0000</pubDate>
<content:encoded><![CDATA[{BODY}]]></content:encoded></item>
</channel></rss>""".encode()


@pytest.mark.parametrize(
    ("title", "domain", "outlet"),
    [
        # a known outlet (data/outlets.toml) at its domain, whatever the feed calls itself
        ("Atlas News Agency – World", "atlasnews.example", "Atlas News Agency"),
        ("ATLAS | Top stories", "atlasnews.example", "Atlas News Agency"),
        # unknown outlets: the part of the title that names the domain
        ("Gull Bay Post - Maritime", "gullbaypost.example", "Gull Bay Post"),
        ("Maritime | Gull Bay Post", "gullbaypost.example", "Gull Bay Post"),
        ("Fjord Radio Service: Weather", "frs.example", "Fjord Radio Service"),  # initials
        # the domain does not say: the part that is not a section
        ("Europe » The Quayside Herald", "qh-news.example", "The Quayside Herald"),
        ("The Quayside Herald", "herald.example", "The Quayside Herald"),
        ("Lake-Side Weekly", None, "Lake-Side Weekly"),  # hyphens are not separators
        # a title of sections only, or none: the domain
        ("World - Latest", "quayside.example", "quayside.example"),
        ("", "quayside.example", "quayside.example"),
        (None, None, None),
    ],
)
def test_site_name(title: str | None, domain: str | None, outlet: str | None) -> None:
    assert site_name(title, domain) == outlet


def test_two_sections_of_one_outlet_are_one_outlet(config: Config) -> None:
    sites = set()
    for section, path in [("World", "world/"), ("Business", "business/")]:
        data = rss(f"Gull Bay Post – {section}", "https://www.gullbaypost.example/", path)
        (item,) = list(read_bytes(data, f"{section}.rss", ".rss", config))
        assert isinstance(item, Analysis)
        sites.add(item.article.site)
    assert sites == {"Gull Bay Post"}


@pytest.mark.parametrize(("tag", "code"), [("de-DE", "de"), ("en-gb", "en"), ("", "en")])
def test_the_feed_language_is_the_items_language(config: Config, tag: str, code: str) -> None:
    data = rss("Gull Bay Post", "https://gullbaypost.example/", "a", language=tag)
    (item,) = list(read_bytes(data, "g.rss", ".rss", config))
    assert isinstance(item, Analysis)
    assert item.article.language == code
    assert ("language" in item.article.found) == bool(tag)


def test_atom_xml_lang_on_the_content(config: Config) -> None:
    data = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Gull Bay Post</title>
<link href="https://gullbaypost.example/"/>
<entry><title>Nordkanal gesperrt</title><link href="https://gullbaypost.example/de/nord"/>
<id>tag:gullbaypost.example,2025:7</id><updated>2025-11-09T11:00:00Z</updated>
<content type="html" xml:lang="de"><![CDATA[{BODY}]]></content></entry></feed>""".encode()
    (item,) = list(read_bytes(data, "g.atom", ".atom", config))
    assert isinstance(item, Analysis)
    assert item.article.language == "de" and item.article.site == "Gull Bay Post"


@given(
    st.lists(
        st.sampled_from(["World", "Gull Bay Post", "Business", "Harbour", "Latest"]), max_size=3
    ),
    st.sampled_from([" – ", " | ", " - ", ": "]),
    st.sampled_from([None, "gullbaypost.example", "other.example"]),
)
def test_the_outlet_is_a_part_of_the_title_or_the_domain(
    parts: list[str], sep: str, domain: str | None
) -> None:
    title = sep.join(parts)
    outlet = site_name(title, domain)
    assert outlet is None or outlet in (domain, title) or outlet in parts
    assert site_name(title, domain) == outlet  # deterministic


QUAYSIDE = "The Quayside Herald - Europe"


def test_an_aggregators_entries_keep_their_own_outlets(config: Config) -> None:
    item = """<item><title>{t}</title><link>{link}</link>{source}
<content:encoded><![CDATA[{body}]]></content:encoded></item>"""
    entries = [
        item.format(t="a", link="https://gullbaypost.example/a", source="", body=BODY),
        item.format(
            t="b",
            link="https://quayside.example/b",
            source=f"<source url='https://quayside.example/rss'>{QUAYSIDE}</source>",
            body=BODY,
        ),
        item.format(t="c", link="https://www.atlasnews.example/c", source="", body=BODY),
        item.format(t="d", link="https://news.digest.example/d", source="", body=BODY),
    ]
    data = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Morning Digest – Europe</title><link>https://digest.example/</link>
{"".join(entries)}</channel></rss>""".encode()
    items = list(read_bytes(data, "digest.rss", ".rss", config))
    assert [i.article.site for i in items if isinstance(i, Analysis)] == [
        "gullbaypost.example",
        "The Quayside Herald",
        "Atlas News Agency",
        "Morning Digest",  # its own site (a subdomain): the feed's outlet
    ]
