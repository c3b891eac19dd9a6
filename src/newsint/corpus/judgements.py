"""User judgements on corpus entities: merge two, split members off one; kept as judgements that
can be undone, replayed when a corpus is reopened.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsint.corpus.delta import CorpusDelta
from newsint.corpus.derived import DerivedRecords
from newsint.model import Judgement, stable_id


class JudgementRules(DerivedRecords):
    """Entity merges and splits judged by a user."""

    def load_judgements(self, judgements: Iterable[Judgement]) -> CorpusDelta:
        """Restore user judgements (auto ones are recomputed); they win over automatic ones."""
        for j in judgements:
            if j.by == "user":
                self.resolver.add_user(j)
        return self._finish()

    def merge_entities(self, a: str, b: str) -> CorpusDelta:
        """A user judgement: corpus entities (or article entities) `a` and `b` are the same."""
        ra, rb = self._ref(a), self._ref(b)
        ea, eb = self._entity_nodes(a), self._entity_nodes(b)
        for j in list(self.resolver.user.values()):  # undo splits that separated them
            if j.active and j.verdict == "not-same":
                na, nb = self._node(j.a), self._node(j.b)
                if (na in ea and nb in eb) or (na in eb and nb in ea):
                    self.resolver.add_user(j.model_copy(update={"active": False}))
        self._user(ra, rb, "same", [f"user merged {a} and {b}"])
        return self._finish()

    def split_entity(self, entity: str, members: Iterable[str]) -> CorpusDelta:
        """A user judgement: `members` (article entity keys or name forms `name:TYPE:folded`)
        are not the same referent as the rest of corpus entity `entity`."""
        nodes = self._entity_nodes(entity)
        if not nodes:
            raise KeyError(f"unknown corpus entity {entity!r}")
        wanted = set(members)
        all_members = self.resolver.members_of_entity(self.resolver.node_entity[min(nodes)])
        selected: set[str] = set()
        for ref in wanted:
            if ref.startswith("name:"):
                form = self.resolver.forms.get(ref)
                selected |= {m for m in all_members if form and m in form.members}
            elif ref in all_members:
                selected.add(ref)
        rest = [m for m in all_members if m not in selected]
        if not selected or not rest:
            raise ValueError("a split needs some members on each side")
        ends_sel = self._pin_ends(selected, set(all_members))
        ends_rest = self._pin_ends(set(rest), set(all_members))
        for ends in (ends_sel, ends_rest):
            for other in ends[1:]:
                self._user(ends[0], other, "same", [f"user split {entity}: kept together"])
        self._user(ends_sel[0], ends_rest[0], "not-same", [f"user split {entity}"])
        return self._finish()

    # ------------------------------------------------------------------ user judgement helpers

    def _node(self, ref: str) -> str:
        return ref if ref.startswith("name:") else "m:" + ref

    def _entity_nodes(self, ref: str) -> set[str]:
        """Partition nodes of the corpus entity `ref` names (entity id, member or name form)."""
        if ref in self.resolver.entity_nodes:
            return self.resolver.nodes_of_entity(ref)
        eid = (
            self.resolver.entity_of(ref)
            if not ref.startswith("name:")
            else (self.resolver.node_entity.get(ref))
        )
        return self.resolver.nodes_of_entity(eid) if eid else set()

    def _ref(self, ref: str) -> str:
        """A stable judgement end for a user reference: a corpus entity becomes its smallest
        name form (or member); article entity keys and name forms stay as they are."""
        if ref in self.resolver.entity_nodes:
            nodes = sorted(self.resolver.nodes_of_entity(ref))
            names = [n for n in nodes if n.startswith("name:")]
            return names[0] if names else nodes[0][2:]
        if ref.startswith("name:") or ref in self.resolver.member_form:
            return ref
        raise KeyError(f"unknown entity {ref!r}: give a corpus entity id or an article entity key")

    def _pin_ends(self, members: set[str], all_members: set[str]) -> list[str]:
        """Judgement ends covering `members`: whole name forms where every member of the form in
        this entity is selected, single members otherwise; the smallest first."""
        ends: set[str] = set()
        by_form: dict[str, set[str]] = {}
        for m in members:
            by_form.setdefault(self.resolver.member_form.get(m, ""), set()).add(m)
        for form, chosen in by_form.items():
            in_entity = {m for m in all_members if self.resolver.member_form.get(m) == form}
            if form and chosen == in_entity:
                ends.add(form)
            else:
                ends |= chosen
        return sorted(ends)

    def _user(self, a: str, b: str, verdict: str, evidence: list[str]) -> None:
        a, b = sorted((a, b))
        self.resolver.add_user(
            Judgement(
                id=stable_id("judgement", "user", a, b),
                a=a,
                b=b,
                verdict=verdict,  # type: ignore[arg-type]
                score=1.0,
                evidence=evidence,
                by="user",
            )
        )
