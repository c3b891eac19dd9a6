"""The ingest summary counts what crawler inputs hold besides articles, and the articles that
skipped the English-only stages (issue 21). The demo's fictional samples; clean stage only."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from rich.console import Console

from handmade import article
from newsint.config import Config, default_config
from newsint.corpus.ingest import Ingest, Progress, from_feed
from newsint.corpus.store.store import Store
from newsint.present.tables import summary_table
from newsint.readers.base import Link
from newsint.stages.base import SKIPPED_NOTE

INPUTS = Path(str(resources.files("newsint.data").joinpath("demo", "inputs")))


def fast() -> Config:
    base = default_config()
    return base.model_copy(
        update={
            "pipeline": base.pipeline.model_copy(update={"stages": ["clean", "language"]}),
            "limits": base.limits.model_copy(update={"isolate": False}),
        }
    )


def shown(summary: object) -> str:
    console = Console(width=160, record=True)
    console.print(summary_table(summary))  # type: ignore[arg-type]
    return console.export_text()


def test_a_crawl_and_a_feed_list(tmp_path: Path) -> None:
    with Store(str(tmp_path / "c.db")) as store:
        inputs = [str(INPUTS / "crawl.warc.gz"), str(INPUTS / "feeds.opml")]
        summary = Ingest(store, fast(), fetch=False).run(inputs)
    assert (summary.added, summary.failed, summary.skipped) == (6, [], [])
    assert summary.not_articles == {"asset": 3, "feed": 1, "robots": 1, "status": 2}
    assert summary.to_dict()["not_articles"] == {"asset": 3, "feed": 1, "robots": 1, "status": 2}
    text = shown(summary)
    assert "not articles in archives: robots.txt and other crawler files" in text
    assert "not English" not in text  # no English-only stage ran


def test_articles_that_skipped_english_only_stages_are_counted(tmp_path: Path) -> None:
    german = article("Die Fähre nach Rønne fällt bis Montag aus, teilte die Reederei mit.")
    german.article.language = "de"
    german.article.found[SKIPPED_NOTE] = "nlp: English-only stages, not run on text in 'de'"
    english = article("The ferry to Rønne will not sail until Monday, the operator said.")
    with Store(str(tmp_path / "g.db")) as store:
        summary = Ingest(store, fast()).run_items([german, english])
    assert (summary.added, summary.english_only_skipped) == (2, 1)
    assert summary.to_dict()["english_only_skipped"] == 1
    assert "not English: English-only stages skipped" in shown(summary)


@pytest.mark.parametrize(
    ("found", "site"),
    [
        ({}, "Gull Bay Post"),  # the page names no outlet: the feed's
        ({"sitename": "html"}, "gullbaypost.example"),  # the page named it: kept
    ],
)
def test_a_linked_page_takes_the_feeds_outlet_only_when_it_names_none(
    found: dict[str, str], site: str
) -> None:
    page = article(
        "The harbour office closed the northern channel.", url="https://gullbaypost.example/a"
    )
    page.article.site = "gullbaypost.example"
    page.article.found.update(found)
    link = Link(
        "https://gullbaypost.example/a",
        "g.rss#1",
        "article",
        published="2025-11-09",
        site="Gull Bay Post",
    )
    from_feed(page, link)
    assert page.article.site == site
    assert page.article.published.date == "2025-11-09"


def test_the_progress_total_counts_the_articles_of_a_feed_lists_feeds(tmp_path: Path) -> None:
    class Counting(Progress):
        def __init__(self) -> None:
            self.expected = self.settled = 0

        def total(self, n: int) -> None:
            self.expected += n

        def done(self, outcome: str) -> None:
            self.settled += 1

    progress = Counting()
    with Store(str(tmp_path / "p.db")) as store:
        summary = Ingest(store, fast(), progress=progress).run([str(INPUTS / "feeds.opml")])
    assert summary.added == 4
    assert progress.expected == progress.settled == 4
