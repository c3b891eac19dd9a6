from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsint.export import CSV_TABLES, EXPORTERS, ExportData
from newsint.export import csv as csv_export
from newsint.export.csv import FORMULA_STARTS, neutralise
from newsint.model import TextSpan


def table(data: ExportData, name: str = "claims") -> list[dict[str, str]]:
    raw = EXPORTERS["csv"].to_bytes(data, {"table": name}).decode("utf-8")
    return list(csv.DictReader(io.StringIO(raw, newline="")))


def test_claims_table_round_trips(data: ExportData) -> None:
    rows = table(data)
    assert [r["claim_id"] for r in rows] == [
        "clm-suspended",
        "clm-temporary",
        "clm-warnings",  # the older article first
        "clm-temporary2",
        "clm-halted",
        "clm-resume",
    ]
    row = rows[1]
    assert row["article_id"] == "art-gazette"
    assert row["site"] == "Harbour Gazette"
    assert row["speaker"] == "Ilse Marten"
    assert row["chain"] == "Harbour Gazette ← Ilse Marten"
    assert (row["status"], row["grade"], row["reasons"]) == ("asserted", "B2", "named official")
    assert (row["cluster_id"], row["independent_sources"]) == ("ccl-temporary", "1")
    assert row["content"] == "the suspension was temporary"
    assert rows[4]["speaker"] == "the article"  # the outlet's own claim, no site known
    assert row["factuality"] == ""  # none given for this hand-made claim


def test_claims_table_carries_the_factuality(data: ExportData) -> None:
    first = data.analyses[0].claims[0]
    first.factuality = -2.7
    first.status = "negative"
    row = next(r for r in table(data) if r["claim_id"] == first.id)
    assert (row["status"], row["factuality"]) == ("negative", "-2.7")


def test_formula_cells_are_neutralised(data: ExportData) -> None:
    rows = table(data)
    resume = rows[-1]
    assert resume["title"] == "'=Ferry service halted"
    assert resume["speaker"] == "'@BlueTernLines"
    assert resume["content"] == "'=crossings would resume on Friday"
    links = table(data, "links")
    assert links[0]["evidence"].startswith('quote "the suspension')  # only the cell start counts
    assert links[0]["copy_title"] == "'=Ferry service halted"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Ankara said", "Ankara said"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralise(value: str, expected: str) -> None:
    assert neutralise(value) == expected


@given(st.text())
def test_no_cell_starts_like_a_formula(value: str) -> None:
    cell = neutralise(value)
    assert not cell.startswith(FORMULA_STARTS)
    assert cell in (value, "'" + value)


@pytest.mark.parametrize(
    ("name", "count"), [("claims", 6), ("entities", 6), ("articles", 2), ("links", 1)]
)
def test_every_table_parses_with_its_header(data: ExportData, name: str, count: int) -> None:
    columns = csv_export.TABLES[name][0]
    rows = table(data, name)
    assert len(rows) == count
    assert all(list(r) == list(columns) for r in rows)


def test_entity_and_article_tables(data: ExportData) -> None:
    ents = {(r["article_id"], r["name"]): r for r in table(data, "entities")}
    marten = ents[("art-courier", "Ilse Marten")]
    assert (marten["corpus_entity_id"], marten["corpus_articles"]) == ("cen-marten", "2")
    arts = {r["article_id"]: r for r in table(data, "articles")}
    assert arts["art-courier"]["copy_of"] == "art-gazette"
    assert arts["art-courier"]["copy_kind"] == "spin"
    assert arts["art-gazette"]["story_id"] == "sto-ferry"
    assert arts["art-gazette"]["claims"] == "3"


def test_tables_listed_for_the_cli_are_the_csv_tables() -> None:
    assert tuple(csv_export.TABLES) == CSV_TABLES


def test_unknown_table_is_refused(data: ExportData) -> None:
    with pytest.raises(ValueError, match="unknown CSV table"):
        EXPORTERS["csv"].to_bytes(data, {"table": "weather"})


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(min_size=1))
def test_any_claim_text_survives_the_csv(data: ExportData, text: str) -> None:
    claim = data.analyses[0].claims[0]
    claim.content = TextSpan(start=0, end=len(text), text=text)
    row = next(r for r in table(data) if r["claim_id"] == claim.id)
    assert row["content"] == neutralise(text)


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        # a lead split from the content by the frame: its text, span and the whole statement
        (
            TextSpan(start=0, end=9, text="The ferry"),
            ("The ferry", "0", "9", "The ferry … the suspension was temporary"),
        ),
        # formula-like lead text is neutralised like every other cell
        (
            TextSpan(start=0, end=4, text="=SUM"),
            ("'=SUM", "0", "4", "'=SUM … the suspension was temporary"),
        ),
        (None, ("", "", "", "the suspension was temporary")),
    ],
)
def test_claims_table_carries_the_lead_and_statement(
    data: ExportData, lead: TextSpan | None, expected: tuple[str, str, str, str]
) -> None:
    claim = next(c for a in data.analyses for c in a.claims if c.id == "clm-temporary")
    claim.lead = lead
    row = next(r for r in table(data) if r["claim_id"] == claim.id)
    assert row["content"] == "the suspension was temporary"  # the content stays as it was
    assert (row["lead"], row["lead_start"], row["lead_end"], row["statement"]) == expected
