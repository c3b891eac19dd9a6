"""A small hand-made export: two articles of our own invention (a report and its spun rewrite),
a copy link, a story, graded claims with chains, a claim cluster, corpus entities, a judgement."""

from __future__ import annotations

from handmade import Did, Said, When, article
from newsint.export import ExportData
from newsint.model import (
    Analysis,
    ClaimCluster,
    CopyLink,
    CorpusEntity,
    Grade,
    Judgement,
    Span,
    Story,
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


def gazette() -> Analysis:
    t = GAZETTE
    a = article(
        t,
        id="art-gazette",
        title="Blue Tern Lines suspends Skarra ferry crossings",
        url="https://harbour-gazette.example/news/skarra-ferry",
        site="Harbour Gazette",
        author="Ana Varga",
        published="2026-03-02T09:30:00",
        published_evidence="meta",
        site_in_chain=True,
        names=[
            ("Blue Tern Lines", "ORG", "ent-blue"),
            ("Skarra Island", "GPE", "ent-skarra"),
            ("Harbour Gazette", "ORG", "ent-gazette"),
            ("Ilse Marten", "PERSON", "ent-marten"),
        ],
        times=[
            When("on Monday", "2026-03-02", range=("2026-03-02", "2026-03-02"), id="tim-monday")
        ],
        claims=[
            Said(
                "Blue Tern Lines suspended all ferry crossings to Skarra Island",
                chain=[("document", "an internal memo", None)],
                cue="according to",
                status="unverified",
                grade=Grade(reliability="F", credibility=6, reasons=["unseen document"]),
                id="clm-suspended",
            ),
            Said(
                "the suspension was temporary",
                chain=[("person", "Transport minister Ilse Marten", "Ilse Marten")],
                cue="said",
                grade=Grade(reliability="B", credibility=2, reasons=["named official"]),
                id="clm-temporary",
            ),
            Said(
                "the company had ignored safety warnings for months",
                chain=[("organisation", "Union officials", None)],
                cue="alleged",
                status="alleged",
                evidence=[("alleged", "hedge", "alleged")],
                grade=Grade(reliability="C", credibility=3, reasons=["interested party"]),
                id="clm-warnings",
            ),
        ],
        events=[
            Did(
                "suspended",
                "SANCTION",
                mode="suspend",
                actor="Blue Tern Lines",
                time="on Monday",
                place="Skarra Island",
                claim="Blue Tern Lines suspended all ferry crossings to Skarra Island",
                inherit_chain=False,
                id="evt-suspend",
                fields={"sentence": Span(start=0, end=t.index("Transport") - 1)},
            )
        ],
    )
    skarra, marten = a.entity("ent-skarra"), a.entity("ent-marten")
    assert skarra is not None and marten is not None
    skarra.country = "NO"
    marten.aliases = ["Marten"]
    return a


def courier() -> Analysis:
    return article(
        COURIER,
        id="art-courier",
        title="=Ferry service halted",  # formula-like on purpose (CSV injection test)
        url="https://www.northgate-courier.example/ferry",
        published="2026-03-03",
        published_source="dateline",
        names=[("Blue Tern Lines", "ORG", "ent-blue2"), ("Ilse Marten", "PERSON", "ent-marten2")],
        claims=[
            Said(
                "the suspension was temporary",
                chain=[("person", "Transport minister Ilse Marten", "Ilse Marten")],
                grade=Grade(reliability="B", credibility=2, reasons=["named official"]),
                id="clm-temporary2",
            ),
            Said(
                "Ferry company Blue Tern Lines has halted its Skarra Island service",
                grade=Grade(reliability="C", credibility=3, reasons=["the outlet's own report"]),
                id="clm-halted",
            ),
            Said(
                "=crossings would resume on Friday",
                chain=[("organisation", "@BlueTernLines", None)],
                id="clm-resume",
            ),
        ],
    )


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
