"""A small hand-made corpus for the web tests, with every layer filled (claims with chains, grades
and evidence, entities, times, an event, a cleaning removal), and a test client maker."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from handmade import Did, Said, When, article
from newsint.model import Analysis, Grade, Removal

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


def build(
    text: str,
    *,
    url: str,
    site: str,
    published: str,
    title: str,
    names: list[tuple[str, str]],
    claims: list[Said] = (),  # type: ignore[assignment]
    events: list[Did] = (),  # type: ignore[assignment]
    crumbs: str = "",
) -> Analysis:
    """An analysis with a mention for every occurrence of each name, times for the weekdays and
    seasons in the text, and a breadcrumb removal when `crumbs` is given."""
    times = [
        When(word, value, gran, type="DATE" if gran != "time" else "TIME")
        for word, value, gran in (
            ("Monday morning", "2025-03-10TMO", "time"),
            ("Friday", "2025-03-07", "day"),
            ("Tuesday", "2025-03-04", "day"),
            ("the spring", "2025-SP", "season"),
        )
        if word in text
    ]
    cleaning = []
    if crumbs:
        cleaning.append(
            Removal(start=0, end=len(crumbs.rstrip()), reason="breadcrumb", text=crumbs.strip())
        )
    return article(
        text,
        raw=crumbs + text,
        url=url,
        site=site,
        published=published,
        title=title,
        source=url,
        fmt="html",
        names=names,
        times=times,
        claims=claims,
        events=events,
        cleaning=cleaning,
    )


# The wire story's claims: one attributed through a council statement, one denial; and the
# event the first reports.
REOPEN = "The Kerrow bridge will reopen to traffic on Monday morning"
BRIDGE_CLAIMS = [
    Said(
        REOPEN,
        chain=[("statement", "a council statement"), ("person", "Ines Duarte", "Ines Duarte")],
        cue="said",
        grade=Grade(
            reliability="B",
            credibility=2,
            reasons=["named official (county engineer)", "published council statement"],
        ),
    ),
    Said(
        "the repairs had cost more than £3 million",
        chain=[("person", "Ines Duarte", "Ines Duarte")],
        source=("person", "Duarte", "Ines Duarte"),
        after=BRIDGE.index("Duarte denied"),
        cue="denied",
        status="denied",
        polarity="negative",
        evidence=[("denied", "denial", "denied")],
        grade=Grade(reliability="B", credibility=4, reasons=["denial by the named official"]),
    ),
]
BRIDGE_EVENTS = [
    Did(
        "reopen",
        "EASE",
        actor="The Kerrow bridge",
        time="Monday morning",
        time_value="2025-03-10",
        claim=REOPEN,
    ),
]
RADIO_CLAIMS = [
    Said(
        "the bridge will reopen to traffic on Monday morning",
        chain=[("person", "Tomas Reyes", "Tomas Reyes")],
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
        claims=BRIDGE_CLAIMS,
        events=BRIDGE_EVENTS,
        crumbs=CRUMBS,
    )
    copy = build(
        BRIDGE,
        url="https://gazette.example/kerrow-bridge",
        site="The Gazette",
        published="2025-03-07T11:30:00",
        title="Kerrow bridge to reopen on Monday",
        names=people,
        claims=BRIDGE_CLAIMS,
        events=BRIDGE_EVENTS,
    )
    radio = build(
        BRIDGE_OTHER,
        url="https://valley.example/crossing",
        site="Valley Radio",
        published="2025-03-08T08:00:00",
        title="Traffic returns to Kerrow crossing",
        names=[("Tomas Reyes", "PERSON"), ("Ines Duarte", "PERSON"), ("Kerrow", "GPE")],
        claims=RADIO_CLAIMS,
    )
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
