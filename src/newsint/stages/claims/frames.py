"""Rule family `frame`: reports made by a construction, not by a reporting word — "X made (it)
clear that…" and "as X put it, …" ([frame_reports] in data/claims.toml). Neither verb reports
on its own ("made a deal", "put the file away"); the construction does, and PolNeAR annotates it
(train: "as X put it" 10 of 11, "made (it) clear" with a clause outside quotations 20 of 25).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsint.stages.claims.content import ContentRules
from newsint.stages.claims.context import Found, _finite_clause
from newsint.stages.claims.lexicon import verb_base
from newsint.stages.claims.quotes import inside_speech

if TYPE_CHECKING:
    from spacy.tokens import Token

    from newsint.stages.tokens import Tok


class FrameRules(ContentRules):
    """Reporting constructions of verbs that do not report alone."""

    def frame_report(self, word: Tok | Token) -> Found | None:
        """A construction's report (a table `Tok` turns into spaCy's Token once it fits)."""
        lex = self.lex
        if word.pos_ not in ("VERB", "AUX") or word.dep_ in ("xcomp", "amod", "compound", "aux"):
            return None
        form = word.lower_  # either list (not their union, made anew for every verb)
        if not (
            verb_base(form, lex.clear_verbs, lex.irregular)
            or verb_base(form, lex.put_verbs, lex.irregular)
        ):
            return None
        tok = self.doc[word.i]
        children = list(tok.children)
        if any(c.tag_ == "MD" or (c.dep_ == "aux" and c.lower_ == "to") for c in children):
            return None  # "we need to make it clear", "would make clear": not (yet) said
        if any(c.dep_ == "neg" for c in children):
            return None
        found: tuple[list[Token], tuple[int, int]] | None = None
        clear = verb_base(tok.lower_, lex.clear_verbs, lex.irregular) is not None
        if clear:
            found = self._made_clear(tok, children)
        elif verb_base(tok.lower_, lex.put_verbs, lex.irregular):
            found = self._put_it(tok, children)
        if found is None:
            return None
        if inside_speech(self.quotes, tok.idx, self.text, self.cfg.min_speech_quote_words):
            return None  # "I've made it very clear" inside a quotation is the quoted voice
        cue_toks, (start, end) = found
        src, note, inherited = self._speaker(tok)
        if src is None or (clear and not self._general_speaker(tok, src)):  # type: ignore[attr-defined]
            # "the primary made it clear that…": no speaker, no report ("as X put it" names
            # one whatever X is)
            return None
        cue_span = self.span_of(cue_toks)
        start, end = self.finish(start, end, cue=cue_span)
        if end <= start:
            return None
        f = Found(
            rule="frame",
            content=(start, end),
            source=src,
            cue=cue_span,
            effect=lex.general_status,
            cue_tokens=[t.i for t in cue_toks],
            sentence=self.sent_span(self.sents.of(tok)),
            confidence=self.cfg.confidence_verb,
        )
        if note:
            f.notes.append(note)
            f.confidence -= self.cfg.inherited_penalty
            f.inherited_from = inherited
        return f

    def _made_clear(
        self, tok: Token, children: list[Token]
    ) -> tuple[list[Token], tuple[int, int]] | None:
        """ "made (it) clear that she would veto the levy": the verb, "it" and "clear" are the
        cue, the finite clause after them (on the verb or on "clear") the content."""
        words = self.lex.clear_words
        clear = next((c for c in children if c.lower_ in words and c.i > tok.i), None)
        it = next((c for c in children if c.lower_ == "it" and c.i == tok.i + 1), None)
        if clear is None and it is not None:
            clear = next((g for g in it.children if g.lower_ in words), None)
        if clear is None or clear.i > tok.i + 4:
            return None
        it = it or next((g for g in clear.children if g.lower_ == "it" and g.i < clear.i), None)
        clauses = [c for c in children if c.dep_ == "ccomp" and c.i > clear.i]
        clauses += [g for g in clear.children if g.dep_ in ("ccomp", "advcl") and g.i > clear.i]
        clause = next((c for c in clauses if _finite_clause(c)), None)
        if clause is None:
            return None
        cue = [tok, clear] + ([it] if it is not None else [])
        return cue, self.span_of(self._clause(clause))

    def _put_it(
        self, tok: Token, children: list[Token]
    ) -> tuple[list[Token], tuple[int, int]] | None:
        """ "As the harbour master put it, the pier is a wreck" (the clause it frames) and "as
        Jane Roe put it: “…”" (what follows the colon)."""
        it = next((c for c in children if c.dep_ in ("dobj", "obj") and c.lower_ == "it"), None)
        if it is None or not any(c.dep_ == "mark" and c.lower_ == "as" for c in children):
            return None
        if not any(c.dep_ == "nsubj" for c in children):
            return None
        nxt = self.doc[tok.right_edge.i + 1] if tok.right_edge.i + 1 < len(self.doc) else None
        sent = self.sents.of(tok)
        if nxt is not None and nxt.text == ":" and nxt.i + 1 < sent.end:
            rest = [t for t in sent if t.i > nxt.i]
            return [tok, it], self.span_of(rest)
        head = tok.head
        if tok.dep_ != "advcl" or head.i == tok.i:
            return None
        own = {t.i for t in tok.subtree}
        rest = [t for t in head.subtree if t.i not in own]
        if not any(t.pos_ in ("VERB", "AUX") for t in rest):
            return None
        return [tok, it], self.span_of(rest)
