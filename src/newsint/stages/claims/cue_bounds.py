"""Rule family: a cue span written as PolNeAR writes it, with the words that make up the
reporting verb's phrase ("has also called for", "is warning", "continued:"), applied once the
contents are found (the contents never change here, only the cue's characters)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsint.stages.claims.bounds import bounds
from newsint.stages.claims.context import ExtractorBase, Found

if TYPE_CHECKING:
    from spacy.tokens import Token


class CueBoundRules(ExtractorBase):
    """Cue spans of reporting verbs, widened to their auxiliaries, adverbs and the preposition
    or colon that opens the content."""

    def widen_cues(self, found: list[Found]) -> None:
        """Every attribution sharing one cue gets the same widened cue (the scorer and
        `predict_claims` join the parts of a content by their cue)."""
        groups: dict[tuple[int, int], list[Found]] = {}
        for f in found:
            if f.cue is not None and f.cue_tokens and f.rule != "unattributed":
                groups.setdefault(f.cue, []).append(f)
        for cue, group in groups.items():
            toks = [self.doc[i] for i in group[0].cue_tokens]
            blocked = [f.content for f in group] + [
                (f.source.start, f.source.end)
                for f in group
                if f.source.start is not None and f.source.end is not None
            ]
            start = self._cue_left_words(toks, cue[0], blocked)
            end = self._cue_right_word(toks, cue[1], group, blocked)
            if (start, end) == cue:
                continue
            for f in group:
                f.cue = (start, end)

    def one_claim_per_statement(self, found: list[Found]) -> list[Found]:
        """`found` without a claim that repeats another: the same content and source, its cue
        inside the other's widened cue ("moved to emphasize X" found once for "moved to
        emphasize" and once more for "to emphasize"): one statement, one claim."""

        def key(f: Found) -> tuple[int, int, int | None, int | None]:
            return (*f.content, f.source.start, f.source.end)

        by_key: dict[tuple[int, int, int | None, int | None], list[Found]] = {}
        for f in found:
            if f.cue is not None and f.rule != "unattributed":
                by_key.setdefault(key(f), []).append(f)
        repeated: set[int] = set()
        for group in by_key.values():
            for f in group:
                if any(
                    g is not f and g.cue != f.cue and g.cue[0] <= f.cue[0] and f.cue[1] <= g.cue[1]  # type: ignore[index]
                    for g in group
                ):
                    repeated.add(id(f))
        return [f for f in found if id(f) not in repeated]

    def _cue_left_words(self, toks: list[Token], start: int, blocked: list[tuple[int, int]]) -> int:
        """ "has called", "is also warning", "did not suggest": auxiliaries, negation and
        adverbs of the cue verb right before it (no other word between)."""
        rules = bounds()
        heads = {t.i for t in toks}
        first = min(toks, key=lambda t: t.i)
        i = first.i - 1
        taken = 0
        while i >= 0 and taken < rules.cue_left_max:
            t = self.doc[i]
            if t.is_space:
                i -= 1
                continue
            if (
                t.head.i not in heads
                or t.dep_ not in rules.cue_left_deps
                or t.tag_ in rules.cue_left_not_tags
                or self.text[t.idx + len(t.text) : start].strip()
                or _inside(t.idx, blocked)
                # "so far suggests": an adverb with words of its own before it is a phrase the
                # cue does not take in part ("far suggests"); "has long been" keeps its "been"
                or (t.dep_ == "advmod" and t.left_edge.i < t.i)
            ):
                break
            start = t.idx
            taken += 1
            i -= 1
        return start

    def _cue_right_word(
        self,
        toks: list[Token],
        end: int,
        group: list[Found],
        blocked: list[tuple[int, int]],
    ) -> int:
        """ "called for ‖ the repeal", "complained about ‖ his mic", "noted repeatedly ‖ that…",
        "continued: ‖ “…”": the preposition, adverb or colon right after the cue that opens
        the content."""
        rules = bounds()
        last = max(toks, key=lambda t: t.i)
        j = last.i + 1
        while j < len(self.doc) and self.doc[j].is_space:
            j += 1
        if j >= len(self.doc):
            return end
        t = self.doc[j]
        if self.text[end : t.idx].strip() or _inside(t.idx, blocked):
            return end
        takes = (
            t.dep_ in rules.cue_right_deps
            and t.head.i == last.i
            and t.tag_ not in rules.cue_left_not_tags
        ) or t.text in rules.cue_right_punct
        after = t.idx + len(t.text)
        opens = any(
            f.content[0] >= after and not self.text[after : f.content[0]].strip() for f in group
        )
        return after if takes and opens else end


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def addressed_infinitive(verb: Token, inner: Token, cue_toks: list[Token]) -> bool:
    """Whether a noun stands between a reporting verb and the reporting "to"-infinitive it
    governs ("asked the board to discuss X", "called on the council to review X", "declined
    for years to reveal X"): the cue is then the verb alone, and the infinitive with what
    precedes it is the content, as PolNeAR writes it (`[addressed_infinitive]`); "went on to
    say" and "refused to answer" stay one cue."""
    rules = bounds()
    if inner.dep_ != "xcomp" or not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in inner.children
    ):
        return False
    cue_ids = {t.i for t in cue_toks}
    for c in verb.children:
        if c.i >= inner.i:
            continue
        if c.dep_ in rules.addressed_object_deps:
            nouns = [c]
        elif c.i in cue_ids or c.dep_ in rules.addressed_phrase_deps:
            nouns = [g for g in c.children if g.dep_ == "pobj"]
        else:
            continue
        if any(n.pos_ in rules.addressed_pos for n in nouns):
            return True
    return False
