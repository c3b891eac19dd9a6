"""The HTML pages: each renders what the corpus holds, forms work, and the highlighting splits
the clean text without losing or duplicating a character."""

from __future__ import annotations

import itertools
import json
import re

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from newsint.model import (
    Analysis,
    ArticleMeta,
    Claim,
    Mention,
    Removal,
    Segment,
    Source,
    TextSpan,
    TimeExpr,
)
from newsint.web.render import highlight, named, rests_on

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def ids(client: TestClient, path: str) -> list[str]:
    return [item["id"] for item in client.get(path).json()["items"]]


def wire_id(client: TestClient) -> str:
    for item in client.get("/api/articles").json()["items"]:
        if item["site"] == "Coastal Wire":
            return item["id"]
    raise AssertionError("no wire article")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/", ["The corpus", "Kerrow bridge to reopen on Monday", "Ines Duarte"]),
        ("/stories", ["Kerrow bridge to reopen on Monday", "Harbour Board backs maritime museum"]),
        ("/articles", ["Traffic returns to Kerrow crossing", "Harbour News"]),
        (
            "/claims",
            [
                "the repairs had cost more than £3 million",
                "C1",
                "confirmed by 2 independent sources (1)",
                "article alone: C2",
            ],
        ),
        ("/claims?status=denied", ["the repairs had cost more than £3 million"]),
        ("/entities", ["Tomas Reyes", "PERSON"]),
        ("/entities?type=GPE", ["Malden"]),
        ("/timeline", ["EASE", "2025-03-10", "The Kerrow bridge"]),
        ("/graph", ['id="graph-data"', "a council statement"]),
        ("/search?q=museum", ["Harbour Board backs maritime museum"]),
        ("/search", ["Search"]),
        ("/add", ["Analyse and add"]),
    ],
)
def test_pages_render(client: TestClient, path: str, expected: list[str]) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    for text in expected:
        assert text in response.text, (path, text)


def test_story_page_shows_the_copy_tree(client: TestClient) -> None:
    story = ids(client, "/api/stories")[0]
    html = client.get(f"/stories/{story}").text
    tree = html[html.index('<ul class="tree">') : html.index("Copy links and their evidence")]
    # the Gazette's copy is nested under the wire story; the radio report is its own root
    assert tree.index("Coastal Wire") < tree.index("The Gazette")
    assert re.search(r"kind-(verbatim|syndicated)", tree)
    assert tree.count('<ul class="tree">') == 2


def _section(html: str, sid: str) -> str:
    start = html.index(f'<section id="{sid}"')
    return html[start : html.index("</section>", start)]


def test_story_page_shows_the_whole_story(client: TestClient) -> None:
    """Like `newsint show STORY`: articles by outlet and language, claims with their
    corroboration once per cluster, the timeline, and a chart of the stored timeline."""
    story = ids(client, "/api/stories")[0]
    detail = client.get(f"/api/stories/{story}").json()
    html = client.get(f"/stories/{story}").text
    articles = _section(html, "story-articles")
    assert len(detail["articles"]) > 1
    for a in detail["articles"]:
        assert f'href="/articles/{a["id"]}"' in articles
        assert f"<td>{a['site']}</td>" in articles
        assert f'<td class="lang">{a["language"]}</td>' in articles
    claims = _section(html, "story-claims")
    assert detail["claims"], "the story's articles make claims"
    assert claims.count("<tr>") == len(detail["claims"]) + 1  # the head row, one per claim row
    cluster = next(c for c in detail["claims"] if c["claims"] > 1)
    assert cluster["corroboration"]
    for reason in cluster["corroboration"]:  # once per cluster row, never per member claim
        rows = sum(reason in c["corroboration"] for c in detail["claims"])
        assert html.count(named(reason)) == rows, reason
    assert f'href="/claims/{cluster["id"]}"' in claims
    timeline = _section(html, "story-timeline")
    assert detail["timeline"], "the story's articles report dated events"
    assert timeline.count("<li") == len(detail["timeline"])
    for t in detail["timeline"]:
        assert t["text"][:40] in timeline
    block = re.search(r'id="story-volume-data">(.*?)</script>', html, re.S)
    assert block is not None
    volume = json.loads(block.group(1))
    dated = [t for t in detail["timeline"] if t["start"] and t["granularity"] in {"day", "time"}]
    assert sum(volume["events"]) == len(dated)
    assert sum(volume["articles"]) == len(detail["articles"])
    counts = re.search(r'id="story-counts">([^<]*)<', html)
    sites = {a["site"] for a in detail["articles"]}
    assert counts and counts.group(1).startswith(
        f"{len(detail['articles'])} articles · {len(sites)} outlets"
    )


def test_article_page_highlights_claims_with_their_chain(client: TestClient) -> None:
    html = client.get(f"/articles/{wire_id(client)}").text
    assert re.search(r'<mark class="hl hl-claim st-asserted[^"]*" data-refs="clm_', html)
    assert 'class="hl hl-claim st-denied' in html
    assert "hl-cue" in html and "hl-src" in html and "hl-ent ent-PERSON" in html
    assert "hl-time" in html and "hl-event" in html and 'class="cut"' in html
    assert "the article ← a council statement ← Ines Duarte" in html
    assert "Home › Local news" in html  # what cleaning removed
    assert 'id="span-details"' in html
    # claims carry their corpus grade, in the table and in the highlight details
    assert "confirmed by 2 independent sources (1)" in html
    assert "article alone: C2" in html
    assert "Grade from the article alone" in html


def test_claim_pages(client: TestClient) -> None:
    top = ids(client, "/api/claims")[0]
    html = client.get(f"/claims/{top}").text
    assert "Valley Radio" in html and "The Gazette" in html and "Tomas Reyes" in html
    # every graded report with its corpus grade and the reasons (the radio's claim was never
    # graded: it stays so); the copy counted once
    assert html.count('<span class="grade code"') == 2 and ">C1</span>" in html
    assert "ungraded" in html
    assert "confirmed by 2 independent sources (1)" in html
    assert "1 of 3 articles counted once" in html
    one = client.get(f"/api/claims/{top}").json()["claims"][0]["key"]
    response = client.get(f"/claims/{one}", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == f"/claims/{top}"


def test_entity_page_has_merge_and_split_forms(client: TestClient) -> None:
    html = client.get("/entities/Ines%20Duarte").text
    assert 'action="/entities/entity_' in html and 'name="members"' in html
    assert 'name="other"' in html
    assert "The Kerrow bridge will reopen" in html  # claims said by her


def test_merge_and_split_from_the_entity_page(writer: TestClient) -> None:
    kerrow = writer.get("/api/entities/Kerrow").json()["entity"]["id"]
    response = writer.post(
        f"/entities/{kerrow}/merge", data={"other": "Malden"}, follow_redirects=False
    )
    assert response.status_code == 303
    page = writer.get(response.headers["location"])
    assert "Merged." in page.text and "Malden" in page.text
    members = [m for m in writer.get("/api/entities/Kerrow").json()["members"]]
    malden = [m["key"] for m in members if m["name"] == "Malden"]
    target = writer.get("/api/entities/Kerrow").json()["entity"]["id"]
    response = writer.post(
        f"/entities/{target}/split", data={"members": malden}, follow_redirects=False
    )
    assert response.status_code == 303 and "note=split" in response.headers["location"]
    assert {m["name"] for m in writer.get("/api/entities/Kerrow").json()["members"]} == {"Kerrow"}


def test_a_failed_merge_shows_an_error_page(writer: TestClient) -> None:
    response = writer.post("/entities/Kerrow/merge", data={"other": "Nobody at all"})
    assert response.status_code == 404
    assert "text/html" in response.headers["content-type"] and "Nobody at all" in response.text


@pytest.mark.slow
def test_add_form_analyses_and_redirects_to_the_article(writer: TestClient) -> None:
    response = writer.post(
        "/add",
        data={
            "kind": "text",
            "body": "The Harbour Board said on Monday that the museum will open in May.",
            "title": "Museum opening date",
            "published": "2025-04-01",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    assert "note=added" in response.headers["location"]
    page = writer.get(response.headers["location"])
    assert "Museum opening date" in page.text and "Analysed and added" in page.text


def test_add_form_errors_stay_on_the_form(writer: TestClient) -> None:
    response = writer.post("/add", data={"kind": "text", "body": "  "})
    assert response.status_code == 400 and "Paste a text or HTML" in response.text
    response = writer.post("/add", data={"kind": "url", "url": "http://10.0.0.1/x"})
    assert response.status_code == 400 and "private" in response.text
    assert 'value="http://10.0.0.1/x"' in response.text  # what was typed is kept


def _link(html: str, rel: str) -> str:
    """The href of the pager's link `rel` (prev or next), unescaped."""
    found = re.search(rf'<a href="([^"]+)" rel="{rel}">', html)
    assert found, f"no {rel} link"
    return found.group(1).replace("&amp;", "&")


def test_pagination_links_are_keyset_cursors(client: TestClient) -> None:
    """Next and previous carry the cursor of the row they continue from (after / before),
    never an offset, and the "3–4 of 4" line follows."""
    html = client.get("/articles?limit=2").text
    assert "1–2 of 4" in html and 'rel="prev"' not in html
    following = _link(html, "next")
    assert "after=" in following and "offset=" not in following and "start=3" in following
    second = client.get(following).text
    assert "3–4 of 4" in second and 'rel="next"' not in second
    back = _link(second, "prev")
    assert "before=" in back and "offset=" not in back
    again = client.get(back).text
    assert "1–2 of 4" in again
    rows = re.compile(r'<a href="/articles/(art_[^"]+)"')
    assert rows.findall(again) == rows.findall(html)
    # an offset still names a page (links from before cursors), and its links are cursors
    html = client.get("/articles?limit=2&offset=2").text
    assert "3–4 of 4" in html and "before=" in _link(html, "prev")
    assert "Next" not in html
    assert client.get("/articles?after=not-a-cursor").status_code == 422


def test_unknown_pages_are_html_errors(client: TestClient) -> None:
    for path in ("/nowhere", "/articles/art_missing", "/stories/story_missing"):
        response = client.get(path)
        assert response.status_code == 404 and "<h1>404" in response.text


# --------------------------------------------------------------------------- highlighting


@st.composite
def annotated(draw: st.DrawFn) -> Analysis:
    text = draw(st.text(alphabet="ab <>&\"'\n", min_size=1, max_size=60))
    n = len(text)

    def span() -> tuple[int, int]:
        a = draw(st.integers(0, n - 1))
        b = draw(st.integers(a + 1, n))
        return a, b

    mentions = []
    for i in range(draw(st.integers(0, 4))):
        a, b = span()
        mentions.append(
            Mention(id=f"men_{i}", start=a, end=b, text=text[a:b], label="ORG", type="ORG")
        )
    times = []
    for i in range(draw(st.integers(0, 3))):
        a, b = span()
        times.append(TimeExpr(id=f"tim_{i}", start=a, end=b, text=text[a:b], type="DATE"))
    claims = []
    for i in range(draw(st.integers(0, 3))):
        a, b = span()
        c, d = span()
        src = Source(text=text[c:d], kind="person", start=c, end=d)
        claims.append(
            Claim(
                id=f"clm_{i}",
                content=TextSpan(start=a, end=b, text=text[a:b]),
                cue=TextSpan(start=c, end=d, text=text[c:d]),
                source=src,
                chain=[Source(text="the article", kind="article"), src],
                kind="indirect",
            )
        )
    cut_at = draw(st.integers(0, n))
    return Analysis(
        article=ArticleMeta(id="art_x"),
        text=text,
        raw="X" + text,
        offsets=[Segment(clean=0, raw=1, length=n)],
        cleaning=[Removal(start=0, end=1, reason="boilerplate", text="X")] if cut_at else [],
        mentions=mentions,
        times=times,
        claims=claims,
    )


def spans_of(analysis: Analysis) -> dict[str, tuple[int, int]]:
    out = {m.id: (m.start, m.end) for m in analysis.mentions}
    out |= {t.id: (t.start, t.end) for t in analysis.times}
    for c in analysis.claims:
        out[c.id] = (c.content.start, c.content.end)
        if c.cue:
            out[f"{c.id}:cue"] = (c.cue.start, c.cue.end)
    return out


@settings(max_examples=150, deadline=None)
@given(annotated())
def test_highlight_covers_every_character_once(analysis: Analysis) -> None:
    pieces, details = highlight(analysis)
    assert "".join(p.text for p in pieces) == analysis.text
    covered: dict[str, list[tuple[int, int]]] = {}
    at = 0
    for p in pieces:
        for ref in p.refs:
            assert ref in details
            covered.setdefault(ref, []).append((at, at + len(p.text)))
        at += len(p.text)
    for ref, (start, end) in spans_of(analysis).items():
        runs = sorted(covered.get(ref, []))
        assert runs and runs[0][0] == start and runs[-1][1] == end, ref
        assert all(a[1] == b[0] for a, b in itertools.pairwise(runs)), ref
    assert sum(len(p.cut) for p in pieces) == len(analysis.cleaning)


def test_cleaning_cuts_sit_where_the_text_was_removed() -> None:
    raw = "Home › News\nFirst paragraph.\nShare this\nSecond paragraph."
    text = "First paragraph.\n\nSecond paragraph."
    analysis = Analysis(
        article=ArticleMeta(id="art_x"),
        text=text,
        raw=raw,
        offsets=[
            Segment(clean=0, raw=12, length=16),
            Segment(clean=18, raw=40, length=17),
        ],
        cleaning=[
            Removal(start=0, end=11, reason="breadcrumb", text="Home › News"),
            Removal(start=29, end=39, reason="share", text="Share this"),
        ],
    )
    pieces, details = highlight(analysis)
    cuts = [(i, p.cut) for i, p in enumerate(pieces) if p.cut]
    assert cuts[0] == (0, ["cut0"])
    before = "".join(p.text for p in pieces[: cuts[1][0]])
    assert before == "First paragraph.\n\n" and cuts[1][1] == ["cut1"]
    assert details["cut1"]["text"] == "Share this"


@pytest.mark.parametrize(
    ("upstream", "shown"),
    [
        (["art_123", "Ines Duarte"], "Ines Duarte"),
        (["art_123", "Meridian Wire", "a leaked memo"], "Meridian Wire ← a leaked memo"),
        (["art_123"], "the article itself"),
    ],
)
def test_rests_on(upstream: list[str], shown: str) -> None:
    assert rests_on(upstream) == shown


def test_timeline_toggle_asks_for_all_events(client: TestClient) -> None:
    plain = client.get("/timeline").text
    assert 'name="all_events" value="true">' in plain  # the toggle, off
    everything = client.get("/timeline?all_events=true").text
    assert 'name="all_events" value="true" checked>' in everything
    assert "EASE" in everything
    api = client.get("/api/timeline?all_events=true").json()
    assert api["total"] >= client.get("/api/timeline").json()["total"]


def test_claims_page_explains_every_status(client: TestClient) -> None:
    from newsint.model import CLAIM_STATUSES, STATUS_MEANING

    html = client.get("/claims").text
    legend = html[html.index('aria-label="What the statuses mean"') :]
    for status in CLAIM_STATUSES:
        assert f'<span class="badge st-{status} code"' in legend
    assert "the source asserts something negative; not a denial" in legend
    assert ">negated<" not in html  # the old name is never shown
    assert set(STATUS_MEANING) == set(CLAIM_STATUSES)
    options = html[html.index('<select name="status">') : html.index("</select>")]
    assert all(f'value="{s}"' in options for s in CLAIM_STATUSES)
