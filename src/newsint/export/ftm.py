"""FollowTheMoney entities (one JSON entity per line), for Aleph, OpenAleph and `ftm` tools.

Written as plain FtM JSON, so the `followthemoney` library (a slow install: it compiles PyICU)
is not needed to export; the tests validate the output with its model (a dev dependency).
The mapping (docs/exports.md has the full table):
- an article is an `Article` (title, bodyText = the clean text, publishedAt, sourceUrl,
  publisher, one author per value, language, the countries of the places it names, the
  people, companies and places it mentions, `story:<id>` in keywords);
- people and organisations are `Person` / `Organization` (one per corpus entity when resolved
  across articles), with every article naming them as `proof`; a PERSON is a Person only on
  the evidence export.kinds asks for (Aleph matches every Person against sanctions lists):
  outlets, agencies and company names are Organizations, places and one-word names are
  left as mentions;
- each entity named in an article is a `Mention` (document → resolved Person/Organization;
  places carry their country as contextCountry);
- a claim is a `Note` (name "speaker: text", so FtM's name cleaning keeps its quote marks)
  about the people and organisations its text names (`Note.entity`, what the note is about),
  with the article as proof, status, grade and chain in summary and keywords; who said it is
  an `UnknownLink` from the speaker (and each named source of the chain) to the note;
- an event is an `Event` (date or its range, involved people and organisations, location);
- a copy is an `UnknownLink` from the copy to the original with the copy kind as role.
FtM has no record for a story or a claim cluster: their ids travel in keywords.
Ids are SHA-1 hex digests of our stable ids, so re-export gives the same entities.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any

import pycountry

from newsint.export.common import shorten
from newsint.export.data import ExportData, Index, outlet_name
from newsint.export.kinds import PLACE_TYPES, kind_of, split_authors
from newsint.model import (
    Analysis,
    Argument,
    Claim,
    Entity,
    Event,
    chain_text,
    reported_as_happened,
)

# Entity kinds (export.kinds) that are FtM legal entities, and their schema.
ENTITY_SCHEMA: dict[str, str] = {"person": "Person", "organisation": "Organization"}
# What a mention looks like to FtM (the Mention.detectedSchema hint), by entity kind.
DETECTED_SCHEMA: dict[str, str] = {
    "person": "Person",
    "organisation": "Organization",
    "place": "Address",
    "unclear": "LegalEntity",
}
# The role of a chain link's entity in the UnknownLink to the note: the speaker, or a source
# further out ("… said, citing the ministry").
SPEAKER_ROLE = "said"
SOURCE_ROLE = "source of"
# FtM dates are ISO 8601 prefixes: TIMEX values like 2023-W14 go through their ranges instead.
_ISO_PREFIX = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?)?)?$")


def ftm_id(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(("newsint", *parts)).encode("utf-8")).hexdigest()


class _Entities:
    """Entities by id, in first-seen order; adding to an existing id merges property values."""

    def __init__(self) -> None:
        self.items: dict[str, dict[str, Any]] = {}

    def add(self, schema: str, eid: str, **props: Any) -> str:
        entity = self.items.setdefault(eid, {"id": eid, "schema": schema, "properties": {}})
        properties: dict[str, list[str]] = entity["properties"]
        for name, value in props.items():
            values = value if isinstance(value, (list, tuple)) else [value]
            for v in values:
                text = _visible(str(v)) if v is not None else ""
                if text == "":
                    continue
                bucket = properties.setdefault(name, [])
                if text not in bucket:
                    bucket.append(text)
        return eid


def _visible(text: str) -> str:
    """The text without invisible format characters (soft hyphens, zero-width spaces and
    joiners, direction marks: Unicode category Cf), which FtM's cleaning drops from every
    value: written so, an entity comes through `ftm validate` unchanged."""
    if text.isascii():
        return text
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def entities(data: ExportData) -> Iterator[dict[str, Any]]:
    """The FtM entities as dicts ({"id", "schema", "properties"}), in a stable order."""
    data = data.normalised()
    index = Index(data)
    out = _Entities()
    for analysis in data.analyses:
        _article(out, index, analysis)
    for link in data.copy_links:
        if link.article not in index.articles or link.original not in index.articles:
            continue
        copy = index.articles[link.article]
        out.add(
            "UnknownLink",
            ftm_id("copy", link.id),
            subject=ftm_id("article", link.article),
            object=ftm_id("article", link.original),
            role=f"{link.kind} copy of",
            date=_date(copy.article.published.date),
            description="; ".join(link.evidence),
            summary=link.misattribution,
            recordId=link.id,
        )
    for entity in out.items.values():
        entity["properties"] = dict(sorted(entity["properties"].items()))
        yield entity


def chunks(data: ExportData, options: Mapping[str, str] | None = None) -> Iterator[bytes]:
    for entity in entities(data):
        yield json.dumps(entity, ensure_ascii=False).encode("utf-8") + b"\n"


def _article(out: _Entities, index: Index, analysis: Analysis) -> None:
    meta = analysis.article
    aid = ftm_id("article", meta.id)
    places = [e for e in analysis.entities if e.type in PLACE_TYPES]
    kinds = {
        e.id: _kind(index, analysis, e)
        for e in analysis.entities
        if e.type in PLACE_TYPES or e.type in ("PERSON", "ORG")
    }
    story = index.story_of.get(meta.id)
    out.add(
        "Article",
        aid,
        name=meta.title or f"article {meta.id}",
        title=meta.title,
        bodyText=analysis.text,
        publishedAt=_date(meta.published.date),
        sourceUrl=meta.url,
        publisher=outlet_name(analysis),
        author=split_authors(meta.author),
        language=_language(meta.language),
        country=sorted({e.country.lower() for e in places if e.country}),
        peopleMentioned=[e.name for e in analysis.entities if kinds.get(e.id) == "person"],
        companiesMentioned=[e.name for e in analysis.entities if kinds.get(e.id) == "organisation"],
        locationMentioned=[e.name for e in places],
        keywords=[f"story:{story.id}"] if story else [],
    )
    resolved: dict[str, str] = {}
    for entity in analysis.entities:
        target = _legal_entity(out, index, analysis, entity)
        if target:
            resolved[entity.id] = target
        out.add(
            "Mention",
            ftm_id("mention", meta.id, entity.id),
            document=aid,
            name=[entity.name, *entity.aliases],
            resolved=target,
            detectedSchema=DETECTED_SCHEMA[kinds[entity.id]] if entity.id in kinds else None,
            contextCountry=entity.country.lower() if entity.country else None,
        )
    for claim in analysis.claims:
        _claim(out, index, analysis, claim, resolved, aid)
    for event in analysis.events:
        _event(out, analysis, event, resolved, aid)


def _kind(index: Index, analysis: Analysis, entity: Entity) -> str:
    ce = index.corpus_entity(analysis, entity.id)
    return kind_of(entity, ce.name if ce else entity.name)


def _legal_entity(out: _Entities, index: Index, analysis: Analysis, entity: Entity) -> str | None:
    schema = ENTITY_SCHEMA.get(_kind(index, analysis, entity))
    if schema is None:
        return None
    ce = index.corpus_entity(analysis, entity.id)
    name = ce.name if ce else entity.name
    aliases = ce.aliases if ce else entity.aliases
    return out.add(
        schema,
        ftm_id("entity", index.entity_key(analysis, entity)),
        name=name,
        alias=[a for a in aliases if a != name],
        country=entity.country.lower() if entity.country else None,
        proof=ftm_id("article", analysis.article.id),
    )


def _claim(
    out: _Entities,
    index: Index,
    analysis: Analysis,
    claim: Claim,
    resolved: dict[str, str],
    aid: str,
) -> None:
    """A Note about what the claim names, and an UnknownLink from each named source to it."""
    meta = analysis.article
    key = f"{meta.id}/{claim.id}"
    cluster = index.cluster_of.get(key)
    grade = claim.grade
    speaker = claim.source.name or claim.source.text
    if claim.source.kind == "article":
        speaker = outlet_name(analysis) or speaker
    summary = f"{speaker}: {claim.status} ({claim.kind}, {claim.polarity})"
    if grade:
        summary += f"; grade {grade.code}"
    if claim.chain:
        summary += f"; chain: {chain_text(claim.chain)}"
    keywords: list[str] = [claim.status, claim.polarity, claim.kind]
    if grade:
        keywords.append(f"grade:{grade.code}")
    if cluster:
        keywords += [
            f"cluster:{cluster.id}",
            f"independent-sources:{cluster.independent_sources}",
        ]
    chain = claim.chain or [claim.source]
    sources = [resolved.get(s.entity or "") for s in chain if s.kind != "article"]
    content = claim.content
    subjects = [
        resolved[m.entity]
        for m in analysis.mentions
        if m.entity in resolved and content.start <= m.start and m.end <= content.end
    ]
    note = out.add(
        "Note",
        ftm_id("claim", key),
        name=shorten(f"{speaker}: {claim.statement}"),
        description=claim.statement,
        summary=summary,
        notes=grade.reasons if grade else [],
        entity=[s for s in dict.fromkeys(subjects) if s not in sources],
        proof=aid,
        publisher=outlet_name(analysis),
        sourceUrl=meta.url,
        keywords=keywords,
    )
    speaker_id = resolved.get(claim.source.entity or "")
    for position, source_id in enumerate(dict.fromkeys(s for s in sources if s)):
        out.add(
            "UnknownLink",
            ftm_id("said", key, source_id),
            subject=source_id,
            object=note,
            role=SPEAKER_ROLE if source_id == speaker_id else SOURCE_ROLE,
            description=chain_text(chain),
            proof=aid,
            recordId=f"{key}#{position}",
        )


def _event(
    out: _Entities, analysis: Analysis, event: Event, resolved: dict[str, str], aid: str
) -> None:
    time = next((t for t in analysis.times if event.time and t.id == event.time.time), None)
    date = _date(time.value) if time else None
    place = analysis.entity(event.place.entity) if event.place and event.place.entity else None
    sentence = event.sentence.slice(analysis.text) if event.sentence else event.trigger.text
    keywords = [event.type, event.status]
    if event.mode:
        keywords.append(event.mode)
    if event.negated:
        keywords.append("negated")
    if not reported_as_happened(event.status, event.negated):
        keywords.append("not reported as having happened")
    out.add(
        "Event",
        ftm_id("event", analysis.article.id, event.id),
        name=f"{event.type}: {shorten(event.trigger.text)}",
        description=sentence,
        summary=f"{event.status}" + (" (negated)" if event.negated else ""),
        date=date,
        startDate=None if date else (_date(time.range_start) if time else None),
        endDate=None if date else (_date(time.range_end) if time else None),
        involved=[resolved[a.entity] for a in _args(event) if a.entity in resolved],
        namesMentioned=[a.value or a.text for a in _args(event)],
        location=event.place.text if event.place else None,
        country=place.country.lower() if place and place.country else None,
        proof=aid,
        sourceUrl=analysis.article.url,
        keywords=keywords,
    )


def _args(event: Event) -> list[Argument]:
    return [a for a in (event.actor, event.target) if a is not None]


def _date(value: str | None) -> str | None:
    return value if value and _ISO_PREFIX.match(value) else None


def _language(code: str) -> str | None:
    """FtM languages are ISO 639-3 ("eng"); ours are ISO 639-1 ("en")."""
    lang = pycountry.languages.get(alpha_2=code) if len(code) == 2 else None
    return getattr(lang, "alpha_3", None) if lang else (code if len(code) == 3 else None)
