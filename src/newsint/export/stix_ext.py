"""What the STIX bundle declares about itself: ids, the newsint producer identity, TLP markings,
the extension definitions of every `x_newsint_*` property and of the `event` object.

STIX 2.1 wants custom properties declared by an extension definition (`stix2-validator
--strict` flags every undeclared one). newsint's properties stay at the top level of each
object, where consumers and earlier exports read them, so they are declared by a
`toplevel-property-extension`; the event, an object STIX lacks, by a `new-sdo` extension.
OpenCTI imports an `event` object as its Event entity.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime
from typing import Any

from stix2 import v21
from stix2.properties import ListProperty, StringProperty, TimestampProperty

from newsint.export.common import NAMESPACE
from newsint.export.kinds import settings

# The TLP markings, by the ids STIX 2.1 predefines (TLP:CLEAR is STIX's TLP:WHITE, which
# OpenCTI shows as TLP:CLEAR) and, for AMBER+STRICT, the id OpenCTI gives its built-in marking.
TLP_MARKINGS: dict[str, str] = {
    "clear": "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
    "green": "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
    "amber": "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
    "amber+strict": "marking-definition--826578e1-40ad-459f-bc73-ede076f81f37",
    "red": "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
}


def stix_id(kind: str, key: str) -> str:
    """`kind--UUID` from newsint's namespace and a stable key: the SHA-1 name hash of a UUIDv5,
    with the version bits of a UUIDv4, which STIX 2.1 asks of domain objects (the same key
    always gives the same id, so a re-import updates instead of duplicating)."""
    digest = hashlib.sha1(NAMESPACE.bytes + f"{kind}\x1f{key}".encode()).digest()
    return f"{kind}--{uuid.UUID(bytes=digest[:16], version=4)}"


PRODUCER = stix_id("identity", "producer/newsint")
PROPERTY_EXTENSION = stix_id("extension-definition", "newsint/properties")
EVENT_EXTENSION = stix_id("extension-definition", "newsint/event")
EXTENSIONS: dict[str, dict[str, str]] = {
    PROPERTY_EXTENSION: {"extension_type": "toplevel-property-extension"}
}

# Every x_newsint_ property each object type may carry, with what it means (the property
# extension's schema lists them; tests check no object carries an undeclared one).
PROPERTIES: dict[str, dict[str, str]] = {
    "report": {
        "x_newsint_id": "newsint article id",
        "x_newsint_site": "the site name the article gave",
        "x_newsint_author": "byline authors, one per value",
        "x_newsint_published_source": "where the date came from: metadata, dateline, user, unknown",
        "x_newsint_published_evidence": "the metadata field or dateline text of the date",
        "x_newsint_story": "id of the story (same-event cluster) of the article",
    },
    "identity": {
        "x_newsint_kind": "outlet, producer or entity",
        "x_newsint_entity_type": "newsint entity type (PERSON, ORG, GPE ...)",
        "x_newsint_aliases": "other names the articles use",
        "x_newsint_id": "corpus entity id, or article/entity id",
    },
    "location": {
        "x_newsint_entity_type": "newsint entity type (GPE, LOC, FAC)",
        "x_newsint_aliases": "other names the articles use",
        "x_newsint_id": "corpus entity id, or article/entity id",
        "x_opencti_location_type": "OpenCTI location type: Country, City or Position",
    },
    "note": {
        "x_newsint_id": "article id/claim id, or the copy link id",
        "x_newsint_kind": "direct, indirect, mixed, unattributed; copy-link for a copy note",
        "x_newsint_article": "article id",
        "x_newsint_speaker": "the nearest source as written",
        "x_newsint_chain": "the chain of sources, article first: {text, kind, name, entity, ref}",
        "x_newsint_chain_text": "the chain as people read it (article <- source <- origin)",
        "x_newsint_status": "epistemic status (asserted, alleged, denied ...)",
        "x_newsint_polarity": "positive or negative",
        "x_newsint_factuality": "factuality of the content, -3..3, the source's view",
        "x_newsint_grade": "Admiralty grade, e.g. B2",
        "x_newsint_reliability": "source reliability A-F",
        "x_newsint_credibility": "information credibility 1-6",
        "x_newsint_grade_reasons": "why the grade",
        "x_newsint_evidence": "hedges, denials and other cues found, or copy evidence",
        "x_newsint_cue": "the reporting verb or phrase",
        "x_newsint_span": "[start, end] of the claim in the report's description",
        "x_newsint_extraction_confidence": "confidence of the extraction, not of the truth",
        "x_newsint_cluster": "claim cluster id",
        "x_newsint_independent_sources": "independent sources of the claim's cluster",
        "x_newsint_copy_kind": "verbatim, syndicated, spin or derivative",
        "x_newsint_score": "similarity that made the copy a candidate",
        "x_newsint_misattribution": "set when the copy credits another source",
    },
    "relationship": {
        "x_newsint_id": "copy link id, or article/event id",
        "x_newsint_kind": "copy kind (verbatim, syndicated, spin, derivative) or event role",
        "x_newsint_score": "similarity that made the copy a candidate",
        "x_newsint_evidence": "shared quotes, numbers, credit lines",
        "x_newsint_misattribution": "set when the copy credits another source",
    },
    "grouping": {
        "x_newsint_kind": "story or claim-cluster",
        "x_newsint_id": "story or claim cluster id",
        "x_newsint_originals": "reports that copy nobody in the story",
        "x_newsint_first_published": "earliest publication date in the story",
        "x_newsint_last_published": "latest publication date in the story",
        "x_newsint_independent_sources": "independent sources backing the claim",
        "x_newsint_upstreams": "what each independent source rests on",
        "x_newsint_collapsed": "why claims were counted once",
        "x_newsint_contradictions": "notes of opposite polarity or status",
    },
    "event": {
        "x_newsint_id": "article id/event id",
        "x_newsint_type": "PLOVER event type (or newsint's extension type)",
        "x_newsint_mode": "PLOVER mode",
        "x_newsint_status": "status inherited from the claim it is reported in",
        "x_newsint_negated": "the article says it did not happen",
        "x_newsint_factuality": "factuality of the trigger, -3..3",
        "x_newsint_reported_as_happened": "false for denied, hypothetical, planned events",
        "x_newsint_trigger": "the word or phrase that reports the event",
        "x_newsint_time": "the TIMEX value of its time as written",
        "x_newsint_claim": "note id of the claim it is reported in",
    },
}
EVENT_PROPERTIES = ("name", "description", "event_types", "start_time", "stop_time")


@v21.CustomObject(
    "event",
    [
        ("name", StringProperty(required=True)),
        ("description", StringProperty()),
        ("event_types", ListProperty(StringProperty)),
        ("start_time", TimestampProperty()),
        ("stop_time", TimestampProperty()),
    ],
)
class Event:
    """OpenCTI's Event (a real-world event, not a security incident), declared by a new-sdo
    extension."""


def defined() -> datetime:
    """When the producer and the extension definitions were defined (data/exports.toml)."""
    return datetime.fromisoformat(str(settings()["stix"]["defined"]).replace("Z", "+00:00"))


def declarations(marking: str) -> list[Any]:
    """The producer identity and the two extension definitions, created by the producer."""
    moment = defined()
    version = str(settings()["stix"]["extension_version"])
    common: dict[str, Any] = {
        "created": moment,
        "modified": moment,
        "created_by_ref": PRODUCER,
        "object_marking_refs": [marking],
    }
    listed = "; ".join(
        f"{kind}: " + ", ".join(f"{p} ({d})" for p, d in props.items())
        for kind, props in PROPERTIES.items()
    )
    return [
        v21.Identity(
            id=PRODUCER,
            name="newsint",
            identity_class="system",
            description="newsint, the news-intelligence engine that extracted and graded the "
            "claims, linked the copies and counted the corroboration in this bundle.",
            **common,
        ),
        v21.ExtensionDefinition(
            id=PROPERTY_EXTENSION,
            name="newsint properties",
            description="Top-level x_newsint_ properties newsint adds to STIX objects.",
            schema="newsint docs/exports.md (STIX 2.1). Properties by object type: " + listed,
            version=version,
            extension_types=["toplevel-property-extension"],
            extension_properties=sorted({p for props in PROPERTIES.values() for p in props}),
            **common,
        ),
        v21.ExtensionDefinition(
            id=EVENT_EXTENSION,
            name="newsint event",
            description="A real-world event reported in the news (OpenCTI's Event entity).",
            schema="newsint docs/exports.md (STIX 2.1, events). An `event` object has name, "
            "description, event_types, start_time, stop_time and the common properties of a "
            "STIX domain object.",
            version=version,
            extension_types=["new-sdo"],
            **common,
        ),
    ]
