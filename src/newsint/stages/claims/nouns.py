"""Rule families `noun` and `colon`: a reporting noun with a that-clause and an owner ("X's claim
that…"), and "Name: content" opening a paragraph (headline style).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsint.stages.claims.context import ExtractorBase, Found
from newsint.stages.claims.lexicon import noun_base
from newsint.stages.tokens import tokens_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from newsint.stages.tokens import Tok


class NounRules(ExtractorBase):
    """Reporting nouns and speaker colons."""

    # ------------------------------------------------------------------ reporting nouns

    def noun_cue(self, tok: Tok | Token) -> Found | None:
        """ "X's claim that…"; a table `Tok` becomes spaCy's Token once it is a cue noun."""
        lex = self.lex
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        noun = noun_base(tok.lower_, lex.cue_nouns)
        if noun is None:
            return None
        tok = self.doc[tok.i]
        clause = None
        for c in tok.children:
            if (
                c.dep_ in ("acl", "ccomp", "appos")
                and c.pos_ in ("VERB", "AUX")
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            ):
                clause = c
                break
        if clause is None:
            return None
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is None:
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("by", "from", "of"):
                    owner = next((p for p in c.children if p.dep_ == "pobj"), None)
                    if owner is not None:
                        break
        if owner is not None:
            src = self.sources.from_head(owner)
        elif any(
            self.sources.ent(c) for c in tok.children if c.dep_ in ("compound", "amod", "nmod")
        ):
            src = self.sources.from_head(tok)
        else:
            return None
        start, end = self.finish(*self.span_of(list(clause.subtree)))
        if end <= start:
            return None
        return Found(
            rule="noun",
            content=(start, end),
            source=src,
            cue=(tok.idx, tok.idx + len(tok.text)),
            effect=lex.cue_nouns[noun],
            cue_tokens=[tok.i],
            sentence=self.sent_span(self.sents.of(tok)),
            confidence=self.cfg.confidence_noun,
        )

    # ------------------------------------------------------------------ "Name: content"

    def colon_cue(self, sent: Span) -> Found | None:
        """ "Lewandowski: FBI director acted as judge and jury" (headline style) and
        "BOULDUAN: You guys, back in January…" (transcript turns): a short capitalised name
        opening a paragraph, a colon, and the rest of the paragraph as the content."""
        # a sentence opening its paragraph first (most sentences do not: no word list made)
        para = next((p for p in self.paragraphs if p[0] <= sent.start_char < p[1]), None)
        if para is None or self.text[para[0] : sent.start_char].strip():
            return None
        toks = [t for t in tokens_of(self.doc).tokens[sent.start : sent.end] if not t.is_space]
        if len(toks) < 4:
            return None
        colon = next((t for t in toks[: self.cfg.colon_max_name_words + 1] if t.text == ":"), None)
        if colon is None or colon.i == toks[0].i or not colon.whitespace_:
            return None  # "(NYSE:FRX)" is a ticker, not a speaker and what they say
        name = [t for t in toks if t.i < colon.i]
        while name and name[0].is_punct:  # '"PENCE: …' in a transcript quoted whole
            name.pop(0)
        words = [t for t in name if not t.is_punct]
        if not words or any(t.pos_ in ("VERB", "AUX") and t.tag_ != "NNP" for t in words):
            return None
        if not all(t.text[:1].isupper() or t.lower_ in ("'s", "’s", "of", "the") for t in words):
            return None
        if " ".join(t.lower_ for t in words) in self.lex.colon_stop:
            return None
        rest_start = colon.idx + 1
        # a transcript quoted whole ('"ROE: …'): the turn, not the quotation around it
        start, end = self.finish(rest_start, para[1], cue=(colon.idx, colon.idx + 1))
        if end < para[1] and self.text[end] in "?!":
            end += 1  # a question stays one; a full stop is no part of what was said
        if len(self.text[start:end].split()) < 3:
            return None
        head = max(words, key=lambda t: (t.dep_ not in ("compound", "det", "amod"), t.i))
        src = self.sources.from_head(self.doc[head.i])  # the table's Tok as spaCy's Token
        if src.start is None or src.start > name[0].idx or (src.end or 0) > colon.idx:
            src.start, src.end = name[0].idx, name[-1].idx + len(name[-1].text)
            src.text = self.text[src.start : src.end]
        return Found(
            rule="colon",
            content=(start, end),
            source=src,
            cue=(colon.idx, colon.idx + 1),
            cue_tokens=[colon.i],
            sentence=self.sent_span(sent),
            confidence=self.cfg.confidence_colon,
        )
