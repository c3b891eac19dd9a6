"""Exports from the API (the download buttons' links): each format read back with its own
library, for the corpus and for one story."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
import stix2
from fastapi.testclient import TestClient

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

REOPEN = "The Kerrow bridge will reopen to traffic on Monday morning"


def download(client: TestClient, query: str) -> tuple[bytes, str, str]:
    response = client.get(f"/api/export/{query}")
    assert response.status_code == 200, response.text
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment; filename=")
    return response.content, response.headers["content-type"], disposition


def bridge(client: TestClient) -> str:
    return client.get("/api/stories?min_articles=2").json()["items"][0]["id"]


def test_the_list_of_formats(client: TestClient) -> None:
    formats = {f["name"]: f for f in client.get("/api/exports").json()}
    assert set(formats) == {"stix", "ftm", "graphml", "jsonl", "csv"}
    assert formats["csv"]["options"]["table"] == ["claims", "entities", "articles", "links"]


def test_stix_bundle_parses(client: TestClient) -> None:
    body, ctype, disposition = download(client, "stix")
    assert ctype.startswith("application/stix+json") and 'filename="newsint.stix.json"' in (
        disposition
    )
    bundle = stix2.parse(body.decode("utf-8"), allow_custom=True)
    types = {o.type for o in bundle.objects}
    assert "report" in types and "identity" in types
    assert sum(o.type == "report" for o in bundle.objects) == 4  # one per article


def test_graphml_for_one_story(client: TestClient) -> None:
    story = bridge(client)
    body, _, disposition = download(client, f"graphml?story={story}")
    assert f'filename="newsint-{story}.graphml"' in disposition
    graph = nx.read_graphml(io.BytesIO(body))
    labels = " ".join(str(d) for _, d in graph.nodes(data=True))
    assert "Valley Radio" in labels and "Harbour News" not in labels  # only the story


def test_jsonl_holds_every_record(client: TestClient) -> None:
    body, ctype, _ = download(client, "jsonl")
    assert ctype.startswith("application/x-ndjson")
    records = [json.loads(line) for line in body.decode("utf-8").splitlines()]
    assert len(records) > 4 and all(isinstance(r, dict) for r in records)
    assert REOPEN in body.decode("utf-8")


@pytest.mark.parametrize(("table", "expected"), [("claims", REOPEN), ("entities", "Tomas Reyes")])
def test_csv_tables(client: TestClient, table: str, expected: str) -> None:
    body, ctype, disposition = download(client, f"csv?table={table}")
    assert ctype.startswith("text/csv") and f'filename="newsint-{table}.csv"' in disposition
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert any(expected in value for row in rows for value in row.values())


def test_exports_carry_the_corpus_grade(client: TestClient) -> None:
    body, _, _ = download(client, "csv?table=claims")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    reopen = [r for r in rows if REOPEN in r["content"] and r["grade"]]
    assert len(reopen) == 2 and {r["grade"] for r in reopen} == {"C1"}
    assert all("confirmed by 2 independent sources (1)" in r["reasons"] for r in reopen)
    stix, _, _ = download(client, "stix")
    assert '"x_newsint_grade": "C1"' in stix.decode("utf-8")


def test_ftm_entities_read_back(client: TestClient) -> None:
    model = pytest.importorskip("followthemoney").model
    body, _, _ = download(client, "ftm")
    proxies = [model.get_proxy(json.loads(line)) for line in body.decode().splitlines()]
    assert {p.schema.name for p in proxies} >= {"Article", "Person"}


@pytest.mark.parametrize(
    ("query", "status", "code"),
    [
        ("pdf", 404, "not-found"),
        ("csv?table=secrets", 422, "invalid"),
        ("stix?story=story_missing", 404, "not-found"),
    ],
)
def test_export_errors_are_json(client: TestClient, query: str, status: int, code: str) -> None:
    response = client.get(f"/api/export/{query}")
    assert response.status_code == status
    assert response.json()["error"]["code"] == code


def test_download_buttons_point_at_the_exports(client: TestClient) -> None:
    story = bridge(client)
    page = client.get(f"/stories/{story}").text
    for name in ("stix", "ftm", "graphml", "jsonl", "csv"):
        assert f'href="/api/export/{name}?story={story}"' in page
    assert 'href="/api/export/stix"' in client.get("/").text
    assert 'href="/api/export/csv?table=claims"' in client.get("/claims").text


def test_the_story_page_shows_each_articles_language(client: TestClient) -> None:
    # an article in another language joins a story on names, numbers and dates alone (issue 17):
    # the story view says which language each article is in
    story = bridge(client)
    languages = [a["language"] for a in client.get(f"/api/stories/{story}").json()["articles"]]
    page = client.get(f"/stories/{story}").text
    assert languages and "<th>Language</th>" in page
    assert page.count('<td class="lang">') == len(languages)
    for language in set(languages):
        assert f'<td class="lang">{language or "—"}</td>' in page
