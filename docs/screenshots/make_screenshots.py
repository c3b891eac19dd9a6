"""Regenerate the screenshots in this folder from the demo corpus, as `make demo` builds it.

    .venv/bin/python docs/screenshots/make_screenshots.py                # ingests the demo afresh
    .venv/bin/python docs/screenshots/make_screenshots.py --db newsint.db   # after make demo

Needs Playwright for Python (the dev extra) and Debian's Chromium at /usr/bin/chromium; no
browser is downloaded. Writes story.png (its top), story-claims.png and story-timeline.png
(its claims, a row's reasons opened, and its timeline), article.png, claims.png, graph.png (a
node clicked: its neighbourhood lit), timeline.png (the volume chart and the first entries),
glossary.png and phone-width variants.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from newsint.corpus.api import Corpus
from newsint.web import create_app
from newsint.web.background import running

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
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


def demo_corpus(folder: Path) -> Corpus:
    from newsint.cli import demo_files

    corpus = Corpus(folder / "demo.db")
    summary = corpus.ingest([str(f) for f in demo_files()])
    if summary.failed:
        sys.exit(f"the demo corpus did not ingest: {summary.failed[0]}")
    return corpus


def pick(corpus: Corpus) -> tuple[str, str]:
    """The biggest story, and in it the article with the most claims (its original on a tie)."""
    story = corpus.stories(limit=1)[0].id
    members = corpus.story(story).articles
    best = max(members, key=lambda a: (corpus.article(a.id).counts.claims, a.original, a.id))
    return story, best.id


def shoot(
    browser: Any,
    url: str,
    viewport: dict[str, int],
    name: str,
    click: str = "",
    wait: str = "",
    full: bool = True,
    anchor: str = "",
) -> None:
    page = browser.new_page(viewport=viewport)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if wait:
        page.wait_for_function(wait)
    if click == "graph":  # the best-connected entity, as a click on its node
        at = page.evaluate(
            """() => {
                const n = window.newsintGraph.nodes('[kind = "entity"]').sort(
                    (a, b) => b.degree() - a.degree()).first();
                return n.renderedPosition();
            }"""
        )
        box = page.locator("#graph").bounding_box()
        page.mouse.click(box["x"] + at["x"], box["y"] + at["y"])
    elif click and page.locator(click).count():
        page.locator(click).first.click()
    if anchor:  # one block of a long page, from its heading down (the window's height of it)
        page.evaluate("(sel) => document.querySelector(sel).scrollIntoView()", anchor)
    height = page.evaluate("document.documentElement.scrollHeight")
    page.screenshot(path=str(HERE / name), full_page=full and not anchor and height <= 2400)
    page.close()
    print(f"wrote {HERE / name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing demo corpus (default: ingest it afresh)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Corpus(args.db) if args.db else demo_corpus(Path(tmp))
        story, article = pick(corpus)
        with running(create_app(corpus)) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            claim = "#text mark.hl-claim"
            shoot(browser, f"{base}/stories/{story}", WIDE, "story.png")
            why = "#story-claims details.reasons summary"  # the first row's reasons, opened
            shoot(
                browser,
                f"{base}/stories/{story}",
                WIDE,
                "story-claims.png",
                why,
                anchor="#story-claims",
            )
            shoot(
                browser,
                f"{base}/stories/{story}",
                WIDE,
                "story-timeline.png",
                anchor="#story-timeline",
            )
            shoot(browser, f"{base}/articles/{article}", WIDE, "article.png", claim)
            shoot(browser, f"{base}/claims", WIDE, "claims.png")
            shoot(browser, f"{base}/stories/{story}", PHONE, "story-phone.png")
            shoot(browser, f"{base}/articles/{article}", PHONE, "article-phone.png", claim)
            shoot(browser, f"{base}/claims", PHONE, "claims-phone.png")
            graph = "() => window.newsintGraph && document.getElementById('graph').dataset.labels"
            shoot(browser, f"{base}/graph", WIDE, "graph.png", "graph", graph)
            shoot(browser, f"{base}/graph", PHONE, "graph-phone.png", "", graph, full=False)
            chart = "() => document.querySelector('[data-drawn]')"
            shoot(browser, f"{base}/timeline", WIDE, "timeline.png", "", chart, full=False)
            shoot(browser, f"{base}/timeline", PHONE, "timeline-phone.png", "", chart, False)
            shoot(browser, f"{base}/glossary", WIDE, "glossary.png", full=False)
            browser.close()
        corpus.close()


if __name__ == "__main__":
    main()
