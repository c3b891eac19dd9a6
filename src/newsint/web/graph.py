"""A force-directed layout of the corpus graph, computed on the server and drawn as plain SVG.

Fruchterman–Reingold in NumPy, started from a circle in id order: no randomness, so the same
corpus always gives the same picture, and the browser needs no graph library (the page's small
script only highlights a node's neighbours).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from networkx.utils import UnionFind

from newsint.corpus.queries.records import Graph

WIDTH = 1000.0
HEIGHT = 700.0
MARGIN = 60.0


def layout(
    nodes: list[dict[str, Any]], edges: list[dict[str, Any]], iterations: int
) -> dict[str, tuple[float, float]]:
    """Positions (x, y) in a WIDTH × HEIGHT box for every node id.

    Each connected component is laid out on its own and the components are packed in rows,
    biggest first, each in a square sized by its node count: one isolated node far away must
    not squeeze the rest of the picture into a corner."""
    if not nodes:
        return {}
    ids = [n["id"] for n in nodes]
    links = [(e["source"], e["target"]) for e in edges]
    boxes: list[tuple[list[str], np.ndarray]] = []
    for comp in _components(ids, links):
        inside = set(comp)
        boxes.append((comp, _spring(comp, [x for x in links if x[0] in inside], iterations)))
    sides = [math.sqrt(len(comp)) for comp, _ in boxes]
    row_width = max(max(sides), math.sqrt(sum(s * s for s in sides) * WIDTH / HEIGHT))
    placed: list[tuple[float, float, float]] = []  # x, y, side of each component's square
    x = y = row_height = 0.0
    for side in sides:
        if x > 0 and x + side > row_width * 1.05:
            x, y, row_height = 0.0, y + row_height, 0.0
        placed.append((x, y, side))
        x += side
        row_height = max(row_height, side)
    total_w = max(px + side for px, _, side in placed)
    total_h = max(py + side for _, py, side in placed)
    scale = min((WIDTH - 2 * MARGIN) / total_w, (HEIGHT - 2 * MARGIN) / total_h)
    out: dict[str, tuple[float, float]] = {}
    for (comp, pos), (px, py, side) in zip(boxes, placed, strict=True):
        inner = 0.12 if len(comp) > 1 else 0.5  # padding, so neighbours' labels do not touch
        for node, (u, v) in zip(comp, pos, strict=True):
            gx = MARGIN + (px + side * (inner + (1 - 2 * inner) * float(u))) * scale
            gy = MARGIN + (py + side * (inner + (1 - 2 * inner) * float(v))) * scale
            out[node] = (round(gx, 1), round(gy, 1))
    return out


def _components(ids: list[str], links: list[tuple[str, str]]) -> list[list[str]]:
    """Connected components, biggest first, each in id order (so the layout is stable)."""
    linked = UnionFind(ids)
    known = set(ids)
    for a, b in links:
        if a in known and b in known:
            linked.union(a, b)
    groups: dict[str, list[str]] = {}
    for i in sorted(ids):
        groups.setdefault(linked[i], []).append(i)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def _spring(comp: list[str], links: list[tuple[str, str]], iterations: int) -> np.ndarray:
    """Fruchterman–Reingold positions of one component, scaled into the unit square."""
    n = len(comp)
    if n == 1:
        return np.array([[0.0, 0.0]])
    index = {node: i for i, node in enumerate(comp)}
    angle = np.arange(n) * (2 * math.pi / n)
    pos = np.stack([np.cos(angle), np.sin(angle)], axis=1)
    pairs = np.array([(index[a], index[b]) for a, b in links], dtype=int).reshape(-1, 2)
    degree = np.bincount(pairs.ravel(), minlength=n).astype(float) if len(pairs) else np.ones(n)
    # a hub's many links would pull its neighbours into one blot: each link pulls less the more
    # links its busier end has
    strength = 1.0 / np.maximum(degree[pairs[:, 0]], degree[pairs[:, 1]]) if len(pairs) else None
    k = 3.0 / math.sqrt(n)  # ideal edge length (the layout spans about 2 × 2 before scaling)
    temperature = 0.2
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=2), 1e-3)
        disp = ((k * k / dist**2)[:, :, None] * delta).sum(axis=1)  # every pair repels
        if len(pairs):
            d = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            length = np.maximum(np.linalg.norm(d, axis=1), 1e-3)
            pull = (strength * length / k)[:, None] * d  # linked nodes attract
            np.add.at(disp, pairs[:, 0], -pull)
            np.add.at(disp, pairs[:, 1], pull)
        disp -= pos * 0.05  # a little gravity keeps the component round
        length = np.maximum(np.linalg.norm(disp, axis=1), 1e-9)
        pos += disp / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature = max(temperature - cooling, 1e-3)
    low, high = pos.min(axis=0), pos.max(axis=0)
    span = float(max(high[0] - low[0], high[1] - low[1], 1e-9))
    return (pos - low) / span + (1 - (high - low) / span) / 2  # centred, aspect kept


def drawing(graph: Graph, iterations: int) -> dict[str, Any]:
    """What the SVG template draws: nodes with positions and sizes, edges with end points."""
    nodes = [n.model_dump() for n in graph.nodes]
    edges = [e.model_dump() for e in graph.edges]
    where = layout(nodes, edges, iterations)
    neighbours: dict[str, set[str]] = {n["id"]: set() for n in nodes}
    drawn_edges = []
    for e in edges:
        if e["source"] not in where or e["target"] not in where:
            continue
        neighbours[e["source"]].add(e["target"])
        neighbours[e["target"]].add(e["source"])
        (x1, y1), (x2, y2) = where[e["source"]], where[e["target"]]
        drawn_edges.append({**e, "x1": x1, "y1": y1, "x2": x2, "y2": y2})
    drawn_nodes = []
    for n in nodes:
        x, y = where[n["id"]]
        radius = 6 + min(10, 2 * math.sqrt(max(0, n.get("weight") or 0)))
        drawn_nodes.append(
            {
                **n,
                "x": x,
                "y": y,
                "r": round(radius, 1),
                "neighbours": " ".join(sorted(neighbours[n["id"]])),
            }
        )
    return {"width": WIDTH, "height": HEIGHT, "nodes": drawn_nodes, "edges": drawn_edges}
