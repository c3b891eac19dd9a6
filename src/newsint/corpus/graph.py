"""Connected components under edge insertions and deletions, with the changed ones reported.

Stories and claim clusters are connected components: a function of the edge set alone, so the
result is the same whatever order the edges arrived in. Insertions merge the smaller component
into the larger; a deletion re-walks only the component it cut.
"""

from __future__ import annotations

from collections.abc import Iterable


class Components:
    def __init__(self) -> None:
        self.adj: dict[str, set[str]] = {}
        self.comp: dict[str, int] = {}
        self.members: dict[int, set[str]] = {}
        self._next = 0
        self.dirty: set[int] = set()
        self.gone: set[int] = set()

    def _new(self, nodes: set[str]) -> int:
        cid = self._next
        self._next += 1
        self.members[cid] = nodes
        for n in nodes:
            self.comp[n] = cid
        self.dirty.add(cid)
        return cid

    def add_node(self, node: str) -> None:
        if node not in self.comp:
            self.adj[node] = set()
            self._new({node})

    def touch(self, node: str) -> None:
        """Mark the component of `node` as changed (its records need rebuilding)."""
        if node in self.comp:
            self.dirty.add(self.comp[node])

    def add_edge(self, a: str, b: str) -> None:
        self.add_node(a)
        self.add_node(b)
        self.adj[a].add(b)
        self.adj[b].add(a)
        ca, cb = self.comp[a], self.comp[b]
        if ca == cb:
            self.dirty.add(ca)
            return
        if len(self.members[ca]) < len(self.members[cb]):
            ca, cb = cb, ca
        moved = self.members.pop(cb)
        for n in moved:
            self.comp[n] = ca
        self.members[ca] |= moved
        self.dirty.add(ca)
        self.gone.add(cb)

    def remove_edge(self, a: str, b: str) -> None:
        if b not in self.adj.get(a, ()):
            return
        self.adj[a].discard(b)
        self.adj[b].discard(a)
        cid = self.comp[a]
        self.dirty.add(cid)
        reached = self._walk(a)
        if b in reached:
            return
        rest = self.members[cid] - reached
        self.members[cid] = rest
        for n in rest:
            self.comp[n] = cid
        self._new(reached)

    def _walk(self, start: str) -> set[str]:
        seen = {start}
        stack = [start]
        while stack:
            for nb in self.adj[stack.pop()]:
                if nb not in seen:
                    seen.add(nb)
                    stack.append(nb)
        return seen

    def component(self, node: str) -> set[str]:
        return self.members[self.comp[node]]

    def take_changes(self) -> tuple[list[set[str]], set[int]]:
        """Member sets of the components changed since the last call, and ids of vanished ones."""
        alive = [self.members[c] for c in sorted(self.dirty) if c in self.members]
        gone = {c for c in self.gone | self.dirty if c not in self.members}
        changed_ids = {c for c in self.dirty if c in self.members}
        self.dirty = set()
        self.gone = set()
        del changed_ids
        return alive, gone

    def edges(self) -> Iterable[tuple[str, str]]:
        for a, nbs in self.adj.items():
            for b in nbs:
                if a < b:
                    yield a, b
