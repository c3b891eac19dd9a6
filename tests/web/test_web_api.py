"""REST API: every route, pagination, filters, JSON errors, uploads, merge and split."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsint.config import default_config
from newsint.corpus.api import Corpus

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def error(response) -> dict:
    body = response.json()
    assert set(body) == {"error"}, body
    assert isinstance(body["error"]["code"], str) and body["error"]["message"]
    return body["error"]


def bridge_story(client: TestClient) -> dict:
    stories = client.get("/api/stories").json()["items"]
    return next(s for s in stories if s["articles"] == 3)


# --------------------------------------------------------------------------- overview, articles


def test_stats_count_the_corpus(client: TestClient) -> None:
    stats = client.get("/api/stats").json()
    assert stats["articles"] == 4
    assert stats["claims"] == 5 and stats["claim_clusters"] == 2
    assert stats["stories"] == 2 and stats["copy_links"] == 1


def test_articles_paginate_with_totals(client: TestClient) -> None:
    everything = client.get("/api/articles").json()
    assert everything["total"] == 4 and len(everything["items"]) == 4
    assert (everything["limit"], everything["offset"]) == (50, 0)
    pages = [client.get(f"/api/articles?limit=3&offset={o}").json() for o in (0, 3, 6)]
    assert [len(p["items"]) for p in pages] == [3, 1, 0]
    assert all(p["total"] == 4 for p in pages)
    assert [a for p in pages for a in p["items"]] == everything["items"]
    dates = [a["published"] for a in everything["items"]]
    assert dates == sorted(dates)  # oldest first


@pytest.mark.parametrize(
    ("query", "status", "code"),
    [
        ("limit=0", 422, "invalid"),
        ("limit=501", 422, "invalid"),
        ("limit=ten", 422, "invalid"),
        ("offset=-1", 422, "invalid"),
    ],
)
def test_bad_pagination_is_a_json_error(
    client: TestClient, query: str, status: int, code: str
) -> None:
    response = client.get(f"/api/articles?{query}")
    assert response.status_code == status
    assert error(response)["code"] == code


def test_article_and_its_analysis(client: TestClient) -> None:
    story = client.get(f"/api/stories/{bridge_story(client)['id']}").json()
    wire = next(a for a in story["articles"] if a["site"] == "Coastal Wire")
    article = client.get(f"/api/articles/{wire['id']}").json()
    assert article["kind"] == "article"
    assert article["article"]["title"] == "Kerrow bridge to reopen on Monday"
    assert article["counts"] == {"entities": 3, "claims": 2, "events": 1, "times": 3}
    assert {c["status"] for c in article["claims"]} == {"asserted", "denied"}
    assert [link["kind"] for link in article["copied_by"]] in (["verbatim"], ["syndicated"])
    analysis = client.get(f"/api/articles/{wire['id']}/analysis").json()
    assert analysis["schema"] == "newsint.analysis/1"
    assert analysis["text"] == article["text"]
    assert analysis["cleaning"][0]["reason"] == "breadcrumb"


@pytest.mark.parametrize("path", ["/api/articles/art_0000", "/api/articles/art_0000/analysis"])
def test_unknown_article_is_404(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert error(response)["code"] == "not-found"


# --------------------------------------------------------------------------- stories


def test_stories_and_the_copy_tree(client: TestClient) -> None:
    page = client.get("/api/stories").json()
    assert page["total"] == 2 and [s["articles"] for s in page["items"]] == [3, 1]
    assert client.get("/api/stories?min_articles=2").json()["total"] == 1
    story = client.get(f"/api/stories/{page['items'][0]['id']}").json()
    roots = {n["site"]: n for n in story["tree"]}
    assert set(roots) == {"Coastal Wire", "Valley Radio"}
    (copy,) = roots["Coastal Wire"]["children"]
    assert copy["site"] == "The Gazette" and copy["kind"] in {"verbatim", "syndicated"}
    assert client.get("/api/stories/story_none").status_code == 404


# --------------------------------------------------------------------------- claims


def test_claims_best_corroborated_first(client: TestClient) -> None:
    page = client.get("/api/claims").json()
    assert page["total"] == 2
    first, second = page["items"]
    assert first["text"] == "The Kerrow bridge will reopen to traffic on Monday morning"
    assert first["independent_sources"] == 2 and first["articles"] == 3
    assert first["chain"] == ["the article", "a council statement", "Ines Duarte"]
    # the corpus grade: the rules regrade the stored claim with its cluster's corroboration
    # and the article's own grade by the same rules (not the hand-made one it was stored with)
    assert (first["grade"], first["article_grade"]) == ("C1", "C2")
    assert first["corroboration"][0] == "confirmed by 2 independent sources (1)"
    assert first["grade_reasons"][-2:] == first["corroboration"][-2:]
    assert second["status"] == "denied" and second["independent_sources"] == 1
    assert second["grade"] == "C4"


@pytest.mark.parametrize(
    ("query", "texts"),
    [
        ("min_sources=2", ["The Kerrow bridge will reopen to traffic on Monday morning"]),
        ("status=denied", ["the repairs had cost more than £3 million"]),
        ("entity=Tomas%20Reyes", ["The Kerrow bridge will reopen to traffic on Monday morning"]),
        (
            "entity=Kerrow&min_sources=2",
            ["The Kerrow bridge will reopen to traffic on Monday morning"],
        ),
        ("status=confirmed", []),
        ("min_sources=3", []),
    ],
)
def test_claim_filters(client: TestClient, query: str, texts: list[str]) -> None:
    page = client.get(f"/api/claims?{query}").json()
    assert [c["text"] for c in page["items"]] == texts
    assert page["total"] == len(texts)


@pytest.mark.parametrize(
    ("query", "texts"),
    [
        ("q=repairs", ["the repairs had cost more than £3 million"]),
        ("q=reopen%20traff", ["The Kerrow bridge will reopen to traffic on Monday morning"]),
        ("q=nothing%20like%20this", []),
        ("grade=C4", ["the repairs had cost more than £3 million"]),
        ("grade=4", ["the repairs had cost more than £3 million"]),
        ("grade=C1&status=denied", []),
        (
            "sort=oldest&min_sources=2",
            ["The Kerrow bridge will reopen to traffic on Monday morning"],
        ),
        ("until=2000-01-01", []),
    ],
)
def test_claim_facets_and_full_text(client: TestClient, query: str, texts: list[str]) -> None:
    page = client.get(f"/api/claims?{query}").json()
    assert [c["text"] for c in page["items"]] == texts
    assert page["total"] == len(texts)


def test_claims_pages_do_not_overlap_and_count_every_claim(client: TestClient) -> None:
    whole = client.get("/api/claims").json()
    one = [client.get(f"/api/claims?limit=1&offset={i}").json() for i in range(whole["total"])]
    assert [p["items"][0]["id"] for p in one] == [c["id"] for c in whole["items"]]
    assert all(p["total"] == whole["total"] for p in one)
    # every claim of every article is on the list, in a cluster's row or a row of its own
    stats = client.get("/api/stats").json()
    assert sum(c["claims"] for c in whole["items"]) == stats["claims"]
    story = bridge_story(client)
    in_story = client.get(f"/api/claims?story={story['id']}").json()["items"]
    assert in_story and all(c["site"] for c in in_story)  # outlets, not article ids


def test_a_bad_date_facet_is_a_json_error(client: TestClient) -> None:
    response = client.get("/api/claims?since=yesterday")
    assert response.status_code == 422 and "YYYY-MM-DD" in error(response)["message"]


def test_claim_filter_on_unknown_entity_is_404(client: TestClient) -> None:
    response = client.get("/api/claims?entity=Nobody%20Atall")
    assert response.status_code == 404 and error(response)["code"] == "not-found"


def test_claim_cluster_and_single_claim(client: TestClient) -> None:
    top = client.get("/api/claims").json()["items"][0]
    cluster = client.get(f"/api/claims/{top['id']}").json()
    assert cluster["kind"] == "claim-cluster"
    assert len(cluster["claims"]) == 3
    key = cluster["claims"][0]["key"]
    one = client.get(f"/api/claims/{key}").json()
    assert one["kind"] == "claim" and one["cluster"] == top["id"]
    assert client.get("/api/claims/claims_nothing").status_code == 404


# --------------------------------------------------------------------------- entities


def test_entities_list_filter_and_page(client: TestClient) -> None:
    page = client.get("/api/entities").json()
    names = [e["name"] for e in page["items"]]
    assert names[:2] == ["Ines Duarte", "Kerrow"]  # most articles first, ties by name
    assert page["total"] == len(names) == 6
    people = client.get("/api/entities?type=person").json()
    assert {e["name"] for e in people["items"]} == {"Ines Duarte", "Tomas Reyes", "Lena Marsh"}
    assert people["total"] == 3
    assert [e["name"] for e in client.get("/api/entities?q=mald").json()["items"]] == ["Malden"]
    second = client.get("/api/entities?limit=2&offset=2").json()
    assert second["items"] == page["items"][2:4] and second["total"] == 6


def test_entity_by_name_or_id(client: TestClient) -> None:
    by_name = client.get("/api/entities/Ines%20Duarte").json()
    assert by_name["entity"]["name"] == "Ines Duarte"
    assert len(by_name["members"]) == 3  # wire, copy, radio
    assert [m["mentions"] for m in by_name["members"]] == [1, 1, 1]
    kerrow = client.get("/api/entities/Kerrow").json()["members"]
    assert sorted(m["mentions"] for m in kerrow) == [1, 2, 2]  # twice in the wire and its copy
    by_id = client.get(f"/api/entities/{by_name['entity']['id']}").json()
    assert by_id == by_name
    assert client.get("/api/entities/Nobody").status_code == 404


def test_merge_then_split_through_the_api(writer: TestClient) -> None:
    merged = writer.post("/api/entities/merge", json={"a": "Kerrow", "b": "Malden"})
    assert merged.status_code == 200, merged.text
    (judgement,) = merged.json()["judgements"]
    assert judgement["verdict"] == "same" and judgement["by"] == "user"
    entity = writer.get("/api/entities/Kerrow").json()
    malden = [m["key"] for m in entity["members"] if m["name"] == "Malden"]
    assert len(malden) == 2
    assert writer.get("/api/judgements").json()["total"] == 1
    split = writer.post(f"/api/entities/{entity['entity']['id']}/split", json={"members": malden})
    assert split.status_code == 200, split.text
    assert writer.get("/api/entities/Malden").json()["entity"]["name"] == "Malden"
    names = {m["name"] for m in writer.get("/api/entities/Kerrow").json()["members"]}
    assert names == {"Kerrow"}


@pytest.mark.parametrize(
    ("path", "body", "status"),
    [
        ("/api/entities/merge", {"a": "Kerrow", "b": "Kerrow"}, 400),
        ("/api/entities/merge", {"a": "Kerrow", "b": "Nobody"}, 404),
        ("/api/entities/merge", {"a": "Kerrow"}, 422),
        ("/api/entities/merge", {"a": "Kerrow", "b": "Malden", "c": 1}, 422),
        ("/api/entities/Kerrow/split", {"members": []}, 422),
        ("/api/entities/Kerrow/split", {"members": ["Somebody Else"]}, 404),
    ],
)
def test_bad_judgements_are_json_errors(
    writer: TestClient, path: str, body: dict, status: int
) -> None:
    response = writer.post(path, json=body)
    assert response.status_code == status, response.text
    error(response)


# --------------------------------------------------------------------------- timeline, search


def test_timeline_is_paginated(client: TestClient) -> None:
    page = client.get("/api/timeline").json()
    assert page["total"] == 1
    (entry,) = page["items"]
    assert entry["type"] == "EASE" and entry["time"] == "2025-03-10"
    assert entry["independent"] == 1 and len(entry["articles"]) == 2  # the copy collapses
    assert client.get("/api/timeline?offset=1").json()["items"] == []
    assert client.get("/api/timeline?entity=Nobody").status_code == 404


def test_graph_links_sources_claims_and_entities(client: TestClient) -> None:
    graph = client.get("/api/graph").json()
    kinds = {n["kind"] for n in graph["nodes"]}
    assert kinds == {"entity", "claim", "source"}
    labels = {n["label"]: n for n in graph["nodes"]}
    assert labels["a council statement"]["kind"] == "source"
    assert labels["Ines Duarte"]["kind"] == "entity"  # a source that is an entity is one node
    edges = {(e["kind"]) for e in graph["edges"]}
    assert {"said", "via", "mentions", "co-mentioned"} <= edges
    ids = {n["id"] for n in graph["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in graph["edges"])


def test_search(client: TestClient) -> None:
    page = client.get("/api/search?q=kerrow").json()
    assert page["total"] == 3
    assert {a["site"] for a in page["items"]} == {"Coastal Wire", "The Gazette", "Valley Radio"}
    assert client.get("/api/search?q=kerrow&limit=1&offset=1").json()["total"] == 3
    assert client.get("/api/search?q=zzzz").json() == {
        "items": [],
        "total": 0,
        "total_exact": True,
        "limit": 50,
        "offset": 0,
        "next": None,
        "prev": None,
    }
    response = client.get("/api/search")
    assert response.status_code == 422 and "q" in error(response)["message"]


# --------------------------------------------------------------------------- POST /api/articles

NEW_TEXT = (
    "Harbour ferries will run a winter timetable from November, the operator Brightwater Lines "
    "said on Thursday. The company said fewer passengers travel in the colder months."
)


@pytest.mark.slow
def test_post_text_analyses_and_stores_once(writer: TestClient) -> None:
    body = {"text": NEW_TEXT, "title": "Winter ferry timetable", "published": "2025-10-02"}
    first = writer.post("/api/articles", json=body)
    assert first.status_code == 201, first.text
    made = first.json()
    assert made["outcome"] == "added"
    assert made["article"]["title"] == "Winter ferry timetable"
    assert made["article"]["published"]["date"] == "2025-10-02"
    analysis = writer.get(made["links"]["analysis"]).json()
    assert analysis["text"].startswith("Harbour ferries will run")
    again = writer.post("/api/articles", json=body)
    assert again.status_code == 200 and again.json()["outcome"] == "unchanged"
    assert writer.get("/api/stats").json()["articles"] == 5


@pytest.mark.slow
def test_post_html_keeps_the_payload_as_text(writer: TestClient, fixtures: Path) -> None:
    html = (fixtures / "hostile.html").read_text(encoding="utf-8")
    response = writer.post("/api/articles", json={"html": html})
    assert response.status_code == 201, response.text
    made = response.json()
    assert made["article"]["title"].startswith("Library coding club shows teenagers how a <script>")
    text = writer.get(made["links"]["self"]).json()["text"]
    assert "<script>alert(1)</script>" in text  # kept as data, to be escaped when shown


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({}, 422, "invalid"),
        ({"text": "a", "html": "<p>a</p>"}, 422, "invalid"),
        ({"text": "a", "colour": "red"}, 422, "invalid"),
        ({"text": ""}, 400, "empty"),
        ({"url": "http://127.0.0.1:9/private"}, 403, "refused"),
        ({"url": "file:///etc/passwd"}, 403, "refused"),
        ({"text": "Some words here.", "published": "not a date at all"}, 400, "error"),
        ({"text": "Some words here.", "published": "9999-12-31"}, 422, "date"),
    ],
)
def test_bad_posts_are_json_errors(writer: TestClient, body: dict, status: int, code: str) -> None:
    response = writer.post("/api/articles", json=body)
    assert response.status_code == status, response.text
    assert error(response)["code"] == code


def test_a_failed_analysis_is_422_with_the_stage_and_reason(writer: TestClient) -> None:
    from newsint.engines.local import LocalEngine, Worker

    state = writer.app.state.web  # type: ignore[attr-defined]
    engine = LocalEngine(state.config)
    engine._local = Worker(state.config, stages=["clean"])

    def failing(batch: list) -> None:
        raise OverflowError("year 10000 is out of range")

    failing.name = "clean"  # type: ignore[attr-defined]
    engine._local.pipeline.stages[0] = failing  # type: ignore[call-overload]
    state._engine = engine
    response = writer.post("/api/articles", json={"text": NEW_TEXT})
    assert response.status_code == 422, response.text
    body = error(response)
    assert body["code"] == "analysis"
    assert "the clean stage failed" in body["message"] and "year 10000" in body["message"]
    assert writer.get("/api/stats").json()["articles"] == 4  # nothing half-analysed stored


def test_post_over_the_size_limit_is_413(fresh_db: Path, clients) -> None:
    config = default_config()
    small = config.model_copy(update={"web": config.web.model_copy(update={"max_body_bytes": 100})})
    with clients(fresh_db, config=small) as client:
        response = client.post("/api/articles", json={"text": "word " * 100})
        assert response.status_code == 413 and error(response)["code"] == "too-large"


# --------------------------------------------------------------------------- errors, docs


def test_unknown_route_and_method_are_json_errors(client: TestClient) -> None:
    response = client.get("/api/nothing-here")
    assert response.status_code == 404 and error(response)["code"] == "not-found"
    response = client.delete("/api/stories")
    assert response.status_code == 405 and error(response)["code"] == "method-not-allowed"


def test_a_crash_is_a_json_500_without_a_traceback(
    web_db: Path, clients, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: Corpus) -> dict:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(Corpus, "stats", broken)
    with clients(web_db) as client:
        response = client.get("/api/stats")
        assert response.status_code == 500
        assert error(response)["code"] == "internal"
        assert "secret" not in response.text and "Traceback" not in response.text
        page = client.get("/")
        assert page.status_code == 500 and "secret" not in page.text


def test_openapi_lists_every_route(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {
        "/api/stats",
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/articles/{article_id}/analysis",
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/claims",
        "/api/claims/{claim_id}",
        "/api/entities",
        "/api/entities/{ref}",
        "/api/entities/merge",
        "/api/entities/{ref}/split",
        "/api/judgements",
        "/api/timeline",
        "/api/graph",
        "/api/search",
    } <= paths
    assert not any(p.startswith(("/stories", "/login")) for p in paths)  # UI pages stay out


def test_docs_page_uses_only_local_assets(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page.text
    assert "http" not in page.text.replace('content="width', "")  # no CDN, no absolute URL
    assert "<script>" not in page.text  # no inline script
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "LICENSE"):
        assert client.get(f"/static/vendor/swagger-ui/{asset}").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/api/articles?offset=99999999999999999999999",
        "/api/articles?offset=" + "9" * 5000,
        "/api/stories?min_articles=10000000000000",
        "/api/claims?min_sources=99999999999999999999",
        "/api/search?q=ferry&offset=1000000000000",
        "/articles?offset=99999999999999999999999",
        "/claims?min_sources=-99999999999999999999",
    ],
)
def test_huge_numbers_in_any_query_are_422_not_500(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 422, response.text
    if path.startswith("/api/"):
        body = error(response)
        assert body["code"] == "invalid" and "out of range" in body["message"]
    else:  # the UI answers with its error page
        assert "out of range" in response.text


def test_numbers_within_range_still_page(client: TestClient) -> None:
    response = client.get("/api/articles?offset=1000000000")
    assert response.status_code == 200 and response.json()["items"] == []
