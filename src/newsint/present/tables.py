"""Corpus query results for a person: rich tables and trees in the terminal.

The data are the records `Corpus` returns (whose JSON `--format json` prints); this module
only draws them. Every scraped string goes in as a rich Text, never as markup, so a title like
"[red]x[/red]" is shown as written.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel
from rich import box
from rich.console import Console, Group, RenderableType
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    ProgressColumn,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.progress import Progress as RichProgress
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from newsint.corpus.ingest import Progress, Summary
from newsint.corpus.queries.records import (
    ArticleDetail,
    ClaimClusterDetail,
    ClaimDetail,
    ClaimReport,
    ClaimSummary,
    EntityDetail,
    EntitySummary,
    Shown,
    StoryDetail,
    StorySummary,
    TreeNode,
)
from newsint.model import TimelineEntry, chain_text
from newsint.readers.rules import SKIP_KINDS

DASH = "—"


def dumps(data: Any) -> str:
    """The JSON scripts read: records as their JSON (key order as declared), UTF-8 kept."""
    return json.dumps(to_jsonable(data), ensure_ascii=False, indent=2)


def to_jsonable(data: Any) -> Any:
    """Plain JSON data from query records, lists and dicts of them."""
    if isinstance(data, BaseModel):
        return data.model_dump(mode="json", by_alias=True)
    if isinstance(data, list | tuple):
        return [to_jsonable(x) for x in data]
    if isinstance(data, dict):
        return {k: to_jsonable(v) for k, v in data.items()}
    return data


def clip(text: str | None, width: int) -> str:
    if not text:
        return DASH
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(*columns: str, title: str | None = None) -> Table:
    table = Table(
        box=box.SIMPLE_HEAD,
        header_style="bold",
        title=Text(title, style="bold") if title else None,
        title_justify="left",
        pad_edge=False,
        collapse_padding=True,  # one space between columns: ids and dates fit 80 columns
    )
    for col in columns:
        if col in NUMERIC:
            table.add_column(col, justify="right", no_wrap=True)
        elif col in IDS:
            table.add_column(col, no_wrap=True, overflow="ellipsis", min_width=8)
        else:
            wide = col in WIDE
            table.add_column(
                col, overflow="fold", ratio=1 if wide else None, min_width=12 if wide else None
            )
    return table


NUMERIC = frozenset({"#", "articles", "sources", "sites", "copies", "n", "score"})
IDS = frozenset(
    {"story", "claim", "entity", "article", "judgement", "member key", "when", "first", "last"}
)
WIDE = frozenset({"title", "statement", "name", "what", "value", "example", "where"})


def _row(table: Table, *cells: object) -> None:
    table.add_row(*[Text(DASH if c is None or c == "" else str(c)) for c in cells])


def _day(value: str | None) -> str:
    return value[:10] if value else DASH


# --------------------------------------------------------------------------- lists


def stories_table(rows: list[StorySummary]) -> RenderableType:
    if not rows:
        return Text("No stories yet: ingest some articles with `newsint ingest PATH`.")
    table = _table("story", "size", "copies", "first", "title")
    for r in rows:
        _row(table, r.id, story_counts(r), r.copies, _day(r.first_published), clip(r.title, 90))
    return table


def story_counts(r: StorySummary) -> str:
    """ "N articles · K outlets · J independent originals"."""
    return " · ".join(
        f"{n} {word}{'' if n == 1 else 's'}"
        for n, word in (
            (r.articles, "article"),
            (r.sites, "outlet"),
            (r.independent, "independent original"),
        )
    )


def claims_table(rows: list[ClaimSummary]) -> RenderableType:
    if not rows:
        return Text("No claims match.")
    table = _table("claim", "sources", "articles", "status", "grade", "speaker", "statement")
    for r in rows:
        status = ", ".join(r.statuses) if r.statuses else r.status
        if r.contradictions:
            status = f"{status} (contradicted ×{r.contradictions})"
        _row(
            table,
            r.id,
            r.independent_sources,
            r.articles,
            status,
            _grade(r.grade, r.corroboration, 60),
            clip(r.speaker, 30),
            clip(r.statement or r.text, 80),
        )
    return table


def _grade(code: str | None, corroboration: list[str], width: int | None = None) -> str | None:
    """A corpus grade with the main thing the corpus added to it ("C1: confirmed by 2
    independent sources"); `show CLAIM` lists every reason."""
    if not code:
        return None
    why = (corroboration or [""])[0]
    if not why:
        return str(code)
    return f"{code}: {clip(why, width) if width else why}"


def entities_table(rows: list[EntitySummary]) -> RenderableType:
    if not rows:
        return Text("No entities match.")
    table = _table("entity", "type", "articles", "name", "also written")
    for r in rows:
        aliases = [a for a in r.aliases if a != r.name]
        _row(table, r.id, r.type, r.articles, r.name, clip(", ".join(aliases), 60))
    return table


def timeline_table(rows: list[TimelineEntry]) -> RenderableType:
    if not rows:
        return Text("No events found (the events stage finds them; see `newsint analyze`).")
    table = _table("when", "event", "who", "whom", "place", "status", "sources", "what")
    for r in rows:
        status = ("not " if r.negated else "") + r.status
        _row(
            table,
            r.time or "undated",
            r.type,
            clip(r.actor, 30),
            clip(r.target, 30),
            clip(r.place, 20),
            status,
            r.independent,
            clip(r.text, 70),
        )
    return table


# --------------------------------------------------------------------------- show


def tree_of(story: StoryDetail) -> Tree:
    """A story's copy tree: originals at the roots, each copy under what it copied."""
    title = story.story.title or story.story.id
    root = Tree(Text(f"{clip(title, 90)}  ({story.story.id})", style="bold"))

    def label(node: TreeNode) -> Text:
        text = Text()
        if node.kind:
            text.append(f"{node.kind} ", style="yellow")
            text.append(f"{node.score or 0.0:.2f} ", style="dim")
        else:
            text.append("original ", style="green")
        text.append(f"{_day(node.published)} ", style="dim")
        text.append(node.site or DASH, style="cyan")
        if node.language:
            text.append(f" [{node.language}]", style="magenta")
        text.append(f"  {clip(node.title, 70)}  ")
        text.append(node.article, style="dim")
        if node.misattribution:
            text.append(f"  ⚠ {node.misattribution}", style="red")
        return text

    def grow(tree: Tree, node: TreeNode) -> None:
        branch = tree.add(label(node))
        for child in node.children:
            grow(branch, child)

    for node in story.tree:
        grow(root, node)
    return root


def show(data: Shown) -> RenderableType:
    if isinstance(data, StoryDetail):
        return _show_story(data)
    if isinstance(data, ArticleDetail):
        return _show_article(data)
    if isinstance(data, ClaimClusterDetail):
        return _show_cluster(data)
    if isinstance(data, ClaimDetail):
        return _show_claim(data)
    return _show_entity(data)


def _show_story(data: StoryDetail) -> RenderableType:
    """The whole story: counts, articles by outlet, the copy tree, claims, timeline."""
    s = data.story
    outlets = len({a.site for a in data.articles if a.site})
    counts = (
        f"{len(data.articles)} article{'' if len(data.articles) == 1 else 's'} · {outlets} "
        f"outlet{'' if outlets == 1 else 's'} · {len(s.originals)} independent "
        f"original{'' if len(s.originals) == 1 else 's'}"
    )
    articles = _table("outlet", "published", "role", "title", "article", title="Articles")
    for a in data.articles:
        _row(
            articles,
            a.site or DASH,
            _day(a.published),
            "original" if a.original else "copy",
            clip(a.title, 70),
            a.id,
        )
    parts: list[RenderableType] = [Text(counts, style="bold"), articles, tree_of(data)]
    parts.append(Text("Claims (corroboration once per cluster)", style="bold"))
    parts.append(claims_table(data.claims))
    parts.append(Text("Timeline", style="bold"))
    parts.append(timeline_table(data.timeline))
    return Group(*parts)


def _fields(pairs: list[tuple[str, object]], title: str) -> Table:
    table = _table("field", "value", title=title)
    for key, value in pairs:
        _row(table, key, value)
    return table


def _show_article(data: ArticleDetail) -> RenderableType:
    a = data.article
    published = a.published
    when = f"{published.date} (from {published.source})" if published.date else "unknown"
    pairs: list[tuple[str, object]] = [
        ("id", a.id),
        ("title", a.title),
        ("site", a.site),
        ("url", a.url),
        ("published", when),
        ("source", a.source),
        ("stories", ", ".join(data.stories)),
        ("stages", ", ".join(a.stages)),
        ("version", "current" if a.current else "superseded by a newer version"),
        ("supersedes", a.supersedes),
        ("counts", ", ".join(f"{v} {k}" for k, v in data.counts.model_dump().items())),
    ]
    parts: list[RenderableType] = [_fields(pairs, "Article")]
    links = _table("relation", "kind", "score", "article", title="Copies")
    for link in data.copies:
        _row(links, "copies", link.kind, f"{link.score:.2f}", link.original)
    for link in data.copied_by:
        _row(links, "copied by", link.kind, f"{link.score:.2f}", link.article)
    if data.copies or data.copied_by:
        parts.append(links)
    if data.claims:
        parts.append(_claims_of(data.claims, "Claims"))
    return Group(*parts)


def _claims_of(claims: list[ClaimReport], title: str, *, why: bool = True) -> Table:
    """Claims as rows; `why` False leaves the corroboration out of each row (a cluster's
    view says it once above them)."""
    table = _table("claim", "site", "date", "status", "grade", "chain", "statement", title=title)
    for c in claims:
        _row(
            table,
            c.id,
            c.site,
            _day(c.published),
            c.status,
            _grade(c.grade, c.corroboration, 50) if why else c.grade,
            clip(chain_text(c.chain) or c.speaker, 40),
            clip(c.statement, 70),
        )
    return table


def _show_cluster(data: ClaimClusterDetail) -> RenderableType:
    c = data.cluster
    pairs: list[tuple[str, object]] = [
        ("id", c.id),
        ("independent sources", c.independent_sources),
        ("articles", len(set(c.articles))),
        ("rests on", "; ".join(chain_text(u) for u in c.upstreams)),
    ]
    rep = next((m for m in data.claims if m.key == c.representative), None)
    if rep and rep.corroboration:  # once for the cluster, outlets named
        pairs.append(("corroboration", "\n".join(rep.corroboration)))
    else:
        pairs.append(("counted once", "; ".join(c.collapsed)))
    pairs.append(("contradicted by", ", ".join(c.contradictions)))
    if rep and rep.grade:
        pairs.append(("grade", f"{rep.grade} (the first report; each report's grade below)"))
        own = [r for r in rep.grade_reasons if r not in rep.corroboration]
        pairs.append(("grade reasons", "\n".join(own)))
    return Group(_fields(pairs, "Claim"), _claims_of(data.claims, "Reported in", why=False))


def _show_claim(data: ClaimDetail) -> RenderableType:
    c = data.claim
    pairs: list[tuple[str, object]] = [
        ("id", c.id),
        ("article", c.article),
        ("statement", c.statement),
        ("speaker", c.speaker),
        ("chain", chain_text(c.chain)),
        ("status", f"{c.status} ({c.polarity})"),
        ("grade", c.grade),
        ("grade reasons", "\n".join(c.grade_reasons)),
        ("grade from the article alone", c.article_grade),
        ("cluster", data.cluster),
    ]
    return _fields(pairs, "Claim")


def _show_entity(data: EntityDetail) -> RenderableType:
    e = data.entity
    pairs: list[tuple[str, object]] = [
        ("id", e.id),
        ("name", e.name),
        ("type", e.type),
        ("articles", e.articles),
        ("also written", ", ".join(a for a in e.aliases if a != e.name)),
    ]
    members = _table("member key", "name", "title", title="Mentioned as")
    for m in data.members:
        _row(members, m.key, m.name, clip(m.title, 60))
    judged = _table("judgement", "verdict", "by", "active", "a", "b", title="Judgements")
    for j in data.judgements:
        _row(judged, j.id, j.verdict, j.by, "yes" if j.active else "undone", j.a, j.b)
    parts: list[RenderableType] = [_fields(pairs, "Entity"), members]
    if data.judgements:
        parts.append(judged)
    return Group(*parts)


# --------------------------------------------------------------------------- ingest


def summary_table(summary: Summary, seconds: float | None = None) -> RenderableType:
    table = _table("", "n", title="Ingest summary")
    _row(table, "added", summary.added)
    _row(table, "updated (new version of a stored article)", summary.updated)
    _row(table, "unchanged (already stored)", summary.unchanged)
    if summary.skipped:
        _row(table, "skipped", len(summary.skipped))
    _row(table, "failed", len(summary.failed))
    if summary.english_only_skipped:
        _row(table, "not English: English-only stages skipped", summary.english_only_skipped)
    for kind, n in sorted(summary.not_articles.items()):
        _row(table, f"not articles in archives: {SKIP_KINDS.get(kind, kind)}", n)
    parts: list[RenderableType] = [table]
    if summary.failed:
        reasons = _table("reason", "n", "example", title="Failures")
        for code, n, example in summary.reasons():
            _row(reasons, code, n, clip(example, 110))
        parts.append(reasons)
    if summary.warnings:
        warned = _table("reason", "where", title="Stored with a warning")
        for f in summary.warnings[:10]:
            _row(warned, f.code, clip(f"{f.where}: {f.message}", 110))
        if len(summary.warnings) > 10:
            _row(warned, "…", f"{len(summary.warnings) - 10} more")
        parts.append(warned)
    if summary.skipped:
        skipped = _table("reason", "where", title="Skipped")
        for f in summary.skipped[:10]:
            _row(skipped, f.code, clip(f"{f.where}: {f.message}", 110))
        if len(summary.skipped) > 10:
            _row(skipped, "…", f"{len(summary.skipped) - 10} more")
        parts.append(skipped)
    if seconds is not None and summary.stored:
        parts.append(Text(f"{summary.stored:,} articles stored in {seconds:.1f} s", style="dim"))
    return Group(*parts)


class RateColumn(ProgressColumn):
    """Articles per second over the whole run so far (start-up included: an honest average)."""

    def render(self, task: Any) -> Text:
        elapsed = task.finished_time or task.elapsed
        if not elapsed or not task.completed:
            return Text("— art/s", style="cyan")
        return Text(f"{task.completed / elapsed:,.1f} art/s", style="cyan")


class BarProgress(Progress):
    """The ingest's progress as a rich bar on stderr: done/total, rate, elapsed and ETA."""

    def __init__(self, console: Console) -> None:
        self.bar = RichProgress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            RateColumn(),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            transient=False,
        )
        self.task = self.bar.add_task("ingesting", total=0)
        self.counts = {"added": 0, "updated": 0, "unchanged": 0, "failed": 0, "skipped": 0}
        self._phase = "ingesting"

    def __enter__(self) -> BarProgress:
        self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.stop()

    def _describe(self) -> str:
        shown = " ".join(f"{k} {v}" for k, v in self.counts.items() if v)
        return f"{self._phase}" + (f" ({shown})" if shown else "")

    def total(self, n: int) -> None:
        task = self.bar.tasks[0]
        self.bar.update(self.task, total=max(task.completed, (task.total or 0) + n))

    def done(self, outcome: str) -> None:
        self.counts[outcome] = self.counts.get(outcome, 0) + 1
        self.bar.update(self.task, advance=1, description=self._describe())

    def phase(self, text: str) -> None:
        self._phase = text
        self.bar.update(self.task, description=self._describe())
