"""Components under insertions and deletions: the same partition whatever the order."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsint.corpus.graph import Components

EDGES = st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), max_size=30)


def partition(c: Components) -> set[frozenset[str]]:
    return {frozenset(m) for m in c.members.values()}


def reference(nodes: set[str], edges: set[tuple[str, str]]) -> set[frozenset[str]]:
    parent = {n: n for n in nodes}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    for a, b in edges:
        parent[find(a)] = find(b)
    groups: dict[str, set[str]] = {}
    for n in nodes:
        groups.setdefault(find(n), set()).add(n)
    return {frozenset(g) for g in groups.values()}


@given(EDGES, EDGES)
def test_insert_then_delete_matches_a_fresh_build(added, removed) -> None:
    c = Components()
    nodes = {str(i) for i in range(13)}
    for n in sorted(nodes):
        c.add_node(n)
    edges = {(str(a), str(b)) for a, b in added if a != b}
    for a, b in edges:
        c.add_edge(a, b)
    gone = {(str(a), str(b)) for a, b in removed if a != b}
    for a, b in gone:
        c.remove_edge(a, b)
        c.remove_edge(b, a)
    kept = {e for e in edges if e not in gone and (e[1], e[0]) not in gone}
    assert partition(c) == reference(nodes, kept)
    changed = c.take_changes()
    assert all(m in c.members.values() for m in changed)
    assert c.take_changes() == []
