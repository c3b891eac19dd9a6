"""The corpus as a graph for a picture: entities, claims and the sources behind them."""

from __future__ import annotations

from sqlalchemy import and_, func, select

from newsint.config import Grade as GradeConfig
from newsint.corpus.queries.claims import claims
from newsint.corpus.queries.entities import entities
from newsint.corpus.queries.records import (
    ClaimNode,
    EdgeKind,
    EntityNode,
    Graph,
    GraphEdge,
    SourceNode,
)
from newsint.corpus.store.store import Store
from newsint.corpus.store.tables import (
    ClaimClusterMemberRow,
    ClaimRow,
    CorpusEntityMemberRow,
    MentionRow,
)
from newsint.model import stable_id


def graph(
    store: Store,
    cfg: GradeConfig,
    *,
    max_entities: int = 40,
    max_claims: int = 25,
    links_per_entity: int = 3,
) -> Graph:
    """Entities, claims and the sources behind them as nodes and edges (for a picture).

    Nodes: the most widely mentioned entities, the best-corroborated claim clusters, and the
    sources their chains name (a source that is one of the entities is that entity's node).
    Edges: source "said" claim, source "via" source along a chain (nearer source first),
    claim "mentions" entity, and entity "co-mentioned" entity (each entity's strongest few,
    weighted by shared articles)."""
    top_entities = entities(store, limit=max_entities).items
    top_claims = claims(store, cfg, limit=max_claims).items
    ids = [e.id for e in top_entities]
    clusters = [c.id for c in top_claims]
    nodes: dict[str, EntityNode | ClaimNode | SourceNode] = {}
    edges: dict[tuple[str, str, str], GraphEdge] = {}

    def edge(a: str, b: str, kind: EdgeKind, weight: int = 1) -> None:
        if a == b:
            return
        key = (a, b, kind)
        if key in edges:
            edges[key].weight += weight
        else:
            edges[key] = GraphEdge(source=a, target=b, kind=kind, weight=weight)

    for e in top_entities:
        nodes[e.id] = EntityNode(id=e.id, label=e.name, type=e.type, weight=e.articles)
    by_name = {e.name.lower(): e.id for e in top_entities}
    for owner in top_entities:
        for alias in owner.aliases:
            by_name.setdefault(alias.lower(), owner.id)
    with store.reading() as conn:
        member = CorpusEntityMemberRow
        other = member.__table__.alias("other")
        pairs = conn.execute(
            select(
                member.corpus_entity_id,
                other.c.corpus_entity_id,
                func.count(func.distinct(member.article_id)),
            )
            .join(other, other.c.article_id == member.article_id)
            .where(
                member.corpus_entity_id.in_(ids),
                other.c.corpus_entity_id.in_(ids),
                member.corpus_entity_id < other.c.corpus_entity_id,
            )
            .group_by(member.corpus_entity_id, other.c.corpus_entity_id)
        ).all()
        mentioned = conn.execute(
            select(ClaimClusterMemberRow.cluster_id, member.corpus_entity_id)
            .join(
                ClaimRow,
                and_(
                    ClaimRow.article_id == ClaimClusterMemberRow.article_id,
                    ClaimRow.id == ClaimClusterMemberRow.claim_id,
                ),
            )
            .join(MentionRow, MentionRow.article_id == ClaimRow.article_id)
            .join(
                member,
                and_(
                    member.article_id == MentionRow.article_id,
                    member.entity_id == MentionRow.entity_id,
                ),
            )
            .where(
                ClaimClusterMemberRow.cluster_id.in_(clusters),
                member.corpus_entity_id.in_(ids),
                MentionRow.start >= ClaimRow.start,
                MentionRow.end <= ClaimRow.end,
            )
            .distinct()
        ).all()
    strongest: dict[str, list[tuple[int, str, str]]] = {}
    for a, b, n in pairs:
        strongest.setdefault(a, []).append((n, b, a))
        strongest.setdefault(b, []).append((n, a, b))
    for items in strongest.values():
        for n, b, a in sorted(items, key=lambda x: (-x[0], x[1]))[:links_per_entity]:
            lo, hi = min(a, b), max(a, b)
            edges.setdefault(
                (lo, hi, "co-mentioned"),
                GraphEdge(source=lo, target=hi, kind="co-mentioned", weight=n),
            )
    for c in top_claims:
        nodes[c.id] = ClaimNode(
            id=c.id,
            label=c.statement or c.text or c.id,
            status=c.status,
            weight=c.independent_sources,
        )
        chain = [name for name in c.chain[1:] if name] or ([c.speaker] if c.speaker else [])
        previous = c.id
        for i, name in enumerate(chain):
            node = by_name.get(name.lower()) or stable_id("src", name.lower())
            if node not in nodes:
                nodes[node] = SourceNode(id=node, label=name)
            nodes[node].weight += 1
            edge(node, previous, "said" if i == 0 else "via")
            previous = node
    for cluster, entity in mentioned:
        edge(cluster, entity, "mentions")
    return Graph(
        nodes=sorted(nodes.values(), key=lambda n: (n.kind, n.id)),
        edges=sorted(edges.values(), key=lambda e: (e.kind, e.source, e.target)),
    )
