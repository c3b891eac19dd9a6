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
    parent = {link.article: link.original for link in links}
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
    out unless `all_events`."""
    roots = _root_of(links)
    wanted: set[str] | None = None
    if entity:
        wanted = {word_key(entity)}
        for ce in entities or ():
            if ce.id == entity or word_key(ce.name) == word_key(entity):
                wanted |= {word_key(n) for n in [ce.name, *ce.aliases]}
    groups: dict[tuple[str, ...], list[tuple[tuple[str, str], EventFeature, str]]] = {}
    for f in features:
        order = (f.published or "~", f.id)
        for e in f.events:
            if not all_events and not reported_as_happened(
                e.status, e.negated, e.factuality, floor
            ):
                continue
            roles = {word_key(x) for x in (e.actor, e.target, e.place) if x}
            if wanted is not None and not roles & wanted:
                continue
            start = _start(e)
            key = (
                e.type,
                word_key(e.actor or ""),
                word_key(e.target or ""),
                (e.time or "") if start else "",
                "neg" if e.negated else "pos",
                "" if reported_as_happened(e.status, False) else e.status,
            )
            groups.setdefault(key, []).append((order, e, f.id))
    dated: list[tuple[tuple[str, ...], TimelineEntry]] = []
    undated: list[tuple[tuple[str, ...], TimelineEntry]] = []
    for reports in groups.values():
        reports.sort(key=lambda r: (r[0], r[1].key))
        first = reports[0][1]
        timed = next((r[1] for r in reports if _start(r[1])), None)
        articles = sorted({r[2] for r in reports})
        entry = TimelineEntry(
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
        if entry.start:
            dated.append(((entry.start, entry.end or entry.start, entry.id), entry))
        else:
            undated.append(((reports[0][0][0], entry.id), entry))
    dated.sort(key=lambda x: x[0][2])
    dated.sort(key=lambda x: x[0][1], reverse=True)  # the longer span first on the same start
    dated.sort(key=lambda x: x[0][0])
    undated.sort(key=lambda x: x[0])
    return [e for _, e in dated] + [e for _, e in undated]
