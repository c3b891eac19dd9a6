"""The graph page's data: a seeded networkx layout (same corpus, same picture), components kept
apart, every node in a legend group whose colour the page reads from the legend itself."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from newsint.corpus.queries.records import ClaimNode, EntityNode, Graph, GraphEdge, SourceNode
from newsint.web.graph import GROUPS, HEIGHT, WIDTH, elements, group_of, layout

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

OPTIONS = {"iterations": 50, "seed": 18, "spacing": 0.12, "spread": 2.0}


def small_graph() -> Graph:
    """Two components: a speaker, her claim and a place it mentions; a lone organisation."""
    return Graph(
        nodes=[
            EntityNode(id="ent_duarte", label="Ines Duarte", type="PERSON", weight=3),
            EntityNode(id="ent_kerrow", label="Kerrow", type="GPE", weight=2),
            EntityNode(id="ent_board", label="Harbour Board", type="ORG", weight=1),
            ClaimNode(
                id="cc_bridge",
                label="The Kerrow bridge will reopen to traffic on Monday morning",
                status="asserted",
                weight=2,
            ),
            SourceNode(id="src_council", label="a council statement"),
        ],
        edges=[
            GraphEdge(source="ent_duarte", target="cc_bridge", kind="said"),
            GraphEdge(source="src_council", target="ent_duarte", kind="via"),
            GraphEdge(source="cc_bridge", target="ent_kerrow", kind="mentions"),
        ],
    )


@pytest.mark.parametrize(
    ("node", "group"),
    [
        ({"kind": "entity", "type": "PERSON"}, "person"),
        ({"kind": "entity", "type": "ORG"}, "organisation"),
        ({"kind": "entity", "type": "GPE"}, "place"),
        ({"kind": "entity", "type": "FAC"}, "place"),
        ({"kind": "entity", "type": "NORP"}, "group"),
        ({"kind": "entity", "type": "LAW"}, "other"),
        ({"kind": "claim", "status": "denied"}, "claim"),
        ({"kind": "source"}, "source"),
    ],
)
def test_every_node_falls_in_a_legend_group(node: dict[str, str], group: str) -> None:
    assert group_of(node) == group
    assert group in {g.key for g in GROUPS}


def test_elements_carry_positions_groups_and_counts() -> None:
    drawn = elements(small_graph(), label_chars=20, **OPTIONS)
    nodes = {n["data"]["id"]: n for n in drawn["nodes"]}
    assert set(nodes) == {"ent_duarte", "ent_kerrow", "ent_board", "cc_bridge", "src_council"}
    assert nodes["cc_bridge"]["data"]["label"] == "The Kerrow bridge w…"  # cut, full kept
    assert nodes["cc_bridge"]["data"]["full"].endswith("Monday morning")
    assert nodes["ent_duarte"]["data"]["href"] == "/entities/ent_duarte"
    assert nodes["src_council"]["data"]["href"] == "/search?q=a%20council%20statement"
    counts = {g["key"]: g["count"] for g in drawn["groups"]}
    assert counts == {
        "person": 1,
        "organisation": 1,
        "place": 1,
        "group": 0,
        "other": 0,
        "claim": 1,
        "source": 1,
    }
    assert {e["data"]["kind"] for e in drawn["edges"]} == {"said", "via", "mentions"}
    assert all(0 <= n["position"]["x"] <= WIDTH for n in drawn["nodes"])
    assert all(0 <= n["position"]["y"] <= HEIGHT for n in drawn["nodes"])


def test_the_layout_is_the_same_on_every_run() -> None:
    first = json.dumps(elements(small_graph(), label_chars=30, **OPTIONS), sort_keys=True)
    again = json.dumps(elements(small_graph(), label_chars=30, **OPTIONS), sort_keys=True)
    assert first == again


@st.composite
def graphs(draw: st.DrawFn) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    n = draw(st.integers(1, 14))
    ids = [f"n{i:02d}" for i in range(n)]
    pairs = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=20))
    nodes = [{"id": i} for i in ids]
    edges = [{"source": a, "target": b, "kind": "said"} for a, b in pairs if a != b]
    return nodes, edges


@settings(max_examples=40, deadline=None)
@given(graphs())
def test_components_are_laid_out_apart_inside_the_box(
    graph: tuple[list[dict[str, str]], list[dict[str, str]]],
) -> None:
    import networkx as nx

    nodes, edges = graph
    where = layout(nodes, edges, **OPTIONS)
    assert set(where) == {n["id"] for n in nodes}
    assert all(0 <= x <= WIDTH + 0.1 and 0 <= y <= HEIGHT + 0.1 for x, y in where.values())
    g = nx.Graph()
    g.add_nodes_from(where)
    g.add_edges_from((e["source"], e["target"]) for e in edges)
    boxes = []
    for comp in nx.connected_components(g):
        xs = [where[c][0] for c in comp]
        ys = [where[c][1] for c in comp]
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            inside = a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
            assert not inside, (a, b)  # no component's drawing overlaps another's


def test_graph_page_ships_the_data_and_the_vendored_library(client: TestClient) -> None:
    html = client.get("/graph").text
    assert '<script src="/static/vendor/cytoscape/cytoscape.min.js" defer></script>' in html
    assert 'id="__________cytoscape_stylesheet" href="/static/graph.css"' in html
    block = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    assert block is not None
    data = json.loads(block.group(1))
    labels = {n["data"]["full"] for n in data["nodes"]}
    assert "a council statement" in labels and "Ines Duarte" in labels
    for g in data["groups"]:
        if g["count"]:  # each group drawn has its swatch (the colour graph.js reads) and filter
            assert f'data-swatch="{g["key"]}"' in html
            assert f'data-group="{g["key"]}"' in html
    assert client.get("/graph").text == html  # deterministic bytes


@pytest.mark.parametrize(
    "path",
    [
        "/static/vendor/cytoscape/cytoscape.min.js",
        "/static/vendor/cytoscape/LICENSE",
        "/static/vendor/uplot/uPlot.iife.min.js",
        "/static/vendor/uplot/uPlot.min.css",
        "/static/vendor/uplot/LICENSE",
        "/static/graph.js",
        "/static/volume.js",
    ],
)
def test_vendored_libraries_are_served_from_the_package(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    if path.endswith("LICENSE"):
        assert b"Permission is hereby granted, free of charge" in response.content  # MIT
    else:
        assert len(response.content) > 1000
