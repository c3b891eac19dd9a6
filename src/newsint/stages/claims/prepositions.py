"""Rule family `according`: "according to X", "as reported by X", "per X", "…, citing X": X is the
source of the clause (the whole sentence when the phrase opens or closes it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsint.model import Evidence
from newsint.stages.claims.context import _OPENERS, ExtractorBase, Found
from newsint.stages.claims.lexicon import noun_base
from newsint.stages.claims.source_choice import names_a_speaker, rate_object
from newsint.stages.tokens import tokens_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from newsint.stages.tokens import Tok


class PrepositionRules(ExtractorBase):
    """Reporting prepositions."""

    # ------------------------------------------------------------------ "according to X"

    def prep_cue(self, tok: Tok | Token, sent: Span) -> list[Found]:
        """ "according to X" and its kin (a table `Tok` turns into spaCy's Token once it fits)."""
        lex = self.lex
        out: list[Found] = []
        if tok.lower_ in lex.frame_preps:
            frame = self._poll_frame(self.doc[tok.i], sent)
            if frame is not None:
                return [frame]
        if tok.lower_ not in self._prep_first:
            return out
        tok = self.doc[tok.i]
        table = tokens_of(self.doc).tokens  # "in", "as": common words, compared on the table
        for phrase in lex.prep_cues:
            n = len(phrase)
            if tok.i + n > sent.end or phrase[0] != tok.lower_:
                continue  # (a phrase opening with another word cannot match here)
            words = tuple(t.lower_ for t in table[tok.i : tok.i + n])
            if words != phrase:
                continue
            last = self.doc[tok.i + n - 1]
            obj = next((c for c in last.children if c.dep_ in ("pobj", "dobj")), None)
            if obj is None:
                continue
            src = self.sources.from_head(obj)
            if (phrase[-1] in lex.chaining_preps or phrase == ("per",)) and src.kind == "unknown":
                continue
            if phrase == ("per",) and rate_object(obj):
                continue  # "a $500 donation per person": a rate, no source
            reporter = (
                self._reporter_before(tok, sent) if phrase[-1] in lex.chaining_preps else None
            )
            if reporter is not None and not names_a_speaker(
                obj, self.sources.ent(obj) is not None, lex.source_nouns
            ):
                # "said…, citing the release of prisoners": a reason given, not an origin
                reporter.evidence.append(
                    Evidence(
                        start=tok.idx,
                        end=obj.right_edge.idx + len(obj.right_edge.text),
                        text=self.text[tok.idx : obj.right_edge.idx + len(obj.right_edge.text)],
                        kind="cited",
                    )
                )
                continue
            if reporter is not None:
                reporter.via.append(src)
                reporter.notes.append(
                    f"“{self.text[tok.idx : last.idx + len(last.text)]}” puts {src.text} "
                    "behind the speaker"
                )
                continue
            cue_span = (tok.idx, last.idx + len(last.text))
            src_toks = self.sources.np_tokens(obj)
            # which part of the sentence it scopes over
            first = next(
                (
                    t
                    for t in sent
                    if not (t.is_punct or t.is_space)
                    and not (t.dep_ in ("cc", "advmod") and t.i < tok.i and t.lower_ in _OPENERS)
                ),
                None,
            )
            tail = [t for t in sent if t.i > obj.right_edge.i and not (t.is_punct or t.is_space)]
            aside = self._aside(tok, obj, sent)
            if aside is not None:
                # "Riverton, according to the firm, has lost market share": the frame is an
                # aside; the claim is the sentence around it, in two parts
                (start, end), _ = aside
                scope = "sentence"
            elif first is not None and first.i == tok.i:
                start, end, scope = (
                    obj.right_edge.idx + len(obj.right_edge.text),
                    sent.end_char,
                    "sentence",
                )
            elif not tail and self._comma_before(tok):
                start, end, scope = sent.start_char, tok.idx, "sentence"
            else:
                head = tok.head
                sub = {t.i for t in head.subtree} - {t.i for t in tok.subtree}
                if head.i == tok.i or not sub:
                    continue
                if tok.i <= min(sub) + 1:
                    toks = [i for i in sub if i > tok.right_edge.i]
                else:
                    toks = (
                        [i for i in sub if i < tok.i]
                        if tok.right_edge.i >= max(sub)
                        else sorted(sub)
                    )
                if not toks:
                    continue
                start, end = self.span_of(toks)
                scope = "clause"
            start, end = self.finish(start, end)
            if end <= start:
                continue
            f = Found(
                rule="according",
                content=(start, end),
                source=src,
                cue=cue_span,
                cue_tokens=list(range(tok.i, tok.i + n)),
                source_tokens={t.i for t in src_toks},
                sentence=self.sent_span(sent),
                scope=scope,
                confidence=self.cfg.confidence_according
                - (self.cfg.resolved_penalty if src.resolved_from else 0),
            )
            out.append(f)
            if aside is not None:
                s2, e2 = self.finish(*aside[1], keep_final=False)
                if e2 > s2:
                    # one claim around the aside: the part before it is the lead
                    f.lead, f.content = f.content, (s2, e2)
                    f.notes.append("the aside splits the content: the first part is its lead")
            self.sources.note_speaker(tok.i, src)
        return out

    def _poll_frame(self, tok: Token, sent: Span) -> Found | None:
        """ "In a Courier poll released Monday, 52 percent backed the levy": a poll or survey
        opening the sentence, set off by a comma, is the source of the rest of it."""
        first = next((t for t in sent if not (t.is_punct or t.is_space)), None)
        if first is None or first.i != tok.i or tok.dep_ != "prep":
            return None
        obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if obj is None or noun_base(obj.lower_, self.lex.frame_nouns) is None:
            return None
        comma = obj.right_edge.i + 1
        if comma >= sent.end or self.doc[comma].text != ",":
            return None
        start, end = self.finish(self.doc[comma].idx + 1, sent.end_char)
        if end <= start:
            return None
        src = self.sources.from_head(obj)
        f = Found(
            rule="according",
            content=(start, end),
            source=src,
            cue=(tok.idx, tok.idx + len(tok.text)),
            cue_tokens=[tok.i],
            source_tokens={t.i for t in self.sources.np_tokens(obj)},
            sentence=self.sent_span(sent),
            scope="sentence",
            confidence=self.cfg.confidence_according,
        )
        self.sources.note_speaker(tok.i, src)
        return f

    def _aside(
        self, tok: Token, obj: Token, sent: Span
    ) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """ "X, according to Y, did Z": the phrase set off by commas inside the sentence; the
        parts before and after it, when both hold words."""
        before = self.doc[tok.i - 1] if tok.i > sent.start else None
        end = obj.right_edge.i
        after = self.doc[end + 1] if end + 1 < sent.end else None
        if before is None or after is None or before.text != "," or after.text != ",":
            return None
        head = [t for t in sent if t.i < before.i and not (t.is_punct or t.is_space)]
        rest = [t for t in sent if t.i > after.i and not (t.is_punct or t.is_space)]
        if not head or not rest or any(t.pos_ in ("VERB", "AUX") for t in head):
            return None  # a frame after a whole clause ends it: the rule above takes it
        return (sent.start_char, before.idx), (after.idx + 1, sent.end_char)

    def _reporter_before(self, tok: Token, sent: Span) -> Found | None:
        """ "Reuters reported…, citing two officials": the report the citing phrase extends."""
        verbs = [i for i in self.by_verb if sent.start <= i < tok.i]
        return self.by_verb[max(verbs)] if verbs else None

    def _comma_before(self, tok: Token) -> bool:
        i = tok.i - 1
        while i >= self.sents.of(tok).start and (self.doc[i].is_punct or self.doc[i].is_space):
            if self.doc[i].text in (",", "—", "–", "(", ",”", ',"'):
                return True
            i -= 1
        prev = self.doc[tok.i - 1] if tok.i > 0 else None
        return prev is not None and "," in self.text[prev.idx : tok.idx]

    def _trim_against_outer(self, here: list[Found]) -> None:
        """A sentence-wide "…, according to X." is outside the clause of any verb in the
        sentence, even where the parser hung it inside."""
        for outer in here:
            if outer.scope != "sentence" or outer.cue is None:
                continue
            frame = outer.frame()
            if frame is None:
                continue
            for f in here:
                if f is outer:
                    continue
                s, e = f.content
                if s < frame[0] < e:
                    f.content = self.finish(s, frame[0])
                elif s < frame[1] < e and frame[0] <= s:
                    f.content = self.finish(frame[1], e)
