"""STIX 2.1 bundle (built and validated with `stix2`), made for OpenCTI's import and for
`stix2-validator --strict --interop`. docs/exports.md has the full mapping and the reasons:
- an article is a `report` created by its outlet's `identity` (the outlet is its author);
- what newsint concluded (claims with their grades, copy links, stories, corroboration,
  events) is created by the `newsint` producer identity;
- a claim is a `note` on its report and on the identities of its chain; who said it when
  that is no named entity ("two officials", "she") stays in the note's text and chain, never a
  shared identity, because OpenCTI merges identities by name and class across reports;
- people and organisations named are identities (`individual`, `organization`), places with
  a country are locations with an OpenCTI location type and a STIX region;
- an event is an OpenCTI `event` (declared by a new-sdo extension), not an `incident`, which
  in STIX and OpenCTI is a security incident;
- a copy is a `derived-from` / `duplicate-of` relationship between reports and a note on both
  (OpenCTI accepts no relationship between two reports, the note carries it there);
- every object has a TLP marking and `created_by_ref`; every x_newsint_ property is declared
  by an extension definition (stix_ext.py).
Nothing is invented: no threat actors, campaigns or indicators, and no dates: an undated
article takes `as_of`, else the newest publication time of the export, labelled `undated`.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

import stix2
from stix2 import v21
from stix2.exceptions import STIXError
from stix2.serialization import STIXJSONEncoder

from newsint.errors import NewsintError
from newsint.export.common import parse_time, shorten, uuid5
from newsint.export.data import ExportData, Index, outlet_name
from newsint.export.kinds import kind_of, settings, split_authors
from newsint.export.stix_ext import (
    EVENT_EXTENSION,
    EXTENSIONS,
    PRODUCER,
    TLP_MARKINGS,
    Event,
    declarations,
    stix_id,
)
from newsint.model import (
    Analysis,
    Claim,
    Entity,
    Source,
    chain_text,
    content_hash,
    reported_as_happened,
)
from newsint.model import Event as EventRecord
from newsint.stages.entities.gazetteer import load_gazetteer

# Admiralty information credibility → STIX confidence (STIX 2.1 appendix A).
CREDIBILITY_CONFIDENCE: dict[int, int | None] = {1: 90, 2: 70, 3: 50, 4: 30, 5: 10, 6: None}
# Entity kinds (export.kinds) that are identities, with their OpenCTI identity class.
IDENTITY_CLASS: dict[str, str] = {"person": "individual", "organisation": "organization"}
# Source kinds for which a named place speaking ("Ankara said") stands for its government.
GOVERNMENT_SOURCES = frozenset({"government", "organisation", "unknown"})

COPY_RELATION: dict[str, str] = {
    "verbatim": "duplicate-of",
    "syndicated": "duplicate-of",
    "spin": "derived-from",
    "derivative": "derived-from",
}

_CLASSES: dict[str, Any] = {
    "event": Event,
    "grouping": v21.Grouping,
    "identity": v21.Identity,
    "location": v21.Location,
    "note": v21.Note,
    "relationship": v21.Relationship,
    "report": v21.Report,
}


def tlp_marking(name: str | None) -> str:
    """The marking-definition id of a TLP level name (data/exports.toml default)."""
    level = (name or str(settings()["stix"]["tlp"])).lower().removeprefix("tlp:")
    if level == "white":
        level = "clear"
    if level not in TLP_MARKINGS:
        raise NewsintError(
            f"--tlp {name}", "not a TLP level", "give clear, green, amber, amber+strict or red"
        )
    return TLP_MARKINGS[level]


class _Builder:
    """Collects objects by id as keyword dicts, then makes the stix2 objects once, so a shared
    object (an outlet, a person named in many articles) gets the earliest date."""

    def __init__(self, marking: str, as_of: datetime) -> None:
        self.marking = marking
        self.as_of = as_of
        self.objects: dict[str, dict[str, Any]] = {}
        self.dates: dict[str, list[str | None]] = {}

    def add(self, kind: str, key: str, dates: str | list[str | None] | None, **props: Any) -> str:
        oid = stix_id(kind, key)
        if oid not in self.objects:
            self.objects[oid] = props
        self.dates.setdefault(oid, []).extend(dates if isinstance(dates, list) else [dates])
        return oid

    def moment(self, oid: str) -> datetime:
        times = [t for t in (parse_time(d) for d in self.dates[oid]) if t is not None]
        return min(times) if times else self.as_of

    def build(self) -> list[Any]:
        built = []
        for oid, props in self.objects.items():
            moment = self.moment(oid)
            kind = oid.split("--", 1)[0]
            props = {k: v for k, v in props.items() if v is not None and v != [] and v != ""}
            props.setdefault("created_by_ref", PRODUCER)
            if any(k.startswith("x_") for k in props):
                props["extensions"] = dict(EXTENSIONS)
            if kind == "event":
                props.setdefault("extensions", {})[EVENT_EXTENSION] = {"extension_type": "new-sdo"}
            try:
                built.append(
                    _CLASSES[kind](
                        id=oid,
                        created=moment,
                        modified=moment,
                        object_marking_refs=[self.marking],
                        allow_custom=True,
                        **props,
                    )
                )
            except (STIXError, ValueError) as exc:
                raise NewsintError(
                    f"STIX {kind} {props.get('x_newsint_id') or oid}",
                    f"cannot be exported ({str(exc).splitlines()[0]})",
                    "report it with the record attached; the other formats still work",
                ) from exc
        return built


def bundle(data: ExportData, options: Mapping[str, str] | None = None) -> stix2.Bundle:
    """The STIX bundle of the records, for use in Python."""
    found = objects(data, options)
    return stix2.Bundle(objects=found, id=bundle_id(found), allow_custom=True)


def bundle_id(found: list[Any]) -> str:
    return stix_id("bundle", uuid5("bundle", *(o.id for o in found)))


def _as_of(options: Mapping[str, str] | None, data: ExportData) -> datetime:
    """The time given to undated objects: `as_of` (ISO 8601); else the newest publication time
    of the export's articles, so the same corpus always exports the same bytes; only an export
    with no dated article at all takes the time of the export."""
    value = (options or {}).get("as_of")
    if value:
        moment = parse_time(value)
        if moment is None:
            raise NewsintError(f"--as-of {value}", "not an ISO 8601 time", "e.g. 2026-12-06T12:00")
        return moment
    dated = [parse_time(a.article.published.date) for a in data.analyses]
    known = [t for t in dated if t is not None]
    return max(known) if known else datetime.now(UTC).replace(microsecond=0)


def objects(data: ExportData, options: Mapping[str, str] | None = None) -> list[Any]:
    """The STIX objects of the records, each validated by stix2 as it is built."""
    options = options or {}
    data = data.normalised()
    index = Index(data)
    marking = tlp_marking(options.get("tlp"))
    b = _Builder(marking, _as_of(options, data))
    reports: dict[str, str] = {}
    for analysis in data.analyses:
        reports[analysis.article.id] = _article(b, index, analysis)
    copies: dict[str, list[str]] = {}
    for link in data.copy_links:
        copy, original = reports.get(link.article), reports.get(link.original)
        if copy is None or original is None:
            continue  # the other article is not in this export: no dangling reference
        date = index.articles[link.article].article.published.date
        original_title = index.articles[link.original].article.title or link.original
        rel = b.add(
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
        note = b.add(
            "note",
            f"copy/{link.id}",
            date,
            abstract=shorten(f"{link.kind} copy of: {original_title}"),
            content="\n".join([f"{link.kind} copy (newsint)", *link.evidence]),
            object_refs=[copy, original],
            confidence=round(link.confidence * 100),
            x_newsint_id=link.id,
            x_newsint_kind="copy-link",
            x_newsint_copy_kind=link.kind,
            x_newsint_score=link.score,
            x_newsint_evidence=link.evidence,
            x_newsint_misattribution=link.misattribution,
        )
        copies[link.id] = [rel, note]
    for story in data.stories:
        refs = [reports[a] for a in story.articles if a in reports]
        refs += [oid for link in story.links for oid in copies.get(link, [])]
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
            name=shorten(rep.claim.statement),
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
    return declarations(marking) + b.build()


def chunks(data: ExportData, options: Mapping[str, str] | None = None) -> Iterator[bytes]:
    """The bundle as JSON, one object at a time. Properties in the order of the STIX spec, then
    the custom ones sorted (what stix2's pretty printer does, which is quadratic in the bundle
    size: minutes for a thousand articles)."""
    found = objects(data, options)
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
    report_id = stix_id("report", f"article/{meta.id}")
    refs: list[str] = [outlet]
    for entity in analysis.entities:
        oid = _entity(b, index, analysis, entity)
        if oid:
            refs.append(oid)
    for claim in analysis.claims:
        refs.extend(_claim(b, index, analysis, claim, outlet))
    for event in analysis.events:
        refs.extend(_event(b, index, analysis, event))
    external: list[dict[str, Any]] = [{"source_name": "newsint", "external_id": meta.id}]
    if meta.url:
        # The hash pins the text newsint read from that address (docs/exports.md).
        external.append(
            {
                "source_name": outlet_name(analysis) or "web",
                "url": meta.url,
                "hashes": {"SHA-256": meta.content_hash or content_hash(analysis.raw)},
            }
        )
    stix = settings()["stix"]
    published = parse_time(date)
    b.add(
        "report",
        f"article/{meta.id}",
        date,
        name=meta.title or f"article {meta.id}",
        published=published or b.as_of,
        report_types=list(stix["report_types"]),
        labels=[*stix["report_labels"], *([] if published else ["undated"])],
        description=analysis.text,
        object_refs=list(dict.fromkeys(refs)),
        created_by_ref=outlet,
        lang=meta.language,
        external_references=external,
        x_newsint_id=meta.id,
        x_newsint_site=meta.site,
        x_newsint_author=split_authors(meta.author),
        x_newsint_published_source=meta.published.source,
        x_newsint_published_evidence=meta.published.evidence,
        x_newsint_story=(index.story_of[meta.id].id if meta.id in index.story_of else None),
    )
    return report_id


def _outlet(b: _Builder, analysis: Analysis) -> str:
    name = outlet_name(analysis)
    if name is None:
        # No site and no URL: an outlet of its own, honestly unnamed, never shared.
        return b.add(
            "identity",
            f"outlet/article/{analysis.article.id}",
            analysis.article.published.date,
            name=f"unknown outlet of article {analysis.article.id}",
            identity_class="organization",
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
    """An identity for a person or organisation, a location for a place with a country;
    None for what is neither (or not known well enough: export.kinds)."""
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
    kind = kind_of(entity, name)
    if kind in IDENTITY_CLASS:
        return b.add(
            "identity",
            key,
            date,
            identity_class=IDENTITY_CLASS[kind],
            x_newsint_kind="entity",
            **common,
        )
    if kind == "place" and entity.country:
        return _location(b, key, date, entity, common)
    return None


def _location(
    b: _Builder, key: str, date: str | None, entity: Entity, common: dict[str, Any]
) -> str | None:
    """A location OpenCTI types right: a country as Country, a town or region (GPE) as City,
    a landmark, sea or building (LOC, FAC) as Position; with the STIX region of its country."""
    code = (entity.country or "").upper()
    region = _regions().get(code)
    if region is None:
        return None
    entry = load_gazetteer().lookup(common["name"])
    if entry is not None and entry.kind == "country" and entry.country == code:
        octi = "Country"
    elif entity.type == "GPE":
        octi = "City"
    else:
        octi = "Position"
    return b.add(
        "location",
        key,
        date,
        region=region,
        country=code,
        city=common["name"] if octi == "City" else None,
        x_opencti_location_type=octi,
        **common,
    )


def _regions() -> dict[str, str]:
    table = settings()["stix"]["regions"]
    return {code: region for region, codes in table.items() for code in codes}


def _source(b: _Builder, index: Index, analysis: Analysis, source: Source) -> str | None:
    """The identity a link of a chain stands for: only a named entity. Documents,
    statements, unresolved descriptions and pronouns stay in the note."""
    entity = analysis.entity(source.entity) if source.entity else None
    if entity is None:
        return None
    oid = _entity(b, index, analysis, entity)
    if oid and oid.startswith("identity--"):
        return oid
    if kind_of(entity) != "place" or source.kind not in GOVERNMENT_SOURCES:
        return None
    # A place speaking ("Ankara said") is its government: a named organisation.
    return b.add(
        "identity",
        f"government/{index.entity_key(analysis, entity)}",
        analysis.article.published.date,
        name=entity.name,
        identity_class="organization",
        x_newsint_kind="entity",
        x_newsint_entity_type=entity.type,
        x_newsint_id=f"{analysis.article.id}/{entity.id}",
    )


def _claim(b: _Builder, index: Index, analysis: Analysis, claim: Claim, outlet: str) -> list[str]:
    """The note for a claim, created by newsint (the extraction and the grade are ours)."""
    aid = analysis.article.id
    key = f"{aid}/{claim.id}"
    chain = claim.chain or [claim.source]
    refs = [None if s.kind == "article" else _source(b, index, analysis, s) for s in chain]
    grade = claim.grade
    cluster = index.cluster_of.get(key)
    speaker = claim.source.name or claim.source.text
    return [
        b.add(
            "note",
            f"claim/{key}",
            analysis.article.published.date,
            abstract=shorten(
                f"{speaker}: {claim.status} claim" + (f" ({grade.code})" if grade else "")
            ),
            content=claim.statement,
            object_refs=[
                stix_id("report", f"article/{aid}"),
                *dict.fromkeys(r for r in refs if r),
            ],
            confidence=CREDIBILITY_CONFIDENCE[grade.credibility] if grade else None,
            labels=[claim.status],
            x_newsint_id=key,
            x_newsint_article=aid,
            x_newsint_speaker=speaker,
            x_newsint_chain=[
                _source_dict(s, outlet if s.kind == "article" else r)
                for s, r in zip(chain, refs, strict=True)
            ],
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
    ]


def _source_dict(source: Source, ref: str | None) -> dict[str, Any]:
    return {
        k: v
        for k, v in {
            "text": source.text,
            "kind": source.kind,
            "name": source.name,
            "entity": source.entity,
            "ref": ref,
        }.items()
        if v is not None
    }


def _event(b: _Builder, index: Index, analysis: Analysis, event: EventRecord) -> list[str]:
    """The event object and its `related-to` relationships to its actor, target and place."""
    aid = analysis.article.id
    key = f"{aid}/{event.id}"
    date = analysis.article.published.date
    time = next((t for t in analysis.times if event.time and t.id == event.time.time), None)
    start = parse_time(time.range_start) if time and time.range_start else None
    end = parse_time(time.range_end) if time and time.range_end else None
    sentence = event.sentence.slice(analysis.text) if event.sentence else event.trigger.text
    happened = reported_as_happened(event.status, event.negated)
    oid = b.add(
        "event",
        f"event/{key}",
        date,
        name=shorten(f"{event.type}: {sentence}"),
        description=sentence,
        start_time=start,
        stop_time=end.replace(hour=23, minute=59, second=59) if end else None,
        labels=[event.type.lower(), event.status, *([] if happened else ["not-happened"])],
        x_newsint_id=key,
        x_newsint_type=event.type,
        x_newsint_mode=event.mode,
        x_newsint_status=event.status,
        x_newsint_negated=event.negated,
        x_newsint_factuality=event.factuality,
        x_newsint_reported_as_happened=happened,
        x_newsint_trigger=event.trigger.text,
        x_newsint_time=time.value if time else None,
        x_newsint_claim=stix_id("note", f"claim/{aid}/{event.claim}") if event.claim else None,
    )
    out = [oid]
    for role, arg in (("actor", event.actor), ("target", event.target), ("place", event.place)):
        entity = analysis.entity(arg.entity) if arg and arg.entity else None
        target = _entity(b, index, analysis, entity) if entity else None
        if target:
            out.append(
                b.add(
                    "relationship",
                    f"event/{key}/{role}",
                    date,
                    relationship_type="related-to",
                    source_ref=oid,
                    target_ref=target,
                    description=f"{role} of the event",
                    x_newsint_id=key,
                    x_newsint_kind=role,
                )
            )
    return out
