"""Real-browser tests: Playwright driving Debian's Chromium against `newsint serve` on loopback.

The corpus is the bundled demo plus the hand-made web corpus (claims with chains, for the claim
test) plus tests/fixtures/hostile.html. Screenshots go to test-artifacts/. Skipped, with the
reason, where Chromium or Playwright is missing (.ci/run installs Chromium from Debian).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsint.corpus.api import Corpus
from webcorpus import web_analyses, write_jsonl

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning")]


def _why_not() -> str | None:
    if not CHROMIUM.exists():
        return (
            f"no Chromium at {CHROMIUM}: install Debian's package (apt-get install chromium) "
            "or run .ci/run, which does"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed: pip install -e '.[dev]'"
    return None


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, fixtures: Path) -> Iterator[str]:
    reason = _why_not()
    if reason:
        if os.environ.get("NEWSINT_REQUIRE_BROWSER"):
            pytest.fail(reason)  # .ci/run installs Chromium: there a skip would hide a failure
        pytest.skip(reason)
    from newsint.cli import demo_files
    from newsint.web import create_app
    from newsint.web.background import running

    folder = tmp_path_factory.mktemp("browser")
    mine = write_jsonl(folder / "web.jsonl", web_analyses())
    hostile = folder / "hostile.html"
    shutil.copyfile(fixtures / "hostile.html", hostile)
    corpus = Corpus(folder / "corpus.db")
    summary = corpus.ingest([*map(str, demo_files()), str(mine), str(hostile)])
    assert summary.failed == []
    try:
        with running(create_app(corpus)) as url:
            yield url
    finally:
        corpus.close()


@pytest.fixture(scope="module")
def fixtures() -> Path:
    return Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class Watched:
    """A page with every dialog, console message and page error recorded."""

    def __init__(self, browser: Any, viewport: dict[str, int]) -> None:
        self.context = browser.new_context(viewport=viewport)
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.errors: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def problems(self) -> list[str]:
        bad = [c for c in self.console if c.startswith(("error", "warning"))]
        return self.dialogs + bad + self.errors

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / name), full_page=True)

    def close(self) -> None:
        self.context.close()


@pytest.fixture(params=[WIDE, PHONE], ids=["1280px", "phone"])
def tab(request: pytest.FixtureRequest, browser: Any) -> Iterator[Watched]:
    watched = Watched(browser, request.param)
    watched.width = request.param["width"]  # type: ignore[attr-defined]
    yield watched
    watched.close()


def no_sideways_scroll(page: Any, width: int) -> None:
    """The page fits the window: wide tables scroll inside their own box, not the page."""
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1


def test_click_a_story_and_see_its_copy_tree(server: str, tab: Watched) -> None:
    page = tab.page
    page.goto(server + "/")
    page.locator(".main-nav").get_by_role("link", name="Stories").click()
    page.locator("table.data tbody tr").first.locator("a").first.click()
    page.wait_for_selector(".copy-tree")
    assert page.locator(".copy-tree .tree .tree .node").count() >= 2  # copies under an original
    assert page.locator(".copy-tree .badge.kind-original").count() >= 1
    assert page.locator(".warnings .misattribution, .warnings li").first.is_visible()
    no_sideways_scroll(page, tab.width)  # type: ignore[attr-defined]
    tab.shot(f"story-{tab.width}.png")  # type: ignore[attr-defined]
    assert tab.problems() == []


def test_the_story_page_holds_the_whole_story(server: str, tab: Watched) -> None:
    """Articles by outlet and language, the copy tree, the claims with their grades (tooltips)
    and corroboration, the timeline, and a jump to each block."""
    import httpx

    page = tab.page
    page.goto(server + "/stories")
    page.locator("table.data tbody tr").first.locator("a").first.click()
    page.wait_for_selector("#story-claims")
    story = page.url.rstrip("/").rsplit("/", 1)[-1]
    detail = httpx.get(f"{server}/api/stories/{story}").json()
    rows = page.locator("#story-articles tbody tr")
    assert rows.count() == len(detail["articles"]) > 1
    for i, a in enumerate(detail["articles"]):
        cells = rows.nth(i).locator("td")
        assert cells.nth(1).inner_text() == a["site"]
        assert cells.nth(3).inner_text() == a["language"]
    assert page.locator("#story-tree .tree .tree .node").count() >= 1
    claims = page.locator("#story-claims tbody tr")
    assert claims.count() == min(len(detail["claims"]), 50) >= 1
    grade = page.locator("#story-claims td.grade-cell .grade.code").first
    grade.scroll_into_view_if_needed()
    grade.hover()
    tip = page.locator("#code-tip")
    assert tip.is_visible() and "source (" in tip.inner_text()
    top = detail["claims"][0]
    why = claims.first.locator("td.grade-cell details.reasons")
    assert not why.locator("ul").is_visible()  # folded: a row is a line or two, not a page
    why.locator("summary").click()
    first_reasons = why.locator("ul").inner_text()
    for reason in top["corroboration"]:  # corroboration in words, outlets for ids
        assert re.sub(r" \(art_[0-9a-f]+\)", "", reason) in first_reasons
    assert "art_" not in first_reasons
    entries = page.locator("#story-timeline ol.timeline > li")
    assert entries.count() == len(detail["timeline"]) >= 1
    folded = page.locator("#story-timeline details.more")
    if folded.count():  # past the first page, the rest opens in place
        assert not entries.last.is_visible()
        folded.locator("summary").click()
        assert entries.last.is_visible()
    page.locator("nav.jump").get_by_role("link", name=re.compile("^Timeline")).click()
    page.wait_for_function("location.hash === '#story-timeline'")
    assert page.locator("#story-timeline h2").is_visible()
    no_sideways_scroll(page, tab.width)  # type: ignore[attr-defined]
    assert tab.problems() == []
    claims.first.locator("td").first.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/claims/"))
    assert page.locator("h1").count() == 1


def test_open_an_article_and_see_a_claim_with_its_chain(server: str, tab: Watched) -> None:
    page = tab.page
    page.goto(server + "/stories")
    page.get_by_role("link", name="Kerrow bridge to reopen on Monday").first.click()
    page.locator(".copy-tree .node", has_text="Coastal Wire").get_by_role("link").click()
    claim = page.locator("#text mark.hl-claim").first
    assert claim.is_visible()
    claim.click()
    details = page.locator("#details")
    assert details.locator("h3").first.inner_text().startswith("Claim")
    names = details.locator(".chain-list .src-name").all_inner_texts()
    assert names == ["the article", "a council statement", "Ines Duarte"]
    assert details.locator(".chain-list .src-kind").all_inner_texts() == [
        "article",
        "statement",
        "person",
    ]
    assert page.locator("#text mark.selected").count() >= 1
    # the layer toggles hide and show a layer
    page.locator('#layers input[data-layer="claim"]').uncheck()
    assert "hide-claim" in (page.locator("#text").get_attribute("class") or "")
    no_sideways_scroll(page, tab.width)  # type: ignore[attr-defined]
    tab.shot(f"article-{tab.width}.png")  # type: ignore[attr-defined]
    assert tab.problems() == []


def test_claims_table(server: str, tab: Watched) -> None:
    page = tab.page
    page.goto(server + "/claims?min_sources=0")
    rows = page.locator("table.claims tbody tr")
    assert rows.count() >= 2
    kerrow = rows.filter(has_text="Kerrow bridge will reopen")
    assert kerrow.count() == 1 and "C1" in kerrow.first.inner_text()
    # best corroborated first: the demo's hospital claims backed by two independent sources
    assert rows.first.locator("td.indep strong").inner_text() == "2"
    no_sideways_scroll(page, tab.width)  # type: ignore[attr-defined]
    tab.shot(f"claims-{tab.width}.png")  # type: ignore[attr-defined]
    assert tab.problems() == []


def test_claims_paging_facets_and_search(server: str, tab: Watched) -> None:
    """Every claim is on the claims page: paged, narrowed by facets, found by its words."""
    page = tab.page
    page.goto(server + "/claims?limit=5")
    total = int(page.locator("#claims-count").inner_text().split()[0])
    assert total > 5
    rows = page.locator("table.claims tbody tr")
    first = rows.first.inner_text()
    page.locator("nav.pager a[rel=next]").first.click()
    page.wait_for_url("**after=**")  # the next page by cursor (keyset), not by offset
    assert "offset=" not in page.url
    assert rows.count() == 5 and rows.first.inner_text() != first
    assert page.locator("nav.pager span").first.inner_text().startswith("6–10 of")
    page.locator("nav.pager a[rel=prev]").first.click()
    page.wait_for_url("**before=**")
    assert rows.first.inner_text() == first
    page.locator("nav.pager a[rel=next]").first.click()
    page.wait_for_url("**after=**")
    # a facet: the form keeps it, the count and the rows follow
    form = page.locator("#claim-facets")
    form.locator("select[name=status]").select_option("denied")
    form.get_by_role("button", name="Filter").click()
    page.wait_for_url("**status=denied**")
    denied = int(page.locator("#claims-count").inner_text().split()[0])
    assert 0 < denied < total
    assert all("denied" in r for r in rows.all_inner_texts())
    assert form.locator("select[name=status]").input_value() == "denied"
    # full text, with the status still set
    form.locator("input[name=q]").fill("hospitals")
    form.get_by_role("button", name="Filter").click()
    page.wait_for_url("**q=hospitals**")
    found = int(page.locator("#claims-count").inner_text().split()[0])
    assert found <= denied
    # the search page finds articles, entities and claims by their words
    page.goto(server + "/search?q=hospitals")
    assert page.locator("table.data tbody tr").count() >= 1
    no_sideways_scroll(page, tab.width)  # type: ignore[attr-defined]
    assert tab.problems() == []


def test_hostile_article_payloads_do_not_run(server: str, tab: Watched) -> None:
    page = tab.page
    page.add_init_script("window.__payloadRan = false;")
    page.goto(server + "/")
    page.locator(".top-search input").fill("coding club")
    page.locator(".top-search input").press("Enter")
    page.get_by_role("link", name="Library coding club").first.click()
    page.wait_for_selector("#text")
    # every payload is on the page as text ...
    text = page.locator("#text").inner_text()
    assert "<script>alert(1)</script>" in text
    assert '"><svg onload=alert(1)>' in text
    assert "<script>" in page.locator("h1").inner_text()
    # ... and none of it became an element, a handler or a link
    found = page.evaluate(
        """() => ({
            scripts: [...document.scripts].map(s => s.src || s.type),
            inText: document.querySelectorAll('#text *:not(mark):not(button)').length,
            handlers: document.querySelectorAll(
                '[onerror],[onload],[onclick],[onmouseover]').length,
            jsLinks: [...document.querySelectorAll('a')].filter(
                a => a.href.trim().toLowerCase().startsWith('javascript:')).length,
            imgs: document.images.length,
            svgs: document.querySelectorAll('svg').length,
            iframes: document.querySelectorAll('iframe').length,
            ran: window.__payloadRan,
        })"""
    )
    assert found == {
        "scripts": [f"{server}/static/newsint.js", "application/json"],
        "inText": 0,
        "handlers": 0,
        "jsLinks": 0,
        "imgs": 0,
        "svgs": 0,
        "iframes": 0,
        "ran": False,
    }
    tab.shot(f"hostile-{tab.width}.png")  # type: ignore[attr-defined]
    assert tab.dialogs == [] and tab.errors == []
    assert tab.problems() == []  # no console error: nothing was even blocked by the CSP


GRAPH_READY = "() => window.newsintGraph && document.getElementById('graph').dataset.labels"


def graph_state(page: Any) -> dict[str, Any]:
    return page.evaluate(
        """() => {
            const cy = window.newsintGraph;
            return {zoom: cy.zoom(), pan: cy.pan(), visible: cy.nodes(':visible').length,
                    focus: document.getElementById('graph').dataset.focus || null};
        }"""
    )


def test_graph_pan_zoom_filter_and_click(server: str, browser: Any) -> None:
    tab = Watched(browser, WIDE)
    page = tab.page
    try:
        page.goto(server + "/graph")
        page.wait_for_function(GRAPH_READY)
        # the legend's swatches are the nodes' colours
        pairs = page.evaluate(
            """() => [...document.querySelectorAll('[data-swatch]')].map(s => [
                getComputedStyle(s).backgroundColor,
                window.newsintGraph.nodes('[group = "' + s.dataset.swatch + '"]').first()
                    .style('background-color')])"""
        )
        assert len(pairs) >= 4 and all(a.replace(" ", "") == b.replace(" ", "") for a, b in pairs)
        # labels shown never overlap (measured by the library itself)
        overlaps = page.evaluate(
            """() => {
                const boxes = window.newsintGraph.nodes(':visible')
                    .filter(n => !n.hasClass('nolabel'))
                    .map(n => n.boundingBox({includeNodes: false, includeLabels: true}));
                let hits = 0;
                for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
                    const a = boxes[i], b = boxes[j];
                    if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) hits++;
                }
                return [boxes.length, hits];
            }"""
        )
        assert overlaps[0] >= 5 and overlaps[1] == 0, overlaps
        # zoom: the buttons and the mouse wheel
        before = graph_state(page)
        page.get_by_role("button", name="Zoom in").click()
        zoomed = graph_state(page)
        assert zoomed["zoom"] > before["zoom"] * 1.3
        box = page.locator("#graph").bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.wheel(0, 400)
        page.wait_for_timeout(200)
        assert graph_state(page)["zoom"] < zoomed["zoom"]
        page.get_by_role("button", name="Fit").click()
        # pan: drag the empty background near a corner
        start = graph_state(page)["pan"]
        x, y = box["x"] + box["width"] - 12, box["y"] + box["height"] - 12
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x - 60, y - 40, steps=8)
        page.mouse.move(x - 120, y - 80, steps=8)
        page.mouse.up()
        moved = graph_state(page)["pan"]
        assert abs(moved["x"] - start["x"] - -120) < 15 and abs(moved["y"] - start["y"] - -80) < 15
        page.get_by_role("button", name="Fit").click()
        # filter by node type: the claims go and come back
        total = graph_state(page)["visible"]
        claims = page.evaluate("() => window.newsintGraph.nodes('[group = \"claim\"]').length")
        page.locator('#graph-legend input[data-group="claim"]').uncheck()
        assert graph_state(page)["visible"] == total - claims > 0
        page.locator('#graph-legend input[data-group="claim"]').check()
        assert graph_state(page)["visible"] == total
        # click a node: its neighbourhood stays lit, the panel lists its links and opens it
        target = page.evaluate(
            """() => {
                const n = window.newsintGraph.nodes('[kind = "entity"]').sort(
                    (a, b) => b.degree() - a.degree()).first();
                return {id: n.id(), label: n.data('full'), degree: n.degree(),
                        at: n.renderedPosition()};
            }"""
        )
        page.mouse.click(box["x"] + target["at"]["x"], box["y"] + target["at"]["y"])
        assert graph_state(page)["focus"] == target["id"]
        panel = page.locator("#graph-panel")
        assert panel.locator("h3").inner_text() == target["label"]
        assert panel.locator("ul.neighbours li").count() == target["degree"] >= 1
        faded = page.evaluate("() => window.newsintGraph.nodes('.faded').length")
        near = page.evaluate(
            "id => window.newsintGraph.getElementById(id).closedNeighborhood().nodes().length",
            target["id"],
        )
        assert faded == total - near
        tab.shot("graph-1280.png")
        panel.get_by_role("link", name="Open →").click()
        page.wait_for_url("**/entities/**")
        assert target["label"] in page.locator("h1").inner_text()
        assert tab.problems() == []
    finally:
        tab.close()


def test_glossary_tooltips(server: str, tab: Watched) -> None:
    page = tab.page
    page.goto(server + "/claims?min_sources=0")
    grade = page.locator("td.grade-cell .grade.code").first
    code = grade.inner_text()
    tip = page.locator("#code-tip")
    assert not tip.is_visible()
    grade.hover()
    assert tip.is_visible() and "source (" + code[0] + ")" in tip.inner_text()
    assert grade.get_attribute("aria-describedby") == "code-tip"
    status = page.locator("td .badge.code[data-term]").first
    status.focus()  # the keyboard reaches it too
    assert status.get_attribute("data-term") in tip.inner_text()
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    page.goto(server + "/glossary")
    page.locator("#timex").scroll_into_view_if_needed()
    assert "the winter of 2024" in page.locator("#timex").inner_text()
    no_sideways_scroll(page, tab.width)  # type: ignore[attr-defined]
    tab.shot(f"glossary-{tab.width}.png")  # type: ignore[attr-defined]
    assert tab.problems() == []


COLOUR_PIXELS = """(box) => {
    // pixels of the chart drawn in each series' colour (one readback of the chart's canvas)
    const canvas = document.querySelector(box + ' canvas');
    const probe = document.createElement('canvas').getContext('2d', {willReadFrequently: true});
    const css = getComputedStyle(document.documentElement);
    const rgb = name => {
        probe.fillStyle = css.getPropertyValue(name).trim();
        probe.fillRect(0, 0, 1, 1);
        return probe.getImageData(0, 0, 1, 1).data;
    };
    const want = [rgb('--chart-articles'), rgb('--chart-events')];
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    const counts = [0, 0];
    for (let i = 0; i < data.length; i += 4)
        want.forEach((c, k) => {
            if (Math.abs(data[i] - c[0]) < 8 && Math.abs(data[i + 1] - c[1]) < 8
                && Math.abs(data[i + 2] - c[2]) < 8) counts[k]++;
        });
    return counts;
}"""


@pytest.mark.parametrize("where", ["timeline", "story"])
def test_volume_chart_renders(server: str, tab: Watched, where: str) -> None:
    page = tab.page
    if where == "story":  # the demo's biggest story: its articles and the events they date
        page.goto(server + "/stories")
        page.locator("table.data tbody tr").first.locator("a").first.click()
    else:
        page.goto(server + "/timeline")
    box = f"#{where}-volume"
    page.wait_for_selector(f"{box}[data-drawn]")
    days = int(page.locator(box).get_attribute("data-drawn") or 0)
    assert days >= 1
    # both series are drawn in their colours, and the legend names them
    articles, events = page.evaluate(COLOUR_PIXELS, box)
    assert articles > 50 and events > 50, (articles, events)
    legend = page.locator(f"{box} .u-legend").inner_text()
    assert "Articles published" in legend and "Events dated" in legend
    width = page.locator(f"{box} canvas").bounding_box()["width"]
    assert width <= tab.width  # type: ignore[attr-defined]
    no_sideways_scroll(page, tab.width)  # type: ignore[attr-defined]
    page.locator("figure.volume").scroll_into_view_if_needed()
    tab.shot(f"{where}-chart-{tab.width}.png")  # type: ignore[attr-defined]
    assert tab.problems() == []


def test_api_docs_work_offline_under_the_csp(server: str, browser: Any) -> None:
    tab = Watched(browser, WIDE)
    try:
        tab.page.goto(server + "/docs")
        tab.page.wait_for_selector(".swagger-ui .info .title", timeout=15000)
        assert "newsint" in tab.page.locator(".swagger-ui .info .title").inner_text()
        assert tab.page.locator(".opblock").count() >= 15  # one block per operation
        tab.shot("docs-1280.png")
        assert tab.errors == [] and tab.dialogs == []
        assert not [c for c in tab.console if c.startswith("error")]
    finally:
        tab.close()
