"""The one builder of hand-made analyses for tests: `article(text, …)` and what it holds.

Everything is placed by the phrase it covers (found in the text), ids are deterministic, and
what a test does not give stays empty, so a fixture says only what it is about. The specs
(Said, When, Did) describe claims, time expressions and events by their phrases; `article`
turns them into records with spans.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsint.model import (
    Analysis,
    Argument,
    ArticleMeta,
    Claim,
    Entity,
    Event,
    Evidence,
    Grade,
    Mention,
    Published,
    Removal,
    Segment,
    Source,
    TextSpan,
    TimeExpr,
    content_hash,
    stable_id,
)

# A link of a claim's chain beyond the article: a Source, or (kind, text) for a source written
# so, or (kind, text, entity name) for one that resolves to that entity of the article, or
# (kind, text, None) for one the claims stage could not name (an unnamed document).
Link = Source | tuple[str, str] | tuple[str, str, str | None]


def at(text: str, phrase: str, after: int = 0) -> tuple[int, int]:
    """(start, end) of `phrase` in `text` (its first occurrence from `after`)."""
    start = text.index(phrase, after)
    return start, start + len(phrase)


def span(text: str, phrase: str, after: int = 0) -> TextSpan:
    start, end = at(text, phrase, after)
    return TextSpan(start=start, end=end, text=phrase)


def named(
    aid: str, text: str, names: Sequence[tuple[str, ...]], mentioned: bool = True
) -> tuple[list[Entity], list[Mention]]:
    """An entity per (name, type[, id]) with a mention at every occurrence of the name in
    `text` (none with mentioned=False: an entity the test knows only by name)."""
    entities: list[Entity] = []
    mentions: list[Mention] = []
    for name, type_, *rest in names:
        eid = rest[0] if rest else stable_id("ent", aid, name)
        ids = []
        start = text.find(name) if mentioned else -1
        while start >= 0:
            mid = stable_id("men", aid, start)
            ids.append(mid)
            mentions.append(
                Mention(
                    id=mid,
                    start=start,
                    end=start + len(name),
                    text=name,
                    label=type_,
                    type=type_,  # type: ignore[arg-type]
                    entity=eid,
                )
            )
            start = text.find(name, start + 1)
        entities.append(Entity(id=eid, name=name, type=type_, mentions=ids))  # type: ignore[arg-type]
    return entities, sorted(mentions, key=lambda m: m.start)


def article_source(site: str | None = None) -> Source:
    """The first link of every chain, as the claims stage writes it."""
    return Source(text="the article", kind="article", name=site)


@dataclass
class Said:
    """A claim: its content phrase and the chain beyond the article, nearest first (empty: the
    article's own claim)."""

    content: str
    chain: Sequence[Link] = ()
    cue: str | None = None
    kind: str | None = None  # direct / indirect / mixed; default indirect (unattributed alone)
    status: str = "asserted"
    polarity: str = "positive"
    evidence: Sequence[tuple[str, str, str | None]] = ()  # (phrase, kind, effect)
    grade: Grade | None = None
    id: str | None = None
    source: Link | None = None  # the speaker, when not the chain's last link
    after: int = 0  # search the phrases from here (a repeated sentence)
    lead: str | None = None  # the content's first part, before the frame ("The ferry, she …")


@dataclass
class When:
    """A time expression: its phrase and TIMEX3 value."""

    phrase: str
    value: str
    granularity: str = "day"
    type: str = "DATE"
    range: tuple[str, str] | None = None
    anchor: str | None = "published"
    id: str | None = None


@dataclass
class Did:
    """An event: its trigger phrase and type; arguments as phrases (or bare values)."""

    trigger: str
    type: str
    actor: str | None = None
    target: str | None = None
    place: str | None = None
    time: str | None = None  # the phrase of a When of this article, or a bare value
    time_value: str | None = None  # the time's value as written on the argument (no When link)
    claim: str | None = None  # the content phrase of the claim it sits in
    inherit_chain: bool = True  # take that claim's chain, as the events stage does
    mode: str | None = None
    status: str = "asserted"
    id: str | None = None
    fields: dict[str, object] = field(default_factory=dict)  # any other Event field


def article(
    text: str,
    *,
    id: str | None = None,
    url: str | None = None,
    site: str | None = None,
    published: str | None = None,
    published_source: str = "metadata",
    published_evidence: str | None = None,
    title: str | None = None,
    author: str | None = None,
    raw: str | None = None,
    source: str | None = None,
    fmt: str | None = None,
    names: Sequence[tuple[str, ...]] = (),
    mentioned: bool = True,
    claims: Sequence[Said] = (),
    times: Sequence[When] = (),
    events: Sequence[Did] = (),
    cleaning: Sequence[Removal] = (),
    site_in_chain: bool = False,
) -> Analysis:
    """A hand-made analysis of `text` (the clean text; `raw` what cleaning started from,
    the text itself by default). `site_in_chain` names the article link by its site, as the
    claims stage does."""
    raw = text if raw is None else raw
    aid = id or stable_id("art", url or "", raw)
    entities, mentions = named(aid, text, names, mentioned)
    by_name = {e.name: e.id for e in entities}
    first = article_source(site if site_in_chain else None)
    offsets = []
    if raw != text and raw.endswith(text):
        offsets = [Segment(clean=0, raw=len(raw) - len(text), length=len(text))]
    times_out = [_time(aid, text, t) for t in times]
    claims_out = [_claim(aid, text, c, first, by_name) for c in claims]
    events_out = [_event(aid, text, e, times_out, claims_out, claims, by_name) for e in events]
    return Analysis(
        article=ArticleMeta(
            id=aid,
            title=title,
            url=url,
            site=site,
            author=author,
            published=Published(
                date=published,
                source=published_source if published else "unknown",  # type: ignore[arg-type]
                evidence=published_evidence,
            ),
            source=source,
            format=fmt,
            content_hash=content_hash(raw),
        ),
        text=text,
        raw=raw,
        offsets=offsets,
        cleaning=list(cleaning),
        entities=entities,
        mentions=mentions,
        times=sorted(times_out, key=lambda t: t.start),
        claims=claims_out,
        events=events_out,
    )


def _source(text: str, link: Link, by_name: dict[str, str], after: int = 0) -> Source:
    if isinstance(link, Source):
        return link
    kind, written, *rest = link
    name = rest[0] if rest else written
    entity = by_name.get(name) if rest and name else None
    start, end = at(text, written, after) if written in text[after:] else (None, None)
    return Source(text=written, kind=kind, start=start, end=end, name=name, entity=entity)  # type: ignore[arg-type]


def _claim(aid: str, text: str, c: Said, first: Source, by_name: dict[str, str]) -> Claim:
    content = span(text, c.content, c.after)
    chain = [first, *(_source(text, link, by_name) for link in c.chain)]
    kind = c.kind or ("indirect" if len(chain) > 1 else "unattributed")
    return Claim(
        id=c.id or stable_id("clm", aid, content.start),
        content=content,
        lead=span(text, c.lead, c.after) if c.lead else None,
        cue=span(text, c.cue, c.after) if c.cue else None,
        source=_source(text, c.source, by_name, c.after) if c.source else chain[-1],
        chain=chain,
        kind=kind,  # type: ignore[arg-type]
        status=c.status,  # type: ignore[arg-type]
        polarity=c.polarity,  # type: ignore[arg-type]
        evidence=[
            Evidence(
                **dict(zip(("start", "end"), at(text, p, c.after), strict=True)),
                text=p,
                kind=k,
                effect=e,
            )
            for p, k, e in c.evidence
        ],
        grade=c.grade,
    )


def _time(aid: str, text: str, t: When) -> TimeExpr:
    start, end = at(text, t.phrase)
    return TimeExpr(
        id=t.id or stable_id("tim", aid, start),
        start=start,
        end=end,
        text=t.phrase,
        type=t.type,  # type: ignore[arg-type]
        value=t.value,
        granularity=t.granularity,  # type: ignore[arg-type]
        range_start=t.range[0] if t.range else None,
        range_end=t.range[1] if t.range else None,
        anchor=t.anchor,
        resolved=True,
    )


def _argument(text: str, phrase: str | None, by_name: dict[str, str]) -> Argument | None:
    """An argument by its phrase; its value is the phrase (as a resolved name would be), its
    entity the article's entity of that name."""
    if phrase is None:
        return None
    start, end = at(text, phrase) if phrase in text else (0, 0)
    return Argument(text=phrase, start=start, end=end, value=phrase, entity=by_name.get(phrase))


def _event(
    aid: str,
    text: str,
    e: Did,
    times: list[TimeExpr],
    claims: list[Claim],
    said: Sequence[Said],
    by_name: dict[str, str],
) -> Event:
    trigger = span(text, e.trigger)
    time = None
    if e.time is not None and e.time_value is not None:
        start, end = at(text, e.time) if e.time in text else (0, 0)
        time = Argument(text=e.time, start=start, end=end, value=e.time_value)
    elif e.time is not None:
        t = next((x for x in times if x.text == e.time), None)
        time = (
            Argument(text=t.text, start=t.start, end=t.end, time=t.id, value=t.value)
            if t
            else Argument(text=e.time, start=0, end=0, value=e.time)
        )
    claim = next(
        (c for c, s in zip(claims, said, strict=True) if e.claim and s.content == e.claim), None
    )
    return Event(
        id=e.id or stable_id("evt", aid, trigger.start),
        type=e.type,
        mode=e.mode,
        trigger=trigger,
        actor=_argument(text, e.actor, by_name),
        target=_argument(text, e.target, by_name),
        place=_argument(text, e.place, by_name),
        time=time,
        claim=claim.id if claim else None,
        status=claim.status if claim else e.status,  # type: ignore[arg-type]
        chain=list(claim.chain) if claim and e.inherit_chain else [],
        **e.fields,  # type: ignore[arg-type]
    )


def claims_by_cue(analysis: Analysis, cue: str) -> list[Claim]:
    """The claims of an analysis whose cue is written `cue`."""
    return [c for c in analysis.claims if c.cue is not None and c.cue.text == cue]


def claims_with_cue_word(analysis: Analysis, word: str) -> list[Claim]:
    """The claims of an analysis whose cue holds `word` ("praised" in "was praised for")."""
    return [c for c in analysis.claims if c.cue is not None and word in c.cue.text]


def claims_listed(analysis: Analysis) -> list[tuple[str | None, str, str]]:
    """(cue, source, content) of every claim: what a failing claims test shows."""
    return [(c.cue.text if c.cue else None, c.source.text, c.content.text) for c in analysis.claims]


def first_claim(analysis: Analysis, cue: str) -> Claim:
    """The first claim whose cue is written `cue`; the test fails, listing the claims, if none."""
    got = claims_by_cue(analysis, cue)
    assert got, claims_listed(analysis)
    return got[0]


def claim_extractors(
    run_stages: Callable[..., Any], resources: Any, texts: Sequence[str]
) -> list[Any]:
    """One claims Extractor per text, built as the claims stage builds it (for tests that ask
    the extractor's rules word by word)."""
    from newsint.stages.claims.extract import Extractor
    from newsint.stages.claims.lexicon import lexicon
    from newsint.stages.claims.quotes import find_quotes
    from newsint.stages.claims.sources import Sources
    from newsint.stages.claims.stage import title_span

    cfg = resources.config.claims
    out = []
    for text in texts:
        work = run_stages(text, ["clean", "nlp", "entities", "claims"])
        analysis, doc = work.analysis, work.doc
        sources = Sources(doc, lexicon(), cfg, analysis.mentions, analysis.entities)
        quotes = find_quotes(analysis.text)
        out.append(Extractor(doc, lexicon(), cfg, sources, quotes, title_span(analysis)))
    return out


class StubStage:
    """A stage for pipeline tests that needs, reads and writes no field: a subclass names itself
    and says what it does in `__call__`."""

    name = "stub"
    version = 1
    requires: frozenset[str] = frozenset()
    uses: frozenset[str] = frozenset()
    assigns: frozenset[str] = frozenset()
