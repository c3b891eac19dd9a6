"""A claim's lead through the web: the API's claims list, claim and article JSON, the CSV
download, and the claims pages showing the whole statement (lead … content)."""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from leadcorpus import EXPECTED, LEAD_WORDS, ferry, ferry_jsonl
from newsint.corpus.api import Corpus
from newsint.web.render import highlight
from webcorpus import make_client

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("leads")
    db = folder / "corpus.db"
    with Corpus(db) as corpus:
        summary = corpus.ingest([str(ferry_jsonl(folder))])
    assert (summary.added, summary.failed) == (1, [])
    with make_client(Path(db)) as c:
        yield c


def lead_of(record: dict) -> tuple[str | None, tuple[int, int] | None]:
    lead = record["lead"]
    return (lead["text"], (lead["start"], lead["end"])) if lead else (None, None)


@pytest.mark.parametrize(("content", "lead", "span", "statement"), EXPECTED)
def test_api_returns_the_lead(
    client: TestClient, content: str, lead: str | None, span: tuple[int, int] | None, statement: str
) -> None:
    listed = {r["text"]: r for r in client.get("/api/claims").json()["items"]}
    row = listed[content]
    assert (row["statement"], lead_of(row)) == (statement, (lead, span))
    one = client.get(f"/api/claims/{row['id']}").json()["claim"]
    assert (one["statement"], lead_of(one)) == (statement, (lead, span))
    article = client.get(f"/api/articles/{ferry().article.id}").json()
    (claim,) = [c for c in article["claims"] if c["text"] == content]
    assert (claim["statement"], lead_of(claim)) == (statement, (lead, span))


def test_api_full_text_finds_a_claim_by_its_lead(client: TestClient) -> None:
    found = client.get("/api/claims", params={"q": LEAD_WORDS}).json()["items"]
    assert [r["statement"] for r in found] == [EXPECTED[0][3]]


@pytest.mark.parametrize(("content", "lead", "span", "statement"), EXPECTED)
def test_csv_download_has_the_lead_columns(
    client: TestClient, content: str, lead: str | None, span: tuple[int, int] | None, statement: str
) -> None:
    body = client.get("/api/export/csv?table=claims").content.decode("utf-8-sig")
    rows = {r["content"]: r for r in csv.DictReader(io.StringIO(body))}
    row = rows[content]
    expected = (lead or "", *(str(x) for x in span or ("", "")), statement)
    assert (row["lead"], row["lead_start"], row["lead_end"], row["statement"]) == expected


@pytest.mark.parametrize("page", ["/claims", "/"])
def test_claim_lists_show_the_statement(client: TestClient, page: str) -> None:
    shown = html.unescape(client.get(page).text)
    for _, _, _, statement in EXPECTED:
        assert statement in shown


def test_claim_page_shows_the_statement(client: TestClient) -> None:
    (row,) = [r for r in client.get("/api/claims").json()["items"] if r["lead"]]
    shown = html.unescape(client.get(f"/claims/{row['id']}").text)
    assert f"“{EXPECTED[0][3]}”" in shown


@pytest.mark.parametrize(("content", "lead", "span", "statement"), EXPECTED)
def test_article_page_highlights_the_lead_as_the_claim(
    content: str, lead: str | None, span: tuple[int, int] | None, statement: str
) -> None:
    a = ferry()
    (claim,) = [c for c in a.claims if c.content.text == content]
    pieces, details = highlight(a)
    marked = "".join(p.text for p in pieces if f"{claim.id}:lead" in p.refs)
    assert marked == (lead or "")
    if lead:
        assert details[f"{claim.id}:lead"]["text"] == statement
        under = [p for p in pieces if f"{claim.id}:lead" in p.refs]
        assert all(any(c.startswith("hl-claim") for c in p.classes) for p in under)
