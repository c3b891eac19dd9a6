"""The per-article features the corpus layer keeps, and their bytes in the store.

An ArticleFeatures record is everything CorpusAnalyzer needs to know about an article, so the
analyzer never re-reads a text: MinHash signatures (candidates), sentence fingerprints and
content-word vectors (copy classification), quotes, numbers and credit lines (evidence, origin,
misattribution), names (stories, entities), claims (corroboration) and events (timeline).
Every field is a pure function of the article, so features never go stale as the corpus grows.
Arrays are stored packed (little-endian, base64) to keep the JSON small.

Features are stored so that reopening a corpus never re-runs the NLP pipeline: the analyzer is
rebuilt from them. JSON (compressed) rather than pickle, because a database may be shared and
unpickling what someone else wrote would run their code.
"""

from __future__ import annotations

import zlib

from pydantic import Field

from newsint.model import ClaimStatus, EntityType, Granularity, Record

# 2: years mentioned (the stories' years veto) and the detected language; stores holding version-1
# features re-extract them from the stored analyses on open (corpus/upgrade.py).
FEATURES_VERSION = 2


class Credit(Record):
    """A credit line: who the article says the story came from ('according to X', '(X) -')."""

    kind: str  # provided, dateline, according, obtained, reported, told, byline
    name: str
    key: str  # outlet key: 'the Associated Press' -> 'associatedpress'
    acronym: str = ""
    outlet: bool = True  # looks like a news outlet (else a name that may still match a site)
    wire: str | None = None  # canonical agency name when a well-known wire


class EntityFeature(Record):
    key: str  # "<article id>/<entity id>": unique across the corpus
    name: str
    type: EntityType
    aliases: list[str] = Field(default_factory=list)
    mentions: int = 1


class SourceFeature(Record):
    kind: str  # model.SourceKind
    name: str  # canonical name when resolved, else the text as written
    entity: str | None = None  # "<article id>/<entity id>" when resolved to an entity


class ClaimFeature(Record):
    key: str  # "<article id>/<claim id>"
    id: str  # the claim id inside its article
    content: str
    chain: list[SourceFeature] = Field(default_factory=list)  # the article first, then outward
    status: ClaimStatus = "asserted"
    polarity: str = "positive"


class EventFeature(Record):
    key: str  # "<article id>/<event id>"
    id: str
    type: str
    text: str  # the trigger, for display
    sentence: str | None = None  # the sentence it sits in (clipped)
    actor: str | None = None
    target: str | None = None
    place: str | None = None
    time: str | None = None  # TIMEX3 value
    granularity: Granularity = "none"
    range_start: str | None = None
    range_end: str | None = None
    claim: str | None = None  # "<article id>/<claim id>" it is reported in
    status: ClaimStatus = "asserted"
    negated: bool = False
    factuality: float | None = None  # of the trigger, the article's view (-3..+3)


class ArticleFeatures(Record):
    """What the corpus layer keeps of one article (see the module docstring)."""

    version: int = FEATURES_VERSION
    id: str
    site: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date or datetime, None when unknown
    title: str | None = None
    author: str | None = None
    content_hash: str | None = None  # of the raw text, as ArticleMeta
    text_hash: str  # of the normalised clean text: equal for byte-different identical copies
    words: int = 0
    shingles: int = 0  # distinct word shingles
    shingle_minhash: str = ""  # packed uint32[shingle_num_perm]
    bag_minhash: str = ""  # packed uint32[bag_num_perm] over distinct content words
    terms: str = ""  # packed uint32 content-word hashes, ascending
    counts: str = ""  # packed uint16 counts of those terms
    sentences: str = ""  # packed int64 fingerprints of the sentences, in text order
    sentence_terms: str = ""  # packed uint32 content-word hashes of those sentences, concatenated
    sentence_lengths: str = ""  # packed uint16: how many of sentence_terms belong to each sentence
    quotes: list[str] = Field(default_factory=list)  # normalised direct quotes
    numbers: list[str] = Field(default_factory=list)
    years: dict[str, int] = Field(default_factory=dict)  # year mentioned -> times (1900-2099)
    language: str | None = None  # ISO 639-1 of the text (the language stage), None when unknown
    credits: list[Credit] = Field(default_factory=list)
    names: list[str] = Field(default_factory=list)  # folded names, most mentioned first
    entities: list[EntityFeature] = Field(default_factory=list)
    claims: list[ClaimFeature] = Field(default_factory=list)
    events: list[EventFeature] = Field(default_factory=list)


def encode(features: ArticleFeatures) -> bytes:
    """The stored form: compressed JSON."""
    return zlib.compress(features.model_dump_json().encode("utf-8"), 6)


def decode(data: bytes) -> ArticleFeatures:
    return ArticleFeatures.model_validate_json(zlib.decompress(data))
