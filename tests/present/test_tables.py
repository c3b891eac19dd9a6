"""The CLI's tables show what a claim says, its lead first (`newsint claims`, `newsint show`)."""

from __future__ import annotations

import pytest
from rich.console import Console

from leadcorpus import EXPECTED
from newsint.corpus.queries.records import (
    ClaimClusterDetail,
    ClaimDetail,
    ClaimReport,
    ClaimSummary,
)
from newsint.model import ClaimCluster, TextSpan, statement_of
from newsint.present.tables import claims_table, show


def printed(renderable: object) -> str:
    console = Console(width=400, record=True, color_system=None)
    console.print(renderable)
    return " ".join(console.export_text().split())


def report(content: str, lead: str | None, span: tuple[int, int] | None) -> ClaimReport:
    spanned = TextSpan(text=lead, start=span[0], end=span[1]) if lead and span else None
    return ClaimReport(
        id="clm_ferry",
        article="art_isles",
        key="art_isles/clm_ferry",
        text=content,
        speaker="Odile Penhallow",
        source_kind="person",
        kind="indirect",
        status="asserted",
        polarity="positive",
        lead=spanned,
        statement=statement_of(content, spanned),
    )


@pytest.mark.parametrize(("content", "lead", "span", "statement"), EXPECTED)
def test_tables_show_the_statement(
    content: str, lead: str | None, span: tuple[int, int] | None, statement: str
) -> None:
    r = report(content, lead, span)
    assert r.statement == statement
    row = ClaimSummary(
        id=r.key,
        text=r.text,
        speaker=r.speaker,
        independent_sources=1,
        articles=1,
        claims=1,
        lead=r.lead,
        statement=r.statement,
    )
    cluster = ClaimCluster(id="claims_ferry", claims=[r.key], independent_sources=1)
    for shown in (
        claims_table([row]),
        show(ClaimDetail(claim=r)),
        show(ClaimClusterDetail(cluster=cluster, claims=[r])),
    ):
        assert statement in printed(shown)
