from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsint.evaluate.common import EvalOptions
from newsint.evaluate.extraction import (
    PageScore,
    aggregate,
    bootstrap_f1_std,
    read_aeb,
    run,
    score_page,
    shingles,
    tokenize,
)


def test_tokens_are_word_runs_with_case_kept() -> None:
    assert tokenize("Rain, rain — go away! (2 o'clock)") == [
        "Rain",
        "rain",
        "go",
        "away",
        "2",
        "o",
        "clock",
    ]


def test_shingles_are_a_multiset_of_four_token_runs() -> None:
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles("a b c d a b c d")[("a", "b", "c", "d")] == 2
    assert shingles("flood warning") == {("flood", "warning"): 1}  # short text: one shingle
    assert shingles("") == {}


GOLD = "The river rose over the night and the town hall was closed"  # 12 tokens, 9 shingles


@pytest.mark.parametrize(
    ("pred", "precision", "recall"),
    [
        (GOLD, 1.0, 1.0),  # identical
        ("the  river ROSE", 0.0, 0.0),  # nothing shared (case matters, as in the benchmark)
        ("Ferries stopped running at noon because of the wind", 0.0, 0.0),  # disjoint
        ("", 0.0, 0.0),  # nothing extracted
        # the first 8 tokens: 5 shingles, all right; 4 gold shingles missed
        ("The river rose over the night and the", 1.0, 5 / 9),
        # the gold plus 4 extra tokens: 9 right shingles, 4 extra ones
        (GOLD + " Share this story now", 9 / 13, 1.0),
        # last word changed: 8 of 9 shingles shared on both sides
        ("The river rose over the night and the town hall was open", 8 / 9, 8 / 9),
    ],
)
def test_page_precision_and_recall(pred: str, precision: float, recall: float) -> None:
    s = score_page(GOLD, pred)
    assert s.precision == pytest.approx(precision)
    assert s.recall == pytest.approx(recall)
    assert s.exact is (pred == GOLD)


def test_repeated_text_counts_once_per_gold_copy() -> None:
    s = score_page("one two three four", "one two three four one two three four")
    # pred shingles: 1234 ×2, 2341, 3412, 4123 → tp 1, fp 4
    assert s.precision == pytest.approx(1 / 5)
    assert s.recall == 1.0


def test_corpus_scores_are_macro_and_f1_comes_from_mean_p_and_r() -> None:
    perfect = score_page(GOLD, GOLD)
    empty = score_page(GOLD, "")
    half = score_page(GOLD, "The river rose over the night and the")
    scores = aggregate([perfect, empty, half])
    # precision only over pages where something was extracted; recall over all pages with gold
    assert scores.precision == pytest.approx(1.0)
    assert scores.recall == pytest.approx((1 + 0 + 5 / 9) / 3)
    p, r = scores.precision, scores.recall
    assert scores.f1 == pytest.approx(2 * p * r / (p + r))
    assert scores.accuracy == pytest.approx(1 / 3)


def test_bootstrap_is_seeded() -> None:
    pages = [score_page(GOLD, GOLD), score_page(GOLD, "The river rose over the night")] * 5
    assert bootstrap_f1_std(pages, 50) == bootstrap_f1_std(pages, 50) > 0
    assert bootstrap_f1_std([PageScore(1, 0, 0, True)]) == 0.0


PARAGRAPHS = [
    [
        "The council of Marrowby voted on Tuesday to close the old swing bridge to cars from the "
        "first of March, after engineers found cracks in two of its iron supports.",
        "Pedestrians and cyclists will still be allowed to cross while a replacement is designed, "
        "the council said in a statement, adding that buses would be diverted over the ring road.",
        "Shop owners on the east bank said the closure would cut trade at the busiest time of the "
        "year, and asked the council to speed up the repairs.",
        "The engineers' report, published with the decision, estimates that a new bridge would "
        "take three years to build and cost about forty million euros.",
    ],
    [
        "A herd of eleven wild horses was seen on the salt marsh near Pellow Point for the first "
        "time in a decade, the regional wildlife office said on Friday.",
        "Rangers believe the animals crossed from the dunes to the north during the dry summer, "
        "when the channel between the two areas was shallow enough to wade.",
        "Visitors have been asked to keep at least fifty metres away and to leave dogs at home "
        "while the herd settles in the marsh.",
    ],
]


def page_html(title: str, paragraphs: list[str]) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html><head><title>{title} | The Valley Courier</title>
<meta property="og:title" content="{title}"></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>{title}</h1>
{body}
</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Ten walks for the weekend</a></li></ul></aside>
<footer><p>Copyright 2025 The Valley Courier. All rights reserved.</p></footer>
</body></html>"""


def write_aeb(root: Path) -> Path:
    aeb = root / "extraction" / "aeb"
    (aeb / "html").mkdir(parents=True)
    truth = {}
    titles = ["Old bridge to close to cars", "Wild horses return to the marsh"]
    for n, (title, paragraphs) in enumerate(zip(titles, PARAGRAPHS, strict=True)):
        page_id = f"page{n}"
        html = page_html(title, paragraphs)
        (aeb / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(html.encode("utf-8")))
        truth[page_id] = {"articleBody": "\n".join(paragraphs), "url": f"https://x.test/{n}"}
    (aeb / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return aeb


def test_read_aeb(tmp_path: Path) -> None:
    aeb = write_aeb(tmp_path)
    pages = list(read_aeb(aeb))
    assert [p.id for p in pages] == ["page0", "page1"]
    assert pages[1].gold.startswith("A herd of eleven wild horses")
    assert b"<article>" in pages[0].data
    assert [p.id for p in read_aeb(aeb, limit=1)] == ["page0"]


@pytest.mark.slow
def test_end_to_end_on_a_tiny_benchmark(tmp_path: Path) -> None:
    write_aeb(tmp_path)
    (report,) = run(EvalOptions(data=tmp_path))
    assert report.skipped is None
    summary, versus, worst = report.tables
    assert [row[0] for row in summary.rows] == [
        "newsint (favor_precision=True)",
        "newsint (favor_precision=False)",
        "newsint reader only (favor_precision=True)",
        "trafilatura extract() defaults",
        "trafilatura favor_precision=True",
    ]
    for row in summary.rows:
        assert all(0.0 <= v <= 1.0 for v in row[1:6])
        assert row[6] == 0  # no empty extraction
        assert row[7] > 0  # time per page
    # the page's navigation, aside and footer stay out of newsint's text
    newsint = summary.rows[0]
    assert newsint[1] > 0.9 and newsint[2] > 0.9
    assert [row[1:4] for row in versus.rows if row[0].startswith("newsint reader")] == [[0, 0, 2]]
    assert sum(versus.rows[0][1:4]) == 2
    assert all(row[3] < 0 for row in worst.rows)  # only real losses are listed
    assert report.to_dict()["tables"][0]["rows"] == summary.rows


def test_absent_data_is_skipped(tmp_path: Path) -> None:
    (report,) = run(EvalOptions(data=tmp_path / "nowhere"))
    assert report.skipped and "not found" in report.skipped
    assert report.tables == []
