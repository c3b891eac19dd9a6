"""The records newsint produces: one data model shared by every layer.

Every annotation is a character-offset span into the *clean* text (as spaCy's Doc and Span);
every value that claims something carries where it came from (as followthemoney's statements).
Records are pydantic models so the analysis JSON round-trips losslessly and validates on load.
Ids are deterministic: a short hash of content and position, never a counter or a clock."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SCHEMA = "newsint.analysis/1"


def stable_id(prefix: str, *parts: object) -> str:
    """A short deterministic id from its parts: same parts, same id, on any machine."""
    h = hashlib.sha256()
    for part in parts:
        h.update(str(part).encode("utf-8"))
        h.update(b"\x1f")
    return f"{prefix}_{h.hexdigest()[:16]}"


def content_hash(text: str) -> str:
    """Hash of a text, used to recognise re-ingested content."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Record(BaseModel):
    """Base of all records: unknown keys are an error, so schema drift is caught on load."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class Span(Record):
    """Half-open character range [start, end) into a text (clean text unless said otherwise)."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} before start {self.start}")
        return self

    def slice(self, text: str) -> str:
        return text[self.start : self.end]

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


class TextSpan(Span):
    """A span together with the text it covers, for readers of the JSON."""

    text: str


# --------------------------------------------------------------------------- article & cleaning

PublishedSource = Literal["metadata", "dateline", "user", "unknown"]


class Published(Record):
    """The publication date and how we know it; relative dates are resolved against it."""

    date: str | None = None  # ISO 8601 date or datetime, None when unknown
    source: PublishedSource = "unknown"
    evidence: str | None = None  # the metadata field, dateline text or CLI flag it came from


class Removal(Record):
    """A piece of the raw text that cleaning removed, kept so nothing is silently dropped."""

    start: int = Field(ge=0)  # offsets into the raw text
    end: int = Field(ge=0)
    reason: Literal[
        "breadcrumb",
        "boilerplate",
        "comment-form",
        "share",
        "related",
        "byline",
        "repeated-title",
        "duplicate",
        "near-duplicate",
        "punctuation-run",
    ]
    text: str
    detail: str | None = None  # e.g. which paragraph it duplicates and the score


class Segment(Record):
    """One run of clean text copied unchanged from the raw text."""

    clean: int = Field(ge=0)  # start in the clean text
    raw: int = Field(ge=0)  # start in the raw text
    length: int = Field(ge=0)


class ArticleMeta(Record):
    """What we know about an article besides its text, each field with where it came from."""

    id: str
    title: str | None = None
    url: str | None = None
    site: str | None = None
    author: str | None = None
    published: Published = Field(default_factory=Published)
    language: str = "en"
    source: str | None = None  # path (or "-" for stdin) the article was read from
    format: str | None = None  # reader that produced it: txt, html, json, jsonl, stdin, ...
    content_hash: str | None = None  # sha256 of the raw text, for idempotent ingest
    found: dict[str, str] = Field(
        default_factory=dict
    )  # metadata field -> where the reader found it


# --------------------------------------------------------------------------- entities

EntityType = Literal[
    "PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART", "OTHER"
]


class Mention(Record):
    """One occurrence of a name (or demonym) in the clean text."""

    id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    label: str  # the label the NER model gave (before our fixes)
    type: EntityType  # our type after fixes
    entity: str | None = None  # id of the entity it belongs to
    kind: Literal["name", "demonym", "metonym", "acronym", "title", "credit"] = "name"
    fix: str | None = None  # rule that changed the model's label or span, if any
    # demonyms and metonyms: what the name stands for here (government, military, people, origin)
    link: str | None = None


class MergeEvidence(Record):
    """Why two names were judged the same entity: the rule, its score and the names involved."""

    rule: str  # exact, alias, title, surname, short-form, acronym, fuzzy, demonym, metonymy
    a: str
    b: str
    score: float = 1.0
    detail: str | None = None


class Role(Record):
    """A role given to an entity by the text, e.g. an apposition."""

    role: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Entity(Record):
    """One real-world referent inside one article, with every mention and the merge evidence."""

    id: str
    name: str  # canonical: the fullest proper form seen
    type: EntityType
    aliases: list[str] = Field(default_factory=list)
    mentions: list[str] = Field(default_factory=list)  # mention ids
    roles: list[Role] = Field(default_factory=list)
    country: str | None = None  # ISO 3166 alpha-2 for places and demonym links
    links: list[MergeEvidence] = Field(default_factory=list)
    metonymy: bool = False  # a capital standing for a government ("Ankara said")


# --------------------------------------------------------------------------- time

TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
Granularity = Literal[
    "century", "decade", "year", "half", "quarter", "season", "month", "week", "day", "time", "none"
]


class TimeExpr(Record):
    """A time expression normalised TIMEX3-style without claiming more precision than written."""

    id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    type: TimeType
    value: str | None = None  # TIMEX3 value: 2023-02, 2023-W14, 2023-04-11, P1M, PRESENT_REF
    granularity: Granularity = "none"
    mod: str | None = None  # TIMEX3 mod: START, MID, END, APPROX, BEFORE, AFTER, ...
    range_start: str | None = None  # first day covered (ISO date) when resolvable
    range_end: str | None = None  # last day covered (ISO date)
    anchor: str | None = None  # "published" or the id of the time expression it is relative to
    anchor_text: str | None = None  # the event it is relative to, as written ("the calls")
    resolved: bool = False
    rule: str | None = None  # what normalised it (for debugging and evaluation)


# --------------------------------------------------------------------------- claims

SourceKind = Literal[
    "person",
    "organisation",
    "government",
    "document",
    "intelligence",
    "statement",
    "media",
    "anonymous",
    "article",
    "unknown",
]
ClaimStatus = Literal[
    "asserted",  # the source says it happened
    "confirmed",  # the source confirms it (a factive or verification cue)
    "alleged",  # the source alleges it, or the article hedges it ("allegedly")
    "unverified",  # the article says it could not verify it
    "uncertain",  # the source is unsure ("may have", "appears to")
    "denied",  # the source says it did not happen (deny, reject, "no ... whatsoever")
    "negative",  # the source asserts something negative; not a denial
    "hypothetical",  # conditional or counterfactual ("if ... would", "the prospect of")
    "question",  # asked, not stated (a reporter's question, "refused to say if")
    "intention",  # an intention, plan or prediction ("plans to", "will")
    "negated",  # legacy name of "negative", read from analyses stored before it; never produced
]
LEGACY_STATUS = {"negated": "negative"}
# What each status means, for the views' legends and tooltips (docs/schema.md says the same).
STATUS_MEANING: dict[str, str] = {
    "asserted": "the source says it happened",
    "confirmed": "the source confirms it",
    "alleged": "alleged by the source, or hedged by the article (“allegedly”, “reportedly”)",
    "unverified": "the article says it could not be verified",
    "uncertain": "the source is unsure (“may have”, “appears to”, “no evidence that”)",
    "denied": "the source says it did not happen (deny, reject, “no … whatsoever”, “false”)",
    "negative": "the source asserts something negative; not a denial",
    "hypothetical": "conditional or counterfactual (“if … would”, “the prospect of”)",
    "question": "asked, not stated (a reporter's question, “refused to say whether”)",
    "intention": "an intention, plan or prediction (“plans to”, “will”)",
}
# The statuses newsint produces, in the order views list them (the legacy names left out).
CLAIM_STATUSES: tuple[str, ...] = tuple(s for s in get_args(ClaimStatus) if s not in LEGACY_STATUS)


def current_status(value: object) -> object:
    """A status as newsint names it now: a stored legacy name ("negated") becomes its new
    name ("negative") on load, so old analyses and stores still read."""
    return LEGACY_STATUS.get(value, value) if isinstance(value, str) else value


class Source(Record):
    """One link in a chain of sources: who or what a claim rests on."""

    text: str  # as written ("a State Department spokesman")
    kind: SourceKind
    start: int | None = None  # span in the clean text, None for the article itself
    end: int | None = None
    entity: str | None = None  # entity id when resolved
    name: str | None = None  # canonical name when resolved
    resolved_from: str | None = None  # evidence when a pronoun/description was resolved


ChainLink = Source | Mapping[str, Any] | str


def source_label(link: ChainLink) -> str:
    """How a link is named for people: its canonical name, else the text as written."""
    if isinstance(link, str):
        return link
    if isinstance(link, Mapping):
        return str(link.get("name") or link.get("text") or "?")
    return link.name or link.text


def chain_text(chain: Iterable[ChainLink], *, article: str | None = None) -> str:
    """A chain of sources as people read it, nearest first: "article ← AP ← a leaked document".

    The one rendering of a chain, for briefs, grade reasons, tables, the web UI and exports.
    `article` names the article's own link (its site by default); stored as a list, never so."""
    labels = []
    for link in chain:
        kind = link.kind if isinstance(link, Source) else None
        if isinstance(link, Mapping):
            kind = link.get("kind")
        labels.append(article if article is not None and kind == "article" else source_label(link))
    return " ← ".join(labels)


class Evidence(Record):
    """A span of text that supports a judgement (a hedge, a verification phrase, a negation)."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    kind: str  # hedge, verification, denial, confirmation, negation, uncertainty, ...
    effect: str | None = None  # the status or polarity it points to


class Factuality(Record):
    """How far the text commits to one predicate having happened, on the scale of the
    factuality corpora (FactBank, UW, MEANTIME): -3 certainly not, 0 unknown, +3 certainly.

    `value` is the article's (author's) point of view; `source_value` is that of the nearest
    source the predicate is reported from (equal to `value` when the article speaks itself).
    `cues` are the words that set it, each as evidence with its offsets."""

    start: int = Field(ge=0)  # the predicate head (a verb or an eventive noun)
    end: int = Field(ge=0)
    text: str
    value: float = Field(ge=-3.0, le=3.0)
    source_value: float = Field(ge=-3.0, le=3.0)
    cues: list[Evidence] = Field(default_factory=list)


class Grade(Record):
    """Admiralty-style grade: source reliability A-F, information credibility 1-6, with reasons."""

    reliability: Literal["A", "B", "C", "D", "E", "F"]
    credibility: Literal[1, 2, 3, 4, 5, 6]
    reasons: list[str] = Field(default_factory=list)

    @property
    def code(self) -> str:
        return f"{self.reliability}{self.credibility}"


class Claim(Record):
    """A statement in an article, who makes it, through which sources, and how sure it is."""

    id: str
    content: TextSpan
    lead: TextSpan | None = None  # content's opening word before the speaker ("which"): leads.py
    cue: TextSpan | None = None
    source: Source  # the nearest source (the speaker); kind "article" when unattributed
    chain: list[Source] = Field(default_factory=list)  # article first, then outward to the origin
    kind: Literal["direct", "indirect", "mixed", "unattributed"]
    status: ClaimStatus = "asserted"
    polarity: Literal["positive", "negative"] = "positive"
    evidence: list[Evidence] = Field(default_factory=list)
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)  # extraction confidence, not truth
    factuality: float | None = None  # of the content's head, from the source's point of view
    grade: Grade | None = None

    _status = field_validator("status", mode="before")(current_status)

    @property
    def statement(self) -> str:
        return statement_of(self.content.text, self.lead)


def statement_of(text: str, lead: TextSpan | None) -> str:
    """What a claim says, its lead first ("which … is nearly empty"): one claim, not two."""
    return text if lead is None else f"{lead.text} … {text}"


# --------------------------------------------------------------------------- events


class Argument(Record):
    """An argument of an event: the text, its span, and the entity or time it resolves to."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    entity: str | None = None
    time: str | None = None  # time expression id
    value: str | None = None  # normalised value (time) or canonical name (entity)


class Event(Record):
    """Who did what to whom, when and where, typed with PLOVER, and the claim it sits in."""

    id: str
    type: str  # PLOVER category: CONSULT, SANCTION, ... (or an extension type, see `ontology`)
    mode: str | None = None  # PLOVER mode: phone, visit, allege, ...
    ontology: str = "PLOVER"  # "newsint" for types outside PLOVER (STATEMENT)
    trigger: TextSpan
    actor: Argument | None = None
    target: Argument | None = None
    time: Argument | None = None
    place: Argument | None = None
    negated: bool = False
    factuality: float | None = None  # of the trigger, from the article's point of view (-3..+3)
    modality: str | None = None  # not reported as having happened: attempted, planned, future, ...
    claim: str | None = None  # id of the claim it is reported in
    about: str | None = None  # a denial (REJECT, mode deny): id of the event it denies
    status: ClaimStatus = "asserted"  # inherited from the claim
    chain: list[Source] = Field(default_factory=list)  # inherited from the claim
    sentence: Span | None = None

    _status = field_validator("status", mode="before")(current_status)


# Event statuses that say it is not reported as having happened: with `negated`, they keep an
# event off the timelines and out of the main event unless all events are asked for.
UNREALISED_STATUSES = frozenset({"denied", "hypothetical", "question", "intention"})


def reported_as_happened(
    status: str, negated: bool, factuality: float | None = None, floor: float | None = None
) -> bool:
    """Whether the article reports an event as having happened: not negated, not denied,
    hypothetical, questioned or planned, and (given a `floor`, config [events]
    happened_factuality) a factuality above it ("there is no evidence that the port sold…"
    leaves the sale open). Alleged and hedged events count: reported so, with their status."""
    if negated or current_status(status) in UNREALISED_STATUSES:
        return False
    return factuality is None or floor is None or factuality > floor


class MainEvent(Record):
    """The 5W1H answer for the article: the event it is about."""

    event: str | None = None  # event id
    who: str | None = None
    what: str | None = None
    when: str | None = None
    where: str | None = None
    why: str | None = None
    how: str | None = None


# --------------------------------------------------------------------------- the analysis


class Analysis(Record):
    """Everything newsint knows about one article. Serialised as schema newsint.analysis/1."""

    schema_: str = Field(default=SCHEMA, alias="schema")
    article: ArticleMeta
    text: str  # the clean text every span points into
    raw: str  # the text as read, before cleaning; Removal offsets point into it
    offsets: list[Segment] = Field(default_factory=list)  # clean -> raw map
    cleaning: list[Removal] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    times: list[TimeExpr] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    factuality: list[Factuality] = Field(default_factory=list)  # one per predicate
    main_event: MainEvent | None = None

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)

    def to_json(self, indent: int | None = 2) -> str:
        """Stable JSON: field order fixed by the model, UTF-8 kept, no trailing whitespace."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, data: str | bytes | dict[str, Any]) -> Analysis:
        if isinstance(data, (str, bytes)):
            data = json.loads(data)
        assert isinstance(data, dict)
        schema = data.get("schema")
        if schema != SCHEMA:
            raise ValueError(f"unsupported analysis schema {schema!r}; expected {SCHEMA!r}")
        return cls.model_validate(data)

    # ---- offset helpers

    def raw_offset(self, clean: int) -> int | None:
        """Raw-text offset of a clean-text character, None for a separator cleaning inserted."""
        return clean_to_raw(self.offsets, clean)

    def entity(self, entity_id: str) -> Entity | None:
        for e in self.entities:
            if e.id == entity_id:
                return e
        return None


def clean_to_raw(offsets: list[Segment], clean: int) -> int | None:
    """Map a clean-text offset to the raw text through the segment list (binary search)."""
    lo, hi = 0, len(offsets)
    while lo < hi:
        mid = (lo + hi) // 2
        seg = offsets[mid]
        if clean < seg.clean:
            hi = mid
        elif clean >= seg.clean + seg.length:
            lo = mid + 1
        else:
            return seg.raw + (clean - seg.clean)
    return None


# --------------------------------------------------------------------------- corpus

CopyKind = Literal["verbatim", "syndicated", "spin", "derivative"]


class CopyLink(Record):
    """`article` reuses `original`: how, how sure, and the evidence an analyst can check."""

    id: str
    article: str  # article id of the copy
    original: str  # article id of the earlier/source article
    kind: CopyKind
    score: float = Field(ge=0.0, le=1.0)  # similarity that made it a candidate
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)  # in the direction (who is original)
    evidence: list[str] = Field(default_factory=list)  # shared quotes, numbers, credit lines, ...
    misattribution: str | None = None  # set when the copy credits another source than the original


class Story(Record):
    """A same-event cluster of articles with its original(s) and the copy tree under them."""

    id: str
    title: str | None = None
    articles: list[str] = Field(default_factory=list)  # article ids, earliest first
    originals: list[str] = Field(default_factory=list)  # article ids that copy nobody in the story
    links: list[str] = Field(default_factory=list)  # CopyLink ids inside the story
    first_published: str | None = None
    last_published: str | None = None


Verdict = Literal["same", "not-same", "unsure"]


class Judgement(Record):
    """A decision that two entities are (not) the same, kept so it can be shown and undone."""

    id: str
    a: str  # entity id (article entity or corpus entity)
    b: str
    verdict: Verdict
    score: float = Field(default=1.0, ge=0.0, le=1.0)
    evidence: list[str] = Field(default_factory=list)
    by: Literal["auto", "user"] = "auto"
    active: bool = True  # False once undone (split) by a user


class CorpusEntity(Record):
    """One real-world referent across the corpus: the article entities judged the same."""

    id: str
    name: str
    type: EntityType
    aliases: list[str] = Field(default_factory=list)
    members: list[str] = Field(default_factory=list)  # article entity ids
    articles: int = 0  # number of articles mentioning it


class ClaimCluster(Record):
    """The same statement across articles, and how many independent sources back it."""

    id: str
    claims: list[str] = Field(default_factory=list)  # claim ids (globally unique)
    articles: list[str] = Field(default_factory=list)
    representative: str | None = None  # claim id whose text stands for the cluster
    independent_sources: int = 0
    # what each independent source rests on: [its original article id, then the outermost
    # named source when one is named], a chain stored as a list (model.chain_text renders it)
    upstreams: list[list[str]] = Field(default_factory=list)
    collapsed: list[str] = Field(default_factory=list)  # reasons claims were counted once
    contradictions: list[str] = Field(default_factory=list)  # claim ids of opposite polarity/status
    # independent sources on each side ("1": the statement holds, "-1": it does not); the
    # corroboration of a claim counts only its own side
    stance_sources: dict[str, int] = Field(default_factory=dict)


class TimelineEntry(Record):
    """One event on the corpus timeline: the same event reported by copies is one entry."""

    id: str
    time: str | None = None  # TIMEX3 value; None for undated events (listed after the dated)
    granularity: Granularity = "none"
    start: str | None = None  # first day covered (ISO), used to order
    end: str | None = None
    type: str
    actor: str | None = None
    target: str | None = None
    place: str | None = None
    text: str  # trigger or sentence of the earliest report
    status: ClaimStatus = "asserted"
    negated: bool = False
    events: list[str] = Field(default_factory=list)  # "<article id>/<event id>" of every report
    articles: list[str] = Field(default_factory=list)
    independent: int = 1  # distinct originals behind the reports (copies collapse)

    _status = field_validator("status", mode="before")(current_status)
