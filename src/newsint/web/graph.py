"""The corpus graph as Cytoscape elements, laid out on the server with networkx.

Positions come from networkx's spring layout with a fixed seed, one connected component at a
time, the components packed in rows biggest first: the same corpus always gives the same
picture (positions are rounded, so the page's bytes are stable too), and one isolated node far
away cannot squeeze the rest into a corner. The browser (static/graph.js over the vendored
Cytoscape) only draws, pans, zooms, filters and hides labels that would collide.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import networkx as nx

from newsint.corpus.queries.records import Graph

# The layout's box, in the drawing's units (Cytoscape fits it to the page).
WIDTH = 1000.0
HEIGHT = 700.0


@dataclass(frozen=True)
class Group:
    """One entry of the legend: a kind of node, its filter checkbox and its colour class."""

    key: str
    label: str
    shape: str  # Cytoscape node shape


# Entity types drawn in one colour each; the rest are "other". Colours live in newsint.css
# (.swatch.g-KEY), read by graph.js from the legend itself, so the legend matches by construction.
ENTITY_GROUPS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}
GROUPS = (
    Group("person", "person", "ellipse"),
    Group("organisation", "organisation", "ellipse"),
    Group("place", "place", "ellipse"),
    Group("group", "nationality or group", "ellipse"),
    Group("other", "other entity", "ellipse"),
    Group("claim", "claim", "round-rectangle"),
    Group("source", "source", "diamond"),
)
EDGE_KINDS = (
    ("said", "said (source → claim)"),
    ("via", "via (along a chain)"),
    ("mentions", "mentions (claim → entity)"),
    ("co-mentioned", "co-mentioned"),
)


def group_of(node: dict[str, Any]) -> str:
    if node["kind"] == "entity":
        return ENTITY_GROUPS.get(node.get("type") or "", "other")
    return str(node["kind"])


def layout(
    nodes: list[dict[str, Any]],
    edges: list[dict[str, Any]],
    *,
    iterations: int,
    seed: int,
    spacing: float,
    spread: float,
) -> dict[str, tuple[float, float]]:
    """Positions (x, y) in a WIDTH × HEIGHT box for every node id.

    Each connected component gets networkx's seeded spring layout and a square sized by its node
    count; the squares are packed in rows, biggest first. `spacing` is the share of each square
    left empty around its drawing, so neighbouring components' labels do not touch; `spread`
    scales the spring layout's ideal link length."""
    if not nodes:
        return {}
    g = nx.Graph()
    g.add_nodes_from(sorted(n["id"] for n in nodes))
    for e in sorted(edges, key=lambda e: (e["source"], e["target"], e["kind"])):
        if e["source"] in g and e["target"] in g:
            # a hub's many links would pull its neighbours into one blot: a link pulls less the
            # more links its busier end has (the weights are set once all edges are in)
            g.add_edge(e["source"], e["target"])
    for a, b in g.edges:
        g.edges[a, b]["weight"] = 1.0 / max(g.degree[a], g.degree[b])
    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    placed, scale = _pack([math.sqrt(len(c)) for c in comps])
    out: dict[str, tuple[float, float]] = {}
    for comp, (px, py, side) in zip(comps, placed, strict=True):
        unit = _unit_square(g.subgraph(comp), comp, iterations, seed, spread)
        inner = spacing if len(comp) > 1 else 0.5
        for node in comp:
            u, v = unit[node]
            gx = (px + side * (inner + (1 - 2 * inner) * u)) * scale
            gy = (py + side * (inner + (1 - 2 * inner) * v)) * scale
            out[node] = (round(gx, 1), round(gy, 1))
    return out


def _pack(sides: list[float]) -> tuple[list[tuple[float, float, float]], float]:
    """Squares of these sides packed in rows (biggest first, as given), at the row width that
    lets the packing fill the WIDTH × HEIGHT box best; each square's x, y, side and the scale."""
    best: tuple[list[tuple[float, float, float]], float] = ([], 0.0)
    for row_width in sorted({sum(sides[: i + 1]) for i in range(len(sides))}):
        if row_width < sides[0]:
            continue
        placed: list[tuple[float, float, float]] = []
        x = y = row_height = 0.0
        for side in sides:
            if x > 0 and x + side > row_width + 1e-9:
                x, y, row_height = 0.0, y + row_height, 0.0
            placed.append((x, y, side))
            x += side
            row_height = max(row_height, side)
        total_w = max(px + side for px, _, side in placed)
        total_h = max(py + side for _, py, side in placed)
        scale = min(WIDTH / total_w, HEIGHT / total_h)
        if scale > best[1] + 1e-9:
            best = (placed, scale)
    return best


def _unit_square(
    sub: nx.Graph, comp: list[str], iterations: int, seed: int, spread: float
) -> dict[str, tuple[float, float]]:
    """One component's spring layout scaled into the unit square, centred, aspect kept."""
    if len(comp) == 1:
        return {comp[0]: (0.0, 0.0)}
    ordered = nx.Graph()
    ordered.add_nodes_from(comp)  # node order fixes the seeded start: same input, same layout
    ordered.add_edges_from(sorted(sub.edges(data=True)))
    pos = nx.spring_layout(
        ordered,
        seed=seed,
        iterations=iterations,
        weight="weight",
        k=spread / math.sqrt(len(comp)),
    )
    xs = [float(pos[n][0]) for n in comp]
    ys = [float(pos[n][1]) for n in comp]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    dx = (1 - (max(xs) - min(xs)) / span) / 2
    dy = (1 - (max(ys) - min(ys)) / span) / 2
    return {
        n: ((x - min(xs)) / span + dx, (y - min(ys)) / span + dy)
        for n, x, y in zip(comp, xs, ys, strict=True)
    }


def href_of(node: dict[str, Any]) -> str:
    from urllib.parse import quote

    if node["kind"] == "entity":
        return "/entities/" + quote(node["id"], safe="")
    if node["kind"] == "claim":
        return "/claims/" + quote(node["id"], safe="")
    return "/search?q=" + quote(node["label"], safe="")


def elements(
    graph: Graph,
    *,
    iterations: int,
    seed: int,
    spacing: float,
    spread: float,
    label_chars: int,
) -> dict[str, Any]:
    """What graph.js hands to Cytoscape (positions preset), and the legend's counts."""
    nodes = [n.model_dump() for n in graph.nodes]
    edges = [e.model_dump() for e in graph.edges]
    where = layout(nodes, edges, iterations=iterations, seed=seed, spacing=spacing, spread=spread)
    counts = {g.key: 0 for g in GROUPS}
    drawn_nodes = []
    for n in nodes:
        x, y = where[n["id"]]
        group = group_of(n)
        counts[group] += 1
        label = " ".join(str(n["label"]).split())
        short = label if len(label) <= label_chars else label[: label_chars - 1].rstrip() + "…"
        data = {
            "id": n["id"],
            "label": short,
            "full": label,
            "kind": n["kind"],
            "group": group,
            "type": n.get("type") or "",
            "status": n.get("status") or "",
            "weight": n.get("weight") or 0,
            "size": round(14 + min(20, 4 * math.sqrt(max(0, n.get("weight") or 0))), 1),
            "href": href_of(n),
        }
        drawn_nodes.append({"data": data, "position": {"x": x, "y": y}})
    drawn_edges = [
        {
            "data": {
                "id": f"{e['kind']}:{e['source']}>{e['target']}",
                "source": e["source"],
                "target": e["target"],
                "kind": e["kind"],
                "weight": e["weight"],
            }
        }
        for e in edges
        if e["source"] in where and e["target"] in where
    ]
    return {
        "nodes": drawn_nodes,
        "edges": drawn_edges,
        "groups": [
            {"key": g.key, "label": g.label, "shape": g.shape, "count": counts[g.key]}
            for g in GROUPS
        ],
        "edge_kinds": [{"key": k, "label": label} for k, label in EDGE_KINDS],
    }
