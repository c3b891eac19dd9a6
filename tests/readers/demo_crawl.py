"""Builds the demo's sample web archive, src/newsint/data/demo/inputs/crawl.warc.gz: what a
crawl of a fictional outlet's site captures — two article pages, and the robots.txt, feed,
style sheet, script, image, redirect and missing page that come with them (issue 21: only the
pages may become articles). Every text is written for newsint; the outlet is invented.

Deterministic (fixed record ids and dates), so the shipped file is exactly what this builds:
    PYTHONPATH=src python tests/readers/demo_crawl.py src/newsint/data/demo/inputs/crawl.warc.gz
"""

from __future__ import annotations

import io
import sys
import uuid
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

SITE = "https://www.skagerrakpost.example"

# The EU listing, published 6 March at 14:20 Copenhagen time; the canonical URL carries the day
# the story was drafted (5 March), which htmldate alone would take.
SANCTIONS = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>EU adds Polar Meadow to sanctions list after Great Belt detention | Skagerrak Post</title>
<meta property="og:site_name" content="Skagerrak Post">
<meta property="article:published_time" content="2025-03-06T14:20:00+01:00">
<meta name="author" content="Lars Holm">
<link rel="canonical" href="https://www.skagerrakpost.example/shipping/2025/03/05/eu-lists-polar-meadow">
</head>
<body>
<nav><a href="/">Home</a> <a href="/shipping/">Shipping</a> <a href="/business/">Business</a></nav>
<article>
<h1>EU adds Polar Meadow to sanctions list after Great Belt detention</h1>
<p class="byline">By Lars Holm</p>
<p>The European Union on Thursday added the bulk carrier Polar Meadow to its sanctions list, two
days after Danish authorities detained the container ship Estrela Boreal in the Great Belt on
suspicion of taking on grain from it at sea.</p>
<p>Ports in the bloc may no longer load or unload the Polar Meadow. Its owner, a company
registered in the Marshall Islands, did not answer emails on Thursday.</p>
<p>The Estrela Boreal remains at anchor off Korsør. A memo from the Eskerø Port Authority, first
reported by Meridian Wire, says the ship switched off its transponder for eleven hours in
February while 31,000 tonnes of wheat were moved across.</p>
<p>“The listing shows the system works when ports share what they see,” a Danish maritime
official told the Skagerrak Post, asking not to be named.</p>
</article>
<footer>© Skagerrak Post. <a href="/privacy">Privacy</a></footer>
</body>
</html>
"""

# The hospital trust's recovery, stamped only in JSON-LD (no meta tag, no date in the URL).
HOSPITAL = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Sheffield hospitals restore booking system two days after ransomware attack</title>
<link rel="canonical" href="https://www.skagerrakpost.example/world/sheffield-hospitals-bookings-restored">
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
 {"@type": "WebSite", "name": "Skagerrak Post", "url": "https://www.skagerrakpost.example/"},
 {"@type": "NewsArticle",
  "headline": "Sheffield hospitals restore booking system two days after ransomware attack",
  "datePublished": "2025-05-12T07:15:00+01:00",
  "author": {"@type": "Person", "name": "Maren Dahl"}}]}
</script>
</head>
<body>
<article>
<h1>Sheffield hospitals restore booking system two days after ransomware attack</h1>
<p>The Don Valley Hospitals NHS Trust said on Monday that its appointment booking system was
working again, two days after a ransomware attack forced staff in Sheffield back to paper
records.</p>
<p>The trust said 1,200 outpatient appointments had been moved and that emergency departments
had stayed open throughout. Officials who spoke on condition of anonymity have blamed the
Hollowtide group; the trust itself has not named the attackers.</p>
<p>A man arrested in Leicester on Sunday remains in custody, police said.</p>
</article>
</body>
</html>
"""

ROBOTS = b"User-agent: *\nDisallow: /search\nDisallow: /account/\nSitemap: /sitemap.xml\n"
FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Skagerrak Post - Shipping</title>
<link>https://www.skagerrakpost.example/shipping/</link>
<item><title>EU adds Polar Meadow to sanctions list after Great Belt detention</title>
<link>https://www.skagerrakpost.example/shipping/2025/03/05/eu-lists-polar-meadow</link>
</item></channel></rss>
"""
STYLE = b"body{font-family:serif;margin:0}nav a{margin-right:1em}article{max-width:40em}\n"
SCRIPT = b"document.documentElement.className='js';\n"
# A 1x1 transparent GIF: what an image record looks like to the reader.
PIXEL = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)

# (path, status, content type, extra headers, body, capture time)
RECORDS: list[tuple[str, str, str, list[tuple[str, str]], bytes, str]] = [
    ("/robots.txt", "200 OK", "text/plain", [], ROBOTS, "2025-05-12T09:00:00Z"),
    ("/shipping/feed.xml", "200 OK", "application/rss+xml", [], FEED, "2025-05-12T09:00:02Z"),
    (
        "/shipping/2025/03/05/eu-lists-polar-meadow",
        "200 OK",
        "text/html; charset=utf-8",
        [],
        SANCTIONS.encode("utf-8"),
        "2025-05-12T09:00:04Z",
    ),
    ("/static/site.css", "200 OK", "text/css", [], STYLE, "2025-05-12T09:00:05Z"),
    ("/static/site.js", "200 OK", "application/javascript", [], SCRIPT, "2025-05-12T09:00:05Z"),
    ("/static/pixel.gif", "200 OK", "image/gif", [], PIXEL, "2025-05-12T09:00:06Z"),
    (
        "/world/hospital-bookings",
        "301 Moved Permanently",
        "text/html",
        [("Location", f"{SITE}/world/sheffield-hospitals-bookings-restored")],
        b"<html><body>Moved</body></html>",
        "2025-05-12T09:00:07Z",
    ),
    (
        "/world/sheffield-hospitals-bookings-restored",
        "200 OK",
        "text/html; charset=utf-8",
        [],
        HOSPITAL.encode("utf-8"),
        "2025-05-12T09:00:08Z",
    ),
    (
        "/world/old-story",
        "404 Not Found",
        "text/html",
        [],
        b"<html><body>Not found</body></html>",
        "2025-05-12T09:00:09Z",
    ),
]


def build() -> bytes:
    """The archive's bytes: one gzipped WARC response record per capture, in crawl order."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for path, status, ctype, extra, body, when in RECORDS:
        url = SITE + path
        headers = StatusAndHeaders(
            status,
            [("Content-Type", ctype), ("Content-Length", str(len(body))), *extra],
            protocol="HTTP/1.1",
        )
        record_id = f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url + when)}>"
        writer.write_record(
            writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": when, "WARC-Record-ID": record_id},
            )
        )
    return out.getvalue()


if __name__ == "__main__":
    Path(sys.argv[1]).write_bytes(build())
