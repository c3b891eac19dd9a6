"""Rows from records: what one analysis writes into the query tables besides its whole JSON."""

from __future__ import annotations

from typing import Any

from newsint.corpus.store.tables import (
    Base,
    ClaimRow,
    EntityRow,
    EventRow,
    MentionRow,
    TimeRow,
)
from newsint.model import Analysis


def article_row(analysis: Analysis, stages: str, supersedes: str | None) -> dict[str, Any]:
    meta = analysis.article
    return {
        "id": meta.id,
        "url": meta.url,
        "site": meta.site,
        "title": meta.title,
        "author": meta.author,
        "published": meta.published.date,
        "published_source": meta.published.source,
        "language": meta.language,
        "source": meta.source,
        "format": meta.format,
        "content_hash": meta.content_hash,
        "chars": len(analysis.text),
        "stages": stages,
        "supersedes": supersedes,
        "current": True,
        "analyzed": False,
        "search_text": search_text(analysis),
    }


def search_text(analysis: Analysis) -> str:
    """What full text finds an article by besides its title and site: its claims' texts, each
    lead first, and the names of the entities it mentions (as migrations 0004 and 0005 fill in
    older stores)."""
    claims = " ".join(
        searchable(c.lead.text if c.lead else None, c.content.text) for c in analysis.claims
    )
    return claims + " " + " ".join(e.name for e in analysis.entities)


def searchable(lead: str | None, text: str) -> str:
    """A claim's words for full text, lead first: a search for a lead's words finds the claim."""
    return text if lead is None else f"{lead} {text}"


def derived_rows(analysis: Analysis) -> dict[type[Base], list[dict[str, Any]]]:
    """The query rows of one analysis: entities, mentions, times, claims, events."""
    aid = analysis.article.id
    rows: dict[type[Base], list[dict[str, Any]]] = {}
    rows[EntityRow] = [
        {
            "article_id": aid,
            "id": e.id,
            "name": e.name,
            "type": e.type,
            "aliases": list(e.aliases),
            "country": e.country,
            "mentions": len(e.mentions),
        }
        for e in analysis.entities
    ]
    rows[MentionRow] = [
        {
            "article_id": aid,
            "id": m.id,
            "entity_id": m.entity,
            "start": m.start,
            "end": m.end,
            "text": m.text,
            "label": m.label,
            "type": m.type,
            "kind": m.kind,
        }
        for m in analysis.mentions
    ]
    rows[TimeRow] = [
        {
            "article_id": aid,
            "id": t.id,
            "start": t.start,
            "end": t.end,
            "text": t.text,
            "type": t.type,
            "value": t.value,
            "granularity": t.granularity,
            "range_start": t.range_start,
            "range_end": t.range_end,
            "resolved": t.resolved,
        }
        for t in analysis.times
    ]
    rows[ClaimRow] = [
        {
            "article_id": aid,
            "id": c.id,
            "text": c.content.text,
            "start": c.content.start,
            "end": c.content.end,
            "lead_text": c.lead.text if c.lead else None,
            "lead_start": c.lead.start if c.lead else None,
            "lead_end": c.lead.end if c.lead else None,
            "cue": c.cue.text if c.cue else None,
            "speaker": c.source.name or c.source.text,
            "source_kind": c.source.kind,
            "source_entity": c.source.entity,
            "kind": c.kind,
            "status": c.status,
            "polarity": c.polarity,
            "confidence": c.confidence,
            "grade": c.grade.code if c.grade else None,
            "chain": [s.name or s.text for s in c.chain],
        }
        for c in analysis.claims
    ]
    rows[EventRow] = [
        {
            "article_id": aid,
            "id": ev.id,
            "type": ev.type,
            "mode": ev.mode,
            "trigger": ev.trigger.text,
            "actor": (ev.actor.value or ev.actor.text) if ev.actor else None,
            "actor_entity": ev.actor.entity if ev.actor else None,
            "target": (ev.target.value or ev.target.text) if ev.target else None,
            "target_entity": ev.target.entity if ev.target else None,
            "time": (ev.time.value or ev.time.text) if ev.time else None,
            "place": (ev.place.value or ev.place.text) if ev.place else None,
            "claim_id": ev.claim,
            "status": ev.status,
            "negated": ev.negated,
        }
        for ev in analysis.events
    ]
    return rows


def analysis_json(analysis: Analysis) -> str:
    """Compact JSON (pydantic's fast serializer); `Store.analysis` reads it back to the same
    record, whose to_json() is the pretty form `newsint analyze --format json` prints."""
    return analysis.model_dump_json(by_alias=True)
