"""Main-text extraction on the Zyte article-extraction-benchmark (AEB), scored its own way.

The benchmark's metric is re-implemented here so our numbers compare with the ones its authors
and trafilatura publish. Definition (from the benchmark's `evaluate.py`):

- tokens: `re.findall(r"\\w+", text)` (Unicode word characters; case kept, punctuation dropped);
- shingles: every run of 4 consecutive tokens, counted as a multiset; a text of 1–3 tokens is
  one shorter shingle, an empty text has none;
- per page: tp = Σ min(gold, pred), fp = Σ max(0, pred − gold), fn = Σ max(0, gold − pred)
  over the shingle counts; precision = tp/(tp+fp) and recall = tp/(tp+fn), except that a page
  with fp = fn = 0 scores 1 and a page with nothing in common scores 0;
- corpus: precision is the mean page precision over pages where the extractor returned
  something (tp+fp > 0), recall the mean page recall over pages with gold text (tp+fn > 0), and
  F1 = 2PR/(P+R) from those two means — not the mean of page F1s; accuracy is the share of
  pages whose token lists are identical. The spread is the standard deviation of F1 over 1,000
  bootstrap resamples of the pages (seeded, so reruns agree).

It reproduces trafilatura's scores on this data as measured independently (docs/benchmarks.md).

Three extractors run side by side on the same decoded HTML: newsint (the html reader, then the
clean stage: the analysis `text`), trafilatura's `extract` with its defaults, and trafilatura
with `favor_precision=True`. newsint also runs with the other value of `[html] favor_precision`
so the configured default can be chosen from the numbers.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsint.config import Config, Limits
from newsint.evaluate.common import EvalOptions, Report, Table, skipped

TASK = "extraction"
DATASET = "aeb"
SHINGLE = 4
BOOTSTRAP_SAMPLES = 1000
BOOTSTRAP_SEED = 42
TIE = 1e-9  # page F1s closer than this are a tie
WORST_SHOWN = 8

_TOKEN = re.compile(r"\w+", re.UNICODE)


# ---------------------------------------------------------------- the benchmark's metric


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text)


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    tokens = tokenize(text)
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


@dataclass(frozen=True)
class PageScore:
    """Shingle counts of one page, normalised to sum to 1 as the benchmark does (so P/R are
    unchanged but a long page weighs no more than a short one)."""

    tp: float
    fp: float
    fn: float
    exact: bool  # same token list as the gold text

    @property
    def precision(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        if self.tp == self.fp == 0:
            return 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        if self.tp == self.fn == 0:
            return 0.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_page(gold: str, pred: str, n: int = SHINGLE) -> PageScore:
    g, p = shingles(gold, n), shingles(pred, n)
    tp = fp = fn = 0.0
    for key in g.keys() | p.keys():
        gc, pc = g.get(key, 0), p.get(key, 0)
        tp += min(gc, pc)
        fp += max(0, pc - gc)
        fn += max(0, gc - pc)
    total = tp + fp + fn
    if total:
        tp, fp, fn = tp / total, fp / total, fn / total
    return PageScore(tp, fp, fn, tokenize(gold) == tokenize(pred))


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    accuracy: float


def aggregate(pages: list[PageScore]) -> Scores:
    """The benchmark's macro scores over pages (see the module docstring)."""
    precisions = [s.precision for s in pages if s.tp + s.fp > 0]
    recalls = [s.recall for s in pages if s.tp + s.fn > 0]
    p = statistics.fmean(precisions) if precisions else 0.0
    r = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    accuracy = statistics.fmean(s.exact for s in pages) if pages else 0.0
    return Scores(p, r, f1, accuracy)


def bootstrap_f1_std(pages: list[PageScore], samples: int = BOOTSTRAP_SAMPLES) -> float:
    if len(pages) < 2:
        return 0.0
    rng = random.Random(BOOTSTRAP_SEED)
    f1s = [aggregate(rng.choices(pages, k=len(pages))).f1 for _ in range(samples)]
    return statistics.pstdev(f1s)


# ---------------------------------------------------------------- data and extractors


@dataclass(frozen=True)
class Page:
    id: str
    data: bytes  # the HTML as stored, decompressed
    gold: str


def read_aeb(root: Path, limit: int | None = None) -> Iterator[Page]:
    """Pages in id order: `html/<id>.html.gz` with `ground-truth.json` {id: {articleBody, url}}."""
    truth = json.loads((root / "ground-truth.json").read_text("utf-8"))
    for n, page_id in enumerate(sorted(truth)):
        if limit is not None and n >= limit:
            return
        path = root / "html" / f"{page_id}.html.gz"
        if not path.exists():
            continue
        yield Page(page_id, gzip.decompress(path.read_bytes()), truth[page_id]["articleBody"])


@dataclass
class Output:
    text: str
    removals: Counter[str] = field(default_factory=Counter)  # what the clean stage removed


Extractor = Callable[[Page, str], Output]  # (page, decoded html) -> extracted text


def newsint_extractor(config: Config, clean: bool = True) -> Extractor:
    """Reader + clean stage, exactly as `newsint analyze page.html` produces the text; with
    clean=False the reader's raw text, to show what the clean stage adds or costs."""
    from newsint.model import Analysis
    from newsint.pipeline import Pipeline
    from newsint.readers import read_bytes

    pipeline = Pipeline(config, stages=["clean"] if clean else [])

    def run(page: Page, html: str) -> Output:
        (item,) = list(read_bytes(page.data, page.id, ".html", config))
        if not isinstance(item, Analysis):
            return Output("")  # the reader found no article text: an empty extraction
        (analysis,) = pipeline.run_batch([item])
        if not clean:
            return Output(analysis.raw)
        return Output(analysis.text, Counter(r.reason for r in analysis.cleaning))

    return run


def trafilatura_extractor(**options: bool) -> Extractor:
    import trafilatura

    def run(page: Page, html: str) -> Output:
        return Output(trafilatura.extract(html, **options) or "")

    return run


def with_favor_precision(config: Config, value: bool) -> Config:
    return config.model_copy(
        update={"html": config.html.model_copy(update={"favor_precision": value})}
    )


def systems(config: Config) -> dict[str, Extractor]:
    """Extractors in report order; the first is newsint as configured."""
    fp = config.html.favor_precision
    return {
        f"newsint (favor_precision={fp})": newsint_extractor(config),
        f"newsint (favor_precision={not fp})": newsint_extractor(
            with_favor_precision(config, not fp)
        ),
        f"newsint reader only (favor_precision={fp})": newsint_extractor(config, clean=False),
        "trafilatura extract() defaults": trafilatura_extractor(),
        "trafilatura favor_precision=True": trafilatura_extractor(favor_precision=True),
    }


# ---------------------------------------------------------------- the task


@dataclass
class SystemRun:
    pages: list[PageScore] = field(default_factory=list)
    outputs: list[Output] = field(default_factory=list)
    seconds: float = 0.0


def evaluate_pages(
    pages: list[Page], extractors: dict[str, Extractor], limits: Limits
) -> dict[str, SystemRun]:
    from newsint.readers.decode import decode

    runs = {name: SystemRun() for name in extractors}
    for page in pages:
        html, _ = decode(page.data, page.id, limits)
        for name, extract in extractors.items():
            start = time.perf_counter()
            out = extract(page, html)
            runs[name].seconds += time.perf_counter() - start
            runs[name].outputs.append(out)
            runs[name].pages.append(score_page(page.gold, out.text))
    return runs


def tables(pages: list[Page], runs: dict[str, SystemRun]) -> list[Table]:
    n = len(pages)
    summary = Table(
        f"Token-shingle scores, macro over {n} pages (the benchmark's metric)",
        ["system", "P", "R", "F1", "F1 sd", "exact", "empty", "ms/page"],
    )
    for name, run in runs.items():
        s = aggregate(run.pages)
        empty = sum(1 for o in run.outputs if not tokenize(o.text))
        summary.rows.append(
            [
                name,
                round(s.precision, 3),
                round(s.recall, 3),
                round(s.f1, 3),
                round(bootstrap_f1_std(run.pages), 3),
                round(s.accuracy, 3),
                empty,
                round(1000 * run.seconds / max(n, 1), 1),
            ]
        )
    summary.notes += [
        "newsint = html reader (trafilatura bare_extraction with metadata, comments excluded) "
        "+ clean stage; its time includes both.",
        "F1 sd: standard deviation of F1 over 1,000 seeded bootstrap resamples of the pages. "
        "exact: share of pages whose tokens equal the gold's. empty: pages with no text.",
        "trafilatura extract() keeps comments by default; newsint excludes them "
        "([html] include_comments = false).",
    ]

    names = list(runs)
    ours = runs[names[0]]
    versus = Table(
        f"{names[0]} page by page (page F1)",
        ["against", "wins", "losses", "ties", "mean ΔF1"],
    )
    for name in names[1:]:
        deltas = [a.f1 - b.f1 for a, b in zip(ours.pages, runs[name].pages, strict=True)]
        versus.rows.append(
            [
                name,
                sum(d > TIE for d in deltas),
                sum(d < -TIE for d in deltas),
                sum(abs(d) <= TIE for d in deltas),
                round(statistics.fmean(deltas), 4) if deltas else 0.0,
            ]
        )

    rivals = [name for name in names if name.startswith("trafilatura")]
    worst = Table(
        f"Largest page losses of {names[0]} against the better trafilatura",
        ["page", "newsint F1", "trafilatura F1", "ΔF1", "P", "R", "clean removed"],
    )
    losses = []
    for i, page in enumerate(pages):
        best = max(runs[name].pages[i].f1 for name in rivals) if rivals else 0.0
        mine = ours.pages[i]
        if best - mine.f1 > TIE:
            losses.append((mine.f1 - best, page.id, mine, best, ours.outputs[i].removals))
    for delta, page_id, mine, best, removals in sorted(losses)[:WORST_SHOWN]:
        worst.rows.append(
            [
                page_id[:12],
                round(mine.f1, 3),
                round(best, 3),
                round(delta, 3),
                round(mine.precision, 3),
                round(mine.recall, 3),
                ", ".join(f"{k} {v}" for k, v in sorted(removals.items())) or "-",
            ]
        )
    if not losses:
        worst.notes.append("newsint is at least as good as trafilatura on every page.")
    return [summary, versus, worst]


def run(options: EvalOptions) -> list[Report]:
    root = options.data / "extraction" / "aeb"
    if not (root / "ground-truth.json").exists():
        return [skipped(TASK, DATASET, root)]
    start = time.perf_counter()
    pages = list(read_aeb(root, options.limit))
    runs = evaluate_pages(pages, systems(options.config), options.config.limits)
    report = Report(TASK, DATASET, tables(pages, runs))
    report.seconds = time.perf_counter() - start
    return [report]
