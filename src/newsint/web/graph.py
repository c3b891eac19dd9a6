"""A force-directed layout of the corpus graph, computed on the server and drawn as plain SVG.

Fruchterman–Reingold in NumPy, started from a circle in id order: no randomness, so the same
corpus always gives the same picture, and the browser needs no graph library (the page's small
script only highlights a node's neighbours).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

WIDTH = 1000.0
HEIGHT = 700.0
MARGIN = 60.0


def layout(
    nodes: list[dict[str, Any]], edges: list[dict[str, Any]], iterations: int
) -> dict[str, tuple[float, float]]:
    """Positions (x, y) in a WIDTH × HEIGHT box for every node id."""
    n = len(nodes)
    if n == 0:
        return {}
    index = {node["id"]: i for i, node in enumerate(nodes)}
    angle = np.arange(n) * (2 * math.pi / n)
    pos = np.stack([np.cos(angle), np.sin(angle)], axis=1) * 0.5
    pairs = np.array(
        [(index[e["source"]], index[e["target"]]) for e in edges if e["source"] in index],
        dtype=int,
    ).reshape(-1, 2)
    k = math.sqrt(1.0 / n)
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=2), 1e-3)
        force = (k * k / dist**2)[:, :, None] * delta  # repulsion, every pair
        disp = force.sum(axis=1)
        if len(pairs):
            d = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            length = np.maximum(np.linalg.norm(d, axis=1), 1e-3)
            pull = (length / k)[:, None] * d  # attraction along edges
            np.add.at(disp, pairs[:, 0], -pull)
            np.add.at(disp, pairs[:, 1], pull)
        disp -= pos * 0.05 * n / max(n, 1)  # gravity keeps unlinked nodes on the page
        length = np.maximum(np.linalg.norm(disp, axis=1), 1e-9)
        pos += disp / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature = max(temperature - cooling, 1e-3)
    low, high = pos.min(axis=0), pos.max(axis=0)
    span = np.where(high - low < 1e-9, 1.0, high - low)
    scaled = (pos - low) / span
    out = {}
    for node in nodes:
        x, y = scaled[index[node["id"]]]
        out[node["id"]] = (
            round(MARGIN + float(x) * (WIDTH - 2 * MARGIN), 1),
            round(MARGIN + float(y) * (HEIGHT - 2 * MARGIN), 1),
        )
    return out


def drawing(graph: dict[str, Any], iterations: int) -> dict[str, Any]:
    """What the SVG template draws: nodes with positions and sizes, edges with end points."""
    nodes, edges = graph["nodes"], graph["edges"]
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
