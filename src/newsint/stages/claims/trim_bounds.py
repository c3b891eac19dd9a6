"""Rule family: contents that run past what PolNeAR marks as reported, trimmed once the contents
are found (after the closing asides, before the cues are widened)."""

from __future__ import annotations

from newsint.stages.claims.bounds import bounds
from newsint.stages.claims.context import _STRIP_END, ExtractorBase, Found, _inside_quote


class TrimBoundRules(ExtractorBase):
    """Contents without the loose words a dropped conjunct leaves at their end."""

    def trim_contents(self, found: list[Found]) -> None:
        for f in found:
            if f.rule == "unattributed":
                continue
            start, end = f.content
            cut = self._dangling_conjunction(start, end)
            if cut is not None:
                new = self.finish(start, cut, cue=f.cue)
                if new[1] > new[0]:
                    f.content = new
                    f.notes.append("dangling conjunction left out")

    def _dangling_conjunction(self, start: int, end: int) -> int | None:
        """Where the content ends before a conjunction left hanging at its end ("…were not
        complete, and"): the conjunct it joined (the speaker's next act, another report) was
        left out, so the conjunction is no one's words (`[dangling_conjunction] words`)."""
        head = self.text[start:end].rstrip(_STRIP_END)
        word = head.rsplit(None, 1)[-1] if head.split() else ""
        if word.lower() not in bounds().dangling_conjunctions or len(head.split()) < 2:
            return None
        cut = start + len(head) - len(word)
        if _inside_quote(self.quotes, cut):
            return None
        return cut
