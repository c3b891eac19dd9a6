"""A small hand-made corpus for the web tests, with every layer filled (claims with chains, grades
and evidence, entities, times, an event, a cleaning removal), and a test client maker."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from handmade import named
from newsint.model import (
    Analysis,
    Argument,
    ArticleMeta,
    Claim,
    Event,
    Evidence,
    Grade,
    Published,
    Removal,
    Segment,
    Source,
    TextSpan,
    TimeExpr,
    content_hash,
    stable_id,
)

CRUMBS = "Home › Local news\n\n"
BRIDGE = (
    "The Kerrow bridge will reopen to traffic on Monday morning, the county engineer Ines Duarte "
    "said on Friday, according to a council statement. Lorries will still be diverted through "
    "Malden until the spring inspection. Duarte denied that the repairs had cost more than "
    "£3 million. Residents of Kerrow had campaigned for months for the crossing to reopen."
)
BRIDGE_OTHER = (
    "Traffic returns to the Kerrow crossing on Monday morning, ending six weeks of diversions. "
    "Tomas Reyes, who chairs the residents' group, said the bridge will reopen to traffic on "
    "Monday morning and welcomed the decision. The county engineer Ines Duarte said the repairs "
    "were finished. Lorries will still be diverted through Malden until an inspection in the "
    "spring."
)
MUSEUM = (
    "The Harbour Board approved plans on Tuesday for a maritime museum in the old customs house. "
    "The board's chair, Lena Marsh, said the museum would open in 2027 and employ forty people."
)


def _span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def _person_source(text: str, name: str, entity: str | None) -> Source:
    start, end = _span(text, name)
    return Source(text=name, kind="person", start=start, end=end, entity=entity, name=name)


def build(
    text: str,
    *,
    url: str,
    site: str,
    published: str,
    title: str,
    names: list[tuple[str, str]],
    crumbs: str = "",
) -> Analysis:
    """An analysis with a mention for every occurrence of each name, times for the weekdays and
    seasons in the text, and a breadcrumb removal when `crumbs` is given."""
    raw = crumbs + text
    aid = stable_id("art", url, raw)
    entities, mentions = named(aid, text, names)
    times = []
    for word, value, gran in (
        ("Monday morning", "2025-03-10TMO", "time"),
        ("Friday", "2025-03-07", "day"),
        ("Tuesday", "2025-03-04", "day"),
        ("the spring", "2025-SP", "season"),
    ):
        if word in text:
            start, end = _span(text, word)
            times.append(
                TimeExpr(
                    id=stable_id("tim", aid, start),
                    start=start,
                    end=end,
                    text=word,
                    type="DATE" if gran != "time" else "TIME",
                    value=value,
                    granularity=gran,  # type: ignore[arg-type]
                    anchor="published",
                    resolved=True,
                )
            )
    cleaning, offsets = [], [Segment(clean=0, raw=len(crumbs), length=len(text))]
    if crumbs:
        cleaning.append(
            Removal(start=0, end=len(crumbs.rstrip()), reason="breadcrumb", text=crumbs.strip())
        )
    return Analysis(
        article=ArticleMeta(
            id=aid,
            title=title,
            url=url,
            site=site,
            published=Published(date=published, source="metadata"),
            source=url,
            format="html",
            content_hash=content_hash(raw),
        ),
        text=text,
        raw=raw,
        offsets=offsets,
        cleaning=cleaning,
        entities=entities,
        mentions=sorted(mentions, key=lambda m: m.start),
        times=sorted(times, key=lambda t: t.start),
    )


def bridge_claims(a: Analysis) -> None:
    """The wire story's claims: one attributed through a council statement, one denial."""
    text = a.text
    by_name = {e.name: e.id for e in a.entities}
    aid = a.article.id
    start, end = _span(text, "The Kerrow bridge will reopen to traffic on Monday morning")
    cue = _span(text, "said")
    statement = _span(text, "a council statement")
    duarte = _person_source(text, "Ines Duarte", by_name.get("Ines Duarte"))
    reopen = Claim(
        id=stable_id("clm", aid, start),
        content=TextSpan(start=start, end=end, text=text[start:end]),
        cue=TextSpan(start=cue[0], end=cue[1], text="said"),
        source=duarte,
        chain=[
            Source(text="the article", kind="article"),
            Source(
                text="a council statement",
                kind="statement",
                start=statement[0],
                end=statement[1],
            ),
            duarte,
        ],
        kind="indirect",
        grade=Grade(
            reliability="B",
            credibility=2,
            reasons=["named official (county engineer)", "published council statement"],
        ),
    )
    d_start, d_end = _span(text, "the repairs had cost more than £3 million")
    denied = _span(text, "denied")
    duarte_short = _span(text, "Duarte", d_start - 20)
    cost = Claim(
        id=stable_id("clm", aid, d_start),
        content=TextSpan(start=d_start, end=d_end, text=text[d_start:d_end]),
        cue=TextSpan(start=denied[0], end=denied[1], text="denied"),
        source=Source(
            text="Duarte",
            kind="person",
            start=duarte_short[0],
            end=duarte_short[1],
            entity=by_name.get("Ines Duarte"),
            name="Ines Duarte",
        ),
        chain=[Source(text="the article", kind="article"), duarte],
        kind="indirect",
        status="denied",
        polarity="negative",
        evidence=[
            Evidence(start=denied[0], end=denied[1], text="denied", kind="denial", effect="denied")
        ],
        grade=Grade(reliability="B", credibility=4, reasons=["denial by the named official"]),
    )
    a.claims = [reopen, cost]
    t_start, t_end = _span(text, "reopen")
    a.events = [
        Event(
            id=stable_id("evt", aid, t_start),
            type="EASE",
            trigger=TextSpan(start=t_start, end=t_end, text="reopen"),
            actor=Argument(text="The Kerrow bridge", start=start, end=start + 17),
            time=Argument(
                text="Monday morning",
                start=_span(text, "Monday morning")[0],
                end=_span(text, "Monday morning")[1],
                value="2025-03-10",
            ),
            claim=reopen.id,
            chain=reopen.chain,
        )
    ]


def radio_claims(a: Analysis) -> None:
    text = a.text
    by_name = {e.name: e.id for e in a.entities}
    start, end = _span(text, "the bridge will reopen to traffic on Monday morning")
    reyes = _person_source(text, "Tomas Reyes", by_name.get("Tomas Reyes"))
    a.claims = [
        Claim(
            id=stable_id("clm", a.article.id, start),
            content=TextSpan(start=start, end=end, text=text[start:end]),
            source=reyes,
            chain=[Source(text="the article", kind="article"), reyes],
            kind="indirect",
        )
    ]


def web_analyses() -> list[Analysis]:
    """A wire story (with a breadcrumb cleaned off), its verbatim copy, an independent report of
    the same event, and an unrelated story."""
    people = [("Ines Duarte", "PERSON"), ("Kerrow", "GPE"), ("Malden", "GPE")]
    wire = build(
        BRIDGE,
        url="https://wire.example/bridge",
        site="Coastal Wire",
        published="2025-03-07T09:00:00",
        title="Kerrow bridge to reopen on Monday",
        names=people,
        crumbs=CRUMBS,
    )
    bridge_claims(wire)
    copy = build(
        BRIDGE,
        url="https://gazette.example/kerrow-bridge",
        site="The Gazette",
        published="2025-03-07T11:30:00",
        title="Kerrow bridge to reopen on Monday",
        names=people,
    )
    bridge_claims(copy)
    radio = build(
        BRIDGE_OTHER,
        url="https://valley.example/crossing",
        site="Valley Radio",
        published="2025-03-08T08:00:00",
        title="Traffic returns to Kerrow crossing",
        names=[("Tomas Reyes", "PERSON"), ("Ines Duarte", "PERSON"), ("Kerrow", "GPE")],
    )
    radio_claims(radio)
    museum = build(
        MUSEUM,
        url="https://harbour.example/museum",
        site="Harbour News",
        published="2025-03-04T10:00:00",
        title="Harbour Board backs maritime museum",
        names=[("Harbour Board", "ORG"), ("Lena Marsh", "PERSON")],
    )
    return [wire, copy, radio, museum]


def write_jsonl(path: Path, analyses: list[Analysis]) -> Path:
    path.write_text("\n".join(a.to_json(indent=None) for a in analyses) + "\n", encoding="utf-8")
    return path


LOCAL = "http://127.0.0.1:8000"


@contextmanager
def make_client(db: Path, base_url: str = LOCAL, **options: Any) -> Iterator[TestClient]:
    """A test client over an app on `db` (options go to create_app)."""
    from newsint.web import create_app

    app = create_app(db, **options)
    try:
        with TestClient(app, base_url=base_url, raise_server_exceptions=False) as client:
            yield client
    finally:
        app.state.web.corpus.close()
