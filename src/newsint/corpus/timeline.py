"""The corpus timeline: events from all articles, one entry per event, in time order.

Reports of the same event (same type, actor, target, time, polarity and, for one not reported as
having happened, status) are one entry, whether
they come from copies (which collapse into their original) or from independent outlets (counted
in `independent`). Entries are ordered by their normalised time: the first day covered, coarser
before finer on the same day ("February 2023" before "10 February 2023"); events with no
resolvable date are listed after the dated ones, by when they were first reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsint.model import CopyLink, CorpusEntity, TimelineEntry, reported_as_happened, stable_id
from newsint.stages.features.record import ArticleFeatures, EventFeature
from newsint.text.fold import word_key

_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")


def _root_of(links: Iterable[CopyLink]) -> dict[str, str]:
    return root_of((link.article, link.original) for link in links)


def _roots(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    parent = dict(pairs)
    roots: dict[str, str] = {}
    for article in parent:
        seen = {article}
        node = article
        while node in parent and parent[node] not in seen:
            node = parent[node]
            seen.add(node)
        roots[article] = node
    return roots


def _start(e: EventFeature) -> str | None:
    if e.range_start:
        return e.range_start
    if e.time and _ISO.match(e.time):
        return _ISO.match(e.time).group(0)  # type: ignore[union-attr]
    return None


Report = tuple[tuple[str, str], EventFeature, str]  # ((published or "~", article), event, article)
# Undated entries with no publication date sort last.
UNDATED_LAST = "~"
_INVERT = str.maketrans("0123456789", "9876543210")


def root_of(links: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The original at the top of each copy's chain, from (copy, original) pairs."""
    return _roots(links)


def group_key(e: EventFeature) -> str:
    """The id of the event an event report belongs to (same type, actor, target, time,
    polarity and, for one not reported as having happened, status)."""
    start = _start(e)
    key = (
        e.type,
        word_key(e.actor or ""),
        word_key(e.target or ""),
        (e.time or "") if start else "",
        "neg" if e.negated else "pos",
        "" if reported_as_happened(e.status, False) else e.status,
    )
    return stable_id("tlgroup", "\x1f".join(key))


def shown(e: EventFeature, all_events: bool, floor: float | None) -> bool:
    """Whether a report is on the timeline view (`all_events`: every report)."""
    return all_events or reported_as_happened(e.status, e.negated, e.factuality, floor)


def roles(e: EventFeature) -> set[str]:
    """The folded names in a report's roles (actor, target, place), for the entity filter."""
    return {word_key(x) for x in (e.actor, e.target, e.place) if x}


def entry_of(reports: list[Report], roots: dict[str, str]) -> TimelineEntry:
    """One timeline entry from the reports of one event (any order)."""
    reports = sorted(reports, key=lambda r: (r[0], r[1].key))
    first = reports[0][1]
    timed = next((r[1] for r in reports if _start(r[1])), None)
    articles = sorted({r[2] for r in reports})
    return TimelineEntry(
        id=stable_id("timeline", first.key),
        time=timed.time if timed else None,
        granularity=timed.granularity if timed else "none",
        start=_start(timed) if timed else None,
        end=timed.range_end if timed else None,
        type=first.type,
        actor=first.actor,
        target=first.target,
        place=next((r[1].place for r in reports if r[1].place), None),
        text=first.sentence or first.text,
        status=first.status,
        negated=first.negated,
        events=[r[1].key for r in reports],
        articles=articles,
        independent=len({roots.get(a, a) for a in articles}),
    )


def order_keys(entry: TimelineEntry, reports: list[Report]) -> tuple[bool, str, str]:
    """(undated, start key, end key) ordering entries in SQL by all three ascending, then id:
    dated first by the first day covered, the longer span first on the same start (the end
    key is the end with its digits inverted), then undated by when first reported."""
    if entry.start:
        return False, entry.start, (entry.end or entry.start).translate(_INVERT)
    return True, min(r[0][0] for r in reports), ""


def corpus_timeline(
    features: Iterable[ArticleFeatures],
    links: Iterable[CopyLink],
    entity: str | None = None,
    entities: Iterable[CorpusEntity] | None = None,
    all_events: bool = False,
    floor: float | None = None,
) -> list[TimelineEntry]:
    """Deduplicated, ordered events; `entity` (a corpus entity id or a name) keeps only events
    where it is actor, target or place. Events not reported as having happened (negated,
    denied, hypothetical, questioned, planned, or with a factuality at or below `floor`) are left
    out unless `all_events`. The store keeps the same entries written at ingest
    (corpus/summaries.py); this computes them from features, for tests and one-off use."""
    roots = _root_of(links)
    wanted = wanted_roles(entity, entities)
    groups: dict[str, list[Report]] = {}
    for f in features:
        order = (f.published or UNDATED_LAST, f.id)
        for e in f.events:
            if not shown(e, all_events, floor):
                continue
            if wanted is not None and not roles(e) & wanted:
                continue
            groups.setdefault(group_key(e), []).append((order, e, f.id))
    rows = []
    for reports in groups.values():
        entry = entry_of(reports, roots)
        rows.append((order_keys(entry, reports), entry))
    rows.sort(key=lambda x: (x[0], x[1].id))
    return [e for _, e in rows]


def wanted_roles(entity: str | None, entities: Iterable[CorpusEntity] | None) -> set[str] | None:
    """The folded names an entity filter matches: the name asked, and the names and aliases
    of the corpus entities it names (None: no filter)."""
    if not entity:
        return None
    wanted = {word_key(entity)}
    for ce in entities or ():
        if ce.id == entity or word_key(ce.name) == word_key(entity):
            wanted |= {word_key(n) for n in [ce.name, *ce.aliases]}
    return wanted
