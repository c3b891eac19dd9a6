"""A small hand-made export: two articles of our own invention (a report and its spun rewrite),
a copy link, a story, graded claims with chains, a claim cluster, corpus entities, a judgement."""

from __future__ import annotations

import pytest

from newsint.export import ExportData
from newsint.model import (
    Analysis,
    Argument,
    ArticleMeta,
    Claim,
    ClaimCluster,
    CopyLink,
    CorpusEntity,
    Entity,
    Event,
    Evidence,
    Grade,
    Judgement,
    Mention,
    Published,
    Source,
    Span,
    Story,
    TextSpan,
    TimeExpr,
)

GAZETTE = (
    "PORT ELLIS — Blue Tern Lines suspended all ferry crossings to Skarra Island on Monday, "
    "according to an internal memo seen by the Harbour Gazette. Transport minister Ilse Marten "
    "said the suspension was temporary. Union officials alleged that the company had ignored "
    "safety warnings for months."
)
COURIER = (
    "Ferry company Blue Tern Lines has halted its Skarra Island service, Transport minister "
    "Ilse Marten said, insisting the suspension was temporary. @BlueTernLines posted that "
    "=crossings would resume on Friday."
)


def span(text: str, phrase: str) -> TextSpan:
    start = text.index(phrase)
    return TextSpan(start=start, end=start + len(phrase), text=phrase)


def mention(aid: str, text: str, phrase: str, label: str, entity: str) -> Mention:
    s = span(text, phrase)
    return Mention(
        id=f"men-{aid}-{s.start}",
        start=s.start,
        end=s.end,
        text=phrase,
        label=label,
        type=label,  # type: ignore[arg-type]
        entity=entity,
    )


def article_source(site: str | None) -> Source:
    """The first link of every chain, as the claims stage writes it."""
    return Source(text="the article", kind="article", name=site)


def gazette() -> Analysis:
    aid, t, site = "art-gazette", GAZETTE, "Harbour Gazette"
    mentions = [
        mention(aid, t, "Blue Tern Lines", "ORG", "ent-blue"),
        mention(aid, t, "Skarra Island", "GPE", "ent-skarra"),
        mention(aid, t, "Harbour Gazette", "ORG", "ent-gazette"),
        mention(aid, t, "Ilse Marten", "PERSON", "ent-marten"),
    ]
    marten = Source(
        text="Transport minister Ilse Marten",
        kind="person",
        start=t.index("Transport minister"),
        end=t.index(" said the"),
        entity="ent-marten",
        name="Ilse Marten",
    )
    union = Source(
        text="Union officials",
        kind="organisation",
        start=t.index("Union officials"),
        end=t.index("Union officials") + len("Union officials"),
    )
    memo = Source(
        text="an internal memo",
        kind="document",
        start=t.index("an internal memo"),
        end=t.index("an internal memo") + len("an internal memo"),
    )
    return Analysis(
        article=ArticleMeta(
            id=aid,
            title="Blue Tern Lines suspends Skarra ferry crossings",
            url="https://harbour-gazette.example/news/skarra-ferry",
            site=site,
            author="Ana Varga",
            published=Published(date="2026-03-02T09:30:00", source="metadata", evidence="meta"),
        ),
        text=t,
        raw=t,
        entities=[
            Entity(id="ent-blue", name="Blue Tern Lines", type="ORG", mentions=[mentions[0].id]),
            Entity(
                id="ent-skarra",
                name="Skarra Island",
                type="GPE",
                country="NO",
                mentions=[mentions[1].id],
            ),
            Entity(id="ent-gazette", name="Harbour Gazette", type="ORG", mentions=[mentions[2].id]),
            Entity(
                id="ent-marten",
                name="Ilse Marten",
                type="PERSON",
                aliases=["Marten"],
                mentions=[mentions[3].id],
            ),
        ],
        mentions=mentions,
        times=[
            TimeExpr(
                id="tim-monday",
                **_at(t, "on Monday"),
                type="DATE",
                value="2026-03-02",
                granularity="day",
                range_start="2026-03-02",
                range_end="2026-03-02",
                anchor="published",
                resolved=True,
            ),
        ],
        claims=[
            Claim(
                id="clm-suspended",
                content=span(t, "Blue Tern Lines suspended all ferry crossings to Skarra Island"),
                cue=span(t, "according to"),
                source=memo,
                chain=[article_source(site), memo],
                kind="indirect",
                status="unverified",
                grade=Grade(reliability="F", credibility=6, reasons=["unseen document"]),
            ),
            Claim(
                id="clm-temporary",
                content=span(t, "the suspension was temporary"),
                cue=span(t, "said"),
                source=marten,
                chain=[article_source(site), marten],
                kind="indirect",
                status="asserted",
                grade=Grade(reliability="B", credibility=2, reasons=["named official"]),
            ),
            Claim(
                id="clm-warnings",
                content=span(t, "the company had ignored safety warnings for months"),
                cue=span(t, "alleged"),
                source=union,
                chain=[article_source(site), union],
                kind="indirect",
                status="alleged",
                evidence=[Evidence(**_at(t, "alleged"), kind="hedge", effect="alleged")],
                grade=Grade(reliability="C", credibility=3, reasons=["interested party"]),
            ),
        ],
        events=[
            Event(
                id="evt-suspend",
                type="SANCTION",
                mode="suspend",
                trigger=span(t, "suspended"),
                actor=Argument(
                    **_at(t, "Blue Tern Lines"), entity="ent-blue", value="Blue Tern Lines"
                ),
                time=Argument(**_at(t, "on Monday"), time="tim-monday", value="2026-03-02"),
                place=Argument(
                    **_at(t, "Skarra Island"), entity="ent-skarra", value="Skarra Island"
                ),
                claim="clm-suspended",
                status="unverified",
                sentence=Span(start=0, end=t.index("Transport") - 1),
            )
        ],
    )


def courier() -> Analysis:
    aid, t, site = "art-courier", COURIER, None
    mentions = [
        mention(aid, t, "Blue Tern Lines", "ORG", "ent-blue2"),
        mention(aid, t, "Ilse Marten", "PERSON", "ent-marten2"),
    ]
    marten = Source(
        text="Transport minister Ilse Marten",
        kind="person",
        entity="ent-marten2",
        name="Ilse Marten",
        **_se(t, "Transport minister Ilse Marten"),
    )
    handle = Source(text="@BlueTernLines", kind="organisation", **_se(t, "@BlueTernLines"))
    return Analysis(
        article=ArticleMeta(
            id=aid,
            title="=Ferry service halted",  # formula-like on purpose (CSV injection test)
            url="https://www.northgate-courier.example/ferry",
            published=Published(date="2026-03-03", source="dateline"),
        ),
        text=t,
        raw=t,
        entities=[
            Entity(id="ent-blue2", name="Blue Tern Lines", type="ORG", mentions=[mentions[0].id]),
            Entity(id="ent-marten2", name="Ilse Marten", type="PERSON", mentions=[mentions[1].id]),
        ],
        mentions=mentions,
        claims=[
            Claim(
                id="clm-temporary2",
                content=span(t, "the suspension was temporary"),
                source=marten,
                chain=[article_source(site), marten],
                kind="indirect",
                grade=Grade(reliability="B", credibility=2, reasons=["named official"]),
            ),
            Claim(
                id="clm-halted",
                content=span(
                    t, "Ferry company Blue Tern Lines has halted its Skarra Island service"
                ),
                source=article_source(site),
                chain=[article_source(site)],
                kind="unattributed",
                grade=Grade(reliability="C", credibility=3, reasons=["the outlet's own report"]),
            ),
            Claim(
                id="clm-resume",
                content=span(t, "=crossings would resume on Friday"),
                source=handle,
                chain=[article_source(site), handle],
                kind="indirect",
            ),
        ],
    )


def _at(text: str, phrase: str) -> dict[str, object]:
    start = text.index(phrase)
    return {"start": start, "end": start + len(phrase), "text": phrase}


def _se(text: str, phrase: str) -> dict[str, int]:
    start = text.index(phrase)
    return {"start": start, "end": start + len(phrase)}


def make_data() -> ExportData:
    link = CopyLink(
        id="lnk-spin",
        article="art-courier",
        original="art-gazette",
        kind="spin",
        score=0.62,
        confidence=0.8,
        evidence=['quote "the suspension was temporary"', "=shared name list"],
    )
    return ExportData(
        analyses=[courier(), gazette()],  # out of order on purpose: exports sort
        copy_links=[link],
        stories=[
            Story(
                id="sto-ferry",
                title="Skarra ferry suspension",
                articles=["art-gazette", "art-courier"],
                originals=["art-gazette"],
                links=["lnk-spin"],
                first_published="2026-03-02T09:30:00",
                last_published="2026-03-03",
            )
        ],
        claim_clusters=[
            ClaimCluster(
                id="ccl-temporary",
                claims=["art-gazette/clm-temporary", "art-courier/clm-temporary2"],
                articles=["art-gazette", "art-courier"],
                representative="art-gazette/clm-temporary",
                independent_sources=1,
                upstreams=[["art-gazette", "Ilse Marten"]],
                collapsed=["art-courier copies art-gazette"],
            )
        ],
        corpus_entities=[
            CorpusEntity(
                id="cen-blue",
                name="Blue Tern Lines",
                type="ORG",
                members=["art-gazette/ent-blue", "art-courier/ent-blue2"],
                articles=2,
            ),
            CorpusEntity(
                id="cen-marten",
                name="Ilse Marten",
                type="PERSON",
                aliases=["Marten"],
                members=["art-gazette/ent-marten", "ent-marten2"],
                articles=2,
            ),
        ],
        judgements=[
            Judgement(
                id="jdg-blue",
                a="art-gazette/ent-blue",
                b="art-courier/ent-blue2",
                verdict="same",
                score=0.97,
                evidence=["exact name"],
            ),
        ],
    )


@pytest.fixture
def data() -> ExportData:
    return make_data()
