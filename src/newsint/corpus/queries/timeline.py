"""The corpus timeline: dated events across the corpus, merged across copies, oldest first."""

from __future__ import annotations

from sqlalchemy import select

from newsint.corpus.queries.entities import entity_ids
from newsint.corpus.store.store import Store
from newsint.corpus.store.tables import CopyLinkRow, CorpusEntityRow
from newsint.corpus.timeline import corpus_timeline
from newsint.model import CopyLink, CorpusEntity, TimelineEntry
from newsint.stages.features.record import decode


def timeline(
    store: Store,
    *,
    entity: str | None = None,
    all_events: bool = False,
    floor: float | None = None,
) -> list[TimelineEntry]:
    """Dated events across the corpus (only those involving `entity`, an id or name, when
    given), each reported event once however many copies report it; with `all_events`, the
    negated, denied, hypothetical, questioned and planned ones too."""
    with store.reading() as conn:
        links = [
            CopyLink.model_validate(r)
            for r in conn.scalars(select(CopyLinkRow.record).order_by(CopyLinkRow.id))
        ]
        entities = None
        if entity is not None:
            ids = entity_ids(conn, entity)
            entities = [
                CorpusEntity.model_validate(r)
                for r in conn.scalars(
                    select(CorpusEntityRow.record).where(CorpusEntityRow.id.in_(ids))
                )
            ]
    features = (decode(data) for _, data in store.features())
    return corpus_timeline(
        features, links, entity=entity, entities=entities, all_events=all_events, floor=floor
    )
