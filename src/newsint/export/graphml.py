"""GraphML (written by networkx) for Gephi, Cytoscape, yEd and graph databases.

One directed multigraph. Node ids carry their kind as a prefix ("article:…", "entity:…"), and
every node has `kind` and `label`; every edge has `relation`:
- article → outlet `published-by`; article → entity `mentions` (with the mention count);
- claim → article `stated-in`; claim → entity/source `attributed-to` (chain position 1 is the
  speaker, higher positions go further out to the origin);
- event → article `reported-in`; event → entity `actor` / `target` / `place`;
- copy article → original article `copies` (kind, score, confidence, evidence);
- article → story `in-story`; claim → claim cluster `in-cluster`.
Entities resolved across articles are one node (the corpus entity); unresolved sources ("two
officials") are `source` nodes local to their article. GraphML holds scalars only: lists are
joined with " | ", absent values are left out.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from typing import Any

import networkx as nx

from newsint.export.common import shorten
from newsint.export.data import ExportData, Index, outlet_name
from newsint.model import Analysis, Source, chain_text

LIST_SEPARATOR = " | "


def graph(data: ExportData) -> nx.MultiDiGraph:
    """The records as a networkx graph (also handy for analysis in Python)."""
    data = data.normalised()
    index = Index(data)
    g = nx.MultiDiGraph(schema="newsint.graph/1")
    for analysis in data.analyses:
        _article(g, index, analysis)
    for link in data.copy_links:
        u, v = f"article:{link.article}", f"article:{link.original}"
        if u in g and v in g:
            _edge(
                g,
                u,
                v,
                "copies",
                copy_kind=link.kind,
                score=link.score,
                confidence=link.confidence,
                evidence=link.evidence,
                misattribution=link.misattribution,
                link=link.id,
            )
    for story in data.stories:
        members = [a for a in story.articles if f"article:{a}" in g]
        if not members:
            continue
        sid = f"story:{story.id}"
        _node(
            g,
            sid,
            "story",
            story.title or story.id,
            size=len(story.articles),
            first_published=story.first_published,
            last_published=story.last_published,
        )
        for aid in members:
            _edge(g, f"article:{aid}", sid, "in-story", original=aid in story.originals)
    for cluster in data.claim_clusters:
        keys = index.claim_keys(cluster)
        if not keys:
            continue
        rep = index.claim_ref(cluster.representative) or index.claims[keys[0]]
        cid = f"cluster:{cluster.id}"
        _node(
            g,
            cid,
            "claim-cluster",
            shorten(rep.claim.statement, 80),
            independent_sources=cluster.independent_sources,
            upstreams=[chain_text(u) for u in cluster.upstreams],
            collapsed=cluster.collapsed,
        )
        for key in keys:
            _edge(g, f"claim:{key}", cid, "in-cluster")
    return g


def chunks(data: ExportData, options: Mapping[str, str] | None = None) -> Iterator[bytes]:
    buffer = io.BytesIO()
    nx.write_graphml(graph(data), buffer, encoding="utf-8", prettyprint=True)
    yield buffer.getvalue()


def _article(g: nx.MultiDiGraph, index: Index, analysis: Analysis) -> None:
    meta = analysis.article
    aid = f"article:{meta.id}"
    story = index.story_of.get(meta.id)
    _node(
        g,
        aid,
        "article",
        meta.title or meta.id,
        title=meta.title,
        site=meta.site,
        url=meta.url,
        author=meta.author,
        published=meta.published.date,
        published_source=meta.published.source,
        language=meta.language,
        story=story.id if story else None,
    )
    outlet = outlet_name(analysis)
    if outlet:
        oid = f"outlet:{outlet.casefold()}"
        _node(g, oid, "outlet", outlet)
        _edge(g, aid, oid, "published-by")
    nodes: dict[str, str] = {}
    counts: dict[str, int] = {}
    for mention in analysis.mentions:
        if mention.entity:
            counts[mention.entity] = counts.get(mention.entity, 0) + 1
    for entity in analysis.entities:
        ce = index.corpus_entity(analysis, entity.id)
        nid = f"entity:{index.entity_key(analysis, entity)}"
        nodes[entity.id] = nid
        _node(
            g,
            nid,
            "entity",
            ce.name if ce else entity.name,
            entity_type=entity.type,
            aliases=sorted(set(ce.aliases if ce else entity.aliases)),
            country=entity.country,
            corpus_entity=ce.id if ce else None,
        )
        _edge(g, aid, nid, "mentions", mentions=counts.get(entity.id, len(entity.mentions)))
    for claim in analysis.claims:
        key = f"{meta.id}/{claim.id}"
        cid = f"claim:{key}"
        grade = claim.grade
        _node(
            g,
            cid,
            "claim",
            shorten(claim.statement, 80),
            text=claim.content.text,
            start=claim.content.start,
            end=claim.content.end,
            speaker=claim.source.name or claim.source.text,
            chain=chain_text(claim.chain),
            claim_kind=claim.kind,
            status=claim.status,
            polarity=claim.polarity,
            factuality=claim.factuality,
            grade=grade.code if grade else None,
            reliability=grade.reliability if grade else None,
            credibility=grade.credibility if grade else None,
            reasons=grade.reasons if grade else None,
        )
        _edge(g, cid, aid, "stated-in")
        chain = claim.chain or [Source(text=meta.id, kind="article"), claim.source]
        for position, source in enumerate(chain):
            if source.kind == "article":
                continue
            target = nodes.get(source.entity or "")
            if target is None:
                target = f"source:{meta.id}/{source.kind}/{source.text.casefold()}"
                _node(g, target, "source", source.name or source.text, source_kind=source.kind)
            _edge(g, cid, target, "attributed-to", position=position, source_text=source.text)
    for event in analysis.events:
        eid = f"event:{meta.id}/{event.id}"
        _node(
            g,
            eid,
            "event",
            f"{event.type}: {shorten(event.trigger.text, 60)}",
            event_type=event.type,
            mode=event.mode,
            status=event.status,
            negated=event.negated,
            factuality=event.factuality,
            about=f"{meta.id}/{event.about}" if event.about else None,
            trigger=event.trigger.text,
            claim=f"{meta.id}/{event.claim}" if event.claim else None,
        )
        _edge(g, eid, aid, "reported-in")
        for role in ("actor", "target", "place"):
            arg = getattr(event, role)
            if arg is not None and arg.entity in nodes:
                _edge(g, eid, nodes[arg.entity], role, text=arg.text)


def _node(g: nx.MultiDiGraph, nid: str, kind: str, label: str, **attrs: Any) -> None:
    if nid not in g:
        g.add_node(nid, kind=kind, label=label, **_scalars(attrs))


def _edge(g: nx.MultiDiGraph, u: str, v: str, relation: str, **attrs: Any) -> None:
    key = relation if "position" not in attrs else f"{relation}/{attrs['position']}"
    if not g.has_edge(u, v, key):
        g.add_edge(u, v, key=key, relation=relation, **_scalars(attrs))


def _scalars(attrs: dict[str, Any]) -> dict[str, str | int | float | bool]:
    out: dict[str, str | int | float | bool] = {}
    for name, value in attrs.items():
        if value is None or value == [] or value == "":
            continue
        if isinstance(value, (list, tuple)):
            value = LIST_SEPARATOR.join(str(v) for v in value)
        out[name] = value
    return out
