"""STIX 2.1 bundle (built and validated with `stix2`), for OpenCTI, MISP and other CTI tools.

The mapping (docs/exports.md has the full table):
- an article is a `report` (name = title, published, object_refs, external_references with url;
  `description` = the clean text), created by its outlet's `identity`;
- who a claim rests on is an `identity` (person → individual; organisation, government, media,
  outlet → organization; anonymous → unknown); documents, intelligence and statements in a
  chain are not identities and stay in the note's `x_newsint_chain`;
- people and organisations the article names are identities, places with a country are
  `location`s; an entity resolved across articles is one object (the corpus entity);
- a claim is a `note`, not an `opinion`: an opinion is a producer's agreement with another
  STIX object, while a claim's status (alleged, denied, …) describes the statement itself,
  so it travels as `x_newsint_status` on the note, with the grade and its reasons;
- `confidence` on a note is the Admiralty information-credibility digit through the scale of
  STIX 2.1 appendix A (1 → 90, 2 → 70, 3 → 50, 4 → 30, 5 → 10; 6, "cannot be judged", and
  ungraded claims have none);
- relationships: note → identity `attributed-to` (one per identified link of the chain, with its
  position), copy → original report `duplicate-of` (verbatim, syndicated) or `derived-from`
  (spin, derivative);
- a story and a claim cluster are `grouping`s (context "unspecified", kind in x_newsint_kind).
Nothing is invented: no threat actors, campaigns or indicators.

Ids are `type--UUIDv5(newsint namespace, stable key)` and timestamps are the article's
publication date (earliest of the articles for shared objects) or the 1970 epoch when unknown,
so the same records give the same bytes.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator, Mapping
from typing import Any

import stix2
from stix2 import v21
from stix2.exceptions import STIXError
from stix2.serialization import STIXJSONEncoder

from newsint.errors import NewsintError
from newsint.export.common import EPOCH, earliest, parse_time, shorten, uuid5
from newsint.export.data import ExportData, Index, outlet_name
from newsint.model import Analysis, Claim, Entity, Source, chain_text

# Admiralty information credibility → STIX confidence (STIX 2.1 appendix A).
CREDIBILITY_CONFIDENCE: dict[int, int | None] = {1: 90, 2: 70, 3: 50, 4: 30, 5: 10, 6: None}

# Source kinds that are actors (identities), and their identity class.
SOURCE_CLASS: dict[str, str] = {
    "person": "individual",
    "organisation": "organization",
    "government": "organization",
    "media": "organization",
    "anonymous": "unknown",
    "unknown": "unknown",
}
ENTITY_CLASS: dict[str, str] = {"PERSON": "individual", "ORG": "organization"}
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})

COPY_RELATION: dict[str, str] = {
    "verbatim": "duplicate-of",
    "syndicated": "duplicate-of",
    "spin": "derived-from",
    "derivative": "derived-from",
}


_CLASSES: dict[str, Any] = {
    "grouping": v21.Grouping,
    "identity": v21.Identity,
    "location": v21.Location,
    "note": v21.Note,
    "relationship": v21.Relationship,
    "report": v21.Report,
}


def stix_id(kind: str, key: str) -> str:
    return f"{kind}--{uuid5(kind, key)}"


class _Builder:
    """Collects objects by id as plain keyword dicts, then makes the stix2 objects once, so a
    shared object (an outlet, a person named in many articles) gets the earliest date."""

    def __init__(self) -> None:
        self.objects: dict[str, dict[str, Any]] = {}
        self.dates: dict[str, list[str | None]] = {}

    def add(self, kind: str, key: str, dates: str | list[str | None] | None, **props: Any) -> str:
        oid = stix_id(kind, key)
        if oid not in self.objects:
            self.objects[oid] = props
        self.dates.setdefault(oid, []).extend(dates if isinstance(dates, list) else [dates])
        return oid

    def build(self) -> list[Any]:
        built = []
        for oid, props in self.objects.items():
            moment = earliest(self.dates[oid])
            kind = oid.split("--", 1)[0]
            props = {k: v for k, v in props.items() if v is not None and v != [] and v != ""}
            try:
                built.append(
                    _CLASSES[kind](
                        id=oid, created=moment, modified=moment, allow_custom=True, **props
                    )
                )
            except (STIXError, ValueError) as exc:
                raise NewsintError(
                    f"STIX {kind} {props.get('x_newsint_id') or oid}",
                    f"cannot be exported ({str(exc).splitlines()[0]})",
                    "report it with the record attached; the other formats still work",
                ) from exc
        return built


def bundle(data: ExportData) -> stix2.Bundle:
    """The STIX bundle of the records, for use in Python."""
    found = objects(data)
    return stix2.Bundle(objects=found, id=bundle_id(found), allow_custom=True)


def bundle_id(found: list[Any]) -> str:
    return f"bundle--{uuid5('bundle', *(o.id for o in found))}"


def objects(data: ExportData) -> list[Any]:
    """The STIX objects of the records, each validated by stix2 as it is built."""
    data = data.normalised()
    index = Index(data)
    b = _Builder()
    reports: dict[str, str] = {}
    for analysis in data.analyses:
        reports[analysis.article.id] = _article(b, index, analysis)
    for link in data.copy_links:
        copy, original = reports.get(link.article), reports.get(link.original)
        if copy is None or original is None:
            continue  # the other article is not in this export: no dangling reference
        date = index.articles[link.article].article.published.date
        b.add(
            "relationship",
            f"copy/{link.id}",
            date,
            relationship_type=COPY_RELATION[link.kind],
            source_ref=copy,
            target_ref=original,
            confidence=round(link.confidence * 100),
            description=link.misattribution,
            x_newsint_id=link.id,
            x_newsint_kind=link.kind,
            x_newsint_score=link.score,
            x_newsint_evidence=link.evidence,
            x_newsint_misattribution=link.misattribution,
        )
    for story in data.stories:
        refs = [reports[a] for a in story.articles if a in reports]
        refs += [
            stix_id("relationship", f"copy/{link}")
            for link in story.links
            if stix_id("relationship", f"copy/{link}") in b.objects
        ]
        if not refs:
            continue
        b.add(
            "grouping",
            f"story/{story.id}",
            story.first_published,
            name=story.title or f"story {story.id}",
            context="unspecified",
            object_refs=refs,
            x_newsint_kind="story",
            x_newsint_id=story.id,
            x_newsint_originals=[reports[a] for a in story.originals if a in reports],
            x_newsint_first_published=story.first_published,
            x_newsint_last_published=story.last_published,
        )
    for cluster in data.claim_clusters:
        keys = index.claim_keys(cluster)
        if not keys:
            continue
        rep = index.claim_ref(cluster.representative) or index.claims[keys[0]]
        contradictions = [index.claim_ref(c) for c in cluster.contradictions]
        b.add(
            "grouping",
            f"claim-cluster/{cluster.id}",
            [index.claims[k].analysis.article.published.date for k in keys],
            name=shorten(rep.claim.content.text),
            context="unspecified",
            object_refs=[stix_id("note", f"claim/{k}") for k in keys],
            x_newsint_kind="claim-cluster",
            x_newsint_id=cluster.id,
            x_newsint_independent_sources=cluster.independent_sources,
            x_newsint_upstreams=cluster.upstreams,
            x_newsint_collapsed=cluster.collapsed,
            x_newsint_contradictions=[
                stix_id("note", f"claim/{c.key}") for c in contradictions if c is not None
            ],
        )
    return b.build()


def chunks(data: ExportData, options: Mapping[str, str] | None = None) -> Iterator[bytes]:
    """The bundle as JSON, one object at a time. Properties in the order of the STIX spec, then
    the custom ones sorted (what stix2's pretty printer does, which is quadratic in the bundle
    size: minutes for a thousand articles)."""
    found = objects(data)
    yield f'{{\n  "type": "bundle",\n  "id": "{bundle_id(found)}",\n  "objects": ['.encode()
    for n, obj in enumerate(found):
        text = json.dumps(_ordered(obj), cls=STIXJSONEncoder, ensure_ascii=False, indent=2)
        yield ((",\n" if n else "\n") + textwrap.indent(text, "    ")).encode("utf-8")
    yield ("\n  ]\n}\n" if found else "]\n}\n").encode()


def _ordered(obj: Any) -> dict[str, Any]:
    spec = [k for k in obj._properties if k in obj and k not in obj._defaulted_optional_properties]
    custom = sorted(k for k in obj if k not in obj._properties)
    return {k: obj[k] for k in spec + custom}


# --------------------------------------------------------------------------- per article


def _article(b: _Builder, index: Index, analysis: Analysis) -> str:
    meta = analysis.article
    date = meta.published.date
    outlet = _outlet(b, analysis)
    refs: list[str] = [outlet]
    entity_refs: dict[str, str] = {}
    for entity in analysis.entities:
        oid = _entity(b, index, analysis, entity)
        if oid:
            entity_refs[entity.id] = oid
            refs.append(oid)
    for claim in analysis.claims:
        refs.extend(_claim(b, index, analysis, claim, outlet))
    external = [{"source_name": "newsint", "external_id": meta.id}]
    if meta.url:
        external.append({"source_name": outlet_name(analysis) or "web", "url": meta.url})
    return b.add(
        "report",
        f"article/{meta.id}",
        date,
        name=meta.title or f"article {meta.id}",
        published=parse_time(date) or EPOCH,
        description=analysis.text,
        object_refs=list(dict.fromkeys(refs)),
        created_by_ref=outlet,
        lang=meta.language,
        external_references=external,
        x_newsint_id=meta.id,
        x_newsint_site=meta.site,
        x_newsint_author=meta.author,
        x_newsint_published_source=meta.published.source,
        x_newsint_published_evidence=meta.published.evidence,
        x_newsint_story=(index.story_of[meta.id].id if meta.id in index.story_of else None),
    )


def _outlet(b: _Builder, analysis: Analysis) -> str:
    name = outlet_name(analysis)
    if name is None:
        # No site and no URL: an outlet of its own, honestly unnamed.
        return b.add(
            "identity",
            f"outlet/article/{analysis.article.id}",
            analysis.article.published.date,
            name=f"unknown outlet of article {analysis.article.id}",
            identity_class="unknown",
            x_newsint_kind="outlet",
        )
    return b.add(
        "identity",
        f"outlet/{name.casefold()}",
        analysis.article.published.date,
        name=name,
        identity_class="organization",
        sectors=["communications"],
        x_newsint_kind="outlet",
    )


def _entity(b: _Builder, index: Index, analysis: Analysis, entity: Entity) -> str | None:
    """An identity for a person or organisation, a location for a place with a country."""
    key = index.entity_key(analysis, entity)
    ce = index.corpus_entity(analysis, entity.id)
    name = ce.name if ce else entity.name
    aliases = sorted(set(ce.aliases if ce else entity.aliases) - {name})
    date = analysis.article.published.date
    common: dict[str, Any] = {
        "name": name,
        "x_newsint_entity_type": entity.type,
        "x_newsint_aliases": aliases,
        "x_newsint_id": ce.id if ce else f"{analysis.article.id}/{entity.id}",
    }
    if entity.type in ENTITY_CLASS:
        return b.add("identity", key, date, identity_class=ENTITY_CLASS[entity.type], **common)
    if entity.type in PLACE_TYPES and entity.country:
        return b.add("location", key, date, country=entity.country, **common)
    return None


def _source(
    b: _Builder, index: Index, analysis: Analysis, source: Source, outlet: str
) -> str | None:
    """The identity a link of a chain stands for, None for documents and statements."""
    if source.kind == "article":
        return outlet
    date = analysis.article.published.date
    entity = analysis.entity(source.entity) if source.entity else None
    if entity is not None:
        oid = _entity(b, index, analysis, entity)
        if oid and oid.startswith("identity--"):
            return oid
        if source.kind not in SOURCE_CLASS:
            return None
        # A place speaking ("Ankara said") is its government: an organisation identity.
        key = index.entity_key(analysis, entity)
        return b.add(
            "identity",
            key,
            date,
            name=entity.name,
            identity_class=SOURCE_CLASS[source.kind]
            if source.kind != "unknown"
            else "organization",
            x_newsint_entity_type=entity.type,
            x_newsint_id=f"{analysis.article.id}/{entity.id}",
        )
    if source.kind not in SOURCE_CLASS:
        return None
    # An unresolved description ("two officials") means something only inside its article.
    return b.add(
        "identity",
        f"source/{analysis.article.id}/{source.kind}/{source.text.casefold()}",
        date,
        name=source.name or source.text,
        identity_class=SOURCE_CLASS[source.kind],
        x_newsint_source_kind=source.kind,
    )


def _claim(b: _Builder, index: Index, analysis: Analysis, claim: Claim, outlet: str) -> list[str]:
    """The note for a claim and its attributed-to relationships; returns all their ids."""
    aid = analysis.article.id
    key = f"{aid}/{claim.id}"
    date = analysis.article.published.date
    note_id = stix_id("note", f"claim/{key}")
    out = [note_id]
    chain = claim.chain or [claim.source]
    actors: list[tuple[int, str]] = []
    for position, source in enumerate(chain):
        oid = _source(b, index, analysis, source, outlet)
        if oid and oid != outlet:
            actors.append((position, oid))
    grade = claim.grade
    cluster = index.cluster_of.get(key)
    speaker = claim.source.name or claim.source.text
    b.add(
        "note",
        f"claim/{key}",
        date,
        abstract=shorten(
            f"{speaker}: {claim.status} claim" + (f" ({grade.code})" if grade else "")
        ),
        content=claim.content.text,
        object_refs=[
            stix_id("report", f"article/{aid}"),
            *dict.fromkeys(o for _, o in actors),
        ],
        created_by_ref=outlet,
        confidence=CREDIBILITY_CONFIDENCE[grade.credibility] if grade else None,
        labels=[claim.status],
        x_newsint_id=key,
        x_newsint_article=aid,
        x_newsint_speaker=speaker,
        x_newsint_chain=[_source_dict(s) for s in chain],
        x_newsint_chain_text=chain_text(chain),
        x_newsint_kind=claim.kind,
        x_newsint_status=claim.status,
        x_newsint_polarity=claim.polarity,
        x_newsint_factuality=claim.factuality,
        x_newsint_grade=grade.code if grade else None,
        x_newsint_reliability=grade.reliability if grade else None,
        x_newsint_credibility=grade.credibility if grade else None,
        x_newsint_grade_reasons=grade.reasons if grade else [],
        x_newsint_evidence=[
            {"text": e.text, "kind": e.kind, **({"effect": e.effect} if e.effect else {})}
            for e in claim.evidence
        ],
        x_newsint_cue=claim.cue.text if claim.cue else None,
        x_newsint_span=[claim.content.start, claim.content.end],
        x_newsint_extraction_confidence=claim.confidence,
        x_newsint_cluster=cluster.id if cluster else None,
        x_newsint_independent_sources=cluster.independent_sources if cluster else None,
    )
    for position, oid in actors:
        out.append(
            b.add(
                "relationship",
                f"attributed-to/{key}/{position}",
                date,
                relationship_type="attributed-to",
                source_ref=note_id,
                target_ref=oid,
                x_newsint_chain_position=position,
            )
        )
    return out


def _source_dict(source: Source) -> dict[str, Any]:
    return {
        k: v
        for k, v in {
            "text": source.text,
            "kind": source.kind,
            "name": source.name,
            "entity": source.entity,
        }.items()
        if v is not None
    }
