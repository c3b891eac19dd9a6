from __future__ import annotations

import io

import networkx as nx

from newsint.export import EXPORTERS, ExportData
from newsint.export.graphml import graph


def read(data: ExportData) -> nx.MultiDiGraph:
    return nx.read_graphml(io.BytesIO(EXPORTERS["graphml"].to_bytes(data)), force_multigraph=True)


def test_round_trips_through_networkx(data: ExportData) -> None:
    built, back = graph(data), read(data)
    assert isinstance(back, nx.MultiDiGraph)
    assert dict(back.nodes(data=True)) == dict(built.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True)) == sorted(built.edges(keys=True, data=True))


def test_node_kinds_and_scalar_types(data: ExportData) -> None:
    g = read(data)
    kinds = {n: a["kind"] for n, a in g.nodes(data=True)}
    assert sorted(set(kinds.values())) == [
        "article",
        "claim",
        "claim-cluster",
        "entity",
        "event",
        "outlet",
        "source",
        "story",
    ]
    claim = g.nodes["claim:art-gazette/clm-temporary"]
    assert claim["grade"] == "B2" and claim["credibility"] == 2 and claim["start"] == 182
    assert claim["chain"] == "Harbour Gazette ← Ilse Marten"
    for _, attrs in g.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in attrs.values())


def test_edges_carry_relations(data: ExportData) -> None:
    g = read(data)
    marten = "entity:corpus-entity/cen-marten"
    assert g.has_edge("article:art-gazette", marten) and g.has_edge("article:art-courier", marten)
    (copy,) = g.get_edge_data("article:art-courier", "article:art-gazette").values()
    assert (copy["relation"], copy["copy_kind"], copy["confidence"]) == ("copies", "spin", 0.8)
    said = g.get_edge_data("claim:art-gazette/clm-temporary", marten)
    assert [e["relation"] for e in said.values()] == ["attributed-to"]
    assert [e["position"] for e in said.values()] == [1]
    story = g.get_edge_data("article:art-gazette", "story:sto-ferry")
    assert [e["original"] for e in story.values()] == [True]
    assert g.has_edge("claim:art-courier/clm-temporary2", "cluster:ccl-temporary")
    assert g.has_edge("event:art-gazette/evt-suspend", "entity:corpus-entity/cen-blue")


def test_unresolved_sources_stay_inside_their_article(data: ExportData) -> None:
    g = read(data)
    sources = {n for n, a in g.nodes(data=True) if a["kind"] == "source"}
    assert sources == {
        "source:art-gazette/document/an internal memo",
        "source:art-gazette/organisation/union officials",
        "source:art-courier/organisation/@blueternlines",
    }
