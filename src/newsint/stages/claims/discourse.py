"""Rule families across sentences: `continuation` (a quotation with no cue of its own next to one
with a speaker), closing signatures ("— Name"), anaphora ("this information" pointing back) and
the nesting of claims inside the claims that report them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsint.stages.claims.bounds import bounds
from newsint.stages.claims.context import (
    _SIGNATURE,
    ExtractorBase,
    Found,
    _inside_quote,
    _lines,
)
from newsint.stages.claims.lexicon import noun_base
from newsint.stages.claims.quotes import Quote, opens_quotation
from newsint.stages.tokens import tokens_of

_SIGNATURE_DASHES = "—―–-"  # one of them opens every signature (context._SIGNATURE's dash)

if TYPE_CHECKING:
    from spacy.tokens import Span


class DiscourseRules(ExtractorBase):
    """Attributions that span sentences."""

    # ------------------------------------------------------------------ "— Name (@handle)"

    def signatures(self, found: list[Found]) -> list[Found]:
        """Embedded posts and pull quotes signed at the end of their line: "… no one should be
        above the law. — Paul Ryan (@SpeakerRyan) July 5, 2016", "“…”― Pamela Padilla", or a
        line "- Bernie Sanders." under a quotation."""
        out: list[Found] = []
        lines = _lines(self.text)
        for i, (l_start, l_end) in enumerate(lines):
            if not any(self.text.find(d, l_start, l_end) >= 0 for d in _SIGNATURE_DASHES):
                continue  # no dash on the line: the pattern cannot match (it tries every place)
            m = _SIGNATURE.search(self.text, l_start, l_end)
            if m is None or self.text[m.end() : l_end].strip():
                continue
            name_start, name_end = m.span("name")
            if self.text[name_end - 1] == "." and name_end - name_start > 3:
                last = self.text[name_start:name_end].split()[-1]
                if len(last) > 3:  # "― Karen Bobadilla." ends the line; "Jr." keeps its point
                    name_end -= 1
            dash_start, dash_end = m.span("dash")
            start, end = l_start, dash_start
            if not self.text[start:end].strip() and i > 0:
                start, end = lines[i - 1]  # the signature stands alone under its text
            start, end = self.finish(start, end, keep_final=True)
            if len(self.text[start:end].split()) < 3:
                continue
            if not m.group("handle") and not opens_quotation(self.text, start):
                # "… - Jane Roe" under a live blog's entry is its reporter's byline, "Roe Names
                # Her Deputy – Nobody Saw It Coming" a headline's two halves: no one is quoted
                # (PolNeAR train: none of 14 such signatures right)
                continue
            if any(
                f.content[0] <= start < f.content[1] and f.rule != "unattributed" for f in found
            ):
                continue
            name_toks = self.doc.char_span(name_start, name_end, alignment_mode="expand")
            if name_toks is None or not len(name_toks):
                continue
            src = self.sources.from_head(name_toks.root)
            # "Jane Roe (@janeroe)": the handle with its closing parenthesis
            handle_end = m.end("handle") + 1 if m.group("handle") else name_end
            src.start, src.end = name_start, handle_end
            src.text = self.text[src.start : src.end]
            if src.kind == "unknown" and m.group("handle"):
                src.kind = "person"
            dash = self.text[dash_start:dash_end].strip()
            d0 = dash_start + self.text[dash_start:dash_end].index(dash)
            out.append(
                Found(
                    rule="signature",
                    content=(start, end),
                    source=src,
                    cue=(d0, d0 + len(dash)),
                    sentence=(start, end),
                    confidence=self.cfg.confidence_colon,
                )
            )
        return out

    # ------------------------------------------------------------------ quotations

    def continuations(self, found: list[Found]) -> list[Found]:
        """Quotations no cue claims, attributed to the speaker of a neighbouring quotation:
        “…,” said X. “Second part.”  /  X continued:\n\n“…”  /  “…\n\n“…,” X said."""
        out: list[Found] = []
        covered = [f.content for f in found]
        speech = [q for q in self.quotes if q.words(self.text) >= self.cfg.min_speech_quote_words]
        # a short quotation that is a sentence of its own ("“Neither do I.”") continues only the
        # quotation of the sentence right before it
        sentences = [q for q in self.quotes if q not in speech and self._whole_sentence(q)]
        paras = self.paragraphs

        def para_index(pos: int) -> int:
            for i, (s, e) in enumerate(paras):
                if s <= pos < e or pos < s:
                    return i
            return len(paras) - 1

        def is_covered(q: Quote) -> bool:
            return any(s <= q.start and q.end <= e for s, e in covered) or any(
                s < q.end and q.start < e for s, e in covered
            )

        said = [f for f in found if f.rule in ("verb", "colon", "continuation")]
        quoted = [
            f
            for f in said
            if any(f.content[0] <= q.start and q.end <= f.content[1] for q in speech)
        ]
        for q in sorted([*speech, *sentences], key=lambda q: q.start):
            if is_covered(q) or self.in_title(q.start):
                continue
            pi = para_index(q.start)
            prev = [
                f
                for f in quoted
                if f.content[1] <= q.start
                and para_index(f.content[1] - 1) >= pi - self.cfg.continuation_paragraphs
            ]
            nxt = [
                f
                for f in quoted
                if f.content[0] >= q.end and q.open_end and para_index(f.content[0]) == pi + 1
            ]
            src_f = self._sentence_before(said, q)
            if src_f is None and q in sentences:
                continue
            if src_f is None and prev:
                cand = max(prev, key=lambda f: f.content[1])
                between = [
                    f
                    for f in found
                    if cand.content[1] <= f.content[0] < q.start
                    and f.rule != "unattributed"
                    # "…,” X said, referring to Y. “…”: an aside of the same speaker
                    and f.source.key() != cand.source.key()
                ]
                # only a speaker tag between the two ("said Caddell."), or the quotation opens
                # the sentence right after the one with the cue
                cue_end = (
                    self.sents.of(cand.cue_tokens[0]).end_char
                    if cand.cue_tokens
                    else cand.content[1]
                )
                adjacent = not self.text[max(cue_end, cand.content[1]) : q.start].strip()
                if not between and (adjacent or not self._has_other_text(cand.content[1], q.start)):
                    src_f = cand
            if src_f is None and nxt:
                src_f = nxt[0]
            if src_f is None:
                continue
            f = Found(
                rule="continuation",
                content=(q.start, q.end),
                source=src_f.source,
                cue=src_f.cue,
                effect=src_f.effect,
                cue_tokens=list(src_f.cue_tokens),
                sentence=(q.start, q.end),
                confidence=self.cfg.confidence_continuation,
                inherited_from=src_f.cue_tokens[0] if src_f.cue_tokens else None,
            )
            f.notes.append("quotation continues the one attributed by the same cue")
            out.append(f)
            covered.append((q.start, q.end))
            quoted.append(f)
        return out

    def colon_quotes(self, found: list[Found]) -> list[Found]:
        """A quotation opening the paragraph after one that ends with a colon is what that
        colon's sentence reports: "Ms. Roe released the following statement:\n\n“…”", "He
        said that, given the choice:\n\n“…”" (then the quotation is the report's further
        span). The cue is the reporting verb the rules found in that sentence, else its main
        verb when its subject names a speaker (a person, an organisation, a document…). Later
        paragraphs of the same quotation follow as continuations."""
        out: list[Found] = []
        covered = [f.content for f in found if f.rule != "unattributed"]
        for q in self.quotes:
            if q.words(self.text) < self.cfg.min_speech_quote_words or self.in_title(q.start):
                continue
            pi = next((i for i, (s, e) in enumerate(self.paragraphs) if s <= q.start < e), 0)
            p_start = self.paragraphs[pi][0]
            if pi == 0 or self.text[p_start : q.start].strip():
                continue
            if any(s < q.end and q.start < e for s, e in covered):
                continue
            prev = self.paragraphs[pi - 1]
            colon = prev[0] + len(self.text[prev[0] : prev[1]].rstrip()) - 1
            if colon < prev[0] or self.text[colon] != ":":
                continue
            span = self.doc.char_span(colon, colon + 1, alignment_mode="expand")
            if span is None or not len(span):
                continue
            sent = self.sents.of(span[0])
            reports = [
                f
                for f in found
                if f.rule == "verb" and f.cue_tokens and sent.start <= f.cue_tokens[0] < sent.end
            ]
            if any(
                self.lex.cue_verb(self.doc[f.cue_tokens[0]]) in self.lex.positions for f in reports
            ):
                continue  # "X did support the idea, and Y has proof:": a stance says no quotation
            if reports:
                src_f = max(reports, key=lambda f: f.cue_tokens[0])
                source, cue, cue_tokens = src_f.source, src_f.cue, list(src_f.cue_tokens)
            else:
                root = sent.root
                if root.pos_ != "VERB" or _inside_quote(self.quotes, root.idx):
                    continue
                src, _, _ = self._speaker(root)
                if src is None or src.kind not in bounds().colon_quote_kinds:
                    continue
                source, cue, cue_tokens = src, (root.idx, root.idx + len(root.text)), [root.i]
            f = Found(
                rule="continuation",
                content=(q.start, q.end),
                source=source,
                cue=cue,
                cue_tokens=cue_tokens,
                sentence=(q.start, q.end),
                confidence=self.cfg.confidence_continuation,
                inherited_from=cue_tokens[0],
            )
            f.notes.append("quotation after the colon that ends the paragraph before")
            out.append(f)
            covered.append(f.content)
        return out

    def quote_openings(self, found: list[Found]) -> list[Found]:
        """The opening part of a quotation the speaker tag interrupts: “Every time you say
        that,” she said (referring to the vote), “you lose.” The parser ties only the part
        after the tag to the verb; the part before it is the same claim's first span (one cue,
        two spans)."""
        out: list[Found] = []
        covered = [f.content for f in found if f.rule != "unattributed"]
        starts = {q.start: q for q in self.quotes}
        for f in found:
            if f.rule != "verb" or f.content[0] not in starts:
                continue
            frame = f.frame()
            if frame is None or not (frame[1] <= f.content[0]):
                continue
            before = [q for q in self.quotes if q.end <= frame[0]]
            if not before:
                continue
            q = before[-1]
            if self.text[q.end : frame[0]].strip(" ,") or "\n" in self.text[q.end : frame[0]]:
                continue  # other words, or a paragraph break, between the quotation and the tag
            if self._closed_sentence(q):
                continue  # “… not thieves.” X said: “…”: a sentence of its own, not an opening
            gap = self.text[frame[1] : f.content[0]]
            words = [w for w in gap.split() if any(ch.isalnum() for ch in w)]
            if "\n" in gap or len(words) > self.cfg.quote_opening_gap_words:
                continue
            if any(s < q.end and q.start < e for s, e in covered) or self.in_title(q.start):
                continue
            first = Found(
                rule="continuation",
                content=(q.start, q.end),
                source=f.source,
                cue=f.cue,
                effect=f.effect,
                cue_tokens=list(f.cue_tokens),
                sentence=f.sentence,
                confidence=self.cfg.confidence_continuation,
                inherited_from=f.cue_tokens[0] if f.cue_tokens else None,
            )
            first.notes.append("opening part of a quotation its speaker tag interrupts")
            out.append(first)
            covered.append(first.content)
        return out

    def _sentence_before(self, said: list[Found], q: Quote) -> Found | None:
        """The report whose cue ends the sentence right before a quotation that opens a
        sentence of its own: “…,” said X, speaking of Y. “Second part.” / …, X said. “…”"""
        i = self.doc.char_span(q.start, q.end, alignment_mode="expand")
        if i is None or not len(i):
            return None
        # the parser may end the sentence before after the opening mark ("…, he said. ''"):
        # the quotation's sentence is its first word's
        first = next((t for t in i if not (t.is_punct and t.is_quote)), i[0])
        sent = self.sents.of(first)  # Token.sent walks the Doc; the index is a table
        if sent.start == 0 or self.text[sent.start_char : q.start].strip():
            return None
        before = self.sents.of(sent.start - 1)
        if self.text[before.end_char : q.start].count("\n") > 2:
            return None  # a paragraph break: the neighbour rules decide
        cands = [
            f
            for f in said
            if f.cue_tokens
            and before.start <= f.cue_tokens[0] < before.end
            and f.content[1] <= q.start
            and f.content[0] < self.doc[f.cue_tokens[0]].idx  # the cue follows its content
        ]
        return max(cands, key=lambda f: f.content[0]) if cands else None

    def _closed_sentence(self, q: Quote) -> bool:
        """A quotation closed by a full stop inside its marks ends a sentence of its own."""
        return self.text[q.start : q.end].rstrip("“”\"'‘’ ").endswith(".")

    def _whole_sentence(self, q: Quote) -> bool:
        inner = self.text[q.start : q.end].strip("“”\"'‘’ ")
        return bool(inner) and inner[0].isupper() and inner[-1] in ".!?"

    def _has_other_text(self, start: int, end: int) -> bool:
        """Text between two quotations besides a short speaker tag ("said Caddell.")."""
        between = self.text[start:end]
        # remove quotations inside
        for q in self.quotes:
            if start <= q.start and q.end <= end:
                between = between.replace(self.text[q.start : q.end], " ")
        words = [w for w in between.split() if any(ch.isalnum() for ch in w)]
        return len(words) > self.cfg.continuation_gap_words

    # ------------------------------------------------------------------ "This information…"

    def anaphora(self, found: list[Found]) -> None:
        """ "This information was revealed in a document": the source is for the sentence
        before, not for the two words "This information"."""
        lex = self.lex
        tokens = tokens_of(self.doc)
        for f in found:
            words = tokens.char_span(*f.content, expand=True)  # a Span only for a short content
            if words is None or words[1] - words[0] > 3:
                continue
            span = self.doc[words[0] : words[1]]
            root = span.root
            det = {c.lower_ for c in root.children if c.dep_ == "det"}
            if noun_base(root.lower_, lex.anaphora_nouns) and det & (
                lex.anaphora_determiners - {"the"}
            ):
                prev_sent = self._previous_sentence(f.sentence[0])
                if prev_sent is None:
                    continue
                f.anaphor = f.content
                f.content = self.finish(prev_sent.start_char, prev_sent.end_char)
                f.notes.append(f"“{span.text}” in the next sentence points back to this sentence")
                f.rule = "anaphora"
                f.sentence = self.sent_span(prev_sent)
                f.confidence -= self.cfg.resolved_penalty

    def _previous_sentence(self, start: int) -> Span | None:
        toks = self.doc.char_span(start, start + 1, alignment_mode="expand")
        if toks is None or not len(toks):
            return None
        prev = self.sents.before(self.sents.of(toks[0]))
        while prev is not None and not prev.text.strip():
            prev = self.sents.before(prev)
        return prev

    # ------------------------------------------------------------------ nesting

    def nest(self, found: list[Found]) -> None:
        """An attribution whose cue lies inside another's content is reported through it:
        "Putin told Erdogan that…, according to a Kremlin statement" → statement ← Putin."""
        attributed = [f for f in found if f.rule != "unattributed"]
        for f in attributed:
            if f.cue is None:
                continue
            best: Found | None = None
            for g in attributed:
                if g is f or g.content[0] > f.cue[0] or f.cue[1] > g.content[1]:
                    continue
                if g.source.key() == f.source.key() or f.inherited_from in g.cue_tokens:
                    continue
                if f.rule == "continuation":
                    continue
                if best is None or (g.content[1] - g.content[0]) < (
                    best.content[1] - best.content[0]
                ):
                    best = g
            f.parent = best
        # no cycles: a parent chain that returns to itself is cut
        for f in attributed:
            seen = {id(f)}
            node = f.parent
            while node is not None:
                if id(node) in seen:
                    f.parent = None
                    break
                seen.add(id(node))
                node = node.parent
